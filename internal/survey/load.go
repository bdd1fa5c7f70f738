package survey

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"consulta/internal/domain"
	"consulta/internal/locale"
)

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// Parse reads one survey file. It returns the survey only when there is no problem.
func Parse(file string, src []byte) (*Survey, Problems) {
	l := &loader{file: file}
	s := l.survey(src)
	if len(l.problems) > 0 {
		return nil, l.problems
	}
	sum := sha256.Sum256(src)
	s.Version = hex.EncodeToString(sum[:8])
	s.File = file
	s.Source = src
	return s, nil
}

// LoadFS reads every .yaml and .yml file in dir of fsys, sorted by name.
func LoadFS(fsys fs.FS, dir string) ([]*Survey, Problems) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, Problems{{File: dir, Code: "read", Args: []any{err.Error()}}}
	}
	var surveys []*Survey
	var problems Problems
	for _, e := range entries {
		ext := path.Ext(e.Name())
		if e.IsDir() || (ext != ".yaml" && ext != ".yml") {
			continue
		}
		name := path.Join(dir, e.Name())
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			problems = append(problems, Problem{File: name, Code: "read", Args: []any{err.Error()}})
			continue
		}
		s, ps := Parse(name, src)
		problems = append(problems, ps...)
		if s != nil {
			surveys = append(surveys, s)
		}
	}
	return surveys, problems
}

// LoadPaths reads survey files and folders from disk, as `consulta validate` is given them.
func LoadPaths(paths []string) ([]*Survey, Problems) {
	var surveys []*Survey
	var problems Problems
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			problems = append(problems, Problem{File: p, Code: "read", Args: []any{err.Error()}})
			continue
		}
		if info.IsDir() {
			ss, ps := LoadFS(os.DirFS(p), ".")
			for i := range ps {
				ps[i].File = filepath.Join(p, ps[i].File)
			}
			for _, s := range ss {
				s.File = filepath.Join(p, s.File)
			}
			surveys, problems = append(surveys, ss...), append(problems, ps...)
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			problems = append(problems, Problem{File: p, Code: "read", Args: []any{err.Error()}})
			continue
		}
		s, ps := Parse(p, src)
		problems = append(problems, ps...)
		if s != nil {
			surveys = append(surveys, s)
		}
	}
	return surveys, append(problems, Duplicates(surveys)...)
}

// Duplicates reports surveys that share an id.
func Duplicates(surveys []*Survey) Problems {
	var problems Problems
	seen := map[string]string{}
	for _, s := range surveys {
		if other, ok := seen[s.ID]; ok {
			problems = append(problems, Problem{File: s.File, Code: "duplicate_survey", Args: []any{s.ID, other}})
			continue
		}
		seen[s.ID] = s.File
	}
	return problems
}

type loader struct {
	file     string
	problems Problems
}

func (l *loader) add(line int, question, code string, args ...any) {
	l.problems = append(l.problems, Problem{File: l.file, Line: line, Question: question, Code: code, Args: args})
}

// fields returns a mapping node's values by key, reporting keys that are not allowed.
func (l *loader) fields(n *yaml.Node, question string, allowed ...string) map[string]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		l.add(n.Line, question, "not_mapping")
		return nil
	}
	m := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		if _, twice := m[k]; twice {
			l.add(n.Content[i].Line, question, "duplicate_key", k)
			continue
		}
		if !slices.Contains(allowed, k) {
			l.add(n.Content[i].Line, question, "unknown_key", k)
			continue
		}
		m[k] = n.Content[i+1]
	}
	return m
}

func (l *loader) str(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

func (l *loader) integer(n *yaml.Node, question, key string) (int, bool) {
	if n == nil {
		return 0, false
	}
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		l.add(n.Line, question, "bad_value", key, n.Value, "integer")
		return 0, false
	}
	return v, true
}

func (l *loader) boolean(n *yaml.Node, question, key string) bool {
	if n == nil {
		return false
	}
	v, err := strconv.ParseBool(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		l.add(n.Line, question, "bad_value", key, n.Value, "true/false")
	}
	return v
}

// label reads a {es: ..., en: ...} map and checks it has every declared language.
func (l *loader) label(n *yaml.Node, question, what string, langs []string) Label {
	if n == nil {
		return nil
	}
	fs := l.fields(n, question, Languages...)
	lab := Label{}
	for k, v := range fs {
		lab[k] = strings.TrimSpace(l.str(v))
	}
	for _, lg := range langs {
		if lab[lg] == "" && fs != nil {
			l.add(n.Line, question, "missing_label", what, lg)
		}
	}
	return lab
}

func (l *loader) survey(src []byte) *Survey {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		l.add(yamlErrorLine(err), "", "yaml", err.Error())
		return nil
	}
	if len(doc.Content) == 0 {
		l.add(1, "", "missing", "id")
		return nil
	}
	root := doc.Content[0]
	f := l.fields(root, "", "id", "title", "audience", "languages", "default_language", "profile", "questions", "choices")
	if f == nil {
		return nil
	}
	s := &Survey{ID: l.str(f["id"]), Audience: l.str(f["audience"]), DefaultLanguage: l.str(f["default_language"])}
	if f["id"] == nil {
		l.add(root.Line, "", "missing", "id")
	} else if !idPattern.MatchString(strings.ReplaceAll(s.ID, "-", "_")) {
		l.add(f["id"].Line, "", "bad_id", s.ID)
	}
	if s.Audience != "adult" && s.Audience != "child" {
		l.add(lineOf(f["audience"], root), "", "audience", s.Audience)
	}
	s.Languages = l.strings(f["languages"], "languages")
	if len(s.Languages) == 0 {
		s.Languages = []string{"es"}
	}
	for _, lg := range s.Languages {
		if !slices.Contains(Languages, lg) {
			l.add(lineOf(f["languages"], root), "", "unknown_language", lg)
		}
	}
	// Reported once: texts are then checked only in the languages Consulta speaks.
	s.Languages = slices.DeleteFunc(s.Languages, func(lg string) bool { return !slices.Contains(Languages, lg) })
	if len(s.Languages) == 0 {
		s.Languages = []string{"es"}
	}
	if s.DefaultLanguage == "" {
		s.DefaultLanguage = s.Languages[0]
	}
	if !slices.Contains(s.Languages, s.DefaultLanguage) {
		l.add(lineOf(f["default_language"], root), "", "default_language", s.DefaultLanguage)
	}
	if f["title"] == nil {
		l.add(root.Line, "", "missing", "title")
	}
	s.Title = l.label(f["title"], "", "title", s.Languages)

	lists := l.choiceLists(f["choices"], s.Languages)
	s.Profile = l.strings(f["profile"], "profile")
	for i, p := range s.Profile {
		switch {
		case !slices.Contains([]string{Group, Gender, AgeBand, Disabled}, p):
			l.add(lineOf(f["profile"], root), "", "unknown_profile", p)
		case slices.Contains(s.Profile[:i], p):
			l.add(lineOf(f["profile"], root), "", "profile_twice", p)
		}
	}
	s.Profile = slices.Compact(s.Profile)
	qn := f["questions"]
	if qn == nil || qn.Kind != yaml.SequenceNode || len(qn.Content) == 0 {
		l.add(lineOf(qn, root), "", "no_questions")
		return s
	}
	// Notes that open the file (what this is for, that it is anonymous) come before the profile.
	profiled := false
	for _, n := range qn.Content {
		q := l.question(n, lists, s)
		if q == nil {
			continue
		}
		if !profiled && q.Type != Note {
			s.Questions = append(s.Questions, profileQuestions(s.Profile, s.Audience)...)
			profiled = true
		}
		// An age variant of a note asked before the age band would never show.
		if !profiled && len(q.Variants) > 0 && slices.Contains(s.Profile, AgeBand) {
			l.add(n.Line, q.ID, "variant_before_age")
		}
		s.Questions = append(s.Questions, q)
	}
	if !profiled {
		s.Questions = append(s.Questions, profileQuestions(s.Profile, s.Audience)...)
	}
	l.checkRelevant(s)
	return s
}

func (l *loader) strings(n *yaml.Node, key string) []string {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.add(n.Line, "", "not_list", key)
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		out = append(out, c.Value)
	}
	return out
}

type choiceList struct {
	choices []Choice
	line    int
}

func (l *loader) choiceLists(n *yaml.Node, langs []string) map[string]choiceList {
	lists := map[string]choiceList{}
	if n == nil {
		return lists
	}
	if n.Kind != yaml.MappingNode {
		l.add(n.Line, "", "not_mapping")
		return lists
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		name := n.Content[i].Value
		lists[name] = choiceList{l.choices(n.Content[i+1], "", langs), n.Content[i].Line}
	}
	return lists
}

func (l *loader) choices(n *yaml.Node, question string, langs []string) []Choice {
	if n.Kind != yaml.SequenceNode {
		l.add(n.Line, question, "not_list", "choices")
		return nil
	}
	var out []Choice
	seen := map[string]bool{}
	for _, cn := range n.Content {
		f := l.fields(cn, question, "id", "label", "icon", "exclusive")
		if f == nil {
			continue
		}
		c := Choice{ID: l.str(f["id"]), Icon: l.str(f["icon"]), Exclusive: l.boolean(f["exclusive"], question, "exclusive")}
		switch {
		case f["id"] == nil:
			l.add(cn.Line, question, "missing", "id")
		case !idPattern.MatchString(c.ID):
			l.add(cn.Line, question, "bad_id", c.ID)
		case seen[c.ID]:
			l.add(cn.Line, question, "duplicate_choice", c.ID)
		}
		seen[c.ID] = true
		if f["label"] == nil {
			l.add(cn.Line, question, "missing", "label")
		}
		c.Label = l.label(f["label"], question, "choice "+c.ID, langs)
		out = append(out, c)
	}
	return out
}

var questionKeys = []string{"id", "type", "label", "hint", "required", "prefer_not", "choices",
	"rank", "points", "max_length", "min", "max", "relevant", "variants", "heard"}

func (l *loader) question(n *yaml.Node, lists map[string]choiceList, s *Survey) *Question {
	id := ""
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "id" {
				id = n.Content[i+1].Value
			}
		}
	}
	f := l.fields(n, id, questionKeys...)
	if f == nil {
		return nil
	}
	q := &Question{ID: id, Type: l.str(f["type"]), Line: n.Line, Relevant: strings.TrimSpace(l.str(f["relevant"])),
		relevantLine: lineOf(f["relevant"], n)}
	switch {
	case f["id"] == nil:
		l.add(n.Line, "", "missing", "id")
	case !idPattern.MatchString(id):
		l.add(f["id"].Line, id, "bad_id", id)
	case isProfileID(id):
		l.add(f["id"].Line, id, "duplicate_profile", id)
	default:
		if prev := s.Question(id); prev != nil {
			l.add(f["id"].Line, id, "duplicate_question", id, prev.Line)
		}
	}
	if !slices.Contains(Types, q.Type) {
		l.add(lineOf(f["type"], n), id, "unknown_type", q.Type, strings.Join(Types, " "))
	}
	if f["label"] == nil {
		l.add(n.Line, id, "missing", "label")
	}
	q.Label = l.label(f["label"], id, "label", s.Languages)
	q.Hint = l.label(f["hint"], id, "hint", s.Languages)
	q.Required = l.boolean(f["required"], id, "required")
	q.PreferNot = l.boolean(f["prefer_not"], id, "prefer_not")

	listKnown := true
	if cn := f["choices"]; cn != nil {
		if cn.Kind == yaml.ScalarNode {
			list, ok := lists[cn.Value]
			if !ok {
				l.add(cn.Line, id, "unknown_list", cn.Value)
				listKnown = false
			}
			q.Choices = slices.Clone(list.choices)
		} else {
			q.Choices = l.choices(cn, id, s.Languages)
		}
	}
	if q.HasChoices() && len(q.Choices) == 0 && listKnown {
		l.add(lineOf(f["choices"], n), id, "needs_choices", q.Type)
	}
	if !q.HasChoices() && f["choices"] != nil && slices.Contains(Types, q.Type) {
		l.add(f["choices"].Line, id, "no_choices", q.Type)
	}
	l.typeFields(q, f)
	if n := f["heard"]; n != nil {
		switch {
		case !q.HasChoices() && slices.Contains(Types, q.Type):
			l.add(n.Line, id, "field_type", "heard", strings.Join([]string{SelectOne, SelectMultiple, Rank}, ", "))
		case !slices.Contains(HeardValues, n.Value) || n.Kind != yaml.ScalarNode:
			l.add(n.Line, id, "bad_value", "heard", n.Value, strings.Join(HeardValues, ", "))
		default:
			q.Heard = n.Value
		}
	}
	if q.PreferNot && q.HasChoices() && q.Choice(PreferNot) == nil {
		q.Choices = append(q.Choices, preferNotChoice)
	}
	if vn := f["variants"]; vn != nil {
		q.Variants = l.variants(vn, q, s)
	}
	return q
}

// typeFields reads rank, points, max_length, min and max, each only where its type allows.
func (l *loader) typeFields(q *Question, f map[string]*yaml.Node) {
	only := func(key string, types ...string) *yaml.Node {
		n := f[key]
		if n != nil && !slices.Contains(types, q.Type) && slices.Contains(Types, q.Type) {
			l.add(n.Line, q.ID, "field_type", key, strings.Join(types, ", "))
			return nil
		}
		return n
	}
	line := func(key string) int {
		if n := f[key]; n != nil {
			return n.Line
		}
		return q.Line
	}
	if n := only("rank", Rank); n != nil {
		q.Rank, _ = l.integer(n, q.ID, "rank")
	}
	if q.Type == Rank {
		switch {
		case q.Rank < 1:
			l.add(line("rank"), q.ID, "rank_missing")
		case len(q.Choices) > 0 && q.Rank > len(q.Choices):
			l.add(f["rank"].Line, q.ID, "rank_size", q.Rank, len(q.Choices))
		}
	}
	if n := only("points", Scale); n != nil {
		q.Points, _ = l.integer(n, q.ID, "points")
	}
	if q.Type == Scale && q.Points != 3 && q.Points != 5 {
		l.add(line("points"), q.ID, "points", q.Points)
	}
	if n := only("max_length", Text); n != nil {
		if v, ok := l.integer(n, q.ID, "max_length"); ok {
			q.MaxLength = v
			if v <= 0 {
				l.add(n.Line, q.ID, "max_length")
			}
		}
	}
	if q.Type == Text && q.MaxLength == 0 {
		q.MaxLength = DefaultMaxLength
	}
	if n := only("min", Integer); n != nil {
		if v, ok := l.integer(n, q.ID, "min"); ok {
			q.Min = &v
		}
	}
	if n := only("max", Integer); n != nil {
		if v, ok := l.integer(n, q.ID, "max"); ok {
			q.Max = &v
		}
	}
	if q.Min != nil && q.Max != nil && *q.Min > *q.Max {
		l.add(f["min"].Line, q.ID, "min_max", *q.Min, *q.Max)
	}
}

func (l *loader) variants(n *yaml.Node, q *Question, s *Survey) map[string]Variant {
	if n.Kind != yaml.MappingNode {
		l.add(n.Line, q.ID, "not_mapping")
		return nil
	}
	bands := ageBands(s.Audience)
	out := map[string]Variant{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		band := n.Content[i].Value
		if !slices.Contains(bands, band) {
			l.add(n.Content[i].Line, q.ID, "variant_band", band, strings.Join(bands, ", "))
			continue
		}
		f := l.fields(n.Content[i+1], q.ID, "label", "hint")
		out[band] = Variant{
			Label: l.label(f["label"], q.ID, "variants."+band+".label", s.Languages),
			Hint:  l.label(f["hint"], q.ID, "variants."+band+".hint", s.Languages),
		}
	}
	return out
}

// checkRelevant parses every relevant expression and checks it refers only to earlier questions.
func (l *loader) checkRelevant(s *Survey) {
	for i, q := range s.Questions {
		if q.Relevant == "" {
			continue
		}
		e, err := ParseExpr(q.Relevant)
		if err != nil {
			l.add(q.relevantLine, q.ID, "relevant_parse", err)
			continue
		}
		q.Expr = e
		for _, ref := range e.Refs() {
			at := slices.IndexFunc(s.Questions, func(o *Question) bool { return o.ID == ref })
			switch {
			case at < 0:
				l.add(q.relevantLine, q.ID, "relevant_unknown", ref)
			case at >= i:
				l.add(q.relevantLine, q.ID, "relevant_later", ref)
			}
		}
	}
}

func lineOf(n, parent *yaml.Node) int {
	if n != nil {
		return n.Line
	}
	if parent != nil {
		return parent.Line
	}
	return 0
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

func yamlErrorLine(err error) int {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		// The YAML parser counts lines from 0 when it gives up looking for a closing token.
		if strings.Contains(err.Error(), "did not find expected") {
			n++
		}
		return n
	}
	return 0
}

// DefaultMaxLength bounds a text answer when the survey sets no max_length.
const DefaultMaxLength = 1000

var preferNotChoice = Choice{ID: PreferNot, Label: Label(locale.Message("survey.prefer_not"))}

//go:embed profile.yaml
var profileSource []byte

// standardProfile holds the standard profile questions, for adults and for children.
var standardProfile = mustProfile(profileSource)

type profileSet struct{ adult, child map[string]*Question }

func mustProfile(src []byte) profileSet {
	var doc struct {
		Questions      []rawQuestion       `yaml:"questions"`
		ChildQuestions []rawQuestion       `yaml:"child_questions"`
		Choices        map[string][]Choice `yaml:"choices"`
	}
	if err := yaml.Unmarshal(src, &doc); err != nil {
		panic(fmt.Sprintf("survey: profile.yaml: %v", err))
	}
	build := func(raw []rawQuestion) map[string]*Question {
		out := map[string]*Question{}
		for _, r := range raw {
			q := &Question{ID: r.ID, Type: r.Type, Label: r.Label, Hint: r.Hint, Required: r.Required,
				PreferNot: r.PreferNot, Profile: true}
			if list, ok := doc.Choices[r.Choices]; ok {
				q.Choices = slices.Clone(list)
			}
			if q.PreferNot {
				q.Choices = append(q.Choices, preferNotChoice)
			}
			out[q.ID] = q
		}
		return out
	}
	return profileSet{adult: build(doc.Questions), child: build(doc.ChildQuestions)}
}

type rawQuestion struct {
	ID        string `yaml:"id"`
	Type      string `yaml:"type"`
	Label     Label  `yaml:"label"`
	Hint      Label  `yaml:"hint"`
	Required  bool   `yaml:"required"`
	PreferNot bool   `yaml:"prefer_not"`
	Choices   string `yaml:"choices"`
}

func isProfileID(id string) bool {
	return id == Group || id == Gender || id == AgeBand || id == Disabled || slices.Contains(WashingtonGroup, id)
}

// ageBands lists the age band choice ids offered to a survey's audience.
func ageBands(audience string) []string {
	d, _ := domain.Dim(domain.AgeBand)
	return d.For(audienceOf(audience))
}

// audienceOf reads anything but a child survey as an adult one, as the age bands always have.
func audienceOf(audience string) string {
	if audience == domain.Child {
		return domain.Child
	}
	return domain.Adult
}

// profileChoices orders a standard question's choices as the domain's profile table does, for
// the survey's audience; a value the wording file lacks keeps its id, and prefer_not comes last.
func profileChoices(qid, audience string, worded []Choice) []Choice {
	dim, ok := domain.Dim(qid)
	if !ok {
		return worded
	}
	var out []Choice
	for _, id := range dim.For(audienceOf(audience)) {
		i := slices.IndexFunc(worded, func(c Choice) bool { return c.ID == id })
		if i < 0 {
			out = append(out, Choice{ID: id})
			continue
		}
		out = append(out, worded[i])
	}
	if slices.ContainsFunc(worded, func(c Choice) bool { return c.ID == PreferNot }) {
		out = append(out, preferNotChoice)
	}
	return out
}

// profileQuestions returns fresh copies of the standard questions a survey asks first.
func profileQuestions(profile []string, audience string) []*Question {
	set := standardProfile.adult
	if audience == "child" {
		set = standardProfile.child
	}
	var out []*Question
	for _, id := range profile {
		ids := []string{id}
		if id == Disabled {
			ids = WashingtonGroup
		}
		for _, qid := range ids {
			std, ok := set[qid]
			if !ok {
				continue
			}
			q := *std
			q.Choices = profileChoices(qid, audience, std.Choices)
			out = append(out, &q)
		}
	}
	return out
}

// ProfileIDs lists every standard profile question id, sorted.
func ProfileIDs() []string {
	ids := append([]string{Group, Gender, AgeBand}, WashingtonGroup...)
	sort.Strings(ids)
	return ids
}
