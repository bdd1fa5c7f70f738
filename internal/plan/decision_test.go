package plan

import (
	"slices"
	"strings"
	"testing"

	"consulta/internal/survey"
)

func items3() []Item {
	return []Item{
		{Code: "S1", Axis: "E1", Icon: "health", Order: 1, Title: survey.Label{"es": "Puesto de salud"}},
		{Code: "S2", Axis: "E1", Icon: "water", Order: 2, Title: survey.Label{"es": "Agua potable"}},
		{Code: "S3", Axis: "E2", Icon: "school", Order: 3, Title: survey.Label{"es": "Becas"}},
		{Code: "S4", Axis: "E2", Icon: "bus", Order: 4, Title: survey.Label{"es": "Transporte escolar"}},
	}
}

var axes2 = []Axis{{Code: "E1"}, {Code: "E2"}}
var decIcons = []string{"health", "water", "school", "bus", "playground"}

func why(s string) survey.Label { return survey.Label{"es": s} }

// The diff of a hand-made pair: water moves up, health moves down and is reworded, grants are
// dropped, transport is merged into health, a playground is added from "missing".
func TestApplyAndDiff(t *testing.T) {
	ds := []Decision{
		{Code: "S1", Kind: Changed, Order: 2, Title: survey.Label{"es": "Puesto de salud con horario de tarde"}, Reason: why("Lo pidieron")},
		{Code: "S2", Kind: MovedUp, Order: 1, Reason: why("El agua fue lo más votado")},
		{Code: "S3", Kind: Dropped, Reason: why("Ya lo paga el ministerio"), ChildReason: why("Otro lo paga")},
		{Code: "S4", Kind: Merged, Into: "S1", Reason: why("Van juntos"), ChildReason: why("Lo juntamos")},
		{Code: "P1", Kind: Added, Order: 3, Axis: "E2", Icon: "playground", Title: survey.Label{"es": "Parque infantil"}, Reason: why("Faltaba"),
			ChildReason: why("Tú lo pediste")},
	}
	got, probs := Apply(items3(), ds, axes2, decIcons)
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	var codes []string
	for _, it := range got {
		codes = append(codes, it.Code)
	}
	if want := []string{"S2", "S1", "P1"}; !slices.Equal(codes, want) {
		t.Errorf("validated order %v, want %v", codes, want)
	}
	var lines []string
	for _, c := range Diff(items3(), got, ds) {
		lines = append(lines, c.String())
	}
	want := []string{
		"S2 moved 2 → 1",
		"S1 reworded «Puesto de salud» → «Puesto de salud con horario de tarde»",
		"S1 moved 1 → 2",
		"P1 added at 3 «Parque infantil»",
		"S3 dropped (was 3) «Becas»",
		"S4 merged into S1 (was 4)",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("diff:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestApplyRefuses(t *testing.T) {
	keep := func(code string, order int) Decision { return Decision{Code: code, Kind: Kept, Order: order} }
	all := func(ds ...Decision) []Decision {
		out := []Decision{keep("S1", 1), keep("S2", 2), keep("S3", 3), keep("S4", 4)}
		for _, d := range ds {
			for i := range out {
				if out[i].Code == d.Code {
					out[i] = d
					d.Code = ""
				}
			}
			if d.Code != "" {
				out = append(out, d)
			}
		}
		return out
	}
	cases := []struct {
		name string
		ds   []Decision
		want string
	}{
		{"missing", all()[:3], "decision_missing"},
		{"no reason", all(Decision{Code: "S2", Kind: MovedUp, Order: 1}, keep("S1", 2)), "decision_reason"},
		{"up that goes down", all(Decision{Code: "S1", Kind: MovedUp, Order: 2, Reason: why("x")}, keep("S2", 1)), "decision_not_up"},
		{"down that goes up", all(Decision{Code: "S2", Kind: MovedDown, Order: 1, Reason: why("x")}, keep("S1", 2)), "decision_not_down"},
		{"dropped without a child reason", all(Decision{Code: "S4", Kind: Dropped, Reason: why("x")}), "decision_child_reason"},
		{"merged into a dropped item", all(Decision{Code: "S4", Kind: Merged, Into: "S3", Reason: why("x"), ChildReason: why("x")},
			Decision{Code: "S3", Kind: Dropped, Reason: why("x"), ChildReason: why("x")}), "decision_into"},
		{"two in one place", all(keep("S2", 1)), "decision_order"},
		{"added with a taken code", all(Decision{Code: "S1", Kind: Added, Order: 1, Title: why("x"), Reason: why("x")}), "decision_added_exists"},
		{"added without wording", all(Decision{Code: "N1", Kind: Added, Order: 5, Axis: "E1", Icon: "water", Reason: why("x")}), "decision_title"},
		{"added with an unknown icon", all(Decision{Code: "N1", Kind: Added, Order: 5, Axis: "E1", Icon: "rocket", Title: why("x"), Reason: why("x")}), "unknown_icon"},
		{"changed without wording", all(Decision{Code: "S1", Kind: Changed, Order: 1, Reason: why("x")}), "decision_title"},
		{"unknown kind", all(Decision{Code: "S1", Kind: "maybe", Order: 1, Reason: why("x")}), "decision_kind"},
	}
	for _, tc := range cases {
		_, probs := Apply(items3(), tc.ds, axes2, decIcons)
		found := false
		for _, p := range probs {
			found = found || p.Code == tc.want
		}
		if !found {
			t.Errorf("%s: problems %v, want %s", tc.name, probs, tc.want)
		}
	}
	if _, probs := Apply(items3(), all(), axes2, decIcons); len(probs) > 0 {
		t.Errorf("keeping everything: %v", probs)
	}
}

func TestStatusCheck(t *testing.T) {
	for _, tc := range []struct {
		st   Status
		want string
	}{
		{Status{Status: InProgress, Progress: 40, Milestones: []Milestone{{On: "2027-03-01"}}}, ""},
		{Status{Status: "soon"}, "status_unknown"},
		{Status{Status: Done, Progress: 101}, "status_progress"},
		{Status{Status: Done, Progress: 100, Milestones: []Milestone{{On: "March"}}}, "status_date"},
	} {
		if got := tc.st.Check(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.st, got, tc.want)
		}
	}
}
