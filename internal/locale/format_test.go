package locale

import (
	"testing"
	"time"
)

func TestFormats(t *testing.T) {
	cases := []struct {
		lang, got, want string
	}{
		{"es", For("es").Percent(41.06), "41,1\u00a0%"},
		{"pt", For("pt").Percent(41.1), "41,1\u00a0%"},
		{"en", For("en").Percent(41.1), "41.1%"},
		{"es", For("es").Int(1000), "1.000"},
		{"es", For("es").Int(1234567), "1.234.567"},
		{"es", For("es").Int(-1000), "-1.000"},
		{"es", For("es").Int(999), "999"},
		{"en", For("en").Int(1000), "1,000"},
		{"pt", For("pt").Decimal(3.444, 2), "3,44"},
		{"es", For("es").Decimal(3.444, 2), "3,44"},
		{"en", For("en").Decimal(3.444, 2), "3.44"},
		{"es", For("es").Decimal(1234.5, 1), "1.234,5"},
		{"es", For("es").Decimal(-0.25, 1), "-0,3"},
		{"en", For("en").Number(3.50, 2), "3.5"},
		{"es", For("es").Number(12, 2), "12"},
		{"es", For("es").Points(12.46), "+12,5"},
		{"en", For("en").Points(-3), "-3.0"},
		{"es", For("es").Points(0), "0,0"},
		{"xx", For("xx").Percent(5), "5,0\u00a0%"},
		{"es", For("es").Date(time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)), "5 de marzo de 2026"},
		{"pt", For("pt").DateString("2026-03-05"), "5 de março de 2026"},
		{"en", For("en").DateString("2026-12-01"), "1 December 2026"},
		{"en", For("en").DateString("soon"), "soon"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.lang, c.got, c.want)
		}
	}
	if For("es").CSVSeparator != ";" || For("pt").CSVSeparator != ";" || For("en").CSVSeparator != "," {
		t.Error("spreadsheets in Spanish and Portuguese expect semicolons, in English commas")
	}
}
