package charts

import (
	"encoding/json"
	"strings"
	"testing"

	"consulta/internal/plan"
	"consulta/internal/survey"
)

func TestPlanCharts(t *testing.T) {
	p := &plan.Plan{Items: []plan.Item{
		{Code: "A", Title: survey.Label{"es": "Salud"}, Order: 1},
		{Code: "B", Title: survey.Label{"es": "Agua"}, Order: 2},
	}}
	hidden := plan.Share{Value: "displaced", Suppressed: true}
	adult := &plan.Round{
		Items: []plan.ItemResult{
			{Code: "A", Agree: plan.NewShare("agree", 78, 100), By: []plan.Breakdown{{Dimension: "group",
				Shares: []plan.Share{plan.NewShare("host", 40, 50), hidden}}}},
			{Code: "B", Agree: plan.NewShare("agree", 61, 100), By: []plan.Breakdown{{Dimension: "group",
				Shares: []plan.Share{plan.NewShare("host", 45, 50), plan.NewShare("displaced", 10, 40)}}}},
		},
		Order: []plan.OrderRow{
			{Code: "A", Proposed: 1, Community: 2, Move: -1, Top3: plan.NewShare("a", 70, 90), Borda: 150, BordaRank: 2},
			{Code: "B", Proposed: 2, Community: 1, Move: 1, Top3: plan.NewShare("b", 80, 90), Borda: 190, BordaRank: 1},
		},
	}
	cs := PlanCharts(p, adult, nil, 5, "es", nil)
	ids := map[string]Chart{}
	for _, c := range cs {
		ids[c.ID] = c
		raw, err := json.Marshal(c.Counts)
		if err != nil {
			t.Errorf("%s: %v", c.ID, err)
		}
		if strings.Contains(string(raw), "__f__") { // go-echarts' marker of a JavaScript function
			t.Errorf("%s: an option carries code", c.ID)
		}
	}
	for _, id := range []string{"plan-agreement", "plan-groups", "plan-order", "plan-top3"} {
		if _, ok := ids[id]; !ok {
			t.Errorf("no chart %s", id)
		}
	}
	g := ids["plan-groups"]
	// Row A: host 40/50 = 80 % (Wilson 66.9–88.8); displaced, a row too small to show, reads "–".
	if row := strings.Join(g.Table.Rows[0], " | "); !strings.Contains(row, "40/50 · 80,0") || !strings.Contains(row, "–") {
		t.Errorf("groups table row A = %s", row)
	}
	o := ids["plan-order"]
	if row := strings.Join(o.Table.Rows[1], " | "); !strings.Contains(row, "↑ 1") || !strings.Contains(row, "80/90") {
		t.Errorf("order table row B = %s", row)
	}
	top := ids["plan-top3"]
	if !strings.HasPrefix(top.Table.Rows[0][0], "B ") {
		t.Errorf("top-3 chart not in the community's order: %v", top.Table.Rows)
	}
}
