package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"consulta/internal/survey"
)

// A municipality saves a survey, then a new version: the current one is the new one, the first
// stays for the responses that carry it, and another municipality cannot take the id.
func TestMunicipalSurveyVersions(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	upala, err := f.st.EnsureMunicipality(ctx, "Upala", "Costa Rica")
	if err != nil {
		t.Fatal(err)
	}
	esquipulas, err := f.st.EnsureMunicipality(ctx, "Esquipulas", "Guatemala")
	if err != nil {
		t.Fatal(err)
	}
	parse := func(src string) *survey.Survey {
		sv, ps := survey.Parse("mine.yaml", []byte(src))
		if len(ps) > 0 {
			t.Fatal(ps)
		}
		return sv
	}
	first := parse(strings.Replace(tinySurvey, "id: tiny", "id: mine", 1))
	second := parse(strings.Replace(string(first.Source), "Fruta", "Fruta favorita", 1))
	if first.Version == second.Version {
		t.Fatal("two files, one version")
	}
	if _, err := f.st.MunicipalSurvey(ctx, "mine"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("before saving: %v", err)
	}
	for _, sv := range []*survey.Survey{first, second} {
		if err := f.st.SaveMunicipalSurvey(ctx, sv, upala, 0); err != nil {
			t.Fatal(err)
		}
	}
	m, err := f.st.MunicipalSurvey(ctx, "mine")
	if err != nil || m.Version != second.Version || m.MunicipalityID != upala || string(m.Source) != string(second.Source) {
		t.Fatalf("current %+v, %v", m, err)
	}
	if src, err := f.st.SurveySource(ctx, "mine", first.Version); err != nil || string(src) != string(first.Source) {
		t.Errorf("first version: %v", err)
	}
	if err := f.st.SaveMunicipalSurvey(ctx, first, esquipulas, 0); !errors.Is(err, ErrConflict) {
		t.Errorf("another municipality saving the id: %v", err)
	}
	all, err := f.st.MunicipalSurveys(ctx)
	if err != nil || len(all) != 1 || all[0].Version != second.Version {
		t.Errorf("list %+v %v", all, err)
	}
}
