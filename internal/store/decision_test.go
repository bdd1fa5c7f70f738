package store

import (
	"context"
	"errors"
	"testing"

	"consulta/internal/plan"
	"consulta/internal/survey"
)

// TestDecisionVersions, on SQLite and PostgreSQL: decisions are drafted before publishing,
// publishing freezes the version and validates the plan, a published version refuses changes,
// the next save drafts version 2; statuses and the follow-up round are stored.
func TestDecisionVersions(t *testing.T) { forEachDialect(t, testDecisionVersions) }

func testDecisionVersions(t *testing.T, at string) {
	f := newFixtureAt(t, at)
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
	ds := []plan.Decision{{Code: "P1", Kind: plan.Kept, Order: 1}, {Code: "S1", Kind: plan.Kept, Order: 2}}
	if _, err := f.st.SaveDecisions(ctx, p.ID, 0, ds); !errors.Is(err, ErrNoRound) {
		t.Errorf("decisions about a draft plan: %v", err)
	}
	got, _ := f.st.Plan(ctx, p.ID)
	sv, probs := survey.Parse("plan.yaml", plan.Survey(got, plan.Adult))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if err := f.st.StartValidation(ctx, ValidationRound{Plan: p.ID, By: u, Surveys: []*survey.Survey{sv}, Audiences: []string{plan.Adult},
		Consultations: []*Consultation{{ID: "val-1", MunicipalityID: c.MunicipalityID, SurveyID: sv.ID, Title: "Validación", Status: StatusOpen}}}); err != nil {
		t.Fatal(err)
	}
	n, err := f.st.SaveDecisions(ctx, p.ID, 0, ds)
	if err != nil || n != 1 {
		t.Fatalf("draft: %d %v", n, err)
	}
	ds[1].Reason = survey.Label{"es": "Sigue"}
	if n, err = f.st.SaveDecisions(ctx, p.ID, 1, ds); err != nil || n != 1 {
		t.Fatalf("draft again: %d %v", n, err)
	}
	items, _ := plan.Apply(got.Ordered(), ds, got.Axes, []string{"health", "playground"})
	if err := f.st.PublishVersion(ctx, p.ID, 1, items, u); err != nil {
		t.Fatal(err)
	}
	if err := f.st.PublishVersion(ctx, p.ID, 1, items, u); !errors.Is(err, ErrPublished) {
		t.Errorf("publishing twice: %v", err)
	}
	if _, err := f.st.SaveDecisions(ctx, p.ID, 1, ds); !errors.Is(err, ErrPublished) {
		t.Errorf("changing a published version: %v", err)
	}
	got, _ = f.st.Plan(ctx, p.ID)
	if got.State != plan.Validated || got.History[len(got.History)-1].By != "ana" {
		t.Errorf("plan after publishing: %s %+v", got.State, got.History)
	}
	if n, err = f.st.SaveDecisions(ctx, p.ID, 0, ds[:1]); err != nil || n != 2 {
		t.Errorf("next draft: %d %v", n, err)
	}
	vs, err := f.st.Versions(ctx, p.ID)
	if err != nil || len(vs) != 2 || !vs[0].Published() || vs[0].PublishedBy != "ana" || len(vs[0].Items) != 2 ||
		vs[0].Decision("S1").Reason["es"] != "Sigue" || vs[1].Published() || len(vs[1].Decisions) != 1 {
		t.Fatalf("versions: %+v %v", vs, err)
	}
	st := &plan.Status{Code: "S1", Status: plan.InProgress, Progress: 30, Milestones: []plan.Milestone{{On: "2027-01-10", Text: survey.Label{"es": "Inicio"}}}}
	if err := f.st.SetItemStatus(ctx, p.ID, st, u); err != nil {
		t.Fatal(err)
	}
	st.Progress = 60
	if err := f.st.SetItemStatus(ctx, p.ID, st, u); err != nil {
		t.Fatal(err)
	}
	sts, err := f.st.Statuses(ctx, p.ID)
	if err != nil || sts["S1"] == nil || sts["S1"].Progress != 60 || sts["S1"].Milestones[0].Text["es"] != "Inicio" || sts["S1"].UpdatedBy != "ana" {
		t.Errorf("statuses: %+v %v", sts, err)
	}
	fsv, probs := survey.Parse("f.yaml", plan.FollowUpSurvey(got))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	fc := &Consultation{ID: "seguimiento", MunicipalityID: c.MunicipalityID, SurveyID: fsv.ID, Title: "Seguimiento", Status: StatusOpen}
	if err := f.st.StartFollowUp(ctx, p.ID, fsv, fc); err != nil {
		t.Fatal(err)
	}
	if err := f.st.StartFollowUp(ctx, p.ID, fsv, fc); !errors.Is(err, ErrConflict) {
		t.Errorf("a second follow-up: %v", err)
	}
	if id, _ := f.st.FollowUp(ctx, p.ID); id != "seguimiento" {
		t.Errorf("follow-up %q", id)
	}
	if id, _ := f.st.ValidatedPlanOf(ctx, "val-1"); id != p.ID {
		t.Errorf("validated plan of the round: %d", id)
	}
}
