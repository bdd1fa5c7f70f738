package xlsform

import (
	"slices"
	"testing"

	"consulta/internal/survey"
)

// A needs assessment as a KoboToolbox user writes it: three languages named the Kobo way,
// metadata, groups with their own conditions, or_other, an exclusive "none", bounds and messages.
func TestImportNeedsAssessment(t *testing.T) {
	L := "label::Español (es)|label::English (en)|label::Português (pt)"
	book := workbook(t,
		Sheet{Name: "survey", Rows: rows(
			"type|name|"+L+"|hint::Español (es)|hint::English (en)|hint::Português (pt)|required|relevant|constraint|constraint_message::English (en)|appearance|parameters",
			"start|start|||||||||||",
			"end|end|||||||||||",
			"note|welcome|Bienvenida. Es anónimo.|Welcome. It is anonymous.|Bem-vinda. É anônimo.||||||||",
			"select_one group|group|Situación|Situation|Situação|||||||||",
			"select_one gender|gender|Género|Gender|Gênero|||||||||",
			"begin_group|household|Hogar|Household|Domicílio||||||||field-list|",
			"integer|hh_size|¿Cuántas personas viven en su hogar?|How many people live in your household?|Quantas pessoas moram no seu domicílio?|Cuente a todos|Count everyone|Conte todos|yes||. >= 1 and . <= 30|Between 1 and 30|",
			"select_one yes_no|children|¿Hay niños?|Are there children?|Há crianças?||||yes|${hh_size} > 1|||",
			"end_group||||||||||||",
			"begin group|needs|Necesidades|Needs|Necessidades|||||${group} != 'host'|||",
			"select_multiple needs|needs_list|¿Qué necesita?|What do you need?|Do que precisa?|Marque todas|Tick all|Marque todas|yes||not(selected(., 'none') and count-selected(.) > 1)|None stands alone|",
			"select_one needs or_other|first_need|¿Qué primero?|What first?|O que primeiro?||||yes|not(selected(${needs_list}, 'none'))|||minimal",
			"end group||||||||||||",
			"range|satisfaction|¿Satisfecho?|Satisfied?|Satisfeito?||||||||likert|start=1 end=5 step=1",
			"text|comments|Comentarios|Comments|Comentários||||||string-length(.) <= 500||",
		)},
		Sheet{Name: "choices", Rows: rows(
			"list_name|name|"+L,
			"group|host|Comunidad|Host|Comunidade",
			"group|displaced|Desplazada|Displaced|Deslocada",
			"gender|female|Mujer|Woman|Mulher",
			"gender|male|Hombre|Man|Homem",
			"yes_no|yes|Sí|Yes|Sim",
			"yes_no|no|No|No|Não",
			"needs|food|Comida|Food|Comida",
			"needs|water|Agua|Water|Água",
			"needs|shelter|Techo|Shelter|Abrigo",
			"needs|none|Nada|Nothing|Nada",
		)},
		Sheet{Name: "settings", Rows: rows("form_title|form_id|version|default_language", "Evaluación de necesidades|needs-2026|2026-03|Español (es)")},
	)
	res := Import(book, Options{Name: "needs.xlsx"})
	if len(res.Errors) > 0 {
		t.Fatalf("%s\n%s", res.Errors.Message("es"), res.YAML)
	}
	s := res.Survey
	if s.ID != "needs-2026" || s.Audience != "adult" || s.DefaultLanguage != "es" || !slices.Equal(s.Languages, []string{"es", "en", "pt"}) {
		t.Errorf("header: %s %s %s %v", s.ID, s.Audience, s.DefaultLanguage, s.Languages)
	}
	if s.Title["es"] != "Evaluación de necesidades" || s.Title["en"] != "Evaluación de necesidades" {
		t.Errorf("title %v", s.Title)
	}
	if !slices.Equal(s.Profile, []string{"group", "gender"}) {
		t.Errorf("profile %v", s.Profile)
	}
	var ids []string
	for _, q := range s.Questions {
		ids = append(ids, q.ID)
	}
	// Notes that open the survey come before the profile, as survey.Parse places them.
	want := []string{"welcome", "household", "group", "gender", "hh_size", "children", "needs", "needs_list", "first_need", "first_need_other", "satisfaction", "comments"}
	if !slices.Equal(ids, want) {
		t.Fatalf("questions %v\nwant %v", ids, want)
	}
	q := s.Question("hh_size")
	if q.Type != survey.Integer || !q.Required || *q.Min != 1 || *q.Max != 30 || q.Hint["pt"] != "Conte todos" || q.Label["en"] != "How many people live in your household?" {
		t.Errorf("hh_size %+v", q)
	}
	if q := s.Question("children"); q.Type != survey.YesNo || q.Relevant != "${hh_size} > 1" {
		t.Errorf("children %+v", q)
	}
	if q := s.Question("household"); q.Type != survey.Note || q.Label["pt"] != "Domicílio" {
		t.Errorf("household %+v", q)
	}
	if q := s.Question("needs"); q.Type != survey.Note || q.Relevant != "" {
		t.Errorf("needs section %+v", q)
	}
	q = s.Question("needs_list")
	if q.Type != survey.SelectMultiple || q.Relevant != "${group} != 'host'" || !q.Choice("none").Exclusive || q.Choice("food").Exclusive || q.Choice("water").Label["pt"] != "Água" {
		t.Errorf("needs_list %+v", q)
	}
	q = s.Question("first_need")
	if q.Relevant != "(${group} != 'host') and (not(selected(${needs_list}, 'none')))" || q.Choice("other") == nil || q.Choice("none").Exclusive {
		t.Errorf("first_need %+v", q)
	}
	if q := s.Question("first_need_other"); q.Type != survey.Text || q.Relevant != "((${group} != 'host') and (not(selected(${needs_list}, 'none')))) and ${first_need} = 'other'" {
		t.Errorf("first_need_other %+v", q)
	}
	if q := s.Question("satisfaction"); q.Type != survey.Scale || q.Points != 5 {
		t.Errorf("satisfaction %+v", q)
	}
	if q := s.Question("comments"); q.MaxLength != 500 {
		t.Errorf("comments %+v", q)
	}
	if !slices.ContainsFunc(res.Notes, func(p Problem) bool { return p.Code == "note_appearance" && p.Args[0] == "field-list" && p.Row == 7 }) {
		t.Errorf("field-list on the group not noted:\n%s", res.Notes.Message("en"))
	}
	for _, code := range []string{"note_metadata", "note_profile", "note_group", "note_or_other", "note_message", "note_appearance", "note_title"} {
		if !slices.ContainsFunc(res.Notes, func(p Problem) bool { return p.Code == code }) {
			t.Errorf("no note %s in\n%s", code, res.Notes.Message("en"))
		}
	}
}

// A child survey as an ODK user writes it: plain language codes, pictures on the choices (some
// of them Consulta's icons), faces as a range, an acknowledgement, child age bands.
func TestImportChildSurveyWithImages(t *testing.T) {
	book := workbook(t,
		Sheet{Name: "survey", Rows: rows(
			"type|name|label::es|label::pt|hint::es|hint::pt|required|relevant|parameters|media::image::es",
			"acknowledge|assent|¿Quieres jugar?|Quer brincar?|||true|||assent.png",
			"select_one age_band|age_band|¿Cuántos años tienes?|Quantos anos você tem?|||yes|||",
			"range|safe_school|¿Te sientes a salvo en la escuela?|Você se sente seguro na escola?|Toca una carita|Toque numa carinha||${assent} = 'yes'|start=1 end=3 step=1|faces.png",
			"select_multiple better|better|¿Qué haría tu barrio mejor?|O que deixaria o bairro melhor?|||||| ",
			"rank better|top|Elige las 2 más importantes|Escolha as 2 mais importantes|||||| ",
			"text|message|¿Qué le dirías al alcalde?|O que você diria ao prefeito?|No escribas tu nombre|Não escreva o seu nome||${age_band} = 'age_13_17'||",
		)},
		Sheet{Name: "choices", Rows: rows(
			"list_name|name|label::es|label::pt|image::es",
			"age_band|age_8_12|8 a 12|8 a 12|",
			"age_band|age_13_17|13 a 17|13 a 17|",
			"better|school|Escuela|Escola|media/School.png",
			"better|water|Agua|Água|water.jpg",
			"better|swings|Columpios|Balanços|swings.png",
			"better|nobody|Nada|Nada|",
		)},
		Sheet{Name: "settings", Rows: rows("form_title|form_id|default_language", "Te escuchamos|te_escuchamos|es")},
	)
	res := Import(book, Options{Name: "ninos.xlsx", Icons: testIcons})
	if len(res.Errors) > 0 {
		t.Fatalf("%s\n%s", res.Errors.Message("es"), res.YAML)
	}
	s := res.Survey
	if s.ID != "te_escuchamos" || s.Audience != "child" || !slices.Equal(s.Languages, []string{"es", "pt"}) || !slices.Equal(s.Profile, []string{"age_band"}) {
		t.Errorf("header %s %s %v %v", s.ID, s.Audience, s.Languages, s.Profile)
	}
	if q := s.Question("assent"); q.Type != survey.YesNo || !q.Required || q.Label["pt"] != "Quer brincar?" {
		t.Errorf("assent %+v", q)
	}
	// Every profile question offers "prefer not to say" (the standard profile adds it).
	if q := s.Question("age_band"); !q.Profile || len(q.Choices) != 3 || q.Choices[0].ID != "age_8_12" || q.Choices[2].ID != survey.PreferNot {
		t.Errorf("age_band %+v", q)
	}
	if q := s.Question("safe_school"); q.Type != survey.Scale || q.Points != 3 || q.Hint["es"] != "Toca una carita" || q.Relevant != "${assent} = 'yes'" {
		t.Errorf("safe_school %+v", q)
	}
	q := s.Question("better")
	icons := map[string]string{}
	for _, c := range q.Choices {
		icons[c.ID] = c.Icon
	}
	if icons["school"] != "school" || icons["water"] != "water" || icons["swings"] != "" || icons["nobody"] != "" {
		t.Errorf("icons %v", icons)
	}
	if q := s.Question("top"); q.Type != survey.Rank || q.Rank != 3 || len(q.Choices) != 4 {
		t.Errorf("top %+v", q)
	}
	if q := s.Question("message"); q.Type != survey.Text || q.MaxLength != survey.DefaultMaxLength || q.Relevant != "${age_band} = 'age_13_17'" {
		t.Errorf("message %+v", q)
	}
	var images []string
	for _, n := range res.Notes {
		if n.Code == "note_image" {
			images = append(images, n.Args[0].(string))
		}
		if n.Code == "note_media" && n.Sheet != "survey" {
			t.Errorf("media note on %s", n.Sheet)
		}
	}
	if !slices.Equal(images, []string{"swings.png"}) {
		t.Errorf("image notes %v", images)
	}
}

// A form using what Consulta refuses: every refusal is reported at once, each at its cell, and
// there is no survey.
func TestImportRefusedFeatures(t *testing.T) {
	book := workbook(t,
		Sheet{Name: "survey", Rows: rows(
			"type|name|label::English (en)|relevant|calculation|choice_filter",
			"text|Full-Name|What is your name?|||",
			"geopoint|home|Where do you live?|||",
			"image|photo|Take a photo of the house|||",
			"begin repeat|members|Household members|||",
			"integer|member_age|Age|||",
			"end repeat||||",
			"calculate|adults|||count(${member_age})|",
			"select_one_from_file towns.csv|town|Town|||",
			"select_one towns|district|District|||district=${town}",
			"select_one colours|colour|Favourite colour|||",
			"integer|score|Score|pulldata('scores', 'score', 'id', ${town}) > 3||",
			"barcode|id_card|Scan your ID card|||",
			"audio|voice|Record your voice|||",
			"end group||||",
			"text|home|Again|||",
		)},
		Sheet{Name: "choices", Rows: rows("list_name|name|label::English (en)", "towns|upala|Upala")},
		Sheet{Name: "settings", Rows: rows("form_id|public_key", "household_census|MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA")},
		Sheet{Name: "entities", Rows: rows("list_name|label", "households|${home}")},
	)
	res := Import(book, Options{Name: "census.xlsx"})
	if res.Survey != nil || res.YAML != nil {
		t.Fatal("a refused form produced a survey")
	}
	type at struct {
		code, sheet string
		row         int
		column      string
	}
	var got []at
	for _, p := range res.Errors {
		got = append(got, at{p.Code, p.Sheet, p.Row, p.Column})
	}
	for _, want := range []at{
		{"refused_entities", "entities", 0, ""},
		{"refused_encryption", "settings", 2, "B"},
		{"bad_name", "survey", 2, "B"},
		{"refused_identifying", "survey", 3, "A"},
		{"refused_identifying", "survey", 4, "A"},
		{"refused_repeat", "survey", 5, "A"},
		{"refused_calculate", "survey", 8, "A"},
		{"refused_from_file", "survey", 9, "A"},
		{"choice_filter", "survey", 10, "F"},
		{"unknown_list", "survey", 11, "A"},
		{"refused_function", "survey", 12, "D"},
		{"refused_identifying", "survey", 13, "A"},
		{"refused_identifying", "survey", 14, "A"},
		{"end_group_unmatched", "survey", 15, "A"},
	} {
		if !slices.Contains(got, want) {
			t.Errorf("missing %+v among\n%s", want, res.Errors.Message("en"))
		}
	}
	for _, p := range res.Errors {
		if p.Code == "refused_identifying" {
			if msg := p.Message("es"); !slices.ContainsFunc([]string{"identificar a quien responde"}, func(s string) bool { return contains(msg, s) }) {
				t.Errorf("reason not given: %s", msg)
			}
		}
	}
}

func contains(s, sub string) bool {
	return len(sub) == 0 || (len(s) >= len(sub) && (s[:len(sub)] == sub || contains(s[1:], sub)))
}
