package web

import "consulta/internal/survey"

func init() {
	for k, v := range councilMessages {
		messages[k] = v
	}
}

// councilMessages are the words of the results a planner puts in front of a municipal council:
// the summary, the printed report, the downloads and the comparisons between groups.
var councilMessages = map[string]survey.Label{
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
}
