package locale

func init() {
	add(problemMessages)
}

// problemMessages say what is wrong with a survey file, by problem code.
var problemMessages = map[string]Text{
	"problem.question": {"es": "pregunta", "en": "question", "pt": "pergunta"},
	"problem.yaml": {
		"es": "el archivo no es YAML válido: %s",
		"en": "the file is not valid YAML: %s",
		"pt": "o arquivo não é YAML válido: %s"},
	"problem.not_mapping": {
		"es": "se esperaba un mapa de claves y valores",
		"en": "expected a mapping of keys to values",
		"pt": "esperava-se um mapa de chaves e valores"},
	"problem.not_list": {
		"es": "%q debe ser una lista",
		"en": "%q must be a list",
		"pt": "%q deve ser uma lista"},
	"problem.unknown_key": {
		"es": "clave desconocida %q",
		"en": "unknown key %q",
		"pt": "chave desconhecida %q"},
	"problem.missing": {
		"es": "falta %q",
		"en": "%q is missing",
		"pt": "falta %q"},
	"problem.bad_id": {
		"es": "el id %q no es válido: use minúsculas, cifras y _ y empiece por una letra",
		"en": "id %q is not valid: use lowercase letters, digits and _, starting with a letter",
		"pt": "o id %q não é válido: use minúsculas, dígitos e _, começando por uma letra"},
	"problem.unknown_type": {
		"es": "tipo desconocido %q; los tipos son: %s",
		"en": "unknown type %q; the types are: %s",
		"pt": "tipo desconhecido %q; os tipos são: %s"},
	"problem.duplicate_question": {
		"es": "id repetido: ya hay una pregunta %q en la línea %d",
		"en": "duplicate id: there is already a question %q at line %d",
		"pt": "id repetido: já existe uma pergunta %q na linha %d"},
	"problem.duplicate_profile": {
		"es": "el id %q es de una pregunta de perfil estándar; use otro",
		"en": "id %q belongs to a standard profile question; use another",
		"pt": "o id %q é de uma pergunta de perfil padrão; use outro"},
	"problem.duplicate_choice": {
		"es": "la opción %q está repetida",
		"en": "choice %q is repeated",
		"pt": "a opção %q está repetida"},
	"problem.unknown_list": {
		"es": "la lista de opciones %q no existe",
		"en": "choice list %q does not exist",
		"pt": "a lista de opções %q não existe"},
	"problem.needs_choices": {
		"es": "una pregunta %s necesita opciones",
		"en": "a %s question needs choices",
		"pt": "uma pergunta %s precisa de opções"},
	"problem.no_choices": {
		"es": "una pregunta %s no lleva opciones",
		"en": "a %s question takes no choices",
		"pt": "uma pergunta %s não leva opções"},
	"problem.missing_label": {
		"es": "%s: falta el texto en %q",
		"en": "%s: the text in %q is missing",
		"pt": "%s: falta o texto em %q"},
	"problem.unknown_language": {
		"es": "idioma %q no admitido; use es, en o pt",
		"en": "language %q is not supported; use es, en or pt",
		"pt": "idioma %q não suportado; use es, en ou pt"},
	"problem.default_language": {
		"es": "el idioma por defecto %q no está en languages",
		"en": "default language %q is not in languages",
		"pt": "o idioma padrão %q não está em languages"},
	"problem.audience": {
		"es": "audience debe ser adult o child, no %q",
		"en": "audience must be adult or child, not %q",
		"pt": "audience deve ser adult ou child, não %q"},
	"problem.unknown_profile": {
		"es": "pregunta de perfil desconocida %q; use group, gender, age_band o disability",
		"en": "unknown profile question %q; use group, gender, age_band or disability",
		"pt": "pergunta de perfil desconhecida %q; use group, gender, age_band ou disability"},
	"problem.rank_size": {
		"es": "rank es %d pero la lista solo tiene %d opciones",
		"en": "rank is %d but the list has only %d choices",
		"pt": "rank é %d mas a lista tem só %d opções"},
	"problem.rank_missing": {
		"es": "una pregunta rank necesita rank: cuántas opciones ordenar (1 o más)",
		"en": "a rank question needs rank: how many choices to order (1 or more)",
		"pt": "uma pergunta rank precisa de rank: quantas opções ordenar (1 ou mais)"},
	"problem.points": {
		"es": "una escala tiene 3 o 5 puntos, no %d",
		"en": "a scale has 3 or 5 points, not %d",
		"pt": "uma escala tem 3 ou 5 pontos, não %d"},
	"problem.max_length": {
		"es": "max_length debe ser mayor que 0",
		"en": "max_length must be greater than 0",
		"pt": "max_length deve ser maior que 0"},
	"problem.min_max": {
		"es": "min (%d) es mayor que max (%d)",
		"en": "min (%d) is greater than max (%d)",
		"pt": "min (%d) é maior que max (%d)"},
	"problem.field_type": {
		"es": "%q solo vale para preguntas %s",
		"en": "%q only applies to %s questions",
		"pt": "%q só vale para perguntas %s"},
	"problem.bad_value": {
		"es": "%q: valor no válido %q (%s)",
		"en": "%q: invalid value %q (%s)",
		"pt": "%q: valor inválido %q (%s)"},
	"problem.relevant_parse": {
		"es": "relevant no se puede leer: %s",
		"en": "relevant does not parse: %s",
		"pt": "relevant não pode ser lido: %s"},
	"problem.relevant_unknown": {
		"es": "relevant menciona ${%s}, que no es una pregunta de esta encuesta",
		"en": "relevant refers to ${%s}, which is not a question of this survey",
		"pt": "relevant menciona ${%s}, que não é uma pergunta desta pesquisa"},
	"problem.relevant_later": {
		"es": "relevant menciona ${%s}, que viene después; solo puede mencionar preguntas anteriores",
		"en": "relevant refers to ${%s}, which comes later; it may refer only to earlier questions",
		"pt": "relevant menciona ${%s}, que vem depois; só pode mencionar perguntas anteriores"},
	"problem.variant_before_age": {
		"es": "variants: esta nota va antes de la pregunta de la edad, así que su versión por edad nunca se mostraría; escriba un solo texto para todas las edades",
		"en": "variants: this note comes before the age question, so its age wording would never show; write one text for every age",
		"pt": "variants: esta nota vem antes da pergunta da idade, então a versão por idade nunca apareceria; escreva um só texto para todas as idades"},
	"problem.variant_band": {
		"es": "variants: %q no es una franja de edad (%s)",
		"en": "variants: %q is not an age band (%s)",
		"pt": "variants: %q não é uma faixa etária (%s)"},
	"problem.duplicate_survey": {
		"es": "ya hay una encuesta con id %q en %s",
		"en": "there is already a survey with id %q in %s",
		"pt": "já existe uma pesquisa com id %q em %s"},
	"problem.no_questions": {
		"es": "la encuesta no tiene preguntas",
		"en": "the survey has no questions",
		"pt": "a pesquisa não tem perguntas"},
	"problem.duplicate_key": {
		"es": "la clave %q está repetida",
		"en": "key %q is repeated",
		"pt": "a chave %q está repetida"},
	"problem.profile_twice": {
		"es": "la pregunta de perfil %q está dos veces en profile",
		"en": "profile question %q is listed twice in profile",
		"pt": "a pergunta de perfil %q está duas vezes em profile"},
	"problem.read": {
		"es": "no se puede leer: %s",
		"en": "cannot be read: %s",
		"pt": "não pode ser lido: %s"},
}

func init() {
	add(answerMessages)
}

// answerMessages say what is wrong with an answer, by code.
var answerMessages = map[string]Text{
	"answer.unknown_question": {
		"es": "esta pregunta no existe en la encuesta",
		"en": "this question is not in the survey",
		"pt": "esta pergunta não existe na pesquisa"},
	"answer.note": {
		"es": "este texto no lleva respuesta",
		"en": "this text takes no answer",
		"pt": "este texto não leva resposta"},
	"answer.required": {
		"es": "esta pregunta necesita una respuesta",
		"en": "this question needs an answer",
		"pt": "esta pergunta precisa de uma resposta"},
	"answer.not_relevant": {
		"es": "esta pregunta no corresponde según las respuestas anteriores y no debe responderse",
		"en": "this question does not apply given the earlier answers and must not be answered",
		"pt": "esta pergunta não se aplica segundo as respostas anteriores e não deve ser respondida"},
	"answer.want_choice": {
		"es": "elija una sola opción",
		"en": "choose one option",
		"pt": "escolha uma só opção"},
	"answer.want_list": {
		"es": "la respuesta debe ser una lista de opciones",
		"en": "the answer must be a list of options",
		"pt": "a resposta deve ser uma lista de opções"},
	"answer.want_number": {
		"es": "escriba un número",
		"en": "enter a number",
		"pt": "digite um número"},
	"answer.want_whole": {
		"es": "escriba un número entero",
		"en": "enter a whole number",
		"pt": "digite um número inteiro"},
	"answer.want_bool": {
		"es": "responda sí o no",
		"en": "answer yes or no",
		"pt": "responda sim ou não"},
	"answer.want_text": {
		"es": "la respuesta debe ser un texto",
		"en": "the answer must be text",
		"pt": "a resposta deve ser um texto"},
	"answer.unknown_choice": {
		"es": "la opción %q no existe en esta pregunta",
		"en": "option %q is not one of this question's options",
		"pt": "a opção %q não existe nesta pergunta"},
	"answer.repeated_choice": {
		"es": "la opción %q aparece dos veces",
		"en": "option %q appears twice",
		"pt": "a opção %q aparece duas vezes"},
	"answer.too_many": {
		"es": "hay más respuestas que opciones (%d)",
		"en": "there are more answers than options (%d)",
		"pt": "há mais respostas que opções (%d)"},
	"answer.prefer_not_alone": {
		"es": "«Prefiero no responder» no se combina con otras opciones",
		"en": "\"I prefer not to answer\" cannot be combined with other options",
		"pt": "\"Prefiro não responder\" não se combina com outras opções"},
	"answer.exclusive_alone": {
		"es": "la opción %q no se combina con otras opciones",
		"en": "option %q cannot be combined with other options",
		"pt": "a opção %q não se combina com outras opções"},
	"answer.rank_too_many": {
		"es": "ordene como máximo %d opciones",
		"en": "rank at most %d options",
		"pt": "ordene no máximo %d opções"},
	"answer.scale_range": {
		"es": "elija un punto de la escala entre 1 y %d",
		"en": "choose a point on the scale from 1 to %d",
		"pt": "escolha um ponto da escala entre 1 e %d"},
	"answer.below_min": {
		"es": "el número no puede ser menor que %d",
		"en": "the number cannot be less than %d",
		"pt": "o número não pode ser menor que %d"},
	"answer.above_max": {
		"es": "el número no puede ser mayor que %d",
		"en": "the number cannot be greater than %d",
		"pt": "o número não pode ser maior que %d"},
	"answer.bad_utf8": {
		"es": "el texto tiene caracteres no válidos",
		"en": "the text has invalid characters",
		"pt": "o texto tem caracteres inválidos"},
	"answer.control_chars": {
		"es": "el texto tiene caracteres de control no permitidos",
		"en": "the text has control characters that are not allowed",
		"pt": "o texto tem caracteres de controle não permitidos"},
	"answer.too_long": {
		"es": "el texto puede tener hasta %d caracteres y tiene %d",
		"en": "the text may have up to %d characters and has %d",
		"pt": "o texto pode ter até %d caracteres e tem %d"},
}

func init() {
	add(exprPhraseMessages)
}

// exprPhraseMessages are the parts an expression error is made of.
var exprPhraseMessages = map[string]Text{
	"expr_phrase.column": {"es": "columna %d: ", "en": "column %d: ", "pt": "coluna %d: "},
	"expr_phrase.value": {
		"es": "un valor (${pregunta}, 'texto', número o función)",
		"en": "a value (${question}, 'text', a number or a function)",
		"pt": "um valor (${pergunta}, 'texto', número ou função)"},
	"expr_phrase.choice": {
		"es": "un id de opción entre comillas",
		"en": "a quoted choice id",
		"pt": "um id de opção entre aspas"},
	"expr_phrase.comma_or_paren": {"es": "',' o ')'", "en": "',' or ')'", "pt": "',' ou ')'"},
}

func init() {
	add(exprMessages)
	addOne(map[string]Text{
		"expr.wrong_arg_count": {"es": "%s lleva %d argumento, no %d", "en": "%s takes %d argument, not %d", "pt": "%s leva %d argumento, não %d"},
	})
}

// exprMessages say why a relevant expression was rejected, by code.
var exprMessages = map[string]Text{
	"expr.unexpected_char": {
		"es": "carácter inesperado %s",
		"en": "unexpected character %s",
		"pt": "caractere inesperado %s"},
	"expr.unterminated_string": {
		"es": "el texto entre comillas no se cierra",
		"en": "the quoted text is never closed",
		"pt": "o texto entre aspas não é fechado"},
	"expr.unexpected_end": {
		"es": "la expresión termina antes de tiempo: se esperaba %s",
		"en": "the expression ends too soon: expected %s",
		"pt": "a expressão termina cedo demais: esperava-se %s"},
	"expr.unexpected_token": {
		"es": "se esperaba %s y se encontró %s",
		"en": "expected %s but found %s",
		"pt": "esperava-se %s e foi encontrado %s"},
	"expr.unknown_function": {
		"es": "función desconocida %s; se admiten not, selected y count-selected",
		"en": "unknown function %s; not, selected and count-selected are allowed",
		"pt": "função desconhecida %s; são aceitas not, selected e count-selected"},
	"expr.wrong_arg_count": {
		"es": "%s lleva %d argumentos, no %d",
		"en": "%s takes %d arguments, not %d",
		"pt": "%s leva %d argumentos, não %d"},
	"expr.not_a_reference": {
		"es": "el primer argumento de %s debe ser una pregunta, como ${pregunta}",
		"en": "the first argument of %s must be a question, like ${question}",
		"pt": "o primeiro argumento de %s deve ser uma pergunta, como ${pergunta}"},
	"expr.empty_reference": {
		"es": "referencia vacía ${}: falta el id de la pregunta",
		"en": "empty reference ${}: the question id is missing",
		"pt": "referência vazia ${}: falta o id da pergunta"},
	"expr.invalid_reference": {
		"es": "%s no es un id de pregunta válido (letras, dígitos, _ . -, y empieza por letra o _)",
		"en": "%s is not a valid question id (letters, digits, _ . -, starting with a letter or _)",
		"pt": "%s não é um id de pergunta válido (letras, dígitos, _ . -, começando por letra ou _)"},
	"expr.chained_comparison": {
		"es": "no se pueden encadenar comparaciones con %s; únalas con and: ${a} > 1 and ${a} < 5",
		"en": "comparisons cannot be chained with %s; join them with and: ${a} > 1 and ${a} < 5",
		"pt": "não se podem encadear comparações com %s; junte-as com and: ${a} > 1 and ${a} < 5"},
	"expr.trailing_input": {
		"es": "sobra %s tras una expresión completa (¿falta and u or?)",
		"en": "unexpected %s after a complete expression (missing and or or?)",
		"pt": "sobra %s depois de uma expressão completa (falta and ou or?)"},
	"expr.number_out_of_range": {
		"es": "el número %s es demasiado grande",
		"en": "the number %s is too large",
		"pt": "o número %s é grande demais"},
	"expr.too_deep": {
		"es": "demasiados niveles de paréntesis o funciones anidadas (máximo %d)",
		"en": "too many nested parentheses or functions (at most %d)",
		"pt": "níveis demais de parênteses ou funções aninhadas (máximo %d)"},
}
