package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"consulta/internal/plan"
	"consulta/internal/survey"
)

// planVersions is a plan's versions read for the decision pages: the items the next decisions
// start from, the open draft (if any) and the last published version (if any).
type planVersions struct {
	All       []*plan.Version
	Base      []plan.Item // what the draft's decisions apply to
	Draft     *plan.Version
	Published *plan.Version // the last one
}

func (s *Server) planVersions(ctx context.Context, p *plan.Plan) (*planVersions, error) {
	vs, err := s.store.Versions(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	out := &planVersions{All: vs, Base: p.Ordered()}
	for _, v := range vs {
		if v.Published() {
			out.Published = v
		} else {
			out.Draft = v
		}
	}
	if out.Draft != nil && out.Draft.Number > 1 {
		for _, v := range vs {
			if v.Number == out.Draft.Number-1 {
				out.Base = v.Items
			}
		}
	} else if out.Draft == nil && out.Published != nil {
		out.Base = out.Published.Items
	}
	return out, nil
}

// baseOf returns the items a version's decisions applied to: the proposed plan for the first,
// the previous published version for the others.
func baseOf(p *plan.Plan, vs []*plan.Version, number int) []plan.Item {
	for _, v := range vs {
		if v.Number == number-1 && v.Published() {
			return v.Items
		}
	}
	return p.Ordered()
}

// readDecisions reads the decision form: one row per item (code_N, kind_N, order_N, into_N,
// title_LANG_N, summary_LANG_N, child_summary_LANG_N, reason_LANG_N, child_reason_LANG_N, and
// axis_N and icon_N for added items); rows without a code and kind are left out.
func readDecisions(r *http.Request) []plan.Decision {
	rows, _ := strconv.Atoi(r.PostForm.Get("rows"))
	rows = min(max(rows, 0), plan.MaxItems*2)
	label := func(name string, i int) survey.Label {
		l := survey.Label{}
		for _, lang := range languages {
			if v := strings.TrimSpace(r.PostForm.Get(name + "_" + lang + "_" + strconv.Itoa(i))); v != "" {
				l[lang] = v
			}
		}
		if len(l) == 0 {
			return nil
		}
		return l
	}
	var out []plan.Decision
	for i := 0; i < rows; i++ {
		n := strconv.Itoa(i)
		d := plan.Decision{Code: strings.TrimSpace(r.PostForm.Get("code_" + n)), Kind: r.PostForm.Get("kind_" + n),
			Into: strings.TrimSpace(r.PostForm.Get("into_" + n)), Axis: r.PostForm.Get("axis_" + n), Icon: r.PostForm.Get("icon_" + n),
			Title: label("title", i), Summary: label("summary", i), ChildSummary: label("child_summary", i),
			Reason: label("reason", i), ChildReason: label("child_reason", i)}
		d.Order, _ = strconv.Atoi(strings.TrimSpace(r.PostForm.Get("order_" + n)))
		if d.Code == "" && (d.Kind == "" || d.Kind == plan.Added) {
			continue
		}
		if !d.Keeps() {
			d.Order = 0
		}
		if d.Kind != plan.Merged {
			d.Into = ""
		}
		if d.Kind != plan.Added {
			d.Axis, d.Icon = "", ""
		}
		if d.Kind != plan.Changed && d.Kind != plan.Added {
			d.Title, d.Summary, d.ChildSummary = nil, nil, nil
		}
		out = append(out, d)
	}
	return out
}

// decisionProblem says a decision problem in the user's language: "S1: ...".
func decisionProblem(lang string, p plan.Problem) string {
	args := p.Args
	code := ""
	if len(args) > 0 {
		code, _ = args[0].(string)
		args = args[1:]
	}
	return code + " (" + p.Column + "): " + T(lang, "plan.err."+p.Code, args...)
}

// changeText says one change between versions in the user's language.
func changeText(lang string, c plan.Change) string {
	switch c.Kind {
	case plan.ChangeMoved:
		return T(lang, "decision.diff.moved", c.Code, c.From, c.To)
	case plan.ChangeReworded:
		return T(lang, "decision.diff.reworded", c.Code, c.Old.In(lang), c.New.In(lang))
	case plan.ChangeAdded:
		return T(lang, "decision.diff.added", c.Code, c.New.In(lang), c.To)
	case plan.ChangeMerged:
		return T(lang, "decision.diff.merged", c.Code, c.Old.In(lang), c.Into)
	}
	return T(lang, "decision.diff.dropped", c.Code, c.Old.In(lang))
}
