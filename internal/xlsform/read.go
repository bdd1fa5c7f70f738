package xlsform

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Sheet is one worksheet as text: its name and its rows, the first row being the headings.
type Sheet struct {
	Name string
	Rows [][]string
}

// ReadXLSX reads every worksheet of a workbook as text. A file excelize cannot read is an error,
// never a panic.
func ReadXLSX(data []byte) (sheets []Sheet, err error) {
	defer func() {
		if v := recover(); v != nil {
			sheets, err = nil, fmt.Errorf("%v", v)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			return nil, err
		}
		sheets = append(sheets, Sheet{Name: name, Rows: rows})
	}
	return sheets, nil
}

// table is a sheet with its headings parsed, rows addressed by their number in the sheet.
type table struct {
	name    string
	headers []string // normalized: lower-case base, "list name" as list_name, language kept
	raw     []string
	rows    [][]string
}

func newTable(s Sheet) *table {
	t := &table{name: s.Name}
	if len(s.Rows) == 0 {
		return t
	}
	for _, h := range s.Rows[0] {
		t.raw = append(t.raw, strings.TrimSpace(h))
		t.headers = append(t.headers, normalizeHeader(h))
	}
	t.rows = s.Rows[1:]
	return t
}

// normalizeHeader lower-cases a heading's base and keeps what follows :: (a language) as written.
func normalizeHeader(h string) string {
	h = strings.TrimSpace(h)
	base, rest, found := strings.Cut(h, "::")
	base = strings.ToLower(strings.TrimSpace(base))
	base = strings.Join(strings.Fields(base), "_")
	if base == "media" && found { // media::image is image
		base, rest, found = strings.Cut(rest, "::")
		base = strings.ToLower(strings.TrimSpace(base))
	}
	if base == "consulta" && found {
		return "consulta::" + strings.ToLower(strings.TrimSpace(rest))
	}
	if found {
		return base + "::" + strings.TrimSpace(rest)
	}
	return base
}

// col returns the index of a heading, or -1.
func (t *table) col(h string) int {
	for i, x := range t.headers {
		if x == h {
			return i
		}
	}
	return -1
}

// cell is the trimmed text at row i (0-based, after the headings) and column c.
func (t *table) cell(i, c int) string {
	if c < 0 || i < 0 || i >= len(t.rows) || c >= len(t.rows[i]) {
		return ""
	}
	return strings.TrimSpace(t.rows[i][c])
}

// get is the text of the column with heading h.
func (t *table) get(i int, h string) string { return t.cell(i, t.col(h)) }

// at returns a problem at row i (0-based after headings) and the column with heading h.
func (t *table) at(i int, h string, code string, args ...any) Problem {
	p := Problem{Sheet: t.name, Row: i + 2, Code: code, Args: args}
	if i < 0 {
		p.Row = 0
	}
	if c := t.col(h); c >= 0 && h != "" {
		p.Column, _ = excelize.ColumnNumberToName(c + 1)
		p.Header = t.raw[c]
	}
	return p
}

// atCol is at for a column index.
func (t *table) atCol(i, c int, code string, args ...any) Problem {
	p := Problem{Sheet: t.name, Row: i + 2, Code: code, Args: args}
	if i < 0 {
		p.Row = 1
	}
	if c >= 0 && c < len(t.raw) {
		p.Column, _ = excelize.ColumnNumberToName(c + 1)
		p.Header = t.raw[c]
	}
	return p
}

func (t *table) empty(i int) bool {
	for _, v := range t.rows[i] {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}
