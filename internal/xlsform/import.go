// Package xlsform converts between XLSForm workbooks (KoboToolbox, ODK) and Consulta's survey
// files. Pure functions: bytes in, survey YAML and problems out, and back; no storage, no HTTP.
package xlsform

import (
	"encoding/json"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"consulta/internal/locale"
	"consulta/internal/survey"
)

// Options tune an import.
type Options struct {
	// Name is the file's name, the survey id when the settings give no form_id.
	Name string
	// Icons lists the icon names Consulta has; a choice's image matching one by name becomes its icon.
	Icons []string
}

// Result is an import: the survey file, the loaded survey, and what the form said.
// YAML and Survey are set only when there is no error.
type Result struct {
	YAML   []byte
	Survey *survey.Survey
	Errors Problems
	Notes  Problems
}

// Import reads an XLSForm workbook.
func Import(data []byte, o Options) *Result {
	sheets, err := ReadXLSX(data)
	if err != nil {
		return &Result{Errors: Problems{{Sheet: o.Name, Code: "not_xlsx", Args: []any{err.Error()}}}}
	}
	return ImportSheets(sheets, o)
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// ImportSheets converts the sheets of a workbook into a survey file, checked by survey.Parse.
func ImportSheets(sheets []Sheet, o Options) *Result {
	im := &importer{o: o, rows: map[string]int{}, res: &Result{}}
	im.run(sheets)
	res := im.res
	if len(res.Errors) > 0 {
		return res
	}
	src, err := writeYAML(im.doc)
	if err != nil {
		res.Errors = append(res.Errors, Problem{Sheet: "survey", Code: "survey", Args: []any{err.Error()}})
		return res
	}
	sv, problems := survey.Parse(im.doc.ID+".yaml", src)
	for _, p := range problems {
		q := Problem{Sheet: "survey", Code: "survey", Args: []any{p}}
		if row, ok := im.rows[p.Question]; ok && p.Question != "" {
			q = im.survey.at(row-2, "", "survey", p)
			if strings.HasPrefix(p.Code, "relevant") {
				q = im.survey.at(row-2, "relevant", "survey", p)
			}
		}
		res.Errors = append(res.Errors, q)
	}
	if len(res.Errors) == 0 {
		res.YAML, res.Survey = src, sv
	}
	return res
}

type importer struct {
	o        Options
	res      *Result
	doc      *yamlSurvey
	survey   *table
	choices  *table
	settings *table
	langs    []string          // supported languages found, in column order
	langCols map[string]string // heading suffix as written -> code
	lists    map[string][]draftChoice
	rows     map[string]int // question id -> sheet row
}

type draftChoice struct {
	survey.Choice
	row   int
	dupOf int // the sheet row of an earlier choice with the same name, or 0
}

func (im *importer) fail(p Problem) { im.res.Errors = append(im.res.Errors, p) }
func (im *importer) note(p Problem) { im.res.Notes = append(im.res.Notes, p) }

func (im *importer) run(sheets []Sheet) {
	for _, s := range sheets {
		switch strings.ToLower(strings.TrimSpace(s.Name)) {
		case "survey":
			im.survey = newTable(s)
		case "choices":
			im.choices = newTable(s)
		case "settings":
			im.settings = newTable(s)
		case "entities":
			im.fail(Problem{Sheet: s.Name, Code: "refused_entities", Args: []any{s.Name}})
		case "external_choices":
			im.fail(Problem{Sheet: s.Name, Code: "refused_from_file", Args: []any{s.Name}})
		default:
			im.note(Problem{Sheet: s.Name, Code: "note_sheet", Args: []any{s.Name}})
		}
	}
	if im.survey == nil {
		im.fail(Problem{Sheet: "survey", Code: "no_survey_sheet"})
		return
	}
	if im.choices == nil {
		im.choices = &table{name: "choices"}
	}
	if im.settings == nil {
		im.settings = &table{name: "settings"}
	}
	missing := false
	for _, h := range []string{"type", "name"} {
		if im.survey.col(h) < 0 {
			im.fail(Problem{Sheet: im.survey.name, Row: 1, Code: "no_column", Args: []any{h}})
			missing = true
		}
	}
	if missing {
		return
	}
	im.doc = &yamlSurvey{}
	im.findLanguages()
	im.readSettings()
	im.readChoices()
	im.readQuestions()
}

// langCode reads the language of a heading suffix: "Español (es)", "es" or "Spanish".
func langCode(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, "("); i >= 0 && strings.HasSuffix(s, ")") {
		s = s[i+1 : len(s)-1]
	}
	s = strings.ToLower(strings.TrimSpace(s))
	if code, _, ok := strings.Cut(s, "-"); ok && len(code) == 2 {
		s = code
	}
	switch s {
	case "es", "spa", "spanish", "español", "espanol", "castellano":
		return "es", true
	case "en", "eng", "english", "inglés", "ingles":
		return "en", true
	case "pt", "por", "portuguese", "português", "portugues":
		return "pt", true
	}
	return s, false
}

// findLanguages lists the languages of the label columns; unsupported ones are noted.
func (im *importer) findLanguages() {
	im.langCols = map[string]string{}
	seen := map[string]bool{}
	plain := false
	for _, t := range []*table{im.survey, im.choices} {
		for c, h := range t.headers {
			base, suffix, ok := strings.Cut(h, "::")
			if !slices.Contains([]string{"label", "hint", "constraint_message", "required_message", "image"}, base) {
				continue
			}
			if !ok {
				plain = plain || base == "label"
				continue
			}
			code, known := langCode(suffix)
			if !known {
				if !seen["?"+suffix] {
					im.note(t.atCol(-1, c, "note_language", suffix))
					seen["?"+suffix] = true
				}
				continue
			}
			im.langCols[suffix] = code
			if base == "label" && !seen[code] {
				seen[code] = true
				im.langs = append(im.langs, code)
			}
		}
	}
	def := ""
	if c := im.settings.col("default_language"); c >= 0 {
		if code, ok := langCode(im.settings.cell(0, c)); ok {
			def = code
		}
	}
	if plain {
		if def == "" {
			def = "es"
			if len(im.langs) > 0 && !seen["es"] {
				def = ""
			}
		}
		if def != "" && !seen[def] {
			im.langs = append(im.langs, def)
		}
	}
	if def == "" || !slices.Contains(im.langs, def) {
		def = ""
		if len(im.langs) > 0 {
			def = im.langs[0]
		}
	}
	if len(im.langs) == 0 {
		im.fail(Problem{Sheet: im.survey.name, Row: 1, Code: "no_language"})
		return
	}
	// Languages in Consulta's order, so an exported and re-imported file reads the same.
	slices.SortStableFunc(im.langs, func(a, b string) int {
		return slices.Index(survey.Languages, a) - slices.Index(survey.Languages, b)
	})
	im.doc.Languages, im.doc.DefaultLanguage = im.langs, def
}

// text reads a translated column (label, hint) of row i: label::xx columns and, for the default
// language, a plain label column.
func (im *importer) text(t *table, i int, base string) survey.Label {
	out := survey.Label{}
	for c, h := range t.headers {
		b, suffix, ok := strings.Cut(h, "::")
		if b != base {
			continue
		}
		code := im.doc.DefaultLanguage
		if ok {
			var known bool
			if code, known = im.langCols[suffix]; !known {
				continue
			}
		}
		if v := t.cell(i, c); v != "" && out[code] == "" {
			out[code] = v
		}
	}
	return out
}

// complete reports a text that is given in some language but not every one.
func (im *importer) complete(t *table, i int, base string, l survey.Label) {
	if len(l) == 0 {
		return
	}
	for _, lg := range im.langs {
		if l[lg] == "" {
			im.fail(im.textAt(t, i, base, lg))
		}
	}
}

// textAt is a missing_text problem at the column of base in lang, or of base when there is none.
func (im *importer) textAt(t *table, i int, base, lang string) Problem {
	for c, h := range t.headers {
		b, suffix, ok := strings.Cut(h, "::")
		if b == base && ok && im.langCols[suffix] == lang {
			return t.atCol(i, c, "missing_text", lang)
		}
	}
	return t.at(i, base, "missing_text", base+"::"+lang)
}

func (im *importer) readSettings() {
	t := im.settings
	id := t.get(0, "form_id")
	if id == "" {
		id = strings.TrimSuffix(path.Base(strings.ReplaceAll(im.o.Name, `\`, "/")), path.Ext(im.o.Name))
		id = strings.Trim(regexp.MustCompile(`[^a-z0-9_-]+`).ReplaceAllString(strings.ToLower(id), "-"), "-_")
	}
	if !idPattern.MatchString(strings.ReplaceAll(id, "-", "_")) {
		im.fail(t.at(0, "form_id", "bad_id", id))
	}
	im.doc.ID = id
	title := survey.Label{}
	for c, h := range t.headers {
		switch {
		case h == "form_title":
			if v := t.cell(0, c); v != "" && title[im.doc.DefaultLanguage] == "" {
				title[im.doc.DefaultLanguage] = v
			}
		case strings.HasPrefix(h, "consulta::title::"):
			if code, ok := langCode(strings.TrimPrefix(h, "consulta::title::")); ok && t.cell(0, c) != "" {
				title[code] = t.cell(0, c)
			}
		case h == "public_key":
			if t.cell(0, c) != "" {
				im.fail(t.atCol(0, c, "refused_encryption"))
			}
		case h == "entities" || strings.HasPrefix(h, "entity"):
			if t.cell(0, c) != "" {
				im.fail(t.atCol(0, c, "refused_entities", h))
			}
		case h == "consulta::audience":
			im.doc.Audience = t.cell(0, c)
			if im.doc.Audience != "adult" && im.doc.Audience != "child" && im.doc.Audience != "" {
				im.fail(t.atCol(0, c, "consulta_value", im.doc.Audience, "adult | child"))
			}
		case slices.Contains([]string{"form_id", "default_language", "version", ""}, h):
		default:
			if t.cell(0, c) != "" {
				im.note(t.atCol(0, c, "note_setting", t.raw[c]))
			}
		}
	}
	if len(title) == 0 {
		title[im.doc.DefaultLanguage] = id
	}
	from := title.In(im.doc.DefaultLanguage)
	var filled []string
	for _, lg := range im.langs {
		if title[lg] == "" {
			title[lg] = from
			filled = append(filled, lg)
		}
	}
	if len(filled) > 0 && len(title) > len(filled) {
		im.note(t.at(0, "form_title", "note_title", im.doc.DefaultLanguage, strings.Join(filled, ", ")))
	}
	for k := range title {
		if !slices.Contains(im.langs, k) {
			delete(title, k)
		}
	}
	im.doc.Title = title
}

func (im *importer) readChoices() {
	t := im.choices
	im.lists = map[string][]draftChoice{}
	listCol := t.col("list_name")
	if len(t.rows) > 0 && listCol < 0 {
		im.fail(Problem{Sheet: t.name, Row: 1, Code: "no_column", Args: []any{"list_name"}})
		return
	}
	seen := map[string]map[string]int{}
	for i := range t.rows {
		if t.empty(i) {
			continue
		}
		list, name := t.get(i, "list_name"), t.get(i, "name")
		if list == "" {
			continue
		}
		if seen[list] == nil {
			seen[list] = map[string]int{}
		}
		c := draftChoice{Choice: survey.Choice{ID: name, Label: im.text(t, i, "label")}, row: i}
		if prev, twice := seen[list][name]; twice {
			c.dupOf = prev
		} else {
			seen[list][name] = i + 2
		}
		c.Icon = t.get(i, "consulta::icon")
		if c.Icon == "" {
			for col, h := range t.headers {
				if b, _, _ := strings.Cut(h, "::"); b == "image" && t.cell(i, col) != "" {
					c.Icon = im.icon(t, i, col)
					break
				}
			}
		}
		if v := strings.ToLower(t.get(i, "consulta::exclusive")); v == "yes" || v == "true" {
			c.Exclusive = true
		}
		im.lists[list] = append(im.lists[list], c)
	}
}

// icon maps an image file name to one of Consulta's icons, or notes that it is left out.
func (im *importer) icon(t *table, i, col int) string {
	file := t.cell(i, col)
	name := strings.ToLower(strings.TrimSuffix(path.Base(file), path.Ext(file)))
	name = strings.NewReplacer("-", "_", " ", "_").Replace(name)
	if slices.Contains(im.o.Icons, name) {
		return name
	}
	im.note(t.atCol(i, col, "note_image", file))
	return ""
}

// checkList reports the choices of a used list once: names, duplicates and texts.
func (im *importer) checkList(name string, checked map[string]bool) {
	if checked[name] {
		return
	}
	checked[name] = true
	t := im.choices
	for _, c := range im.lists[name] {
		switch {
		case c.dupOf > 0:
			im.fail(t.at(c.row, "name", "duplicate_choice", c.ID, name, c.dupOf))
		case !idPattern.MatchString(c.ID):
			im.fail(t.at(c.row, "name", "bad_name", c.ID))
		}
		if len(c.Label) == 0 {
			im.fail(im.textAt(t, c.row, "label", im.doc.DefaultLanguage))
		}
		im.complete(t, c.row, "label", c.Label)
	}
}

type group struct {
	name, relevant string
	row            int
	repeat         bool
}

var metadata = []string{"start", "end", "today", "deviceid", "username", "audit", "subscriberid", "simserial",
	"phonenumber", "email", "imei", "uri:deviceid", "start-geopoint"}

var identifyingTypes = []string{"image", "photo", "audio", "video", "file", "barcode", "geopoint", "geotrace",
	"geoshape", "gps", "location", "background-audio", "background-geopoint", "signature", "osm"}

var notesOnColumns = map[string]string{"constraint_message": "constraint_message", "required_message": "required_message"}

// known survey-sheet columns; others are noted once.
var surveyColumns = []string{"type", "name", "label", "hint", "required", "relevant", "constraint", "appearance",
	"choice_filter", "parameters", "constraint_message", "required_message", "calculation", "default", "read_only",
	"image", "audio", "video", "big-image", "guidance_hint", "trigger", "save_to",
	"consulta::type", "consulta::rank", "consulta::prefer_not", "consulta::variants", "consulta::max_length",
	"consulta::heard", ""}

func (im *importer) readQuestions() {
	t := im.survey
	for c, h := range t.headers {
		b, _, _ := strings.Cut(h, "::")
		if h != "" && !slices.Contains(surveyColumns, b) && !slices.Contains(surveyColumns, h) {
			im.note(t.atCol(-1, c, "note_column", t.raw[c]))
		}
	}
	var stack []group
	byName := map[string]int{}
	checked := map[string]bool{}
	var profile []string
	noted := map[string]bool{}
	for i := range t.rows {
		if t.empty(i) {
			continue
		}
		im.refuseFunctions(i)
		rawType := t.get(i, "type")
		base, list, orOther := parseType(rawType)
		name := t.get(i, "name")
		if base == "" && rawType == "" {
			continue
		}
		// The kinds of row that are not questions.
		switch {
		case base == "begin_group" || base == "begin_repeat":
			if base == "begin_repeat" {
				im.fail(t.at(i, "type", "refused_repeat"))
			}
			g := group{name: name, relevant: t.get(i, "relevant"), row: i, repeat: base == "begin_repeat"}
			if g.relevant != "" && !im.checkRelevant(i, g.relevant) {
				g.relevant = ""
			}
			if label := im.text(t, i, "label"); len(label) > 0 && !g.repeat {
				if im.named(i, name, byName) {
					im.complete(t, i, "label", label)
					q := &yamlQuestion{ID: name, Type: survey.Note, Label: label, Relevant: joinRelevant(stack, "")}
					im.add(q, i)
					im.note(t.at(i, "type", "note_group", name))
				}
			}
			if a := t.get(i, "appearance"); a != "" {
				im.note(t.at(i, "appearance", "note_appearance", a))
			}
			stack = append(stack, g)
			continue
		case base == "end_group" || base == "end_repeat":
			if len(stack) == 0 {
				im.fail(t.at(i, "type", "end_group_unmatched"))
				continue
			}
			stack = stack[:len(stack)-1]
			continue
		case slices.Contains(metadata, base):
			if base == "start-geopoint" {
				im.fail(t.at(i, "type", "refused_identifying", rawType))
				continue
			}
			im.note(t.at(i, "type", "note_metadata", rawType))
			continue
		case base == "calculate" || base == "hidden" || base == "xml-external" || base == "csv-external":
			im.fail(t.at(i, "type", "refused_calculate", rawType))
			continue
		case slices.Contains(identifyingTypes, base):
			im.fail(t.at(i, "type", "refused_identifying", rawType))
			continue
		case strings.HasSuffix(base, "_from_file") || strings.HasSuffix(base, "_external"):
			im.fail(t.at(i, "type", "refused_from_file", rawType))
			continue
		}
		if v := t.get(i, "calculation"); v != "" {
			im.fail(t.at(i, "calculation", "refused_calculate", "calculation"))
		}
		if v := t.get(i, "save_to"); v != "" {
			im.fail(t.at(i, "save_to", "refused_entities", "save_to"))
		}
		if !im.named(i, name, byName) {
			continue
		}
		if slices.Contains(survey.ProfileIDs(), name) {
			dim := name
			if slices.Contains(survey.WashingtonGroup, name) {
				dim = survey.Disabled
			}
			if !slices.Contains(profile, dim) {
				profile = append(profile, dim)
			}
			if name == survey.AgeBand && im.doc.Audience == "" {
				for _, c := range im.lists[list] {
					if c.ID == "age_8_12" || c.ID == "age_13_17" {
						im.doc.Audience = "child"
					}
				}
			}
			if !noted[dim] {
				im.note(t.at(i, "name", "note_profile", name))
				noted[dim] = true
			}
			continue
		}
		q := &yamlQuestion{ID: name, Label: im.text(t, i, "label"), Hint: im.text(t, i, "hint")}
		if q.Label == nil || len(q.Label) == 0 {
			im.fail(im.textAt(t, i, "label", im.doc.DefaultLanguage))
		}
		im.complete(t, i, "label", q.Label)
		im.complete(t, i, "hint", q.Hint)
		if len(q.Hint) == 0 {
			q.Hint = nil
		}
		if !im.questionType(i, q, base, list, rawType, checked) {
			continue
		}
		im.required(i, q)
		if v := t.get(i, "relevant"); v != "" && !im.checkRelevant(i, v) {
			continue
		}
		q.Relevant = joinRelevant(stack, t.get(i, "relevant"))
		im.constraint(i, q)
		im.columns(i, q)
		im.add(q, i)
		if orOther && q.HasChoices() {
			im.orOther(i, q)
		}
	}
	for _, g := range stack {
		im.fail(t.at(g.row, "type", "begin_group_unmatched", g.name))
	}
	if im.doc.Audience == "" {
		im.doc.Audience = "adult"
	}
	im.doc.Profile = profile
}

// named checks a row's name: present, a valid id, not used before.
func (im *importer) named(i int, name string, byName map[string]int) bool {
	t := im.survey
	switch {
	case name == "":
		im.fail(t.at(i, "name", "missing_name"))
		return false
	case !idPattern.MatchString(name):
		im.fail(t.at(i, "name", "bad_name", name))
		return false
	}
	if prev, ok := byName[name]; ok {
		im.fail(t.at(i, "name", "duplicate_name", name, prev))
		return false
	}
	byName[name] = i + 2
	return true
}

func (im *importer) add(q *yamlQuestion, i int) {
	im.doc.Questions = append(im.doc.Questions, q)
	im.rows[q.ID] = i + 2
}

var refusedFunctions = regexp.MustCompile(`(?i)\b(pulldata|instance|search)\s*\(`)

// refuseFunctions finds pulldata(), instance() and search() in any cell of a row.
func (im *importer) refuseFunctions(i int) {
	t := im.survey
	for c := range t.headers {
		if m := refusedFunctions.FindStringSubmatch(t.cell(i, c)); m != nil {
			im.fail(t.atCol(i, c, "refused_function", strings.ToLower(m[1])))
		}
	}
}

// checkRelevant reports a relevant cell that is not in the expression subset.
func (im *importer) checkRelevant(i int, expr string) bool {
	if _, err := survey.ParseExpr(expr); err != nil {
		im.fail(im.survey.at(i, "relevant", "relevant", err))
		return false
	}
	return true
}

// joinRelevant ands the relevant of every open group with the question's own.
func joinRelevant(stack []group, own string) string {
	var parts []string
	for _, g := range stack {
		if g.relevant != "" {
			parts = append(parts, g.relevant)
		}
	}
	if own != "" {
		parts = append(parts, own)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	for k, p := range parts {
		parts[k] = "(" + p + ")"
	}
	return strings.Join(parts, " and ")
}

// parseType reads a type cell with pyxform's spellings: it returns the base type, the list
// name of a select and whether or_other follows.
func parseType(raw string) (base, list string, orOther bool) {
	s := strings.Join(strings.Fields(strings.ToLower(raw)), " ")
	if s == "" {
		return "", "", false
	}
	for _, p := range []struct{ spelling, base string }{
		{"select_one_from_file", "select_one_from_file"}, {"select one from file", "select_one_from_file"},
		{"select_multiple_from_file", "select_multiple_from_file"}, {"select multiple from file", "select_multiple_from_file"},
		{"select_one_external", "select_one_external"},
		{"add select one prompt using", survey.SelectOne}, {"select_one", survey.SelectOne}, {"select one", survey.SelectOne},
		{"select1", survey.SelectOne},
		{"add select multiple prompt using", survey.SelectMultiple}, {"select_multiple", survey.SelectMultiple},
		{"select multiple", survey.SelectMultiple}, {"select all that apply", survey.SelectMultiple},
		{"select_all_that_apply", survey.SelectMultiple}, {"select_many", survey.SelectMultiple},
		{"rank", survey.Rank},
	} {
		if s == p.spelling || strings.HasPrefix(s, p.spelling+" ") {
			rest := strings.Fields(strings.TrimPrefix(s, p.spelling))
			if len(rest) > 0 && rest[len(rest)-1] == "or_other" {
				orOther, rest = true, rest[:len(rest)-1]
			}
			// List names keep their case: take them from the raw cell.
			if len(rest) > 0 {
				f := strings.Fields(raw)
				idx := len(f) - 1
				if orOther {
					idx--
				}
				list = f[idx]
			}
			return p.base, list, orOther
		}
	}
	switch s {
	case "begin group", "begin_group", "begin page":
		return "begin_group", "", false
	case "end group", "end_group", "end page":
		return "end_group", "", false
	case "begin repeat", "begin_repeat", "begin loop":
		return "begin_repeat", "", false
	case "end repeat", "end_repeat", "end loop":
		return "end_repeat", "", false
	case "int":
		return survey.Integer, "", false
	case "string":
		return survey.Text, "", false
	case "trigger":
		return "acknowledge", "", false
	case "geopoint", "gps", "location":
		return "geopoint", "", false
	case "photo", "image":
		return "image", "", false
	}
	return strings.ReplaceAll(s, " ", "_"), "", false
}

// questionType sets a question's type and what the type needs; false when the row is refused.
func (im *importer) questionType(i int, q *yamlQuestion, base, list, raw string, checked map[string]bool) bool {
	t := im.survey
	switch base {
	case survey.Note:
		q.Type = survey.Note
	case survey.Integer:
		q.Type = survey.Integer
	case "decimal":
		q.Type = survey.Integer
		im.note(t.at(i, "type", "note_decimal"))
	case survey.Text:
		q.Type = survey.Text
	case "acknowledge":
		q.Type = survey.YesNo
	case "range":
		params := parameters(t.get(i, "parameters"))
		start, end, step := params["start"], params["end"], params["step"]
		if start == "" {
			start = "1"
		}
		if end == "" {
			end = "10"
		}
		if step == "" {
			step = "1"
		}
		if start != "1" || step != "1" || (end != "3" && end != "5") {
			im.fail(t.at(i, "parameters", "range", "start="+start+" end="+end+" step="+step))
			return false
		}
		q.Type, q.Points = survey.Scale, map[string]int{"3": 3, "5": 5}[end]
	case survey.SelectOne, survey.SelectMultiple, survey.Rank:
		q.Type = base
		if list == "" {
			im.fail(t.at(i, "type", "no_list", base))
			return false
		}
		choices, ok := im.lists[list]
		if !ok {
			im.fail(t.at(i, "type", "unknown_list", list))
			return false
		}
		im.checkList(list, checked)
		q.list = list
		for _, c := range choices {
			q.choices = append(q.choices, c.Choice)
		}
		if f := t.get(i, "choice_filter"); f != "" {
			if trivial(f) {
				im.note(t.at(i, "choice_filter", "note_choice_filter", f))
			} else {
				im.fail(t.at(i, "choice_filter", "choice_filter", f))
				return false
			}
		}
		over := strings.ToLower(t.get(i, "consulta::type"))
		ids := make([]string, len(q.choices))
		for k, c := range q.choices {
			ids[k] = c.ID
		}
		switch {
		case over == survey.YesNo:
			q.Type, q.list, q.choices = survey.YesNo, "", nil
		case over == "" && base == survey.SelectOne && slices.Equal(ids, []string{"yes", "no"}):
			q.Type, q.list, q.choices = survey.YesNo, "", nil
			im.note(t.at(i, "type", "note_yes_no"))
		}
		if q.Type == survey.Rank {
			if v := t.get(i, "consulta::rank"); v != "" {
				n, err := strconv.Atoi(v)
				if err != nil || n < 1 {
					im.fail(t.at(i, "consulta::rank", "consulta_value", v, "1, 2, 3…"))
					return false
				}
				q.Rank = n
			} else {
				q.Rank = min(3, len(q.choices))
				im.note(t.at(i, "type", "note_rank", q.Rank))
			}
		}
	default:
		im.fail(t.at(i, "type", "unknown_type", raw))
		return false
	}
	if a := t.get(i, "appearance"); a != "" {
		for _, word := range strings.Fields(a) {
			if refusedFunctions.MatchString(word) {
				continue
			}
			im.note(t.at(i, "appearance", "note_appearance", word))
		}
	}
	for _, h := range []string{"constraint_message", "required_message"} {
		for c, hh := range t.headers {
			if b, _, _ := strings.Cut(hh, "::"); b == h && t.cell(i, c) != "" {
				im.note(t.atCol(i, c, "note_message", h))
				break
			}
		}
	}
	for _, h := range []string{"image", "audio", "video", "big-image"} {
		for c, hh := range t.headers {
			if b, _, _ := strings.Cut(hh, "::"); b == h && t.cell(i, c) != "" {
				im.note(t.atCol(i, c, "note_media", t.cell(i, c)))
			}
		}
	}
	return true
}

func trivial(f string) bool {
	f = strings.Join(strings.Fields(strings.ToLower(f)), "")
	return f == "true()" || f == "1=1" || f == "1"
}

// parameters reads "start=1 end=5 step=1" (spaces, commas or semicolons between).
func parameters(s string) map[string]string {
	out := map[string]string{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == ';' }) {
		if k, v, ok := strings.Cut(f, "="); ok {
			out[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
		}
	}
	return out
}

func (im *importer) required(i int, q *yamlQuestion) {
	v := strings.ToLower(im.survey.get(i, "required"))
	switch v {
	case "", "no", "false", "false()", "0", "n":
	case "yes", "true", "true()", "1", "y":
		q.Required = q.Type != survey.Note
	default:
		im.fail(im.survey.at(i, "required", "required_value", im.survey.get(i, "required")))
	}
}

// columns reads the consulta:: columns an export writes: prefer_not, variants, max_length, heard.
func (im *importer) columns(i int, q *yamlQuestion) {
	t := im.survey
	if v := strings.ToLower(t.get(i, "consulta::heard")); v != "" {
		if !slices.Contains(survey.HeardValues, v) {
			im.fail(t.at(i, "consulta::heard", "consulta_value", v, strings.Join(survey.HeardValues, ", ")))
		} else {
			q.Heard = v
		}
	}
	if v := strings.ToLower(t.get(i, "consulta::prefer_not")); v == "yes" || v == "true" {
		q.PreferNot = true
		q.choices = slices.DeleteFunc(q.choices, func(c survey.Choice) bool { return c.ID == survey.PreferNot })
	}
	if v := t.get(i, "consulta::max_length"); v != "" && q.Type == survey.Text {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			im.fail(t.at(i, "consulta::max_length", "consulta_value", v, "1, 2, 3…"))
		} else {
			q.MaxLength = n
		}
	}
	if v := t.get(i, "consulta::variants"); v != "" {
		var vs map[string]yamlVariant
		if err := json.Unmarshal([]byte(v), &vs); err != nil {
			im.fail(t.at(i, "consulta::variants", "consulta_value", clip(v), err.Error()))
			return
		}
		q.Variants = vs
	}
}

func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// orOther adds the choice "other" and a text question to say what it is.
func (im *importer) orOther(i int, q *yamlQuestion) {
	if !slices.ContainsFunc(q.choices, func(c survey.Choice) bool { return c.ID == "other" }) {
		label := survey.Label{}
		for _, lg := range im.langs {
			label[lg] = locale.Message("xlsform_other.other").In(lg)
		}
		q.choices = append(slices.Clone(q.choices), survey.Choice{ID: "other", Label: label})
	}
	spec := &yamlQuestion{ID: q.ID + "_other", Type: survey.Text, Label: survey.Label{}}
	for _, lg := range im.langs {
		spec.Label[lg] = locale.Message("xlsform_other.specify").In(lg)
	}
	cond := "selected(${" + q.ID + "}, 'other')"
	if q.Type == survey.SelectOne {
		cond = "${" + q.ID + "} = 'other'"
	}
	if q.Relevant != "" {
		cond = "(" + q.Relevant + ") and " + cond
	}
	spec.Relevant = cond
	im.add(spec, i)
	im.note(im.survey.at(i, "type", "note_or_other", spec.ID))
}
