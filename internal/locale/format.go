// Package locale holds every word a person reads, per language (es, en, pt), with plurals, and
// writes numbers, percentages and dates each language's way. It imports nothing of the app.
package locale

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Format is how one language writes numbers: "1.000", "3,44" and "41,1 %" in Spanish.
type Format struct {
	Lang          string `json:"lang"`
	Mark          string `json:"decimal"`        // decimal mark
	Thousands     string `json:"thousands"`      // group separator
	PercentSuffix string `json:"percent_suffix"` // what follows a percentage: "\u00a0%" or "%"
	CSVSeparator  string `json:"-"`              // the field separator a spreadsheet in this language expects
}

var formats = map[string]Format{
	"es": {Lang: "es", Mark: ",", Thousands: ".", PercentSuffix: "\u00a0%", CSVSeparator: ";"},
	"pt": {Lang: "pt", Mark: ",", Thousands: ".", PercentSuffix: "\u00a0%", CSVSeparator: ";"},
	"en": {Lang: "en", Mark: ".", Thousands: ",", PercentSuffix: "%", CSVSeparator: ","},
}

// For returns the format of a language; an unknown language writes as Spanish, the default.
func For(lang string) Format {
	if f, ok := formats[lang]; ok {
		return f
	}
	return formats["es"]
}

// Int writes a whole number with thousands separators: "1.000" (es, pt), "1,000" (en).
func (f Format) Int(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(f.Thousands)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Decimal writes a number with exactly places decimals: "3,44" (es, pt), "3.44" (en).
func (f Format) Decimal(v float64, places int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	p := math.Pow(10, float64(places))
	v = math.Round(v*p) / p
	s := strconv.FormatFloat(math.Abs(v), 'f', places, 64)
	whole, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.Atoi(whole)
	out := f.Int(n)
	if frac != "" {
		out += f.Mark + frac
	}
	if v < 0 {
		out = "-" + out
	}
	return out
}

// Number writes a number with at most places decimals, dropping trailing zeros: "3,5", "12".
func (f Format) Number(v float64, places int) string {
	s := f.Decimal(v, places)
	if places == 0 || !strings.Contains(s, f.Mark) {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, f.Mark)
}

// Percent writes a percentage with one decimal: "41,1 %" (es, pt), "41.1%" (en).
func (f Format) Percent(p float64) string { return f.Decimal(p, 1) + f.PercentSuffix }

// Points writes a difference in percentage points with its sign: "+12,5" or "-3,0".
func (f Format) Points(p float64) string {
	s := f.Decimal(p, 1)
	if math.Round(p*10) > 0 {
		s = "+" + s
	}
	return s
}

var months = map[string][]string{
	"es": {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
	"pt": {"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// Date writes a day in words: "5 de marzo de 2026", "5 de março de 2026", "5 March 2026".
func (f Format) Date(t time.Time) string {
	m := months[f.Lang][t.Month()-1]
	if f.Lang == "en" {
		return strconv.Itoa(t.Day()) + " " + m + " " + strconv.Itoa(t.Year())
	}
	return strconv.Itoa(t.Day()) + " de " + m + " de " + strconv.Itoa(t.Year())
}

// DateString writes a YYYY-MM-DD day in words, or returns it as it is when it is not one.
func (f Format) DateString(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return f.Date(t)
}
