// Package survey owns survey definitions: their types, YAML loading, validation and skip logic.
// It imports nothing of the app but the domain and knows nothing of storage or HTTP.
package survey

import (
	"slices"

	"consulta/internal/domain"
)

// Question types, with XLSForm's names.
const (
	Note           = "note"
	SelectOne      = "select_one"
	SelectMultiple = "select_multiple"
	Rank           = "rank"
	Scale          = "scale"
	YesNo          = "yes_no"
	Integer        = "integer"
	Text           = "text"
)

// Types lists every question type a survey may use.
var Types = []string{Note, SelectOne, SelectMultiple, Rank, Scale, YesNo, Integer, Text}

// PreferNot is the id of the standard "prefer not to answer" choice.
const PreferNot = domain.PreferNot

// Standard profile question ids, the same in every survey so results compare.
const (
	Group      = domain.Group
	Gender     = domain.Gender
	AgeBand    = domain.AgeBand
	Disabled   = domain.Disability
	WithDis    = "with_disability"
	WithoutDis = "without_disability"
)

// WashingtonGroup lists the six domains of the Washington Group Short Set.
var WashingtonGroup = []string{"wg_seeing", "wg_hearing", "wg_walking", "wg_remembering", "wg_selfcare", "wg_communicating"}

// Languages the interface speaks; Spanish is the default.
var Languages = []string{"es", "en", "pt"}

// Label is one text in several languages, keyed by language code.
type Label map[string]string

// In returns the text in lang, falling back to Spanish and then to any language.
func (l Label) In(lang string) string {
	if s, ok := l[lang]; ok && s != "" {
		return s
	}
	if s, ok := l["es"]; ok && s != "" {
		return s
	}
	for _, lg := range Languages {
		if s := l[lg]; s != "" {
			return s
		}
	}
	return ""
}

// Survey is one loaded definition file.
type Survey struct {
	ID              string      `json:"id"`
	Version         string      `json:"version"`
	Title           Label       `json:"title"`
	Audience        string      `json:"audience"`
	Languages       []string    `json:"languages"`
	DefaultLanguage string      `json:"default_language"`
	Profile         []string    `json:"profile"`
	Questions       []*Question `json:"questions"`
	File            string      `json:"-"`
	Source          []byte      `json:"-"`
}

// Choice is one answer option.
type Choice struct {
	ID    string `json:"id"`
	Icon  string `json:"icon,omitempty"`
	Label Label  `json:"label"`
	// Exclusive choices ("none", "nobody") stand alone in a select_multiple.
	Exclusive bool `json:"exclusive,omitempty"`
}

// Variant overrides a question's wording for respondents of one age band.
type Variant struct {
	Label Label `json:"label,omitempty"`
	Hint  Label `json:"hint,omitempty"`
}

// Question is one question, with its choices resolved inline.
type Question struct {
	ID        string             `json:"id"`
	Type      string             `json:"type"`
	Label     Label              `json:"label"`
	Hint      Label              `json:"hint,omitempty"`
	Required  bool               `json:"required"`
	PreferNot bool               `json:"prefer_not,omitempty"`
	Choices   []Choice           `json:"choices,omitempty"`
	Rank      int                `json:"rank,omitempty"`
	Points    int                `json:"points,omitempty"`
	MaxLength int                `json:"max_length,omitempty"`
	Min       *int               `json:"min,omitempty"`
	Max       *int               `json:"max,omitempty"`
	Relevant  string             `json:"relevant,omitempty"`
	Expr      *Expr              `json:"relevant_expr,omitempty"`
	Variants  map[string]Variant `json:"variants,omitempty"`
	Profile   bool               `json:"profile,omitempty"`
	Heard     string             `json:"heard,omitempty"` // how the public "what we heard" page shows it: HeardWish, HeardFinding or HeardHide
	Line      int                `json:"-"`

	relevantLine int
}

// How the public "what we heard" page shows a question (the question's `heard:` field).
const (
	HeardWish    = "wish"    // a list of what people want most: the top choices, numbered
	HeardFinding = "finding" // something learnt, stated with care: every answer with its share, no ranking
	HeardHide    = "hide"    // not shown on the public page
)

// HeardValues are the values `heard:` may take.
var HeardValues = []string{HeardWish, HeardFinding, HeardHide}

// HeardAs is how the heard page shows the question: what the survey says, or by default a wish
// list for rank and select_multiple questions and nothing for the others.
func (q *Question) HeardAs() string {
	if q.Heard != "" {
		return q.Heard
	}
	if q.Type == Rank || q.Type == SelectMultiple {
		return HeardWish
	}
	return HeardHide
}

// Question returns the question with the given id, or nil.
func (s *Survey) Question(id string) *Question {
	for _, q := range s.Questions {
		if q.ID == id {
			return q
		}
	}
	return nil
}

// HasLanguage reports whether the survey is written in lang.
func (s *Survey) HasLanguage(lang string) bool { return slices.Contains(s.Languages, lang) }

// Choice returns the choice with the given id, or nil.
func (q *Question) Choice(id string) *Choice {
	for i := range q.Choices {
		if q.Choices[i].ID == id {
			return &q.Choices[i]
		}
	}
	return nil
}

// Answerable reports whether the question takes an answer (a note does not).
func (q *Question) Answerable() bool { return q.Type != Note }

// HasChoices reports whether answers are choice ids.
func (q *Question) HasChoices() bool {
	return q.Type == SelectOne || q.Type == SelectMultiple || q.Type == Rank
}

// LabelFor returns the question's wording for a respondent of the given age band.
func (q *Question) LabelFor(ageBand string) Label {
	if v, ok := q.Variants[ageBand]; ok && len(v.Label) > 0 {
		return v.Label
	}
	return q.Label
}

// HintFor returns the question's hint for a respondent of the given age band.
func (q *Question) HintFor(ageBand string) Label {
	if v, ok := q.Variants[ageBand]; ok && len(v.Hint) > 0 {
		return v.Hint
	}
	return q.Hint
}
