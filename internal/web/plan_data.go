package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"consulta/internal/plan"
	"consulta/internal/results"
	"consulta/internal/store"
)

// staffPlan loads the plan of the URL for a planner or admin of its municipality, or answers
// 404 (another municipality's plan, so its existence is not revealed) or 401/403.
func (s *Server) staffPlan(w http.ResponseWriter, r *http.Request) (*store.User, *plan.Plan, bool) {
	u, ok := s.require(w, r, managerRoles...)
	if !ok {
		return nil, nil, false
	}
	var p *plan.Plan
	id, err := strconv.ParseInt(muxVar(r, "pid"), 10, 64)
	if err != nil {
		err = store.ErrNotFound // an id that is not a number names no plan
	} else if p, err = s.store.Plan(r.Context(), id); err == nil && !u.CanSee(p.MunicipalityID) {
		err = store.ErrNotFound
	}
	if err != nil {
		s.answerMissing(w, r, err, "plan.not_found")
		return nil, nil, false
	}
	return u, p, true
}

// staffPlanForm is staffPlan for a posted form: it also reads the form, answering 400 when the
// body cannot be read.
func (s *Server) staffPlanForm(w http.ResponseWriter, r *http.Request) (*store.User, *plan.Plan, bool) {
	u, p, ok := s.staffPlan(w, r)
	if !ok {
		return nil, nil, false
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "error.bad_request", err.Error())
		return nil, nil, false
	}
	return u, p, true
}

// planIcons are the icons an item may use: every picture in static/icons but the faces and the
// buttons of the child survey.
func (s *Server) planIcons() []string {
	var out []string
	for name := range s.assets.files {
		icon, ok := strings.CutPrefix(name, "icons/")
		if !ok || !strings.HasSuffix(icon, ".svg") {
			continue
		}
		icon = strings.TrimSuffix(icon, ".svg")
		if strings.HasPrefix(icon, "face-") || slices.Contains([]string{"speaker", "skip", "stop"}, icon) {
			continue
		}
		out = append(out, icon)
	}
	sort.Strings(out)
	return out
}

// protectedReport is the protected report of a whole consultation, as the results page builds it.
func (s *Server) protectedReport(ctx context.Context, id string) (*results.Report, *store.Consultation, error) {
	c, err := s.store.Consultation(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	sv, err := s.surveyFor(ctx, c, "")
	if err != nil {
		return nil, nil, err
	}
	d, err := s.dataset(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	return s.aggregate(d, sv, c.ID, results.Filter{}), c, nil
}

// planResults is what a plan's validation round found, read from the protected reports.
type planResults struct {
	Adult, Child       *plan.Round
	Divergences        []plan.Divergence
	AdultC, ChildC     *store.Consultation
	adultRep, childRep *results.Report
}

// planRound reads the validation round of a plan, if it has one.
func (s *Server) planRound(ctx context.Context, p *plan.Plan) (*planResults, error) {
	if p.AdultConsultation == "" {
		return nil, nil
	}
	out := &planResults{}
	var err error
	if out.adultRep, out.AdultC, err = s.protectedReport(ctx, p.AdultConsultation); err != nil {
		return nil, err
	}
	out.Adult = plan.ReadRound(out.adultRep, p, plan.Adult)
	if p.ChildConsultation != "" {
		if out.childRep, out.ChildC, err = s.protectedReport(ctx, p.ChildConsultation); err != nil {
			return nil, err
		}
		out.Child = plan.ReadRound(out.childRep, p, plan.Child)
	}
	out.Divergences = plan.Divergences(out.adultRep, out.childRep, p)
	return out, nil
}

// liveEvidence reads every evidence link of a plan from today's protected reports, by evidence id.
func (s *Server) liveEvidence(ctx context.Context, p *plan.Plan) (map[int64]*plan.Snapshot, error) {
	out := map[int64]*plan.Snapshot{}
	reps := map[string]*results.Report{}
	for _, it := range p.Items {
		for _, e := range it.Evidence {
			rep, ok := reps[e.Consultation]
			if !ok {
				var err error
				rep, _, err = s.protectedReport(ctx, e.Consultation)
				if err != nil && !errors.Is(err, store.ErrNotFound) {
					return nil, err
				}
				reps[e.Consultation] = rep
			}
			if rep != nil {
				if snap := plan.EvidenceOf(rep, e.Question, e.Choice, s.now()); snap != nil {
					out[e.ID] = snap
				}
			}
		}
	}
	return out, nil
}

// parseEvidence reads evidence links written one a line as consultation/question/choice (or
// separated by ";" in a sheet cell) and checks each against the municipality's consultations
// and their surveys. It returns the links and, for the first bad one, the message key and its text.
func (s *Server) parseEvidence(ctx context.Context, text string, municipality int64) ([]plan.Evidence, string, string) {
	var out []plan.Evidence
	for _, line := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == ';' }) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		parts := strings.Split(line, "/")
		if len(parts) != 3 {
			return nil, "plan.err.evidence_format", clip(line)
		}
		e := plan.Evidence{Consultation: strings.TrimSpace(parts[0]), Question: strings.TrimSpace(parts[1]), Choice: strings.TrimSpace(parts[2])}
		c, err := s.store.Consultation(ctx, e.Consultation)
		if err != nil || c.MunicipalityID != municipality {
			return nil, "plan.err.evidence_consultation", clip(e.Consultation)
		}
		sv := s.surveyOf(ctx, c.SurveyID)
		if sv == nil || sv.Question(e.Question) == nil {
			return nil, "plan.err.evidence_question", clip(e.Question)
		}
		if q := sv.Question(e.Question); q.HasChoices() && q.Choice(e.Choice) == nil {
			return nil, "plan.err.evidence_choice", clip(e.Choice)
		}
		out = append(out, e)
	}
	return out, "", ""
}

// problemText says a plan problem in the user's language: "Row 3, column icon: ...".
func problemText(lang string, p plan.Problem) string {
	msg := T(lang, "plan.err."+p.Code, p.Args...)
	switch {
	case p.Row > 0 && p.Column != "":
		return T(lang, "plan.err.at_row_column", p.Row, p.Column) + " " + msg
	case p.Column != "":
		return T(lang, "plan.err.at_column", p.Column) + " " + msg
	}
	return msg
}

// shareText writes a share as "n/N · p % (lo–hi)", or the suppression label.
func shareText(sh plan.Share, k int) string {
	if sh.Suppressed || sh.Of == 0 {
		return results.SuppressLabel(k)
	}
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
	return strconv.Itoa(sh.N) + "/" + strconv.Itoa(sh.Of) + " · " + f(sh.Pct) + " % (" + f(sh.Lo) + "–" + f(sh.Hi) + ")"
}
