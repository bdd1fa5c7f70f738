package xlsform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"

	"consulta/internal/locale"
	"consulta/internal/survey"
)

// languageHeading names a language as KoboToolbox writes it: "Español (es)".
var languageHeading = map[string]string{}

func init() {
	for _, lg := range survey.Languages {
		languageHeading[lg] = locale.T(lg, "language."+lg) + " (" + lg + ")"
	}
}

var yesNoChoices = []survey.Choice{
	{ID: "yes", Label: survey.Label(locale.Message("survey.yes"))},
	{ID: "no", Label: survey.Label(locale.Message("survey.no"))},
}

// Export writes a survey as an XLSForm workbook: the survey, choices and settings sheets, with
// Consulta's own fields in consulta:: columns that other tools ignore.
func Export(s *survey.Survey) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName(f.GetSheetName(0), "survey"); err != nil {
		return nil, err
	}
	for _, name := range []string{"choices", "settings"} {
		if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
	}
	lists := newListNamer(s)
	surveyHead := []string{"type", "name"}
	for _, lg := range s.Languages {
		surveyHead = append(surveyHead, "label::"+languageHeading[lg])
	}
	for _, lg := range s.Languages {
		surveyHead = append(surveyHead, "hint::"+languageHeading[lg])
	}
	surveyHead = append(surveyHead, "required", "relevant", "constraint", "parameters",
		"consulta::type", "consulta::rank", "consulta::prefer_not", "consulta::variants", "consulta::heard")
	rows := [][]string{surveyHead}
	for _, q := range s.Questions {
		row := map[string]string{"name": q.ID, "relevant": q.Relevant, "constraint": exportConstraint(q)}
		for _, lg := range s.Languages {
			row["label::"+languageHeading[lg]] = q.Label[lg]
			row["hint::"+languageHeading[lg]] = q.Hint[lg]
		}
		if q.Required {
			row["required"] = "yes"
		}
		switch q.Type {
		case survey.Scale:
			row["type"] = "range"
			row["parameters"] = fmt.Sprintf("start=1 end=%d step=1", q.Points)
		case survey.YesNo:
			row["type"] = "select_one " + lists.name(q, yesNoChoices)
			row["consulta::type"] = survey.YesNo
		case survey.SelectOne, survey.SelectMultiple, survey.Rank:
			cs := exportChoices(q)
			row["type"] = q.Type + " " + lists.name(q, cs)
			if q.Type == survey.SelectOne && len(cs) == 2 && cs[0].ID == "yes" && cs[1].ID == "no" {
				row["consulta::type"] = survey.SelectOne
			}
			if q.Type == survey.Rank {
				row["consulta::rank"] = strconv.Itoa(q.Rank)
			}
		default:
			row["type"] = q.Type
		}
		if q.PreferNot {
			row["consulta::prefer_not"] = "yes"
		}
		row["consulta::heard"] = q.Heard
		if len(q.Variants) > 0 {
			vs := map[string]yamlVariant{}
			for band, v := range q.Variants {
				vs[band] = yamlVariant{Label: v.Label, Hint: v.Hint}
			}
			b, err := json.Marshal(vs)
			if err != nil {
				return nil, err
			}
			row["consulta::variants"] = string(b)
		}
		rows = append(rows, ordered(surveyHead, row))
	}
	if err := writeRows(f, "survey", rows); err != nil {
		return nil, err
	}

	choiceHead := []string{"list_name", "name"}
	for _, lg := range s.Languages {
		choiceHead = append(choiceHead, "label::"+languageHeading[lg])
	}
	choiceHead = append(choiceHead, "consulta::icon")
	rows = [][]string{choiceHead}
	for _, l := range lists.order {
		for _, c := range l.choices {
			row := map[string]string{"list_name": l.name, "name": c.ID, "consulta::icon": c.Icon}
			for _, lg := range s.Languages {
				row["label::"+languageHeading[lg]] = c.Label.In(lg)
			}
			rows = append(rows, ordered(choiceHead, row))
		}
	}
	if err := writeRows(f, "choices", rows); err != nil {
		return nil, err
	}

	settingsHead := []string{"form_title", "form_id", "version", "default_language", "consulta::audience"}
	for _, lg := range s.Languages {
		settingsHead = append(settingsHead, "consulta::title::"+languageHeading[lg])
	}
	settings := map[string]string{"form_title": s.Title.In(s.DefaultLanguage), "form_id": s.ID, "version": s.Version,
		"default_language": languageHeading[s.DefaultLanguage], "consulta::audience": s.Audience}
	for _, lg := range s.Languages {
		settings["consulta::title::"+languageHeading[lg]] = s.Title[lg]
	}
	if err := writeRows(f, "settings", [][]string{settingsHead, ordered(settingsHead, settings)}); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// exportChoices are a question's choices as its list holds them: without the standard
// "prefer not" choice that prefer_not adds, and with exclusivity left to the constraint.
func exportChoices(q *survey.Question) []survey.Choice {
	var out []survey.Choice
	for i, c := range q.Choices {
		if q.PreferNot && c.ID == survey.PreferNot && i == len(q.Choices)-1 {
			continue
		}
		c.Exclusive = false
		out = append(out, c)
	}
	return out
}

func ordered(head []string, row map[string]string) []string {
	out := make([]string, len(head))
	for i, h := range head {
		out[i] = row[h]
	}
	return out
}

func writeRows(f *excelize.File, sheet string, rows [][]string) error {
	for i, row := range rows {
		cells := make([]any, len(row))
		for k, v := range row {
			cells[k] = v
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(sheet, cell, &cells); err != nil {
			return err
		}
	}
	return nil
}

// listNamer gives each distinct choice list a name: the list's name in the survey file where it
// has one, otherwise the first question's id; lists with the same choices share one name.
type listNamer struct {
	source map[string]string // question id -> list name in the file
	order  []*namedList
}

type namedList struct {
	name    string
	choices []survey.Choice
}

func newListNamer(s *survey.Survey) *listNamer {
	n := &listNamer{source: map[string]string{}}
	var doc struct {
		Questions []struct {
			ID      string    `yaml:"id"`
			Choices yaml.Node `yaml:"choices"`
		} `yaml:"questions"`
	}
	if yaml.Unmarshal(s.Source, &doc) == nil {
		for _, q := range doc.Questions {
			if q.Choices.Kind == yaml.ScalarNode && q.Choices.Value != "" {
				n.source[q.ID] = q.Choices.Value
			}
		}
	}
	return n
}

func (n *listNamer) name(q *survey.Question, cs []survey.Choice) string {
	want := n.source[q.ID]
	if q.Type == survey.YesNo {
		want = "yes_no"
	}
	for _, l := range n.order {
		if reflect.DeepEqual(l.choices, cs) && (want == "" || want == l.name) {
			return l.name
		}
	}
	if want == "" {
		want = q.ID
	}
	name := want
	for k := 2; n.taken(name); k++ {
		name = fmt.Sprintf("%s_%d", want, k)
	}
	n.order = append(n.order, &namedList{name: name, choices: cs})
	return name
}

func (n *listNamer) taken(name string) bool {
	for _, l := range n.order {
		if l.name == name {
			return true
		}
	}
	return false
}
