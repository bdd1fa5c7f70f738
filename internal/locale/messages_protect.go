package locale

func init() {
	add(protectMessages)
}

// protectMessages say how the numbers protect the people who answered (the cell key method,
// results move in blocks, filters one at a time), on every page and export that shows a count.
var protectMessages = map[string]Text{
	// The one sentence every output carries; %d is k.
	"results.suppression_note": {
		"es": "Para que nadie pueda ser identificado, los números están ligeramente ajustados y los menores de %d no se muestran (aparecen como 0 o como %[1]d), así que las partes pueden no sumar exactamente.",
		"en": "So that nobody can be identified, counts are slightly adjusted and counts under %d are never shown (they read as 0 or %[1]d), so parts may not add up exactly.",
		"pt": "Para que ninguém possa ser identificado, os números são ligeiramente ajustados e os menores que %d não aparecem (aparecem como 0 ou %[1]d), por isso as partes podem não somar exatamente."},
	"results.suppressed_note": {
		"es": "Sin barra: hay muy pocas personas en este grupo (menos de %d) para mostrar sus respuestas sin ponerlas en riesgo.",
		"en": "No bar: too few people in this group (under %d) to show their answers without putting them at risk.",
		"pt": "Sem barra: há poucas pessoas neste grupo (menos de %d) para mostrar suas respostas sem colocá-las em risco."},
	"protect.too_few": {
		"es": "Muy pocas personas coinciden con estos filtros para mostrar resultados sin ponerlas en riesgo. Elija un filtro más amplio.",
		"en": "Too few people match these filters to show results without putting them at risk. Choose a wider filter.",
		"pt": "Poucas pessoas correspondem a estes filtros para mostrar resultados sem colocá-las em risco. Escolha um filtro mais amplo."},
	"protect.few_left": {
		"es": "Este filtro deja fuera a tan pocas personas que compararlo con todos los resultados podría identificarlas. Elija otro filtro.",
		"en": "This filter leaves out so few people that comparing it with all the results could identify them. Choose another filter.",
		"pt": "Este filtro deixa de fora tão poucas pessoas que compará-lo com todos os resultados poderia identificá-las. Escolha outro filtro."},
	"protect.one_filter": {
		"es": "Use un filtro a la vez (una sesión, una forma de responder, fechas o un grupo de personas): combinados podrían identificar a alguien.",
		"en": "Use one filter at a time (a session, a way of answering, dates or a group of people): combined, they could identify someone.",
		"pt": "Use um filtro de cada vez (uma sessão, uma forma de responder, datas ou um grupo de pessoas): combinados, poderiam identificar alguém."},
	"protect.as_of": {
		"es": "Datos hasta el %s: %d respuestas. Los resultados avanzan por grupos de %d respuestas nuevas.",
		"en": "Data as of %s: %d responses. Results move on in groups of %d new responses.",
		"pt": "Dados até %s: %d respostas. Os resultados avançam em grupos de %d novas respostas."},
	"protect.hidden": {"es": "muy pocas", "en": "too few", "pt": "poucas"},
	"protect.grid_too_few": {
		"es": "Aún hay muy pocas respuestas para mostrar la tabla sin identificar a nadie: aparece desde %d.",
		"en": "Too few responses yet to show the grid without identifying anyone: it appears from %d.",
		"pt": "Ainda há poucas respostas para mostrar a tabela sem identificar ninguém: ela aparece a partir de %d."},
	"protect.staff_note": {
		"es": "Los números están ligeramente ajustados y los menores de %d no se muestran, para que nadie pueda ser identificado.",
		"en": "Counts are slightly adjusted and counts under %d are never shown, so that nobody can be identified.",
		"pt": "Os números são ligeiramente ajustados e os menores que %d não aparecem, para que ninguém possa ser identificado."},
}
