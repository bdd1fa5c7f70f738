package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"consulta/internal/plan"
	"consulta/internal/store"
)

func formatAmount(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// planItemSave adds an item to a draft plan (POST /plans/{pid}/items) or changes one
// (POST /plans/{pid}/items/{code}); the whole plan is checked as it would be after the change.
func (s *Server) planItemSave(w http.ResponseWriter, r *http.Request) {
	_, p, ok := s.staffPlan(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "error.bad_request", err.Error())
		return
	}
	lang := pickLanguage(r)
	if !p.Editable() {
		s.errorPage(w, r, http.StatusConflict, "plan.not_draft")
		return
	}
	old := muxVar(r, "code")
	var current plan.Item
	if old != "" {
		it := p.Item(old)
		if it == nil {
			s.notFound(w, r)
			return
		}
		current = *it
	}
	f := readItemForm(r)
	it := f.Item
	errs := map[string]string{}
	budget, okBudget := parseBudget(f.Budget)
	if !okBudget {
		errs["budget"] = T(lang, "plan.err.not_number", clip(f.Budget))
	}
	it.Budget = budget
	ev, key, arg := s.parseEvidence(r.Context(), f.Evidence, p.MunicipalityID)
	if key != "" {
		errs["evidence"] = T(lang, key, arg)
	}
	it.Evidence = ev
	// Check the plan as it would be: this item in place of the old one, at its order, the
	// others renumbered around it.
	after := *p
	after.Items = nil
	for _, other := range p.Ordered() {
		if other.Code != old {
			after.Items = append(after.Items, other)
		}
	}
	orders := map[string]int{}
	if it.Order >= 1 && it.Order <= len(after.Items)+1 {
		at := it.Order - 1
		for i := range after.Items {
			n := i + 1
			if i >= at {
				n++
			}
			if after.Items[i].Order != n {
				after.Items[i].Order = n
				orders[after.Items[i].Code] = n
			}
		}
	}
	after.Items = append(after.Items, it)
	rows := make([]int, len(after.Items))
	rows[len(rows)-1] = 1 // the problems of this item, not of the others
	for _, pr := range after.Validate(s.planIcons(), rows) {
		if pr.Row != 1 || pr.Column == "" {
			continue
		}
		if errs[pr.Column] == "" {
			errs[pr.Column] = T(lang, "plan.err."+pr.Code, pr.Args...)
		}
	}
	if len(errs) > 0 {
		page, err := s.planItemPage(r, p, current, f, errs)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if old == "" {
			page.New = true
		}
		s.render(w, r, http.StatusUnprocessableEntity, "plan_item", s.view(r, T(lang, "plan.new_item"), page))
		return
	}
	if err := s.store.SaveItem(r.Context(), p.ID, old, &it, orders); err != nil {
		s.answer(w, r, err, store.ErrNotDraft)
		return
	}
	id := strconv.FormatInt(p.ID, 10)
	action := "plan.item_create"
	if old != "" {
		action = "plan.item_update"
	}
	s.audit(r, action, id+"/"+it.Code, it.Title.In("es"), p.MunicipalityID)
	http.Redirect(w, r, "/plans/"+id+"/items/"+url.PathEscape(it.Code), http.StatusSeeOther)
}

// planItemDelete removes an item from a draft plan.
func (s *Server) planItemDelete(w http.ResponseWriter, r *http.Request) {
	_, p, ok := s.staffPlan(w, r)
	if !ok {
		return
	}
	code := muxVar(r, "code")
	if err := s.store.DeleteItem(r.Context(), p.ID, code); err != nil {
		s.answer(w, r, err, store.ErrNotDraft, store.ErrNotFound)
		return
	}
	id := strconv.FormatInt(p.ID, 10)
	s.audit(r, "plan.item_delete", id+"/"+strings.TrimSpace(code), "", p.MunicipalityID)
	http.Redirect(w, r, "/plans/"+id+"/edit", http.StatusSeeOther)
}
