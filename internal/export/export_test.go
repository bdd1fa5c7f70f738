package export

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"consulta/internal/results"
	"consulta/internal/survey"
)

// fruitSurvey has a choice label that looks like a formula, and a free-text question.
const fruitSurvey = `id: fruit-survey
title: {es: "Frutas del barrio", en: "Neighbourhood fruit"}
audience: adult
languages: [es, en]
profile: [group, gender, age_band]
questions:
  - id: fruit
    type: select_one
    label: {es: "¿Qué fruta prefiere?", en: "Which fruit do you prefer?"}
    choices: fruits
  - id: fruits
    type: select_multiple
    label: {es: "Frutas", en: "Fruits"}
    choices: fruits
  - id: order
    type: rank
    rank: 2
    label: {es: "Orden", en: "Order"}
    choices: fruits
  - id: people
    type: integer
    min: -5
    max: 30
    label: {es: "Personas", en: "People"}
  - id: agree
    type: yes_no
    label: {es: "¿De acuerdo?", en: "Agree?"}
  - id: say
    type: text
    max_length: 200
    label: {es: "Diga", en: "Say"}
choices:
  fruits:
    - {id: mango, label: {es: "Mango", en: "Mango"}}
    - {id: papaya, label: {es: "=HYPERLINK(\"http://evil.example\",\"clic\")", en: "=HYPERLINK(\"http://evil.example\",\"clic\")"}}
    - {id: guava, label: {es: "Guayaba", en: "Guava"}}
`

func fruitSurveyParsed(t *testing.T) *survey.Survey {
	t.Helper()
	sv, problems := survey.Parse("fruit.yaml", []byte(fruitSurvey))
	if len(problems) > 0 {
		t.Fatalf("survey: %v", problems)
	}
	return sv
}

// Numbers only a suppressed cell holds: none of them may appear in any export.
const (
	hiddenN   = 3
	hiddenPct = 13.7
	hiddenLo  = 4.4
	hiddenHi  = 32.9
	rowHidden = 4
)

// hiddenCell is a suppressed cell that still carries numbers, to prove writers never read them.
func hiddenCell() results.Cell {
	return results.Cell{N: hiddenN, Pct: hiddenPct, Lo: hiddenLo, Hi: hiddenHi, Suppressed: true}
}

func cell(n int, pct, lo, hi float64) results.Cell {
	return results.Cell{N: n, Pct: pct, Lo: lo, Hi: hi}
}

// sampleReport is 23 respondents: 15 host, the rest in groups too small to publish.
func sampleReport() *results.Report {
	return &results.Report{
		Consultation: "upala-2025", Survey: "fruit-survey", K: 5,
		Filter:      results.Filter{Channel: "kiosk"},
		Respondents: results.Cell{N: 23},
		Participation: []results.Table{
			{Dimension: results.ByGroup, Columns: []string{"n"}, Rows: []results.Row{
				{Value: "host", N: cell(15, 65.2, 44.9, 81.2)},
				{Value: "displaced", N: results.Cell{N: rowHidden, Pct: 17.4, Suppressed: true}},
				{Value: "refugee", N: results.Cell{N: rowHidden, Pct: 17.4, Suppressed: true}},
			}},
		},
		Questions: []results.Question{
			{ID: "fruit", Type: survey.SelectOne, Tables: []results.Table{
				{Dimension: results.ByAll, Columns: []string{"mango", "papaya", results.NoAnswer}, Rows: []results.Row{
					{Value: results.ByAll, N: results.Cell{N: 23}, Cells: []results.Cell{cell(12, 52.2, 33.0, 70.8), cell(8, 34.8, 18.8, 55.1), hiddenCell()}},
				}},
				{Dimension: results.ByGroupGender, Columns: []string{"mango", "papaya", results.NoAnswer}, Rows: []results.Row{
					{Value: "host|female", N: results.Cell{N: 9}, Cells: []results.Cell{cell(5, 55.6, 26.7, 81.1), hiddenCell(), hiddenCell()}},
					{Value: "displaced|male", N: results.Cell{N: rowHidden, Suppressed: true}, Cells: []results.Cell{hiddenCell(), hiddenCell(), hiddenCell()}},
				}},
			}},
			{ID: "order", Type: survey.Rank, Tables: []results.Table{
				{Dimension: results.ByAll, Columns: []string{"mango", "papaya", "guava"}, Rows: []results.Row{
					{Value: results.ByAll, N: results.Cell{N: 23}, Cells: []results.Cell{cell(20, 87.0, 67.9, 95.5), cell(16, 69.6, 49.1, 84.4), cell(10, 43.5, 25.6, 63.2)}},
				}},
			},
				Priorities: []results.Priority{
					{Choice: "mango", Points: 31, TopN: cell(20, 87.0, 67.9, 95.5)},
					{Choice: "guava", Points: 0, TopN: hiddenCell(), Suppressed: true},
				},
				ByGroup: []results.PriorityRow{{Value: "host", N: results.Cell{N: 15}, Scores: []results.Priority{
					{Choice: "mango", Points: 22, TopN: cell(14, 93.3, 70.2, 98.8)},
				}}},
			},
			{ID: "people", Type: survey.Integer, Tables: []results.Table{
				{Dimension: results.ByAll, Columns: []string{"answered", results.NoAnswer}, Rows: []results.Row{
					{Value: results.ByAll, N: results.Cell{N: 23}, Cells: []results.Cell{cell(21, 91.3, 73.2, 97.6), hiddenCell()},
						Stats: &results.Stats{Answered: 21, Mean: 4.62, Median: 4, Q1: 3, Q3: 6}},
				}},
			}},
		},
	}
}

// readCSV checks the BOM and returns the records.
func readCSV(t *testing.T, body []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(body, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("no UTF-8 BOM: % x", body[:min(3, len(body))])
	}
	r := csv.NewReader(bytes.NewReader(body[3:]))
	r.FieldsPerRecord = -1 // the first line is the heading, one field
	if bytes.Contains(body[:bytes.IndexByte(body, '\n')], []byte("separator ;")) {
		r.Comma = ';'
	}
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, body)
	}
	if len(recs) > 0 && len(recs[0]) == 1 { // a results CSV: its heading says the filter
		if !strings.Contains(recs[0][0], "filter") {
			t.Fatalf("the first line does not say the filter: %q", recs[0])
		}
		return recs[1:]
	}
	return recs
}

// line finds the record with the given question, dimension, value and choice.
func line(t *testing.T, recs [][]string, q, dim, value, choice string) map[string]string {
	t.Helper()
	for _, r := range recs[1:] {
		if r[1] == q && r[2] == dim && r[3] == value && r[4] == choice {
			m := map[string]string{}
			for i, h := range recs[0] {
				m[h] = r[i]
			}
			return m
		}
	}
	t.Fatalf("no line %s/%s/%s/%s", q, dim, value, choice)
	return nil
}

func TestCSVLongFormWithSuppression(t *testing.T) {
	var buf bytes.Buffer
	if err := CSV(&buf, sampleReport(), CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, buf.Bytes())
	if got := strings.Join(recs[0], ","); got != "consultation,question,dimension,value,choice,n,N,percent,ci_low,ci_high,suppressed" {
		t.Fatalf("header = %s", got)
	}

	mango := line(t, recs, "fruit", "all", "all", "mango")
	if mango["consultation"] != "upala-2025" || mango["n"] != "12" || mango["N"] != "23" || mango["percent"] != "52.2" ||
		mango["ci_low"] != "33.0" || mango["ci_high"] != "70.8" || mango["suppressed"] != "false" {
		t.Errorf("published cell = %v", mango)
	}
	// Suppressed in a row whose N is published: the N stays, the rest is empty.
	skipped := line(t, recs, "fruit", "all", "all", "no_answer")
	if skipped["n"] != "" || skipped["N"] != "23" || skipped["percent"] != "" || skipped["ci_low"] != "" ||
		skipped["ci_high"] != "" || skipped["suppressed"] != "true" {
		t.Errorf("suppressed cell = %v", skipped)
	}
	// A cell of a row whose N is hidden too: N reads the hidden label, never a number.
	small := line(t, recs, "fruit", "group_gender", "displaced|male", "mango")
	if small["n"] != "" || small["N"] != results.SuppressLabel(5) || small["suppressed"] != "true" {
		t.Errorf("suppressed cell of a suppressed row = %v", small)
	}
	if l := line(t, recs, "fruit", "group_gender", "host|female", "papaya"); l["N"] != "9" || l["n"] != "" {
		t.Errorf("host|female papaya = %v", l)
	}

	// Participation: each row out of all respondents.
	host := line(t, recs, Participation, "group", "host", "")
	if host["n"] != "15" || host["N"] != "23" || host["percent"] != "65.2" {
		t.Errorf("participation host = %v", host)
	}
	if d := line(t, recs, Participation, "group", "displaced", ""); d["n"] != "" || d["N"] != "23" || d["percent"] != "" || d["suppressed"] != "true" {
		t.Errorf("participation displaced = %v", d)
	}

	// Borda: points in n, who were asked in N, top-n share in percent; hidden points stay hidden.
	// The protection sentence follows the heading, on a line as wide as the header.
	buf.Reset()
	note := "So that nobody can be identified, counts are slightly adjusted and counts under 5 are never shown, so parts may not add up exactly."
	if err := CSV(&buf, sampleReport(), CSVOptions{Heading: "Consulta results · filter: everyone", Notes: []string{note}}); err != nil {
		t.Fatal(err)
	}
	if noted := readCSV(t, buf.Bytes()); noted[0][0] != note || len(noted[0]) != len(csvHeader) || noted[1][0] != "consultation" {
		t.Errorf("lines after the heading = %q, %q", noted[0], noted[1])
	}
	if b := line(t, recs, "order", DimBorda, "all", "mango"); b["n"] != "31" || b["N"] != "23" || b["percent"] != "87.0" {
		t.Errorf("borda mango = %v", b)
	}
	if b := line(t, recs, "order", DimBorda, "all", "guava"); b["n"] != "" || b["percent"] != "" || b["suppressed"] != "true" {
		t.Errorf("borda guava = %v", b)
	}
	if b := line(t, recs, "order", DimBorda, "host", "mango"); b["n"] != "22" || b["N"] != "15" || b["percent"] != "93.3" {
		t.Errorf("borda host mango = %v", b)
	}

	// No trace of what a suppressed cell held.
	for _, r := range recs[1:] {
		for i, f := range r {
			if f == fmt.Sprint(hiddenN) && recs[0][i] == "n" || f == fmt.Sprint(rowHidden) || slices.Contains(
				[]string{"13.7", "4.4", "32.9", "17.4"}, f) {
				t.Errorf("hidden number %q in %v", f, r)
			}
		}
	}
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	rep := &results.Report{Consultation: `=HYPERLINK("http://evil.example","clic")`, K: 5, Respondents: results.Cell{N: 40},
		Questions: []results.Question{{ID: "@x", Type: survey.SelectOne, Tables: []results.Table{
			{Dimension: results.ByGroup, Columns: []string{"+1", "\tTAB", "\rCR", "ok"}, Rows: []results.Row{
				{Value: "-2", N: results.Cell{N: 40}, Cells: []results.Cell{cell(10, 25, 14.2, 40.2), cell(10, 25, 14.2, 40.2), cell(10, 25, 14.2, 40.2), cell(10, 25, 14.2, 40.2)}},
			}},
		}}}}
	var buf bytes.Buffer
	if err := CSV(&buf, rep, CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, buf.Bytes())
	for _, r := range recs[1:] {
		for _, f := range r {
			if f != "" && strings.ContainsRune("=+-@\t\r", rune(f[0])) {
				t.Errorf("field %q can run as a formula", f)
			}
		}
	}
	l := line(t, recs, "'@x", "group", "'-2", "'+1")
	if l["consultation"] != `'=HYPERLINK("http://evil.example","clic")` {
		t.Errorf("consultation = %q", l["consultation"])
	}
	line(t, recs, "'@x", "group", "'-2", "'\tTAB")
	line(t, recs, "'@x", "group", "'-2", "ok")
}

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+1": "'+1", "-2": "'-2", "@x": "'@x", "\tx": "'\tx", "\rx": "'\rx",
		"": "", "<5": "<5", "mango": "mango", "a=b": "a=b", "'=already": "'=already",
	} {
		if got := neutralise(in); got != want {
			t.Errorf("neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

// labels stands in for web.T: a few messages, and the key itself when there is none.
func labels(key string, args ...any) string {
	msgs := map[string]string{
		"results.suppression_note": "So that nobody can be identified, counts are slightly adjusted and counts under %d are never shown, so parts may not add up exactly.",
		"results.respondents":      "Respondents",
		"results.dim.group":        "Group",
		"results.all":              "Everyone",
		"group.host":               "Host community",
		"gender.female":            "Woman",
	}
	if m, ok := msgs[key]; ok {
		return fmt.Sprintf(m, args...)
	}
	return key
}

func TestXLSXSheetsNumbersAndSuppression(t *testing.T) {
	sv := fruitSurveyParsed(t)
	rep := sampleReport()
	long := "a_question_with_a_very_long_identifier_one"
	rep.Questions = append(rep.Questions,
		results.Question{ID: long, Type: survey.YesNo},
		results.Question{ID: strings.TrimSuffix(long, "one") + "two", Type: survey.YesNo})
	var buf bytes.Buffer
	if err := XLSX(&buf, rep, sv, "en", labels, "Data as of 2026-11-30: 23 responses."); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	defer f.Close()

	sheets := f.GetSheetList()
	if len(sheets) != 1+len(rep.Questions) || sheets[0] != "Summary" || sheets[1] != "fruit" || sheets[2] != "order" {
		t.Fatalf("sheets = %q", sheets)
	}
	seen := map[string]bool{}
	for _, s := range sheets {
		if len([]rune(s)) > 31 || strings.ContainsAny(s, `[]:*?/\`) || seen[strings.ToLower(s)] {
			t.Errorf("bad sheet name %q", s)
		}
		seen[strings.ToLower(s)] = true
	}

	// Summary: respondents as a number, and the suppression rule in words.
	summary := cells(t, f, "Summary")
	if v := find(summary, "Respondents"); v == "" {
		t.Error("summary has no respondents line")
	}
	if !slices.ContainsFunc(flatten(summary), func(s string) bool {
		return s == "So that nobody can be identified, counts are slightly adjusted and counts under 5 are never shown, so parts may not add up exactly."
	}) {
		t.Errorf("summary has no suppression note: %q", summary)
	}
	if v := find(summary, "Host community"); v != "15" {
		t.Errorf("participation of the host community = %q, want 15", v)
	}

	fruit := cells(t, f, "fruit")
	if fruit[0][0] != "Which fruit do you prefer?" {
		t.Errorf("A1 = %q, want the question in English", fruit[0][0])
	}
	all := flatten(fruit)
	if !slices.Contains(all, "Host community · Woman") {
		t.Errorf("group × gender row not labelled: %q", fruit)
	}
	if !slices.Contains(all, results.SuppressLabel(5)) || slices.Contains(all, "<5") {
		t.Errorf("hidden cells must read %q, never <5: %q", results.SuppressLabel(5), fruit)
	}
	if !slices.Contains(all, `'=HYPERLINK("http://evil.example","clic")`) {
		t.Errorf("formula-looking choice label not neutralised: %q", fruit)
	}
	for _, s := range all {
		if s == fmt.Sprint(hiddenN) || s == fmt.Sprint(rowHidden) || s == "13.7" || s == "17.4" {
			t.Errorf("hidden number %q in the fruit sheet", s)
		}
	}
	// Counts are numbers, not text: the "all" row's N (B4) and first count (C4).
	for _, ax := range []string{"B4", "C4", "D4"} {
		typ, err := f.GetCellType("fruit", ax)
		if err != nil || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s has type %v (%v), want a number", ax, typ, err)
		}
	}
	if v, _ := f.GetCellValue("fruit", "C4"); v != "12" {
		t.Errorf("C4 = %q, want 12", v)
	}
	if v, _ := f.GetCellValue("fruit", "D4"); v != "52.2" {
		t.Errorf("D4 = %q, want 52.2", v)
	}

	// No cell anywhere is a formula.
	for _, s := range sheets {
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c := range row {
				ax, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, _ := f.GetCellFormula(s, ax); formula != "" {
					t.Errorf("%s!%s has formula %q", s, ax, formula)
				}
			}
		}
	}
}

func cells(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// find returns the cell right of the first cell reading key.
func find(rows [][]string, key string) string {
	for _, r := range rows {
		for i, c := range r {
			if c == key && i+1 < len(r) {
				return r[i+1]
			}
		}
	}
	return ""
}

func TestSheetNames(t *testing.T) {
	b := &book{used: map[string]bool{"summary": true}}
	got := []string{b.sheetName("Summary"), b.sheetName("a[b]:c*d?e/f\\g"), b.sheetName("'quoted'"),
		b.sheetName(strings.Repeat("x", 40)), b.sheetName(strings.Repeat("x", 40)), b.sheetName("History")}
	want := []string{"Summary~2", "a_b__c_d_e_f_g", "quoted", strings.Repeat("x", 31), strings.Repeat("x", 29) + "~2", "q"}
	if !slices.Equal(got, want) {
		t.Errorf("sheet names = %q, want %q", got, want)
	}
}

// rawRows is a RawSource over a fixed list.
func rawRows(rs ...RawResponse) RawSource {
	return func(yield func(RawResponse) error) error {
		for _, r := range rs {
			if err := yield(r); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestRawCSV(t *testing.T) {
	sv := fruitSurveyParsed(t)
	day := time.Date(2025, 3, 1, 21, 30, 0, 0, time.UTC)
	rows := rawRows(
		RawResponse{Number: 1, Received: day, Channel: "kiosk", Session: "s1", Language: "es", Version: sv.Version,
			Group: "displaced", Gender: "female", AgeBand: "age_18_29", Disability: "without_disability",
			Answers: map[string][]string{"group": {"displaced"}, "gender": {"female"}, "age_band": {"age_18_29"},
				"fruit": {"papaya"}, "fruits": {"mango", "guava"}, "order": {"guava", "mango"},
				"people": {"-2"}, "agree": {"yes"}, "say": {"=HYPERLINK(\"http://evil.example\")"}}},
		RawResponse{Number: 2, Received: day.Add(time.Hour), Channel: "link", Language: "en", Version: sv.Version,
			Group: "host", Answers: map[string][]string{"group": {"host"}, "fruit": nil, "agree": {"no"}, "say": {"@everyone"}}},
	)

	var buf bytes.Buffer
	if err := RawCSV(&buf, sv, rows, false); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, buf.Bytes())
	wantHeader := "number,received,channel,session,language,survey_version,group,gender,age_band,disability,fruit,fruits,order,people,agree"
	if got := strings.Join(recs[0], ","); got != wantHeader {
		t.Fatalf("header = %s\nwant     %s", got, wantHeader)
	}
	if len(recs) != 3 {
		t.Fatalf("%d lines, want header and 2", len(recs))
	}
	first := strings.Join(recs[1], ",")
	want := "1,2025-03-01,kiosk,s1,es," + sv.Version + ",displaced,female,age_18_29,without_disability,papaya,mango;guava,guava > mango,'-2,yes"
	if first != want {
		t.Errorf("first line = %s\nwant         %s", first, want)
	}
	if second := strings.Join(recs[2], ","); second != "2,2025-03-01,link,,en,"+sv.Version+",host,,,,,,,,no" {
		t.Errorf("second line = %s", second)
	}
	if strings.Contains(buf.String(), "HYPERLINK") || strings.Contains(buf.String(), "everyone") {
		t.Error("free text in an export that did not ask for it")
	}

	buf.Reset()
	if err := RawCSV(&buf, sv, rows, true); err != nil {
		t.Fatal(err)
	}
	recs = readCSV(t, buf.Bytes())
	if recs[0][len(recs[0])-1] != "say" {
		t.Fatalf("header with text = %q", recs[0])
	}
	if got := recs[1][len(recs[1])-1]; got != `'=HYPERLINK("http://evil.example")` {
		t.Errorf("text = %q, want it neutralised", got)
	}
	if got := recs[2][len(recs[2])-1]; got != "'@everyone" {
		t.Errorf("text = %q, want it neutralised", got)
	}
}

func TestRawCSVStopsOnSourceError(t *testing.T) {
	sv := fruitSurveyParsed(t)
	boom := fmt.Errorf("database gone")
	err := RawCSV(&bytes.Buffer{}, sv, func(func(RawResponse) error) error { return boom }, false)
	if err != boom {
		t.Errorf("RawCSV = %v, want the source's error", err)
	}
}

// The semicolon dialect opens in columns in a Spanish spreadsheet: ";" between fields, "," in decimals,
// and its first line says the filter, the separator and the decimal mark.
func TestCSVSemicolonDialectSaysFilterAndMark(t *testing.T) {
	rep := sampleReport()
	rep.Filter = results.Filter{Dimension: results.ByGroup, Value: "refugee", From: "2026-03-01"}
	var buf bytes.Buffer
	if err := CSV(&buf, rep, CSVOptions{Semicolon: true}); err != nil {
		t.Fatal(err)
	}
	first := strings.SplitN(strings.TrimPrefix(buf.String(), bom), "\n", 2)[0]
	for _, want := range []string{"only=group:refugee", "from=2026-03-01", "separator ;", "decimal mark ,"} {
		if !strings.Contains(first, want) {
			t.Errorf("first line %q does not say %q", first, want)
		}
	}
	recs := readCSV(t, buf.Bytes())
	if len(recs[0]) != len(csvHeader) {
		t.Fatalf("header read with ; has %d fields: %q", len(recs[0]), recs[0])
	}
	mango := line(t, recs, "fruit", "all", "all", "mango")
	if mango["percent"] != "52,2" || mango["ci_low"] != "33,0" {
		t.Errorf("semicolon dialect percent = %v", mango)
	}
	var heading bytes.Buffer
	if err := CSV(&heading, rep, CSVOptions{Heading: "Filtro: Solo estas personas: Refugiado"}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(strings.TrimPrefix(heading.String(), bom), "Filtro: Solo estas personas: Refugiado") {
		t.Errorf("the heading given is not the first line: %q", heading.String()[:80])
	}
}
