package plan

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"consulta/internal/survey"
)

// Audiences of a validation round.
const (
	Adult = "adult"
	Child = "child"
)

// SurveyID is the id of the survey generated from a plan for an audience.
func SurveyID(planID int64, audience string) string {
	return fmt.Sprintf("plan-%d-%s", planID, audience)
}

type yChoice struct {
	ID    string       `yaml:"id"`
	Icon  string       `yaml:"icon,omitempty"`
	Label survey.Label `yaml:"label"`
}

type yQuestion struct {
	ID        string       `yaml:"id"`
	Type      string       `yaml:"type"`
	Rank      int          `yaml:"rank,omitempty"`
	MaxLength int          `yaml:"max_length,omitempty"`
	Required  bool         `yaml:"required"`
	Label     survey.Label `yaml:"label"`
	Hint      survey.Label `yaml:"hint,omitempty"`
	Choices   any          `yaml:"choices,omitempty"`
}

type ySurvey struct {
	ID              string               `yaml:"id"`
	Title           survey.Label         `yaml:"title"`
	Audience        string               `yaml:"audience"`
	Languages       []string             `yaml:"languages"`
	DefaultLanguage string               `yaml:"default_language"`
	Profile         []string             `yaml:"profile"`
	Questions       []yQuestion          `yaml:"questions"`
	Choices         map[string][]yChoice `yaml:"choices"`
}

// words of the generated survey, in every language.
var words = map[string]survey.Label{
	"title": {"es": "Validación del plan: %s", "en": "Plan validation: %s", "pt": "Validação do plano: %s"},
	"intro": {
		"es": "El municipio propone estas prioridades para %s. Queremos saber si está de acuerdo. Sus respuestas son anónimas: no preguntamos su nombre.",
		"en": "The municipality proposes these priorities for %s. We want to know whether you agree. Your answers are anonymous: we do not ask your name.",
		"pt": "O município propõe estas prioridades para %s. Queremos saber se você concorda. Suas respostas são anônimas: não perguntamos o seu nome."},
	"child_intro": {
		"es": "¡Hola! El municipio quiere saber qué piensas de sus ideas para tu comunidad. No tienes que decir tu nombre. Puedes saltar preguntas o parar cuando quieras.",
		"en": "Hello! The municipality wants to know what you think of its ideas for your community. You don't have to say your name. You can skip questions or stop whenever you want.",
		"pt": "Oi! O município quer saber o que você acha das ideias dele para a sua comunidade. Você não precisa dizer o seu nome. Pode pular perguntas ou parar quando quiser."},
	"agree_hint": {
		"es": "¿Está de acuerdo en que esto sea una prioridad?",
		"en": "Do you agree this should be a priority?",
		"pt": "Você concorda que isto deve ser uma prioridade?"},
	"child_agree_hint": {
		"es": "¿Te parece importante? Toca una carita.",
		"en": "Do you think this is important? Tap a face.",
		"pt": "Você acha isso importante? Toque numa carinha."},
	"agree":          {"es": "De acuerdo", "en": "Agree", "pt": "Concordo"},
	"not_sure":       {"es": "No estoy seguro/a", "en": "Not sure", "pt": "Não tenho certeza"},
	"disagree":       {"es": "En desacuerdo", "en": "Disagree", "pt": "Discordo"},
	"child_agree":    {"es": "Sí, es importante", "en": "Yes, it's important", "pt": "Sim, é importante"},
	"child_not_sure": {"es": "No sé", "en": "I don't know", "pt": "Não sei"},
	"child_disagree": {"es": "No", "en": "No", "pt": "Não"},
	"top3": {
		"es": "Elija las %d que más le importan, en orden",
		"en": "Choose the %d that matter most to you, in order",
		"pt": "Escolha as %d que mais importam para você, em ordem"},
	"child_top3": {
		"es": "¿Cuáles %d son las más importantes para ti?",
		"en": "Which %d are the most important for you?",
		"pt": "Quais %d são as mais importantes para você?"},
	"missing": {
		"es": "¿Falta algo importante?",
		"en": "Is something important missing?",
		"pt": "Está faltando algo importante?"},
	"child_missing": {
		"es": "¿Falta algo que sea importante para ti?",
		"en": "Is something that matters to you missing?",
		"pt": "Está faltando algo que é importante para você?"},
	"missing_hint": {
		"es": "No escriba nombres ni datos de nadie.",
		"en": "Do not write anyone's name or details.",
		"pt": "Não escreva nomes nem dados de ninguém."},
}

// fill gives every language a text, falling back to Spanish, formatted with args.
func fill(l survey.Label, args ...func(lang string) any) survey.Label {
	out := survey.Label{}
	for _, lang := range survey.Languages {
		s := l.In(lang)
		if len(args) > 0 {
			vals := make([]any, len(args))
			for i, a := range args {
				vals[i] = a(lang)
			}
			s = fmt.Sprintf(s, vals...)
		}
		out[lang] = s
	}
	return out
}

func in(l survey.Label) func(string) any { return func(lang string) any { return l.In(lang) } }

func each(l survey.Label, f func(lang, s string) string) survey.Label {
	out := survey.Label{}
	for _, lang := range survey.Languages {
		out[lang] = f(lang, l.In(lang))
	}
	return out
}

// Survey writes the YAML file of the validation survey of a plan for adults or children:
// the standard profile; per item its summary and agree / not sure / disagree (faces and the
// child summary for children); the items ranked, top 3; and "is something missing?".
func Survey(p *Plan, audience string) []byte {
	child := audience == Child
	pre := ""
	if child {
		pre = "child_"
	}
	s := ySurvey{ID: SurveyID(p.ID, audience), Title: fill(words["title"], in(p.Title)), Audience: audience,
		Languages: survey.Languages, DefaultLanguage: "es", Profile: []string{"group", "gender", "age_band", "disability"},
		Choices: map[string][]yChoice{}}
	intro := fill(words["intro"], in(p.Period))
	if child {
		s.Profile = []string{"age_band", "gender", "group"}
		intro = fill(words["child_intro"])
	}
	s.Questions = append(s.Questions, yQuestion{ID: "intro", Type: survey.Note, Label: intro})
	agreement := []yChoice{
		{ID: Agree, Label: fill(words[pre+"agree"])},
		{ID: NotSure, Label: fill(words[pre+"not_sure"])},
		{ID: Disagree, Label: fill(words[pre+"disagree"])},
	}
	if child {
		agreement[0].Icon, agreement[1].Icon, agreement[2].Icon = "face-5", "face-3", "face-1"
	}
	s.Choices["agreement"] = agreement
	var items []yChoice
	for _, it := range p.Ordered() {
		summary := it.Summary
		if child && len(it.ChildSummary) > 0 && it.ChildSummary.In("es") != "" {
			summary = it.ChildSummary
		}
		title := fill(it.Title)
		label := each(title, func(lang, t string) string { return strings.TrimSpace(t + ": " + summary.In(lang)) })
		s.Questions = append(s.Questions, yQuestion{ID: AgreeQuestion(it.Code), Type: survey.SelectOne, Label: label,
			Hint: fill(words[pre+"agree_hint"]), Choices: "agreement"})
		items = append(items, yChoice{ID: QuestionID(it.Code), Icon: it.Icon, Label: title})
	}
	if len(items) > 0 {
		rank := min(3, len(items))
		s.Choices["items"] = items
		s.Questions = append(s.Questions, yQuestion{ID: RankQuestion, Type: survey.Rank, Rank: rank,
			Label: fill(words[pre+"top3"], func(string) any { return rank }), Choices: "items"})
	}
	s.Questions = append(s.Questions, yQuestion{ID: MissingQuestion, Type: survey.Text, MaxLength: 500,
		Label: fill(words[pre+"missing"]), Hint: fill(words["missing_hint"])})
	body, err := yaml.Marshal(s)
	if err != nil {
		panic(err) // only plain strings, numbers and maps: marshalling cannot fail
	}
	head := fmt.Sprintf("# Generated by Consulta from plan %d (%s), %s version. Edit the plan, not this file.\n", p.ID, p.Title.In("es"), audience)
	return append([]byte(head), body...)
}
