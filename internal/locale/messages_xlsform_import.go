package locale

func init() {
	add(xlsformPlaceMessages)
}

// xlsformPlaceMessages name the place of a problem in a workbook.
var xlsformPlaceMessages = map[string]Text{
	"xlsform_place.row":    {"es": "fila", "en": "row", "pt": "linha"},
	"xlsform_place.column": {"es": "columna", "en": "column", "pt": "coluna"},
}

func init() {
	add(xlsformProblemMessages)
}

// xlsformProblemMessages say what is wrong with an XLSForm workbook (errors) or what was left out or changed (notes), by code.
var xlsformProblemMessages = map[string]Text{
	// Errors: nothing is written while one remains.
	"xlsform_problem.not_xlsx": {
		"es": "el archivo no es un libro .xlsx que se pueda leer: %s",
		"en": "the file is not a readable .xlsx workbook: %s",
		"pt": "o arquivo não é uma pasta de trabalho .xlsx legível: %s"},
	"xlsform_problem.no_survey_sheet": {
		"es": "falta la hoja survey",
		"en": "the survey sheet is missing",
		"pt": "falta a planilha survey"},
	"xlsform_problem.no_column": {
		"es": "falta la columna %q",
		"en": "column %q is missing",
		"pt": "falta a coluna %q"},
	"xlsform_problem.refused_repeat": {
		"es": "los grupos que se repiten (begin repeat) no están admitidos: cada persona responde una vez",
		"en": "repeating groups (begin repeat) are not supported: each person answers once",
		"pt": "grupos repetidos (begin repeat) não são suportados: cada pessoa responde uma vez"},
	"xlsform_problem.refused_calculate": {
		"es": "los cálculos (%s) no están admitidos",
		"en": "calculations (%s) are not supported",
		"pt": "cálculos (%s) não são suportados"},
	"xlsform_problem.refused_identifying": {
		"es": "el tipo %q no está admitido: " + xlsformIdentifying["es"],
		"en": "type %q is not supported: " + xlsformIdentifying["en"],
		"pt": "o tipo %q não é suportado: " + xlsformIdentifying["pt"]},
	"xlsform_problem.refused_from_file": {
		"es": "el tipo %q usa un archivo externo, que Consulta no admite",
		"en": "type %q uses an external file, which Consulta does not support",
		"pt": "o tipo %q usa um arquivo externo, que o Consulta não suporta"},
	"xlsform_problem.refused_function": {
		"es": "%s() lee datos de fuera del formulario y no está admitido",
		"en": "%s() reads data from outside the form and is not supported",
		"pt": "%s() lê dados de fora do formulário e não é suportado"},
	"xlsform_problem.refused_encryption": {
		"es": "los formularios cifrados (public_key) no están admitidos",
		"en": "encrypted forms (public_key) are not supported",
		"pt": "formulários criptografados (public_key) não são suportados"},
	"xlsform_problem.refused_entities": {
		"es": "las entidades (%s) no están admitidas: Consulta no guarda datos de personas ni lugares",
		"en": "entities (%s) are not supported: Consulta keeps no records of people or places",
		"pt": "entidades (%s) não são suportadas: o Consulta não guarda registros de pessoas nem lugares"},
	"xlsform_problem.unknown_type": {
		"es": "tipo desconocido o no admitido %q; los admitidos son select_one, select_multiple, rank, integer, decimal, range, text, note, acknowledge, begin group, end group",
		"en": "unknown or unsupported type %q; supported: select_one, select_multiple, rank, integer, decimal, range, text, note, acknowledge, begin group, end group",
		"pt": "tipo desconhecido ou não suportado %q; suportados: select_one, select_multiple, rank, integer, decimal, range, text, note, acknowledge, begin group, end group"},
	"xlsform_problem.missing_name": {
		"es": "falta el nombre (name) de la pregunta",
		"en": "the question has no name",
		"pt": "falta o nome (name) da pergunta"},
	"xlsform_problem.bad_name": {
		"es": "el nombre %q no es válido: use minúsculas sin tildes, cifras y _ y empiece por una letra",
		"en": "name %q is not valid: use lowercase letters without accents, digits and _, starting with a letter",
		"pt": "o nome %q não é válido: use minúsculas sem acentos, dígitos e _, começando por uma letra"},
	"xlsform_problem.duplicate_name": {
		"es": "el nombre %q ya está en la fila %d",
		"en": "name %q is already used at row %d",
		"pt": "o nome %q já está na linha %d"},
	"xlsform_problem.end_group_unmatched": {
		"es": "end group sin su begin group",
		"en": "end group without a matching begin group",
		"pt": "end group sem o seu begin group"},
	"xlsform_problem.begin_group_unmatched": {
		"es": "begin group %q sin su end group",
		"en": "begin group %q is never closed with end group",
		"pt": "begin group %q sem o seu end group"},
	"xlsform_problem.no_list": {
		"es": "falta la lista de opciones después de %s",
		"en": "the choice list after %s is missing",
		"pt": "falta a lista de opções depois de %s"},
	"xlsform_problem.unknown_list": {
		"es": "la lista de opciones %q no está en la hoja choices",
		"en": "choice list %q is not in the choices sheet",
		"pt": "a lista de opções %q não está na planilha choices"},
	"xlsform_problem.duplicate_choice": {
		"es": "la opción %q ya está en la lista %q (fila %d)",
		"en": "choice %q is already in list %q (row %d)",
		"pt": "a opção %q já está na lista %q (linha %d)"},
	"xlsform_problem.missing_text": {
		"es": "falta el texto en %s",
		"en": "the text in %s is missing",
		"pt": "falta o texto em %s"},
	"xlsform_problem.relevant": {
		"es": "esta condición no se puede usar: %s",
		"en": "this condition cannot be used: %s",
		"pt": "esta condição não pode ser usada: %s"},
	"xlsform_problem.required_value": {
		"es": "required debe ser yes o no, no %q",
		"en": "required must be yes or no, not %q",
		"pt": "required deve ser yes ou no, não %q"},
	"xlsform_problem.range": {
		"es": "un range se admite solo de 1 a 3 o de 1 a 5 con paso 1 (una escala); aquí es %s",
		"en": "a range is supported only from 1 to 3 or 1 to 5 in steps of 1 (a scale); here it is %s",
		"pt": "um range só é suportado de 1 a 3 ou de 1 a 5 com passo 1 (uma escala); aqui é %s"},
	"xlsform_problem.choice_filter": {
		"es": "choice_filter no está admitido (%s): haga una lista de opciones para cada caso",
		"en": "choice_filter is not supported (%s): make one choice list for each case",
		"pt": "choice_filter não é suportado (%s): faça uma lista de opções para cada caso"},
	"xlsform_problem.bad_id": {
		"es": "form_id %q no es válido: use minúsculas, cifras, - y _",
		"en": "form_id %q is not valid: use lowercase letters, digits, - and _",
		"pt": "form_id %q não é válido: use minúsculas, dígitos, - e _"},
	"xlsform_problem.no_language": {
		"es": "ninguna columna label está en español, inglés o portugués",
		"en": "no label column is in Spanish, English or Portuguese",
		"pt": "nenhuma coluna label está em espanhol, inglês ou português"},
	"xlsform_problem.consulta_value": {
		"es": "valor no válido %q: %s",
		"en": "invalid value %q: %s",
		"pt": "valor inválido %q: %s"},
	"xlsform_problem.survey": {
		"es": "%s",
		"en": "%s",
		"pt": "%s"},

	// Notes: the import goes ahead.
	"xlsform_problem.note_sheet": {
		"es": "hoja %q ignorada",
		"en": "sheet %q ignored",
		"pt": "planilha %q ignorada"},
	"xlsform_problem.note_metadata": {
		"es": "el dato automático %q no se recoge y se ha quitado",
		"en": "automatic field %q is not collected and was left out",
		"pt": "o dado automático %q não é coletado e foi retirado"},
	"xlsform_problem.note_language": {
		"es": "el idioma %q no está entre los de Consulta (es, en, pt): sus textos se han dejado fuera",
		"en": "language %q is not one Consulta speaks (es, en, pt): its texts were left out",
		"pt": "o idioma %q não está entre os do Consulta (es, en, pt): os seus textos foram deixados de fora"},
	"xlsform_problem.note_column": {
		"es": "columna %q ignorada: Consulta no la usa",
		"en": "column %q ignored: Consulta does not use it",
		"pt": "coluna %q ignorada: o Consulta não a usa"},
	"xlsform_problem.note_appearance": {
		"es": "apariencia %q ignorada: Consulta muestra cada tipo de pregunta a su manera",
		"en": "appearance %q ignored: Consulta shows each question type its own way",
		"pt": "aparência %q ignorada: o Consulta mostra cada tipo de pergunta do seu jeito"},
	"xlsform_problem.note_constraint": {
		"es": "la restricción %q no se comprueba y se ha dejado fuera; solo se leen . >= a and . <= b, string-length(.) <= n y opciones exclusivas",
		"en": "constraint %q is not checked and was left out; only . >= a and . <= b, string-length(.) <= n and exclusive choices are read",
		"pt": "a restrição %q não é verificada e foi deixada de fora; só se leem . >= a and . <= b, string-length(.) <= n e opções exclusivas"},
	"xlsform_problem.note_message": {
		"es": "los mensajes propios (%s) se ignoran: Consulta dice lo que falta con sus propias palabras",
		"en": "custom messages (%s) are ignored: Consulta says what is missing in its own words",
		"pt": "as mensagens próprias (%s) são ignoradas: o Consulta diz o que falta com as suas palavras"},
	"xlsform_problem.note_decimal": {
		"es": "decimal se importa como integer: las respuestas serán números enteros",
		"en": "decimal is imported as integer: answers will be whole numbers",
		"pt": "decimal é importado como integer: as respostas serão números inteiros"},
	"xlsform_problem.note_group": {
		"es": "el grupo %q es una nota de sección; su condición se aplica a cada pregunta del grupo",
		"en": "group %q becomes a section note; its condition applies to every question in it",
		"pt": "o grupo %q vira uma nota de seção; a sua condição vale para cada pergunta do grupo"},
	"xlsform_problem.note_or_other": {
		"es": "or_other: se añadieron la opción \"other\" y la pregunta de texto %q",
		"en": "or_other: added the choice \"other\" and the text question %q",
		"pt": "or_other: foram acrescentadas a opção \"other\" e a pergunta de texto %q"},
	"xlsform_problem.note_profile": {
		"es": "%q es una pregunta de perfil estándar: se usan el texto y las opciones comunes de Consulta",
		"en": "%q is a standard profile question: Consulta's common wording and choices are used",
		"pt": "%q é uma pergunta de perfil padrão: usam-se o texto e as opções comuns do Consulta"},
	"xlsform_problem.note_yes_no": {
		"es": "la lista tiene solo yes y no: se importa como pregunta sí/no",
		"en": "the list has only yes and no: imported as a yes/no question",
		"pt": "a lista tem só yes e no: importada como pergunta sim/não"},
	"xlsform_problem.note_rank": {
		"es": "rank sin consulta::rank: se piden las %d primeras",
		"en": "rank without consulta::rank: the top %d are asked for",
		"pt": "rank sem consulta::rank: pedem-se as %d primeiras"},
	"xlsform_problem.note_image": {
		"es": "la imagen %q no es un icono de Consulta y se ha dejado fuera",
		"en": "image %q is not one of Consulta's icons and was left out",
		"pt": "a imagem %q não é um ícone do Consulta e foi deixada de fora"},
	"xlsform_problem.note_media": {
		"es": "los archivos multimedia de las preguntas (%s) no se usan",
		"en": "media files on questions (%s) are not used",
		"pt": "os arquivos de mídia das perguntas (%s) não são usados"},
	"xlsform_problem.note_title": {
		"es": "el título solo está en %s: se usa también para %s",
		"en": "the title is only in %s: it is used for %s as well",
		"pt": "o título só está em %s: é usado também para %s"},
	"xlsform_problem.note_choice_filter": {
		"es": "choice_filter %q siempre es verdadero y se ignora",
		"en": "choice_filter %q is always true and is ignored",
		"pt": "choice_filter %q é sempre verdadeiro e é ignorado"},
	"xlsform_problem.note_setting": {
		"es": "ajuste %q ignorado",
		"en": "setting %q ignored",
		"pt": "ajuste %q ignorado"},
}

func init() {
	add(xlsformOtherMessages)
}

// xlsformOtherMessages label the choice and the question an "or_other" list adds.
var xlsformOtherMessages = map[string]Text{
	"xlsform_other.other":   {"es": "Otro", "en": "Other", "pt": "Outro"},
	"xlsform_other.specify": {"es": "¿Cuál? Escríbalo", "en": "Which? Please write it", "pt": "Qual? Escreva"},
}

// xlsformIdentifying is why media, geo and scanned answers are refused, said once for every such type.
var xlsformIdentifying = Text{
	"es": "en una tablet compartida puede identificar a quien responde",
	"en": "on a shared tablet it can identify the person answering",
	"pt": "num tablet compartilhado pode identificar quem responde",
}
