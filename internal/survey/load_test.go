package survey

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"consulta/surveys"
)

// miniSurvey is a valid survey with one question of each kind the loader checks. Each loader case
// edits a few of its lines in place, so the line a problem names is the line written in the case.
var miniSurvey = []string{
	1:  `id: mini`,
	2:  `title: {es: "Mini", en: "Mini", pt: "Mini"}`,
	3:  `audience: adult`,
	4:  `languages: [es, en, pt]`,
	5:  `default_language: es`,
	6:  `profile: [group, gender, age_band, disability]`,
	7:  `questions:`,
	8:  `  - id: intro`,
	9:  `    type: note`,
	10: `    label: {es: "Hola", en: "Hello", pt: "Olá"}`,
	11: `  - id: likes`,
	12: `    type: select_one`,
	13: `    label: {es: "¿Le gusta?", en: "Do you like it?", pt: "Você gosta?"}`,
	14: `    hint: {es: "Elija una", en: "Choose one", pt: "Escolha uma"}`,
	15: `    choices: answers`,
	16: `    required: true`,
	17: `  - id: reasons`,
	18: `    type: select_multiple`,
	19: `    label: {es: "¿Por qué?", en: "Why?", pt: "Por quê?"}`,
	20: `    choices:`,
	21: `      - {id: price, label: {es: "Precio", en: "Price", pt: "Preço"}}`,
	22: `      - {id: place, label: {es: "Lugar", en: "Place", pt: "Lugar"}}`,
	23: `    relevant: "${likes} = 'yes'"`,
	24: `  - id: top`,
	25: `    type: rank`,
	26: `    rank: 2`,
	27: `    label: {es: "Ordene", en: "Rank", pt: "Ordene"}`,
	28: `    choices: answers`,
	29: `  - id: mood`,
	30: `    type: scale`,
	31: `    points: 5`,
	32: `    label: {es: "Ánimo", en: "Mood", pt: "Ânimo"}`,
	33: `  - id: people`,
	34: `    type: integer`,
	35: `    min: 1`,
	36: `    max: 30`,
	37: `    label: {es: "Personas", en: "People", pt: "Pessoas"}`,
	38: `  - id: comment`,
	39: `    type: text`,
	40: `    max_length: 300`,
	41: `    label: {es: "Comentario", en: "Comment", pt: "Comentário"}`,
	42: `choices:`,
	43: `  answers:`,
	44: `    - {id: "yes", label: {es: "Sí", en: "Yes", pt: "Sim"}}`,
	45: `    - {id: "no", label: {es: "No", en: "No", pt: "Não"}}`,
	46: `    - {id: maybe, label: {es: "Quizás", en: "Maybe", pt: "Talvez"}}`,
}

// edit returns miniSurvey with the given lines replaced; a replacement never spans two lines.
func edit(lines map[int]string) []byte {
	out := slices.Clone(miniSurvey[1:])
	for n, text := range lines {
		out[n-1] = text
	}
	return []byte(strings.Join(out, "\n") + "\n")
}

// removed comments a line out, keeping every later line where it was.
const removed = "    # removed"

// removeLines comments out lines from..to.
func removeLines(lines map[int]string, from, to int) map[int]string {
	for n := from; n <= to; n++ {
		lines[n] = removed
	}
	return lines
}

type loaderCase struct {
	name     string
	edits    map[int]string
	code     string
	question string
	line     int
	args     []any // when set, the problem's Args
	bug      string
}

// loaderCases holds one case per problem the loader reports; FuzzParse seeds its corpus from them.
func loaderCases() []loaderCase {
	relevantLine := "relevant problems name the question's first line, not the line of its relevant"
	yamlLine := "yaml.v3 gives 0-based lines for parser errors and the loader passes them on"
	oneLanguage := "an unsupported language also reports every label as missing it"
	return []loaderCase{
		{name: "heard takes wish, finding or hide", edits: map[int]string{16: `    heard: wishes`},
			code: "bad_value", question: "likes", line: 16, args: []any{"heard", "wishes", "wish, finding, hide"}},
		{name: "heard only on questions with choices", edits: map[int]string{36: `    heard: finding`},
			code: "field_type", question: "people", line: 36, args: []any{"heard", "select_one, select_multiple, rank"}},
		{name: "unknown type", edits: map[int]string{12: `    type: select_uno`},
			code: "unknown_type", question: "likes", line: 12},
		{name: "duplicate question id", edits: map[int]string{17: `  - id: likes`},
			code: "duplicate_question", question: "likes", line: 17, args: []any{"likes", 11}},
		{name: "id of a standard profile question", edits: map[int]string{38: `  - id: gender`},
			code: "duplicate_profile", question: "gender", line: 38},
		{name: "id of a Washington Group question", edits: map[int]string{38: `  - id: wg_hearing`},
			code: "duplicate_profile", question: "wg_hearing", line: 38},
		{name: "duplicate choice id inline",
			edits: map[int]string{22: `      - {id: price, label: {es: "Lugar", en: "Place", pt: "Lugar"}}`},
			code:  "duplicate_choice", question: "reasons", line: 22, args: []any{"price"}},
		{name: "duplicate choice id in a list",
			edits: map[int]string{46: `    - {id: "yes", label: {es: "Quizás", en: "Maybe", pt: "Talvez"}}`},
			code:  "duplicate_choice", line: 46, args: []any{"yes"}},
		{name: "unknown choice list", edits: map[int]string{15: `    choices: answer`},
			code: "unknown_list", question: "likes", line: 15, args: []any{"answer"}},
		{name: "relevant does not parse", edits: map[int]string{23: `    relevant: "${likes} = "`},
			code: "relevant_parse", question: "reasons", line: 23, bug: relevantLine},
		{name: "relevant refers to an unknown question", edits: map[int]string{23: `    relevant: "${liked} = 'yes'"`},
			code: "relevant_unknown", question: "reasons", line: 23, args: []any{"liked"}, bug: relevantLine},
		{name: "relevant refers to a later question", edits: map[int]string{23: `    relevant: "count-selected(${top}) > 0"`},
			code: "relevant_later", question: "reasons", line: 23, args: []any{"top"}, bug: relevantLine},
		{name: "relevant refers to its own question", edits: map[int]string{23: `    relevant: "count-selected(${reasons}) > 0"`},
			code: "relevant_later", question: "reasons", line: 23, args: []any{"reasons"}, bug: relevantLine},
		{name: "question label missing a language", edits: map[int]string{13: `    label: {es: "¿Le gusta?", en: "Do you like it?"}`},
			code: "missing_label", question: "likes", line: 13, args: []any{"label", "pt"}},
		{name: "hint missing a language", edits: map[int]string{14: `    hint: {es: "Elija una", pt: "Escolha uma"}`},
			code: "missing_label", question: "likes", line: 14, args: []any{"hint", "en"}},
		{name: "hint empty in a language", edits: map[int]string{14: `    hint: {es: "Elija una", en: "  ", pt: "Escolha uma"}`},
			code: "missing_label", question: "likes", line: 14, args: []any{"hint", "en"}},
		{name: "inline choice label missing a language",
			edits: map[int]string{21: `      - {id: price, label: {es: "Precio", en: "Price", pt: ""}}`},
			code:  "missing_label", question: "reasons", line: 21, args: []any{"choice price", "pt"}},
		{name: "listed choice label missing a language",
			edits: map[int]string{46: `    - {id: maybe, label: {en: "Maybe", pt: "Talvez"}}`},
			code:  "missing_label", line: 46, args: []any{"choice maybe", "es"}},
		{name: "title missing a language", edits: map[int]string{2: `title: {es: "Mini", en: "Mini"}`},
			code: "missing_label", line: 2, args: []any{"title", "pt"}},
		{name: "rank larger than the list", edits: map[int]string{26: `    rank: 4`},
			code: "rank_size", question: "top", line: 26, args: []any{4, 3}},
		{name: "rank missing", edits: map[int]string{26: removed},
			code: "rank_missing", question: "top", line: 24},
		{name: "rank zero", edits: map[int]string{26: `    rank: 0`},
			code: "rank_missing", question: "top", line: 26},
		{name: "scale of 4 points", edits: map[int]string{31: `    points: 4`},
			code: "points", question: "mood", line: 31, args: []any{4}},
		{name: "scale without points", edits: map[int]string{31: removed},
			code: "points", question: "mood", line: 29, args: []any{0}},
		{name: "min above max", edits: map[int]string{35: `    min: 40`},
			code: "min_max", question: "people", line: 35, args: []any{40, 30}},
		{name: "max_length 0", edits: map[int]string{40: `    max_length: 0`},
			code: "max_length", question: "comment", line: 40},
		{name: "unknown key in a question", edits: map[int]string{16: `    requried: true`},
			code: "unknown_key", question: "likes", line: 16, args: []any{"requried"}},
		{name: "unknown key at the top", edits: map[int]string{5: `default_langauge: es`},
			code: "unknown_key", line: 5, args: []any{"default_langauge"}},
		{name: "bad question id", edits: map[int]string{38: `  - id: Comment`},
			code: "bad_id", question: "Comment", line: 38, args: []any{"Comment"}},
		{name: "bad survey id", edits: map[int]string{1: `id: Mini survey`},
			code: "bad_id", line: 1, args: []any{"Mini survey"}},
		{name: "bad choice id", edits: map[int]string{46: `    - {id: Maybe, label: {es: "Quizás", en: "Maybe", pt: "Talvez"}}`},
			code: "bad_id", line: 46, args: []any{"Maybe"}},
		{name: "unsupported language", edits: map[int]string{4: `languages: [es, en, pt, fr]`},
			code: "unknown_language", line: 4, args: []any{"fr"}, bug: oneLanguage},
		{name: "default language not in languages", edits: map[int]string{5: `default_language: fr`},
			code: "default_language", line: 5, args: []any{"fr"}},
		{name: "bad audience", edits: map[int]string{3: `audience: adults`},
			code: "audience", line: 3, args: []any{"adults"}},
		{name: "unknown profile entry", edits: map[int]string{6: `profile: [group, gender, age, disability]`},
			code: "unknown_profile", line: 6, args: []any{"age"}},
		{name: "no questions", edits: removeLines(map[int]string{7: `questions: []`}, 8, 41),
			code: "no_questions", line: 7},
		{name: "invalid YAML", edits: map[int]string{13: `    label: {es: "¿Le gusta?", en: "Do you like it?", pt: "Você gosta?"`},
			code: "yaml", line: 13, bug: yamlLine},
		{name: "invalid YAML: unterminated string", edits: map[int]string{23: `    relevant: "${likes} = 'yes'`},
			code: "yaml", line: 27},
		{name: "variant that is not an age band",
			edits: map[int]string{14: `    variants: {age_8_12: {label: {es: "Hola", en: "Hi", pt: "Oi"}}}`},
			code:  "variant_band", question: "likes", line: 14, args: []any{"age_8_12", "age_18_29, age_30_59, age_60_plus"}},
		{name: "choices on a type that takes none", edits: map[int]string{40: `    choices: answers`},
			code: "no_choices", question: "comment", line: 40, args: []any{"text"}},
		{name: "select without choices", edits: map[int]string{15: removed},
			code: "needs_choices", question: "likes", line: 11, args: []any{"select_one"}},
		{name: "rank on a select_one", edits: map[int]string{16: `    rank: 2`},
			code: "field_type", question: "likes", line: 16, args: []any{"rank", "rank"}},
		{name: "required that is not a boolean", edits: map[int]string{16: `    required: maybe`},
			code: "bad_value", question: "likes", line: 16, args: []any{"required", "maybe", "true/false"}},
		{name: "question without a label", edits: map[int]string{13: removed},
			code: "missing", question: "likes", line: 11, args: []any{"label"}},
		{name: "languages not a list", edits: map[int]string{4: `languages: es`},
			code: "not_list", line: 4, args: []any{"languages"}},
	}
}

func TestParseMini(t *testing.T) {
	s, problems := Parse("file.yaml", edit(nil))
	if len(problems) > 0 {
		t.Fatalf("the base of the loader cases does not load:\n%s", problems.Message("en"))
	}
	var ids []string
	for _, q := range s.Questions {
		ids = append(ids, q.ID)
	}
	want := []string{"intro", "group", "gender", "age_band", "wg_seeing", "wg_hearing", "wg_walking",
		"wg_remembering", "wg_selfcare", "wg_communicating", "likes", "reasons", "top", "mood", "people", "comment"}
	if !slices.Equal(ids, want) {
		t.Errorf("questions %v, want %v", ids, want)
	}
	for id, line := range map[string]int{"intro": 8, "likes": 11, "reasons": 17, "comment": 38} {
		if q := s.Question(id); q.Line != line {
			t.Errorf("%s.Line = %d, want %d", id, q.Line, line)
		}
	}
	if q := s.Question("comment"); q.MaxLength != 300 {
		t.Errorf("comment.MaxLength = %d", q.MaxLength)
	}
	if q := s.Question("people"); q.Min == nil || *q.Min != 1 || q.Max == nil || *q.Max != 30 {
		t.Errorf("people min/max = %v/%v", q.Min, q.Max)
	}
	if q := s.Question("reasons"); q.Expr == nil || !slices.Equal(q.Expr.Refs(), []string{"likes"}) {
		t.Errorf("reasons.Expr = %v", q.Expr)
	}
}

func TestParseProblems(t *testing.T) {
	for _, c := range loaderCases() {
		t.Run(c.name, func(t *testing.T) {
			// A case with a known bug still checks everything else, then skips naming the bug.
			var bugs []string
			wrong := func(format string, args ...any) {
				if c.bug == "" {
					t.Errorf(format, args...)
				} else {
					bugs = append(bugs, fmt.Sprintf(format, args...))
				}
			}
			s, problems := Parse("file.yaml", edit(c.edits))
			if s != nil {
				t.Fatalf("Parse returned a survey along with problems %v", problems)
			}
			if len(problems) != 1 {
				wrong("%d problems, want 1:\n%s", len(problems), problems.Message("en"))
			}
			i := slices.IndexFunc(problems, func(p Problem) bool { return p.Code == c.code })
			if i < 0 {
				t.Fatalf("no %s problem in:\n%s", c.code, problems.Message("en"))
			}
			p := problems[i]
			if p.File != "file.yaml" {
				t.Errorf("File = %q", p.File)
			}
			if p.Question != c.question {
				t.Errorf("Question = %q, want %q", p.Question, c.question)
			}
			if c.args != nil && fmt.Sprint(p.Args) != fmt.Sprint(c.args) {
				t.Errorf("Args = %v, want %v", p.Args, c.args)
			}
			line := c.line
			if p.Line != c.line {
				wrong("Line = %d, want %d", p.Line, c.line)
				line = p.Line
			}
			checkMessages(t, p, fmt.Sprintf("file.yaml:%d: ", line))
			if len(bugs) > 0 {
				t.Errorf("%s:\n%s", c.bug, strings.Join(bugs, "\n"))
			}
		})
	}
}

// checkMessages checks that the problem reads in each language, in words of that language.
func checkMessages(t *testing.T, p Problem, prefix string) {
	t.Helper()
	msgs := map[string]string{}
	for _, lang := range Languages {
		m := p.Message(lang)
		msgs[lang] = m
		if !strings.HasPrefix(m, prefix) {
			t.Errorf("Message(%s) = %q, want it to start with %q", lang, m, prefix)
		}
		if p.Question != "" && !strings.Contains(m, fmt.Sprintf("%q", p.Question)) {
			t.Errorf("Message(%s) = %q does not name question %q", lang, m, p.Question)
		}
		if strings.Contains(m, "%!") {
			t.Errorf("Message(%s) = %q: the arguments do not fit the format", lang, m)
		}
		if text := p.Text(lang); text == p.Code || text == "" {
			t.Errorf("Text(%s) = %q: no text for code %q", lang, text, p.Code)
		}
	}
	if msgs["es"] == msgs["en"] || msgs["es"] == msgs["pt"] || msgs["en"] == msgs["pt"] {
		t.Errorf("messages are not translated:\n%s\n%s\n%s", msgs["es"], msgs["en"], msgs["pt"])
	}
	if p.Error() != msgs["en"] {
		t.Errorf("Error() = %q, want the English message", p.Error())
	}
}

// silentCases are mistakes the loader lets through today; each should be a problem at line with
// question. TestParseSilentMistakes skips the ones still let through and FuzzParse seeds from them.
var silentCases = []struct {
	name     string
	edits    map[int]string
	question string
	line     int
	bug      string
}{
	// YAML forbids a key twice in one mapping; keeping the last one silently lets a second
	// relevant or type quietly replace the first.
	{"type twice", map[int]string{16: `    type: select_multiple`}, "likes", 16, "a repeated key is not reported"},
	{"label twice", map[int]string{14: `    label: {es: "Otra", en: "Other", pt: "Outra"}`}, "likes", 14, "a repeated key is not reported"},
	{"language twice in a label", map[int]string{13: `    label: {es: "Uno", es: "Dos", en: "Two", pt: "Dois"}`}, "likes", 13, "a repeated key is not reported"},
	{"id twice at the top", map[int]string{5: `id: other`}, "", 5, "a repeated key is not reported"},
	// A required select_one with no choice can never be answered.
	{"empty inline choices", map[int]string{15: `    choices: []`}, "likes", 15, "choices: [] satisfies needs_choices"},
	{"empty choice list", removeLines(map[int]string{43: `  answers: []`}, 44, 46), "likes", 15, "a list with no choice satisfies needs_choices"},
	// A YAML null is no text: respondents would read "null".
	{"null text in a label", map[int]string{13: `    label: {es: "¿Le gusta?", en: "Do you like it?", pt: null}`}, "likes", 13, "a null label is taken as the text \"null\""},
	{"~ text in a label", map[int]string{13: `    label: {es: "¿Le gusta?", en: ~, pt: "Você gosta?"}`}, "likes", 13, "a null label is taken as the text \"~\""},
	{"profile entry twice", map[int]string{6: `profile: [group, gender, group]`}, "", 6, "a profile entry listed twice adds its questions twice"},
}

func TestParseSilentMistakes(t *testing.T) {
	for _, c := range silentCases {
		t.Run(c.name, func(t *testing.T) {
			s, problems := Parse("file.yaml", edit(c.edits))
			if s != nil || !slices.ContainsFunc(problems, func(p Problem) bool {
				return p.Line == c.line && p.Question == c.question
			}) {
				t.Errorf("%s (want a problem at line %d): problems %v", c.bug, c.line, problems)
			}
		})
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "- a\n- b\n", "just a string\n"} {
		s, problems := Parse("file.yaml", []byte(src))
		if s != nil || len(problems) == 0 {
			t.Errorf("Parse(%q) = %v, %v; want problems", src, s, problems)
		}
	}
}

func loadShipped(t *testing.T) map[string]*Survey {
	t.Helper()
	list, problems := LoadFS(surveys.FS, ".")
	if len(problems) > 0 {
		t.Fatalf("shipped surveys do not load:\n%s", problems.Message("en"))
	}
	byID := map[string]*Survey{}
	for _, s := range list {
		byID[s.ID] = s
	}
	if len(list) != 2 || byID["community-consultation"] == nil || byID["child-listening"] == nil {
		t.Fatalf("loaded %d surveys: %v", len(list), byID)
	}
	return byID
}

func TestShippedSurveys(t *testing.T) {
	byID := loadShipped(t)
	for _, c := range []struct {
		id            string
		audience      string
		min, max      int
		profile, ages []string
	}{
		{"community-consultation", "adult", 15, 25,
			append([]string{"group", "gender", "age_band"}, WashingtonGroup...),
			[]string{"age_18_29", "age_30_59", "age_60_plus"}},
		{"child-listening", "child", 10, 15,
			[]string{"age_band", "gender", "group"},
			[]string{"age_8_12", "age_13_17"}},
	} {
		t.Run(c.id, func(t *testing.T) {
			s := byID[c.id]
			if s.Audience != c.audience {
				t.Errorf("audience %q, want %q", s.Audience, c.audience)
			}
			if !slices.Equal(s.Languages, Languages) || s.DefaultLanguage != "es" {
				t.Errorf("languages %v, default %q", s.Languages, s.DefaultLanguage)
			}
			if !s.HasLanguage("pt") || s.HasLanguage("fr") {
				t.Errorf("HasLanguage disagrees with %v", s.Languages)
			}
			checkTexts(t, s.ID, "title", s.Title)

			// Profile questions come right after the notes that open the survey.
			leading := 0
			for leading < len(s.Questions) && s.Questions[leading].Type == Note {
				leading++
			}
			var profile []string
			for _, q := range s.Questions[leading:] {
				if !q.Profile {
					break
				}
				profile = append(profile, q.ID)
			}
			if !slices.Equal(profile, c.profile) {
				t.Errorf("profile after %d notes: %v, want %v", leading, profile, c.profile)
			}
			own := 0
			for _, q := range s.Questions {
				if q.Profile && !slices.Contains(profile, q.ID) {
					t.Errorf("profile question %s is not with the others", q.ID)
				}
				if !q.Profile && q.Answerable() {
					own++
				}
			}
			if own < c.min || own > c.max {
				t.Errorf("%d questions besides the profile, want %d to %d", own, c.min, c.max)
			}
			var ages []string
			for _, ch := range s.Question(AgeBand).Choices {
				if ch.ID == PreferNot {
					continue // every profile question takes "prefer not to say"
				}
				ages = append(ages, ch.ID)
			}
			if !slices.Equal(ages, c.ages) {
				t.Errorf("age bands %v, want %v", ages, c.ages)
			}

			for _, q := range s.Questions {
				if q.ID == "" || !slices.Contains(Types, q.Type) {
					t.Errorf("question %q of type %q", q.ID, q.Type)
				}
				checkTexts(t, q.ID, "label", q.Label)
				if q.Hint != nil {
					checkTexts(t, q.ID, "hint", q.Hint)
				}
				for band, v := range q.Variants {
					if !slices.Contains(c.ages, band) {
						t.Errorf("%s: variant for %s", q.ID, band)
					}
					if v.Label != nil {
						checkTexts(t, q.ID, band+" label", v.Label)
					}
					if v.Hint != nil {
						checkTexts(t, q.ID, band+" hint", v.Hint)
					}
				}
				if q.HasChoices() != (len(q.Choices) > 0) {
					t.Errorf("%s: %s with %d choices", q.ID, q.Type, len(q.Choices))
				}
				for _, ch := range q.Choices {
					checkTexts(t, q.ID, "choice "+ch.ID, ch.Label)
				}
				n, want := 0, 0
				for _, ch := range q.Choices {
					if ch.ID == PreferNot {
						n++
					}
				}
				if q.PreferNot && q.HasChoices() {
					want = 1
				}
				if n != want {
					t.Errorf("%s: prefer_not %v, %d prefer_not choices, want %d", q.ID, q.PreferNot, n, want)
				}
			}
		})
	}
}

func checkTexts(t *testing.T, id, what string, l Label) {
	t.Helper()
	for _, lang := range Languages {
		if strings.TrimSpace(l[lang]) == "" {
			t.Errorf("%s: %s has no %s text", id, what, lang)
		}
	}
}

func TestShippedWashingtonGroup(t *testing.T) {
	s := loadShipped(t)["community-consultation"]
	for _, id := range WashingtonGroup {
		q := s.Question(id)
		if q == nil {
			t.Fatalf("no %s question", id)
		}
		var choices []string
		for _, c := range q.Choices {
			choices = append(choices, c.ID)
		}
		if want := []string{"no_difficulty", "some_difficulty", "a_lot", "cannot_do", PreferNot}; !slices.Equal(choices, want) {
			t.Errorf("%s choices %v, want %v", id, choices, want)
		}
	}
	for id, want := range map[string][]string{
		Group:  {"host", "displaced", "refugee", "returnee", "migrant", PreferNot},
		Gender: {"female", "male", "other", PreferNot},
	} {
		var choices []string
		for _, c := range s.Question(id).Choices {
			choices = append(choices, c.ID)
		}
		if !slices.Equal(choices, want) {
			t.Errorf("%s choices %v, want %v", id, choices, want)
		}
	}
}

func TestShippedSurveysAreFresh(t *testing.T) {
	// Two loads share no question or choice slice, so editing one survey never changes another.
	a := loadShipped(t)["community-consultation"]
	b := loadShipped(t)["community-consultation"]
	a.Question(Group).Choices[0].ID = "changed"
	a.Question("top_services").Choices[0].ID = "changed"
	if b.Question(Group).Choices[0].ID == "changed" || b.Question("top_services").Choices[0].ID == "changed" {
		t.Error("two loads share choices")
	}
	if a.Question("services_used").Choices[0].ID == "changed" {
		t.Error("two questions of one survey share a choice list")
	}
}

func TestVersion(t *testing.T) {
	src := edit(nil)
	a, _ := Parse("a.yaml", src)
	b, _ := Parse("b.yaml", slices.Clone(src))
	if a == nil || b == nil {
		t.Fatal("the base survey does not load")
	}
	if a.Version == "" || a.Version != b.Version {
		t.Errorf("versions of the same bytes: %q and %q", a.Version, b.Version)
	}
	changed := slices.Clone(src)
	i := strings.Index(string(changed), "Mood")
	changed[i] = 'N'
	c, problems := Parse("a.yaml", changed)
	if c == nil {
		t.Fatalf("the edited survey does not load: %v", problems)
	}
	if c.Version == a.Version {
		t.Errorf("one byte changed and the version stayed %q", c.Version)
	}
	spaced := append(slices.Clone(src), '\n')
	if d, _ := Parse("a.yaml", spaced); d == nil || d.Version == a.Version {
		t.Error("a trailing newline did not change the version")
	}
	if a.File != "a.yaml" || string(a.Source) != string(src) {
		t.Errorf("File %q, Source of %d bytes", a.File, len(a.Source))
	}
}

func TestPreferNot(t *testing.T) {
	s, problems := Parse("file.yaml", edit(map[int]string{
		16: `    prefer_not: true`,
		28: `    choices: [{id: a, label: {es: a, en: a, pt: a}}, {id: prefer_not, label: {es: b, en: b, pt: b}}]`,
		36: `    prefer_not: true`,
	}))
	if len(problems) > 0 {
		t.Fatal(problems.Message("en"))
	}
	var ids []string
	for _, c := range s.Question("likes").Choices {
		ids = append(ids, c.ID)
	}
	if want := []string{"yes", "no", "maybe", PreferNot}; !slices.Equal(ids, want) {
		t.Errorf("likes choices %v, want %v", ids, want)
	}
	if c := s.Question("likes").Choice(PreferNot); c == nil || c.Label.In("pt") != "Prefiro não responder" {
		t.Errorf("standard choice %v", c)
	}
	ids = nil
	for _, c := range s.Question("top").Choices {
		ids = append(ids, c.ID)
	}
	if want := []string{"a", PreferNot}; !slices.Equal(ids, want) {
		t.Errorf("a list with its own prefer_not got %v", ids)
	}
	if c := s.Question("top").Choice(PreferNot); c.Label["en"] != "b" {
		t.Errorf("the list's own prefer_not was replaced: %v", c.Label)
	}
	if people := s.Question("people"); !people.PreferNot || len(people.Choices) != 0 {
		t.Errorf("integer with prefer_not: %v, %d choices", people.PreferNot, len(people.Choices))
	}
	s2, _ := Parse("file.yaml", edit(map[int]string{16: `    prefer_not: true`}))
	if n := len(s2.Question("top").Choices); n != 3 {
		t.Errorf("top shares answers with likes and has %d choices, want 3", n)
	}
}

func TestLoadPaths(t *testing.T) {
	dir := t.TempDir()
	src := edit(nil)
	for _, name := range []string{"a.yaml", "b.yml"} {
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a survey"), 0o600); err != nil {
		t.Fatal(err)
	}
	list, problems := LoadPaths([]string{dir})
	if len(list) != 2 {
		t.Errorf("loaded %d surveys, want 2", len(list))
	}
	if len(problems) != 1 || problems[0].Code != "duplicate_survey" {
		t.Fatalf("problems:\n%s", problems.Message("en"))
	}
	p := problems[0]
	if p.File != filepath.Join(dir, "b.yml") || fmt.Sprint(p.Args) != fmt.Sprint([]any{"mini", filepath.Join(dir, "a.yaml")}) {
		t.Errorf("problem %#v", p)
	}
	checkMessages(t, p, filepath.Join(dir, "b.yml")+": ")

	missing := filepath.Join(dir, "missing.yaml")
	list, problems = LoadPaths([]string{missing, filepath.Join(dir, "a.yaml")})
	if len(list) != 1 {
		t.Errorf("loaded %d surveys, want the one that exists", len(list))
	}
	if len(problems) != 1 || problems[0].Code != "read" || problems[0].File != missing {
		t.Fatalf("problems:\n%s", problems.Message("en"))
	}
	checkMessages(t, problems[0], missing+": ")
	if err := problems.Err(); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("Err() = %v", err)
	}
	if err := (Problems{}).Err(); err != nil {
		t.Errorf("no problem gives %v", err)
	}
}

func TestLoadPathsBadFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(file, edit(map[int]string{12: `    type: select_uno`}), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, paths := range [][]string{{file}, {dir}} {
		list, problems := LoadPaths(paths)
		if len(list) != 0 || len(problems) != 1 {
			t.Fatalf("LoadPaths(%v) = %d surveys, problems:\n%s", paths, len(list), problems.Message("en"))
		}
		if p := problems[0]; p.File != file || p.Line != 12 || p.Code != "unknown_type" {
			t.Errorf("LoadPaths(%v): %#v", paths, p)
		}
	}
}

// A question says how the public "what we heard" page shows it; unmarked rank and
// select_multiple questions stay wish lists, other questions stay off the page.
func TestHeardField(t *testing.T) {
	s, problems := Parse("mini.yaml", edit(map[int]string{16: `    heard: finding`, 26: `    rank: 2`}))
	if problems != nil {
		t.Fatal(problems)
	}
	for id, want := range map[string]string{"likes": HeardFinding, "reasons": HeardWish, "top": HeardWish, "mood": HeardHide, "people": HeardHide} {
		if got := s.Question(id).HeardAs(); got != want {
			t.Errorf("%s: heard as %q, want %q", id, got, want)
		}
	}
	if s.Question("likes").Heard != HeardFinding || s.Question("reasons").Heard != "" {
		t.Errorf("heard fields: %q %q", s.Question("likes").Heard, s.Question("reasons").Heard)
	}
	hidden, problems := Parse("mini.yaml", edit(map[int]string{26: `    rank: 2`, 28: `    choices: answers`, 24: `  - id: top`, 16: `    heard: hide`}))
	if problems != nil || hidden.Question("likes").HeardAs() != HeardHide {
		t.Errorf("heard: hide: %v %v", problems, hidden)
	}
	// Every question of the shipped surveys that the heard page may show says how.
	for _, sv := range loadShipped(t) {
		for _, q := range sv.Questions {
			if (q.Type == Rank || q.Type == SelectMultiple) && q.Heard == "" {
				t.Errorf("%s: %s does not say how the heard page shows it", sv.ID, q.ID)
			}
		}
	}
}
