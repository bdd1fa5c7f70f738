// Package export writes results and raw responses as CSV, XLSX and JSON for planners to download.
// Its writers are pure, over a results.Report or rows: no HTTP, no SQL.
package export

import (
	"strconv"
	"strings"
)

// bom makes Excel read a CSV file as UTF-8, so "niñas" and "São" survive a double click.
const bom = "\uFEFF"

// neutralise keeps a spreadsheet from reading a cell as a formula (OWASP CSV injection): a cell
// that begins with = + - @, a tab or a carriage return gets a leading single quote.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }

// decimal writes a percent with one decimal, as every export shows it.
func decimal(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
