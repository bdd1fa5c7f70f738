package web

import "consulta/internal/survey"

func init() {
	for k, v := range planMessages {
		messages[k] = v
	}
}

// planMessages are the texts of the development plan pages, their import errors, the
// validation round and the council's plan page.
var planMessages = map[string]survey.Label{
	"plan.plans":     {"es": "Planes", "en": "Plans", "pt": "Planos"},
	"plan.intro":     {"es": "Los planes de desarrollo municipal y su validación con la comunidad.", "en": "Municipal development plans and their validation with the community.", "pt": "Os planos de desenvolvimento municipal e sua validação com a comunidade."},
	"plan.new":       {"es": "Nuevo plan", "en": "New plan", "pt": "Novo plano"},
	"plan.none":      {"es": "Todavía no hay planes.", "en": "There are no plans yet.", "pt": "Ainda não há planos."},
	"plan.period":    {"es": "Período", "en": "Period", "pt": "Período"},
	"plan.state":     {"es": "Estado", "en": "State", "pt": "Estado"},
	"plan.work_on":   {"es": "Editar y preparar", "en": "Edit and prepare", "pt": "Editar e preparar"},
	"plan.not_found": {"es": "No existe ese plan.", "en": "There is no such plan.", "pt": "Esse plano não existe."},
	"plan.not_draft": {
		"es": "El plan ya está en validación: sus prioridades no pueden cambiar.",
		"en": "The plan is already in validation: its priorities can no longer change.",
		"pt": "O plano já está em validação: suas prioridades não podem mais mudar."},
	"plan.no_items": {"es": "El plan todavía no tiene prioridades.", "en": "The plan has no priorities yet.", "pt": "O plano ainda não tem prioridades."},
	"plan.invalid":  {"es": "El plan tiene un problema: %s", "en": "The plan has a problem: %s", "pt": "O plano tem um problema: %s"},

	"plan.state.draft":         {"es": "Borrador", "en": "Draft", "pt": "Rascunho"},
	"plan.state.in_validation": {"es": "En validación", "en": "In validation", "pt": "Em validação"},
	"plan.state.validated":     {"es": "Validado", "en": "Validated", "pt": "Validado"},

	"plan.title_in":  {"es": "Título (%s)", "en": "Title (%s)", "pt": "Título (%s)"},
	"plan.period_in": {"es": "Período (%s)", "en": "Period (%s)", "pt": "Período (%s)"},
	"plan.axes":      {"es": "Ejes", "en": "Axes", "pt": "Eixos"},
	"plan.axes_help": {
		"es": "Un eje por línea: código | título en español | en inglés | en portugués. Por ejemplo: E1 | Servicios básicos | Basic services | Serviços básicos",
		"en": "One axis a line: code | title in Spanish | in English | in Portuguese. For example: E1 | Servicios básicos | Basic services | Serviços básicos",
		"pt": "Um eixo por linha: código | título em espanhol | em inglês | em português. Por exemplo: E1 | Servicios básicos | Basic services | Serviços básicos"},
	"plan.save":           {"es": "Guardar", "en": "Save", "pt": "Salvar"},
	"plan.council_page":   {"es": "Plan para el concejo", "en": "Plan for the council", "pt": "Plano para a câmara"},
	"plan.download_adult": {"es": "Descargar la encuesta de adultos", "en": "Download the adult survey", "pt": "Baixar a pesquisa de adultos"},
	"plan.download_child": {"es": "Descargar la encuesta infantil", "en": "Download the child survey", "pt": "Baixar a pesquisa infantil"},
	"plan.items":          {"es": "Prioridades", "en": "Priorities", "pt": "Prioridades"},
	"plan.items_caption":  {"es": "Prioridades en el orden propuesto", "en": "Priorities in the proposed order", "pt": "Prioridades na ordem proposta"},
	"plan.item":           {"es": "Prioridad", "en": "Priority", "pt": "Prioridade"},
	"plan.new_item":       {"es": "Nueva prioridad", "en": "New priority", "pt": "Nova prioridade"},
	"plan.edit_item":      {"es": "Cambiar esta prioridad", "en": "Change this priority", "pt": "Alterar esta prioridade"},
	"plan.item_details":   {"es": "Datos de la prioridad", "en": "Priority details", "pt": "Dados da prioridade"},
	"plan.delete_item":    {"es": "Quitar esta prioridad", "en": "Remove this priority", "pt": "Remover esta prioridade"},
	"plan.code":           {"es": "Código", "en": "Code", "pt": "Código"},
	"plan.code_help": {
		"es": "Letras, números, punto o guion; hasta 16 caracteres (por ejemplo S1 o 2.3).",
		"en": "Letters, digits, dot or dash; up to 16 characters (for example S1 or 2.3).",
		"pt": "Letras, números, ponto ou hífen; até 16 caracteres (por exemplo S1 ou 2.3)."},
	"plan.axis":             {"es": "Eje", "en": "Axis", "pt": "Eixo"},
	"plan.summary_in":       {"es": "Resumen en lenguaje sencillo (%s)", "en": "Plain-language summary (%s)", "pt": "Resumo em linguagem simples (%s)"},
	"plan.child_summary":    {"es": "Resumen para niñas y niños", "en": "Summary for children", "pt": "Resumo para crianças"},
	"plan.child_summary_in": {"es": "Resumen para niñas y niños (%s, opcional)", "en": "Summary for children (%s, optional)", "pt": "Resumo para crianças (%s, opcional)"},
	"plan.icon":             {"es": "Ícono", "en": "Icon", "pt": "Ícone"},
	"plan.proposed_order":   {"es": "Orden propuesto", "en": "Proposed order", "pt": "Ordem proposta"},
	"plan.budget":           {"es": "Presupuesto (opcional)", "en": "Budget (optional)", "pt": "Orçamento (opcional)"},
	"plan.currency":         {"es": "Moneda (código de 3 letras)", "en": "Currency (3-letter code)", "pt": "Moeda (código de 3 letras)"},
	"plan.unit":             {"es": "Unidad responsable", "en": "Responsible unit", "pt": "Unidade responsável"},
	"plan.evidence":         {"es": "Evidencia", "en": "Evidence", "pt": "Evidência"},
	"plan.evidence_help": {
		"es": "Una por línea: consulta/pregunta/opción, por ejemplo demo-community/top_services/health.",
		"en": "One a line: consultation/question/choice, for example demo-community/top_services/health.",
		"pt": "Uma por linha: consulta/pergunta/opção, por exemplo demo-community/top_services/health."},
	"plan.no_evidence":       {"es": "Esta prioridad no tiene evidencia enlazada.", "en": "This priority has no evidence linked.", "pt": "Esta prioridade não tem evidência vinculada."},
	"plan.evidence_live":     {"es": "Hoy", "en": "Today", "pt": "Hoje"},
	"plan.evidence_by":       {"es": "Quiénes la eligieron, por grupo y género", "en": "Who chose it, by group and gender", "pt": "Quem a escolheu, por grupo e gênero"},
	"plan.evidence_none":     {"es": "No hay cifras publicables para esta evidencia.", "en": "There are no publishable figures for this evidence.", "pt": "Não há números publicáveis para esta evidência."},
	"plan.evidence_snapshot": {"es": "Al proponer el plan (%s)", "en": "When the plan was proposed (%s)", "pt": "Quando o plano foi proposto (%s)"},
	"plan.chose_share":       {"es": "La eligieron (IC 95 %)", "en": "Chose it (CI 95%)", "pt": "Escolheram (IC 95%)"},

	"plan.import": {"es": "Importar desde una hoja", "en": "Import from a sheet", "pt": "Importar de uma planilha"},
	"plan.import_help": {
		"es": "Una fila por prioridad, con una primera fila de nombres de columna. Reemplaza todos los ejes y prioridades del borrador; si hay un error no se guarda nada.",
		"en": "One row per priority, with a first row of column names. It replaces every axis and priority of the draft; if there is an error nothing is stored.",
		"pt": "Uma linha por prioridade, com uma primeira linha de nomes de coluna. Substitui todos os eixos e prioridades do rascunho; se houver um erro nada é salvo."},
	"plan.columns":        {"es": "Columnas", "en": "Columns", "pt": "Colunas"},
	"plan.sheet":          {"es": "Hoja CSV o XLSX", "en": "CSV or XLSX sheet", "pt": "Planilha CSV ou XLSX"},
	"plan.import_button":  {"es": "Importar", "en": "Import", "pt": "Importar"},
	"plan.import_refused": {"es": "No se importó nada. Corrija la hoja y vuelva a intentarlo:", "en": "Nothing was imported. Correct the sheet and try again:", "pt": "Nada foi importado. Corrija a planilha e tente de novo:"},

	"plan.err.at_row_column": {"es": "Fila %d, columna %s:", "en": "Row %d, column %s:", "pt": "Linha %d, coluna %s:"},
	"plan.err.at_column":     {"es": "Columna %s:", "en": "Column %s:", "pt": "Coluna %s:"},
	"plan.err.at_line":       {"es": "Línea %d:", "en": "Line %d:", "pt": "Linha %d:"},
	"plan.err.required":      {"es": "hace falta un texto.", "en": "a text is needed.", "pt": "falta um texto."},
	"plan.err.too_long": {
		"es": "el texto es demasiado largo (como máximo %d caracteres, tiene %d).",
		"en": "the text is too long (at most %d characters, it has %d).",
		"pt": "o texto é longo demais (no máximo %d caracteres, tem %d)."},
	"plan.err.bad_code": {
		"es": "el código «%s» no sirve: use letras, números, punto o guion, hasta 16 caracteres.",
		"en": "the code \"%s\" will not do: use letters, digits, dot or dash, up to 16 characters.",
		"pt": "o código «%s» não serve: use letras, números, ponto ou hífen, até 16 caracteres."},
	"plan.err.duplicate_code": {
		"es": "el código «%s» ya se usa en la fila %d.",
		"en": "the code \"%s\" is already used in row %d.",
		"pt": "o código «%s» já é usado na linha %d."},
	"plan.err.duplicate_axis": {"es": "el eje «%s» aparece dos veces.", "en": "the axis \"%s\" appears twice.", "pt": "o eixo «%s» aparece duas vezes."},
	"plan.err.unknown_axis":   {"es": "no hay un eje «%s».", "en": "there is no axis \"%s\".", "pt": "não há um eixo «%s»."},
	"plan.err.unknown_icon": {
		"es": "no tenemos el ícono «%s»; elija uno de la lista de íconos.",
		"en": "we have no icon \"%s\"; choose one from the list of icons.",
		"pt": "não temos o ícone «%s»; escolha um da lista de ícones."},
	"plan.err.order_range": {
		"es": "el orden %d debe estar entre 1 y %d.",
		"en": "the order %d must be between 1 and %d.",
		"pt": "a ordem %d deve estar entre 1 e %d."},
	"plan.err.duplicate_order": {
		"es": "el orden %d ya se usa en la fila %d.",
		"en": "the order %d is already used in row %d.",
		"pt": "a ordem %d já é usada na linha %d."},
	"plan.err.budget": {
		"es": "un presupuesto no puede ser negativo y necesita una moneda.",
		"en": "a budget cannot be negative and needs a currency.",
		"pt": "um orçamento não pode ser negativo e precisa de uma moeda."},
	"plan.err.currency":         {"es": "«%s» no es un código de moneda de 3 letras.", "en": "\"%s\" is not a 3-letter currency code.", "pt": "«%s» não é um código de moeda de 3 letras."},
	"plan.err.too_many_items":   {"es": "un plan tiene como máximo %d prioridades.", "en": "a plan has at most %d priorities.", "pt": "um plano tem no máximo %d prioridades."},
	"plan.err.too_many_axes":    {"es": "un plan tiene como máximo %d ejes.", "en": "a plan has at most %d axes.", "pt": "um plano tem no máximo %d eixos."},
	"plan.err.not_integer":      {"es": "«%s» no es un número entero.", "en": "\"%s\" is not a whole number.", "pt": "«%s» não é um número inteiro."},
	"plan.err.not_number":       {"es": "«%s» no es un número.", "en": "\"%s\" is not a number.", "pt": "«%s» não é um número."},
	"plan.err.missing_column":   {"es": "falta esta columna.", "en": "this column is missing.", "pt": "falta esta coluna."},
	"plan.err.unknown_column":   {"es": "no conocemos esta columna.", "en": "we do not know this column.", "pt": "não conhecemos esta coluna."},
	"plan.err.duplicate_column": {"es": "esta columna aparece dos veces.", "en": "this column appears twice.", "pt": "esta coluna aparece duas vezes."},
	"plan.err.empty_sheet":      {"es": "la hoja no tiene prioridades.", "en": "the sheet has no priorities.", "pt": "a planilha não tem prioridades."},
	"plan.err.no_file":          {"es": "Elija un archivo CSV o XLSX.", "en": "Choose a CSV or XLSX file.", "pt": "Escolha um arquivo CSV ou XLSX."},
	"plan.err.too_big":          {"es": "El archivo es demasiado grande (máximo %d MiB).", "en": "The file is too big (at most %d MiB).", "pt": "O arquivo é grande demais (máximo %d MiB)."},
	"plan.err.unreadable":       {"es": "No pudimos leer el archivo como CSV ni como XLSX.", "en": "We could not read the file as CSV or XLSX.", "pt": "Não conseguimos ler o arquivo como CSV nem como XLSX."},
	"plan.err.axis_in_use":      {"es": "el eje «%s» lo usa la prioridad %s.", "en": "the axis \"%s\" is used by priority %s.", "pt": "o eixo «%s» é usado pela prioridade %s."},
	"plan.err.evidence_format": {
		"es": "«%s» debe escribirse consulta/pregunta/opción.",
		"en": "\"%s\" must be written consultation/question/choice.",
		"pt": "«%s» deve ser escrito consulta/pergunta/opção."},
	"plan.err.evidence_consultation": {"es": "no hay una consulta «%s» en este municipio.", "en": "there is no consultation \"%s\" in this municipality.", "pt": "não há uma consulta «%s» neste município."},
	"plan.err.evidence_question":     {"es": "la consulta no tiene la pregunta «%s».", "en": "the consultation has no question \"%s\".", "pt": "a consulta não tem a pergunta «%s»."},
	"plan.err.evidence_choice":       {"es": "la pregunta no tiene la opción «%s».", "en": "the question has no choice \"%s\".", "pt": "a pergunta não tem a opção «%s»."},

	"plan.round": {"es": "Ronda de validación", "en": "Validation round", "pt": "Rodada de validação"},
	"plan.round_help": {
		"es": "Crea una consulta abierta con una encuesta generada del plan: el perfil, cada prioridad con «de acuerdo / no estoy seguro / en desacuerdo», las 3 más importantes y «¿falta algo?». Guarda la evidencia de hoy y congela las prioridades.",
		"en": "Opens a consultation with a survey generated from the plan: the profile, each priority with \"agree / not sure / disagree\", the 3 that matter most and \"is something missing?\". It keeps today's evidence and freezes the priorities.",
		"pt": "Abre uma consulta com uma pesquisa gerada do plano: o perfil, cada prioridade com «concordo / não tenho certeza / discordo», as 3 mais importantes e «falta algo?». Guarda a evidência de hoje e congela as prioridades."},
	"plan.child_version":     {"es": "Versión para niñas, niños y adolescentes", "en": "Version for children and adolescents", "pt": "Versão para crianças e adolescentes"},
	"plan.child_yes":         {"es": "Sí, también una consulta infantil", "en": "Yes, a child consultation too", "pt": "Sim, também uma consulta infantil"},
	"plan.child_no":          {"es": "No, solo adultos", "en": "No, adults only", "pt": "Não, só adultos"},
	"plan.start_round":       {"es": "Empezar la validación", "en": "Start the validation", "pt": "Começar a validação"},
	"plan.round_adults":      {"es": "Consulta de adultos", "en": "Adult consultation", "pt": "Consulta de adultos"},
	"plan.round_children":    {"es": "Consulta infantil", "en": "Child consultation", "pt": "Consulta infantil"},
	"plan.round_title_adult": {"es": "Validación del plan: %s", "en": "Plan validation: %s", "pt": "Validação do plano: %s"},
	"plan.round_title_child": {"es": "Validación del plan con niñas y niños: %s", "en": "Plan validation with children: %s", "pt": "Validação do plano com crianças: %s"},
	"plan.round_slug_adult":  {"es": "validacion", "en": "validation", "pt": "validacao"},
	"plan.round_slug_child":  {"es": "validacion infantil", "en": "child validation", "pt": "validacao infantil"},
	"plan.history":           {"es": "Historial", "en": "History", "pt": "Histórico"},

	"plan.no_round":         {"es": "El plan todavía no tiene una ronda de validación.", "en": "The plan has no validation round yet.", "pt": "O plano ainda não tem uma rodada de validação."},
	"plan.summary_h":        {"es": "Lo que dijo la comunidad", "en": "What the community said", "pt": "O que a comunidade disse"},
	"plan.summary_text":     {"es": "Respondieron %d personas adultas.", "en": "%d adults answered.", "pt": "%d pessoas adultas responderam."},
	"plan.summary_children": {"es": "Respondieron %d niñas, niños y adolescentes.", "en": "%d children and adolescents answered.", "pt": "%d crianças e adolescentes responderam."},
	"plan.flagged":          {"es": "Divergencias señaladas: %d.", "en": "Divergences flagged: %d.", "pt": "Divergências assinaladas: %d."},
	"plan.missing_texts":    {"es": "Lo que falta, según la gente (solo personal)", "en": "What people say is missing (staff only)", "pt": "O que as pessoas dizem que falta (só equipe)"},
	"plan.what_round_found": {"es": "Lo que encontró la ronda de validación", "en": "What the validation round found", "pt": "O que a rodada de validação encontrou"},
	"plan.agree_overall":    {"es": "De acuerdo (IC 95 %)", "en": "Agree (CI 95%)", "pt": "Concordam (IC 95%)"},
	"plan.agree_by":         {"es": "De acuerdo", "en": "Agree", "pt": "Concordam"},
	"plan.agree_share":      {"es": "De acuerdo (IC 95 %)", "en": "Agree (CI 95%)", "pt": "Concordam (IC 95%)"},
	"plan.consensus":        {"es": "Consenso entre grupos", "en": "Consensus across groups", "pt": "Consenso entre grupos"},
	"plan.broad":            {"es": "Consenso amplio", "en": "Broad consensus", "pt": "Consenso amplo"},
	"plan.adults":           {"es": "Adultos", "en": "Adults", "pt": "Adultos"},
	"plan.children":         {"es": "Niñas, niños y adolescentes", "en": "Children and adolescents", "pt": "Crianças e adolescentes"},
	"plan.community_order":  {"es": "Orden de la comunidad", "en": "Community order", "pt": "Ordem da comunidade"},
	"plan.moved_up":         {"es": "la comunidad la sube %d puestos", "en": "the community moves it up %d places", "pt": "a comunidade a sobe %d posições"},
	"plan.moved_down":       {"es": "la comunidad la baja %d puestos", "en": "the community moves it down %d places", "pt": "a comunidade a desce %d posições"},
	"plan.points":           {"es": "puntos", "en": "points", "pt": "pontos"},
	"plan.move":             {"es": "Cambio", "en": "Change", "pt": "Mudança"},
	"plan.borda":            {"es": "Puntos Borda (puesto)", "en": "Borda points (place)", "pt": "Pontos Borda (posição)"},
	"plan.top3_share":       {"es": "Entre sus 3 más importantes (IC 95 %)", "en": "In their top 3 (CI 95%)", "pt": "Entre as 3 mais importantes (IC 95%)"},
	"plan.round_dates":      {"es": "%s: del %s al %s.", "en": "%s: from %s to %s.", "pt": "%s: de %s a %s."},
	"plan.sessions":         {"es": "Sesiones", "en": "Sessions", "pt": "Sessões"},

	"plan.diverge.group_vs_rest":      {"es": "%s frente al resto", "en": "%s against the rest", "pt": "%s frente ao resto"},
	"plan.diverge.women_vs_men":       {"es": "Mujeres frente a hombres%.0s", "en": "Women against men%.0s", "pt": "Mulheres frente a homens%.0s"},
	"plan.diverge.children_vs_adults": {"es": "Niñas y niños frente a adultos%.0s", "en": "Children against adults%.0s", "pt": "Crianças frente a adultos%.0s"},

	"plan.chart_agreement":  {"es": "De acuerdo con cada prioridad", "en": "Agreement with each priority", "pt": "Concordância com cada prioridade"},
	"plan.chart_groups":     {"es": "De acuerdo con cada prioridad, por grupo de población", "en": "Agreement with each priority, by population group", "pt": "Concordância com cada prioridade, por grupo de população"},
	"plan.chart_order":      {"es": "Orden propuesto y orden de la comunidad", "en": "Proposed order and community order", "pt": "Ordem proposta e ordem da comunidade"},
	"plan.chart_order_note": {"es": "Una línea que sube es una prioridad que la comunidad pone más arriba.", "en": "A line going up is a priority the community puts higher.", "pt": "Uma linha que sobe é uma prioridade que a comunidade coloca mais acima."},
	"plan.chart_top3":       {"es": "Entre las 3 más importantes", "en": "Among the 3 that matter most", "pt": "Entre as 3 mais importantes"},

	"plan.method_consensus": {
		"es": "Consenso: para cada prioridad, la media geométrica sobre los grupos de población de (de acuerdo + 1) / (preguntados + 2), como en Pol.is. «Consenso amplio»: cada grupo con al menos %[2]d respuestas está de acuerdo en un %.0[1]f %% o más.",
		"en": "Consensus: for each priority, the geometric mean over population groups of (agree + 1) / (asked + 2), as in Pol.is. \"Broad consensus\": every group with at least %[2]d answers agrees at %.0[1]f%% or more.",
		"pt": "Consenso: para cada prioridade, a média geométrica sobre os grupos de população de (concordam + 1) / (perguntados + 2), como no Pol.is. «Consenso amplo»: cada grupo com pelo menos %[2]d respostas concorda em %.0[1]f%% ou mais."},
	"plan.method_divergence": {
		"es": "Divergencia: un grupo frente al resto, mujeres frente a hombres y niñas y niños frente a adultos, señalada cuando la diferencia es de al menos %.0f puntos y significativa (prueba de dos proporciones, corrección de Holm, α = %.2f), solo con cifras publicables.",
		"en": "Divergence: a group against the rest, women against men and children against adults, flagged where the difference is at least %.0f points and significant (two-proportion test, Holm correction, α = %.2f), only from publishable figures.",
		"pt": "Divergência: um grupo frente ao resto, mulheres frente a homens e crianças frente a adultos, assinalada quando a diferença é de pelo menos %.0f pontos e significativa (teste de duas proporções, correção de Holm, α = %.2f), só com números publicáveis."},
	"plan.method_order": {
		"es": "Orden de la comunidad: por la proporción de quienes pusieron cada prioridad entre sus 3 más importantes (con intervalos de Wilson al 95 %); los puntos Borda (3 al primer puesto, 1 al tercero) son una segunda vista.",
		"en": "Community order: by the share who put each priority in their top 3 (with Wilson intervals at 95%); Borda points (3 for first place, 1 for third) are a second view.",
		"pt": "Ordem da comunidade: pela proporção de quem colocou cada prioridade entre as 3 mais importantes (com intervalos de Wilson a 95%); os pontos Borda (3 para o primeiro lugar, 1 para o terceiro) são uma segunda visão."},
	"plan.protection": {
		"es": "Todas las cifras vienen de la capa de tablas protegidas: los conteos de 1 a %d−1 no se pueden deducir.",
		"en": "Every figure comes from the protected table layer: no count from 1 to %d−1 can be worked out.",
		"pt": "Todos os números vêm da camada de tabelas protegidas: nenhuma contagem de 1 a %d−1 pode ser deduzida."},
}
