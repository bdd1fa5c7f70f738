package store

import (
	"context"
	"errors"
	"testing"

	"consulta/internal/plan"
	"consulta/internal/survey"
)

func testPlan(mid int64) *plan.Plan {
	budget := 150000.0
	return &plan.Plan{MunicipalityID: mid, Title: survey.Label{"es": "Plan de Upala", "en": "Upala plan"},
		Period: survey.Label{"es": "2027–2030"},
		Axes:   []plan.Axis{{Code: "E1", Title: survey.Label{"es": "Servicios"}}, {Code: "E2", Title: survey.Label{"es": "Espacios"}}},
		Items: []plan.Item{
			{Code: "S1", Axis: "E1", Title: survey.Label{"es": "Puesto de salud"}, Summary: survey.Label{"es": "Ampliar"}, Icon: "health",
				Order: 2, Budget: &budget, Currency: "CRC", Unit: "Salud",
				Evidence: []plan.Evidence{{Consultation: "c1", Question: "fruit", Choice: "mango"}}},
			{Code: "P1", Axis: "E2", Title: survey.Label{"es": "Parque"}, Summary: survey.Label{"es": "Un parque"}, Icon: "playground", Order: 1},
		}}
}

func TestPlanLifecycle(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c, _ := f.st.Consultation(ctx, "c1")
	u := &User{Name: "ana", PasswordHash: "x", Role: RolePlanner, Municipalities: []int64{c.MunicipalityID}}
	if err := f.st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	p := testPlan(c.MunicipalityID)
	if err := f.st.CreatePlan(ctx, p, u); err != nil {
		t.Fatal(err)
	}
	got, err := f.st.Plan(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != plan.Draft || len(got.Axes) != 2 || len(got.Items) != 2 || got.Items[0].Code != "P1" ||
		*got.Items[1].Budget != 150000 || got.Items[1].Evidence[0].Choice != "mango" || got.History[0].By != "ana" {
		t.Fatalf("plan = %+v", got)
	}
	// An item with a code already taken is refused and changes nothing.
	dup := got.Items[0]
	if err := f.st.SaveItem(ctx, p.ID, "", &dup, nil); !errors.Is(err, ErrConflict) {
		t.Errorf("duplicate item: %v", err)
	}
	sv, probs := survey.Parse("plan.yaml", plan.Survey(got, plan.Adult))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	err = f.st.StartValidation(ctx, ValidationRound{Plan: p.ID, By: u, Surveys: []*survey.Survey{sv}, Audiences: []string{plan.Adult},
		Snapshots:     map[int64]*plan.Snapshot{got.Items[1].Evidence[0].ID: {Overall: plan.NewShare("all", 3, 10)}},
		Consultations: []*Consultation{{ID: "val-1", MunicipalityID: c.MunicipalityID, SurveyID: sv.ID, Title: "Validación", Status: StatusOpen}}})
	if err != nil {
		t.Fatal(err)
	}
	got, _ = f.st.Plan(ctx, p.ID)
	if got.State != plan.InValidation || got.AdultConsultation != "val-1" || len(got.History) != 2 ||
		got.Items[1].Evidence[0].Snapshot == nil || got.Items[1].Evidence[0].Snapshot.Overall.N != 3 {
		t.Errorf("after validation: %+v", got)
	}
	ps, err := f.st.PlanSurveySource(ctx, sv.ID)
	if err != nil || ps.Version != sv.Version || ps.PlanID != p.ID {
		t.Errorf("plan survey = %+v, %v", ps, err)
	}
	if src, err := f.st.SurveySource(ctx, sv.ID, sv.Version); err != nil || string(src) != string(sv.Source) {
		t.Errorf("survey version not kept: %v", err)
	}
	if id, _ := f.st.PlanOfConsultation(ctx, "val-1"); id != p.ID {
		t.Errorf("plan of consultation = %d", id)
	}
	// No longer a draft: items are frozen.
	if err := f.st.ReplaceItems(ctx, p.ID, nil, nil); !errors.Is(err, ErrNotDraft) {
		t.Errorf("replace after validation: %v", err)
	}
	if err := f.st.StartValidation(ctx, ValidationRound{Plan: p.ID}); !errors.Is(err, ErrNotDraft) {
		t.Errorf("second validation: %v", err)
	}
}
