package xlsform

import (
	"bytes"
	"reflect"
	"slices"

	"go.yaml.in/yaml/v3"

	"consulta/internal/survey"
)

// yamlSurvey is a survey file as written, in the order a person reads it.
type yamlSurvey struct {
	ID              string                     `yaml:"id"`
	Title           survey.Label               `yaml:"title"`
	Audience        string                     `yaml:"audience"`
	Languages       []string                   `yaml:"languages,flow"`
	DefaultLanguage string                     `yaml:"default_language"`
	Profile         []string                   `yaml:"profile,flow,omitempty"`
	Questions       []*yamlQuestion            `yaml:"questions"`
	Choices         map[string][]survey.Choice `yaml:"-"`
}

type yamlQuestion struct {
	ID        string                 `yaml:"id"`
	Type      string                 `yaml:"type"`
	Label     survey.Label           `yaml:"label"`
	Hint      survey.Label           `yaml:"hint,omitempty"`
	Required  bool                   `yaml:"required,omitempty"`
	PreferNot bool                   `yaml:"prefer_not,omitempty"`
	Choices   any                    `yaml:"choices,omitempty"`
	Rank      int                    `yaml:"rank,omitempty"`
	Points    int                    `yaml:"points,omitempty"`
	MaxLength int                    `yaml:"max_length,omitempty"`
	Min       *int                   `yaml:"min,omitempty"`
	Max       *int                   `yaml:"max,omitempty"`
	Relevant  string                 `yaml:"relevant,omitempty"`
	Variants  map[string]yamlVariant `yaml:"variants,omitempty"`
	Heard     string                 `yaml:"heard,omitempty"`

	list    string
	choices []survey.Choice
}

type yamlVariant struct {
	Label survey.Label `yaml:"label,omitempty" json:"label,omitempty"`
	Hint  survey.Label `yaml:"hint,omitempty" json:"hint,omitempty"`
}

type yamlChoice struct {
	ID        string       `yaml:"id"`
	Icon      string       `yaml:"icon,omitempty"`
	Exclusive bool         `yaml:"exclusive,omitempty"`
	Label     survey.Label `yaml:"label"`
}

// HasChoices reports whether the question's answers are choice ids.
func (q *yamlQuestion) HasChoices() bool {
	return q.Type == survey.SelectOne || q.Type == survey.SelectMultiple || q.Type == survey.Rank
}

func toYAMLChoices(cs []survey.Choice) []yamlChoice {
	out := make([]yamlChoice, len(cs))
	for i, c := range cs {
		out[i] = yamlChoice{ID: c.ID, Icon: c.Icon, Exclusive: c.Exclusive, Label: c.Label}
	}
	return out
}

// writeYAML writes the survey file. A choice list stays a named list when every question using
// it has the same choices; otherwise each question carries its own.
func writeYAML(doc *yamlSurvey) ([]byte, error) {
	byList := map[string][]*yamlQuestion{}
	for _, q := range doc.Questions {
		if q.HasChoices() && q.list != "" {
			byList[q.list] = append(byList[q.list], q)
		}
	}
	type out struct {
		*yamlSurvey `yaml:",inline"`
		Choices     map[string][]yamlChoice `yaml:"choices,omitempty"`
	}
	o := out{yamlSurvey: doc, Choices: map[string][]yamlChoice{}}
	for _, q := range doc.Questions {
		q.Choices = nil
		if !q.HasChoices() {
			continue
		}
		same := q.list != "" && !slices.ContainsFunc(byList[q.list], func(o *yamlQuestion) bool {
			return !reflect.DeepEqual(o.choices, q.choices)
		})
		if same {
			q.Choices = q.list
			o.Choices[q.list] = toYAMLChoices(q.choices)
		} else {
			q.Choices = toYAMLChoices(q.choices)
		}
	}
	var buf bytes.Buffer
	buf.WriteString("# Imported from an XLSForm workbook (consulta import-xlsform).\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(o); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
