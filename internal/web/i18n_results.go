package web

import "consulta/internal/survey"

func init() {
	for k, v := range resultMessages {
		messages[k] = v
	}
}

// resultMessages are the words of the results pages, charts, exports and reports.
var resultMessages = map[string]survey.Label{
	"results.title":         {"es": "Resultados", "en": "Results", "pt": "Resultados"},
	"results.filters":       {"es": "Filtros", "en": "Filters", "pt": "Filtros"},
	"results.session":       {"es": "Sesión", "en": "Session", "pt": "Sessão"},
	"results.all_sessions":  {"es": "Todas las sesiones", "en": "All sessions", "pt": "Todas as sessões"},
	"results.channel":       {"es": "Cómo respondieron", "en": "How they answered", "pt": "Como responderam"},
	"results.all_channels":  {"es": "Todas las formas", "en": "Every way", "pt": "Todas as formas"},
	"channel.link":          {"es": "Enlace (teléfono propio)", "en": "Link (own phone)", "pt": "Link (celular próprio)"},
	"channel.kiosk":         {"es": "Tableta en una sesión", "en": "Tablet in a session", "pt": "Tablet em uma sessão"},
	"channel.paper":         {"es": "Papel", "en": "Paper", "pt": "Papel"},
	"results.from":          {"es": "Desde", "en": "From", "pt": "De"},
	"results.to":            {"es": "Hasta", "en": "To", "pt": "Até"},
	"results.only":          {"es": "Solo estas personas", "en": "Only these people", "pt": "Só estas pessoas"},
	"results.everyone":      {"es": "Todas las personas", "en": "Everyone", "pt": "Todas as pessoas"},
	"results.apply":         {"es": "Aplicar", "en": "Apply", "pt": "Aplicar"},
	"results.clear":         {"es": "Quitar filtros", "en": "Clear filters", "pt": "Limpar filtros"},
	"results.downloads":     {"es": "Descargas", "en": "Downloads", "pt": "Downloads"},
	"results.print":         {"es": "Informe para imprimir", "en": "Printable report", "pt": "Relatório para imprimir"},
	"results.texts":         {"es": "Respuestas abiertas", "en": "Open answers", "pt": "Respostas abertas"},
	"results.raw":           {"es": "Respuestas individuales (CSV)", "en": "Individual responses (CSV)", "pt": "Respostas individuais (CSV)"},
	"results.participation": {"es": "Quiénes participaron", "en": "Who took part", "pt": "Quem participou"},
	"results.where_differ":  {"es": "Dónde difieren los grupos", "en": "Where groups differ", "pt": "Onde os grupos diferem"},
	"results.where_differ_help": {
		"es": "Diferencia en puntos porcentuales entre personas desplazadas y la comunidad de acogida, en las opciones donde más se separan.",
		"en": "Difference in percentage points between displaced people and the host community, on the options where they are furthest apart.",
		"pt": "Diferença em pontos percentuais entre pessoas deslocadas e a comunidade de acolhida, nas opções em que mais se afastam."},
	"results.questions":   {"es": "Pregunta por pregunta", "en": "Question by question", "pt": "Pergunta por pergunta"},
	"results.method":      {"es": "Sobre estos números", "en": "About these numbers", "pt": "Sobre estes números"},
	"results.respondents": {"es": "Personas que respondieron", "en": "People who answered", "pt": "Pessoas que responderam"},
	"results.responses":   {"es": "respuestas", "en": "responses", "pt": "respostas"},
	"results.dates":       {"es": "Fechas", "en": "Dates", "pt": "Datas"},
	"results.sessions_n":  {"es": "%d sesiones", "en": "%d sessions", "pt": "%d sessões"},
	"results.suppression_note": {
		"es": "Para proteger a quienes respondieron, todo número menor que %[1]d se muestra como «<%[1]d», y se ocultan otros para que no pueda deducirse.",
		"en": "To protect the people who answered, every number under %[1]d shows as \"<%[1]d\", and others are hidden so it cannot be worked out.",
		"pt": "Para proteger quem respondeu, todo número menor que %[1]d aparece como \"<%[1]d\", e outros são ocultados para que não possa ser deduzido."},
	"results.denominators": {
		"es": "Los porcentajes son de las personas a quienes se hizo cada pregunta; en preguntas de varias respuestas, de personas, no de marcas.",
		"en": "Percentages are of the people who were asked each question; for questions with several answers, of people, not of ticks.",
		"pt": "As porcentagens são das pessoas a quem cada pergunta foi feita; em perguntas de várias respostas, de pessoas, não de marcações."},
	"results.filtered": {
		"es": "Estos resultados están filtrados: vea los filtros arriba.",
		"en": "These results are filtered: see the filters above.",
		"pt": "Estes resultados estão filtrados: veja os filtros acima."},
	"results.view":            {"es": "Mostrar", "en": "Show", "pt": "Mostrar"},
	"results.count":           {"es": "Cantidad", "en": "Count", "pt": "Quantidade"},
	"results.percent":         {"es": "Porcentaje", "en": "Percent", "pt": "Porcentagem"},
	"results.table_below":     {"es": "Los mismos datos están en la tabla.", "en": "The same data is in the table.", "pt": "Os mesmos dados estão na tabela."},
	"results.asked":           {"es": "Se preguntó a %s personas", "en": "Asked of %s people", "pt": "Perguntado a %s pessoas"},
	"results.multi_note":      {"es": "cada persona pudo elegir varias opciones", "en": "each person could choose several options", "pt": "cada pessoa pôde escolher várias opções"},
	"results.texts_count":     {"es": "%s personas escribieron algo. Los textos están en «Respuestas abiertas», solo para el equipo.", "en": "%s people wrote something. The texts are under \"Open answers\", for the team only.", "pt": "%s pessoas escreveram algo. Os textos estão em \"Respostas abertas\", só para a equipe."},
	"results.stats_caption":   {"es": "Promedio y mediana", "en": "Mean and median", "pt": "Média e mediana"},
	"results.who":             {"es": "Quiénes", "en": "Who", "pt": "Quem"},
	"results.answered":        {"es": "Respondieron", "en": "Answered", "pt": "Responderam"},
	"results.mean":            {"es": "Promedio", "en": "Mean", "pt": "Média"},
	"results.median":          {"es": "Mediana", "en": "Median", "pt": "Mediana"},
	"results.quartiles":       {"es": "Cuartiles (25 % – 75 %)", "en": "Quartiles (25% – 75%)", "pt": "Quartis (25% – 75%)"},
	"results.too_few":         {"es": "Muy pocas respuestas para mostrar", "en": "Too few answers to show", "pt": "Poucas respostas para mostrar"},
	"results.all":             {"es": "Todas las personas", "en": "Everyone", "pt": "Todas as pessoas"},
	"results.not_stated":      {"es": "No lo dijo", "en": "Not stated", "pt": "Não informou"},
	"results.no_answer":       {"es": "Sin respuesta", "en": "No answer", "pt": "Sem resposta"},
	"results.test_who_group":  {"es": "Los grupos de población", "en": "Population groups", "pt": "Os grupos de população"},
	"results.test_who_gender": {"es": "Mujeres, hombres y otras identidades", "en": "Women, men and other identities", "pt": "Mulheres, homens e outras identidades"},
	"results.test_differ": {
		"es": "%s respondieron de forma distinta (prueba ji cuadrado, %s).",
		"en": "%s answered differently (chi-square test, %s).",
		"pt": "%s responderam de forma diferente (teste qui-quadrado, %s)."},
	"results.test_differ_on": {
		"es": "%s respondieron de forma distinta en: %s.",
		"en": "%s answered differently on: %s.",
		"pt": "%s responderam de forma diferente em: %s."},
	"results.test_no_difference": {
		"es": "%s: no hay una diferencia clara.",
		"en": "%s: no clear difference.",
		"pt": "%s: não há uma diferença clara."},
	"results.test_not_apply": {
		"es": "%s: la prueba no aplica, porque hay grupos con muy pocas respuestas.",
		"en": "%s: the test does not apply, because some groups gave too few answers.",
		"pt": "%s: o teste não se aplica, porque há grupos com poucas respostas."},
	"results.report_for_council": {"es": "Informe para el concejo municipal", "en": "Report for the municipal council", "pt": "Relatório para a câmara municipal"},
	"results.back_to_results":    {"es": "Volver a los resultados", "en": "Back to the results", "pt": "Voltar aos resultados"},
	"results.top_priorities":     {"es": "Prioridades por grupo y por género", "en": "Priorities by group and by gender", "pt": "Prioridades por grupo e por gênero"},
	"results.method_note":        {"es": "Nota de método", "en": "Method note", "pt": "Nota de método"},
	"results.method_text": {
		"es": "Respuestas anónimas tomadas en sesiones con tabletas, en papel y por enlace. Las prioridades se puntúan con el método Borda (el primer lugar vale más). Los números menores que %d se ocultan para proteger a las personas. Las diferencias se prueban con ji cuadrado al 95 %.",
		"en": "Anonymous responses taken in tablet sessions, on paper and by link. Priorities are scored with the Borda method (first place counts most). Numbers under %d are hidden to protect people. Differences are tested with chi-square at 95%%.",
		"pt": "Respostas anônimas coletadas em sessões com tablets, em papel e por link. As prioridades são pontuadas pelo método Borda (o primeiro lugar vale mais). Números menores que %d são ocultados para proteger as pessoas. As diferenças são testadas com qui-quadrado a 95%%."},
	"results.texts_private": {
		"es": "Estos textos son solo para el equipo municipal: nunca se publican. Pueden contener detalles que identifiquen a alguien; no los copie fuera de aquí.",
		"en": "These texts are for the municipal team only: they are never published. They may contain details that identify someone; do not copy them elsewhere.",
		"pt": "Estes textos são só para a equipe municipal: nunca são publicados. Podem conter detalhes que identifiquem alguém; não os copie para outro lugar."},
	"results.texts_none":            {"es": "Nadie escribió en esta pregunta.", "en": "Nobody wrote in this question.", "pt": "Ninguém escreveu nesta pergunta."},
	"age.age_8_12":                  {"es": "8 a 12 años", "en": "8 to 12 years", "pt": "8 a 12 anos"},
	"age.age_13_17":                 {"es": "13 a 17 años", "en": "13 to 17 years", "pt": "13 a 17 anos"},
	"age.age_18_29":                 {"es": "18 a 29 años", "en": "18 to 29 years", "pt": "18 a 29 anos"},
	"age.age_30_59":                 {"es": "30 a 59 años", "en": "30 to 59 years", "pt": "30 a 59 anos"},
	"age.age_60_plus":               {"es": "60 años o más", "en": "60 years or more", "pt": "60 anos ou mais"},
	"disability.with_disability":    {"es": "Con discapacidad", "en": "With a disability", "pt": "Com deficiência"},
	"disability.without_disability": {"es": "Sin discapacidad", "en": "Without a disability", "pt": "Sem deficiência"},
	"group.prefer_not":              {"es": "Prefirió no decirlo", "en": "Preferred not to say", "pt": "Preferiu não dizer"},
	"gender.prefer_not":             {"es": "Prefirió no decirlo", "en": "Preferred not to say", "pt": "Preferiu não dizer"},
}
