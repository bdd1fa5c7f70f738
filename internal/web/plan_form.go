package web

import (
	"net/http"
	"strconv"
	"strings"

	"consulta/internal/plan"
	"consulta/internal/survey"
)

// planForm is the plan's own fields as typed: titles and periods per language, axes one a line.
type planForm struct {
	Municipality int64
	Title        survey.Label
	Period       survey.Label
	Axes         string // "E1 | Servicios | Services | Serviços", one axis a line
}

// readPlanForm reads the plan form shared by create and edit; errs holds a message per field.
func readPlanForm(r *http.Request, lang string) (planForm, []plan.Axis, map[string]string) {
	f := planForm{Title: survey.Label{}, Period: survey.Label{}, Axes: strings.TrimSpace(r.PostForm.Get("axes"))}
	f.Municipality, _ = strconv.ParseInt(r.PostForm.Get("municipality"), 10, 64)
	errs := map[string]string{}
	for _, l := range languages {
		f.Title[l] = strings.TrimSpace(r.PostForm.Get("title_" + l))
		f.Period[l] = strings.TrimSpace(r.PostForm.Get("period_" + l))
		for _, fld := range []struct{ key, v string }{{"title_" + l, f.Title[l]}, {"period_" + l, f.Period[l]}} {
			if len([]rune(fld.v)) > plan.MaxTitle {
				errs[fld.key] = T(lang, "form.required_short", plan.MaxTitle)
			}
		}
	}
	if f.Title["es"] == "" {
		errs["title_es"] = T(lang, "form.required_short", plan.MaxTitle)
	}
	var axes []plan.Axis
	for n, line := range strings.Split(f.Axes, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.Split(line, "|")
		a := plan.Axis{Code: strings.TrimSpace(parts[0]), Title: survey.Label{}}
		for i, l := range languages {
			if i+1 < len(parts) {
				a.Title[l] = strings.TrimSpace(parts[i+1])
			}
		}
		if a.Title["es"] == "" {
			a.Title["es"] = a.Code
		}
		axes = append(axes, a)
		p := plan.Plan{Title: survey.Label{"es": "x"}, Axes: axes}
		if probs := p.Validate(nil, nil); len(probs) > 0 && errs["axes"] == "" {
			errs["axes"] = T(lang, "plan.err.at_line", n+1) + " " + T(lang, "plan.err."+probs[0].Code, probs[0].Args...)
		}
	}
	return f, axes, errs
}

// axesText writes axes back as the form shows them.
func axesText(axes []plan.Axis) string {
	var b strings.Builder
	for _, a := range axes {
		b.WriteString(a.Code)
		for _, l := range languages {
			b.WriteString(" | " + a.Title[l])
		}
		b.WriteString("\n")
	}
	return b.String()
}

// itemForm is one item as typed.
type itemForm struct {
	Item     plan.Item
	Budget   string
	Evidence string // consultation/question/choice, one a line
}

// readItemForm reads the item form shared by create and update.
func readItemForm(r *http.Request) itemForm {
	pf := r.PostForm
	f := itemForm{Budget: strings.TrimSpace(pf.Get("budget")), Evidence: strings.TrimSpace(pf.Get("evidence"))}
	it := plan.Item{Code: strings.TrimSpace(pf.Get("code")), Axis: pf.Get("axis"), Icon: pf.Get("icon"),
		Currency: strings.ToUpper(strings.TrimSpace(pf.Get("currency"))), Unit: strings.TrimSpace(pf.Get("unit")),
		Title: survey.Label{}, Summary: survey.Label{}, ChildSummary: survey.Label{}}
	it.Order, _ = strconv.Atoi(strings.TrimSpace(pf.Get("order")))
	for _, l := range languages {
		it.Title[l] = strings.TrimSpace(pf.Get("title_" + l))
		it.Summary[l] = strings.TrimSpace(pf.Get("summary_" + l))
		it.ChildSummary[l] = strings.TrimSpace(pf.Get("child_summary_" + l))
	}
	f.Item = it
	return f
}

func evidenceText(es []plan.Evidence) string {
	var lines []string
	for _, e := range es {
		lines = append(lines, e.Consultation+"/"+e.Question+"/"+e.Choice)
	}
	return strings.Join(lines, "\n")
}

// parseBudget reads an optional amount: "1500000", "1 500 000", "1500000.50".
func parseBudget(s string) (*float64, bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "_", "").Replace(s)
	if s == "" {
		return nil, true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, false
	}
	return &v, true
}
