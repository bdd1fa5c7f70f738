package locale

func init() {
	add(councilMessages)
}

// councilMessages are the words of the results a planner puts in front of a municipal council:
// the summary, the printed report, the downloads and the comparisons between groups.
var councilMessages = map[string]Text{
	"council.no_filter": {"es": "Todas las respuestas, sin filtro", "en": "All responses, no filter", "pt": "Todas as respostas, sem filtro"},
	"council.filter":    {"es": "Filtro", "en": "Filter", "pt": "Filtro"},
	"council.csv_semicolon": {
		"es": "CSV con punto y coma (Excel o LibreOffice en español)",
		"en": "CSV with semicolons (spreadsheets in Spanish or Portuguese)",
		"pt": "CSV com ponto e vírgula (Excel ou LibreOffice em português)"},
	"council.csv_comma": {
		"es": "CSV con comas (hojas en inglés y programas)",
		"en": "CSV with commas (English spreadsheets and scripts)",
		"pt": "CSV com vírgulas (planilhas em inglês e programas)"},
	"council.csv_heading": {
		"es": "Resultados de %s · Filtro: %s · Separador de campos: %s · Marca decimal: %s",
		"en": "Results of %s · Filter: %s · Field separator: %s · Decimal mark: %s",
		"pt": "Resultados de %s · Filtro: %s · Separador de campos: %s · Marca decimal: %s"},
	"council.chart_shares": {
		"es": "%s — qué parte de cada grupo lo puso entre sus %d primeras",
		"en": "%s — share of each group who put it in their top %d",
		"pt": "%s — que parte de cada grupo o colocou entre as suas %d primeiras"},
	"council.points_all": {"es": "Puntos (todas las personas)", "en": "Points (everyone)", "pt": "Pontos (todas as pessoas)"},
	"council.shares_note": {
		"es": "Porcentaje de cada grupo que lo puso entre sus %d primeras; así se comparan grupos de distinto tamaño.",
		"en": "Percent of each group who put it among their first %d, so groups of different sizes compare.",
		"pt": "Porcentagem de cada grupo que o colocou entre as suas %d primeiras; assim se comparam grupos de tamanhos diferentes."},
	"council.summary":               {"es": "Resumen en un minuto", "en": "Summary in one minute", "pt": "Resumo em um minuto"},
	"council.contents":              {"es": "Contenido", "en": "Contents", "pt": "Conteúdo"},
	"council.data_date":             {"es": "Datos al", "en": "Data as of", "pt": "Dados em"},
	"council.sessions":              {"es": "Sesiones", "en": "Sessions", "pt": "Sessões"},
	"council.gender":                {"es": "Género", "en": "Gender", "pt": "Gênero"},
	"council.answered":              {"es": "Respondieron", "en": "Answered", "pt": "Responderam"},
	"council.target":                {"es": "Meta", "en": "Target", "pt": "Meta"},
	"council.of_target":             {"es": "De la meta", "en": "Of target", "pt": "Da meta"},
	"council.no_targets":            {"es": "Esta consulta no tiene metas de participación.", "en": "This consultation has no participation targets.", "pt": "Esta consulta não tem metas de participação."},
	"council.participation_targets": {"es": "Participación frente a las metas", "en": "Participation against targets", "pt": "Participação frente às metas"},
	"council.top_priorities":        {"es": "Prioridades principales", "en": "Top priorities", "pt": "Prioridades principais"},
	"council.top_help": {
		"es": "porcentaje de personas que la pusieron entre sus %d primeras, de %s a quienes se preguntó; entre paréntesis, el intervalo de 95 %%",
		"en": "percent of people who put it among their first %d, of %s asked; in brackets, the 95%% interval",
		"pt": "porcentagem de pessoas que a colocaram entre as suas %d primeiras, de %s a quem se perguntou; entre parênteses, o intervalo de 95 %%"},
	"council.no_differences": {
		"es": "Ningún grupo se separa del resto de forma clara (significativa y de 10 puntos o más).",
		"en": "No group stands apart from the rest clearly (significant and 10 points or more).",
		"pt": "Nenhum grupo se afasta do resto de forma clara (significativa e de 10 pontos ou mais)."},
	"council.test_method": {
		"es": "Cada grupo se compara con el resto, y las mujeres con los hombres, con una prueba de dos proporciones corregida por el número de comparaciones (Holm, 95 %%). Solo se señala una diferencia significativa y de %s puntos o más.",
		"en": "Each group is compared with the rest, and women with men, with a two-proportion test corrected for the number of comparisons (Holm, 95%%). Only a difference that is significant and %s points or more is shown.",
		"pt": "Cada grupo é comparado com o resto, e as mulheres com os homens, com um teste de duas proporções corrigido pelo número de comparações (Holm, 95 %%). Só se aponta uma diferença significativa e de %s pontos ou mais."},
	"council.difference_sentence": {
		"es": "%s: %s eligió «%s», frente a %s: %s.",
		"en": "%s: %s chose \"%s\", against %s: %s.",
		"pt": "%s: %s escolheu \"%s\", frente a %s: %s."},
	"council.the_rest": {"es": "el resto", "en": "the rest", "pt": "o resto"},
	"council.points":   {"es": "puntos", "en": "points", "pt": "pontos"},
	"council.disagree": {"es": "%s: %s frente a %s del resto", "en": "%s: %s against %s for the rest", "pt": "%s: %s frente a %s do resto"},
	"council.rankings": {"es": "Una clasificación para todas las personas", "en": "One ranking for everyone", "pt": "Uma classificação para todas as pessoas"},
	"council.ranking_caption": {
		"es": "%s — orden por el porcentaje que la puso entre sus %d primeras (%s personas preguntadas)",
		"en": "%s — ordered by the percent who put it among their first %d (%s people asked)",
		"pt": "%s — ordem pela porcentagem que a colocou entre as suas %d primeiras (%s pessoas perguntadas)"},
	"council.share_top":       {"es": "Entre sus %d primeras", "en": "In their top %d", "pt": "Entre as suas %d primeiras"},
	"council.interval":        {"es": "Intervalo de 95 %", "en": "95 percent interval", "pt": "Intervalo de 95 %"},
	"council.people":          {"es": "Personas", "en": "People", "pt": "Pessoas"},
	"council.groups_disagree": {"es": "Grupos que difieren", "en": "Groups that differ", "pt": "Grupos que diferem"},
	"council.differences_caption": {
		"es": "Diferencias significativas y de 10 puntos o más, de la mayor a la menor",
		"en": "Differences that are significant and 10 points or more, largest first",
		"pt": "Diferenças significativas e de 10 pontos ou mais, da maior para a menor"},
	"council.who":                {"es": "Quiénes", "en": "Who", "pt": "Quem"},
	"council.against":            {"es": "Frente a", "en": "Against", "pt": "Frente a"},
	"council.difference":         {"es": "Diferencia (puntos)", "en": "Difference (points)", "pt": "Diferença (pontos)"},
	"council.p_adjusted":         {"es": "p corregida", "en": "Adjusted p", "pt": "p corrigido"},
	"council.section_priorities": {"es": "Prioridades", "en": "Priorities", "pt": "Prioridades"},
	"council.section_choices":    {"es": "Preguntas de opciones", "en": "Questions with choices", "pt": "Perguntas de opções"},
	"council.section_scales":     {"es": "Escalas y números", "en": "Scales and numbers", "pt": "Escalas e números"},
	"council.section_open":       {"es": "Respuestas abiertas", "en": "Open answers", "pt": "Respostas abertas"},
	"council.image_source": {
		"es": "Fuente: Consulta · %s · n = %s · datos al %s · Filtro: %s",
		"en": "Source: Consulta · %s · n = %s · data as of %s · Filter: %s",
		"pt": "Fonte: Consulta · %s · n = %s · dados em %s · Filtro: %s"},
	"council.heard_finding_intro": {
		"es": "Esto no es una lista de deseos: es lo que las personas contaron. Cada porcentaje es de quienes respondieron esta pregunta.",
		"en": "This is not a wish list: it is what people told us. Each percentage is of those who answered this question.",
		"pt": "Isto não é uma lista de desejos: é o que as pessoas contaram. Cada porcentagem é de quem respondeu esta pergunta."},
}
