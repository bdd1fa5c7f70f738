package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"consulta/internal/survey"
)

// Kinds of decision a planner takes about an item after the validation round.
const (
	Kept      = "kept"
	MovedUp   = "moved_up"
	MovedDown = "moved_down"
	Changed   = "changed" // new wording
	Merged    = "merged"  // into another item (Decision.Into)
	Dropped   = "dropped" // left out of the validated plan
	Added     = "added"   // a new item, from what people said was missing
)

// Kinds lists every kind of decision in the order the form offers them.
var Kinds = []string{Kept, MovedUp, MovedDown, Changed, Merged, Dropped, Added}

// Version states: a draft of decisions may change; a published version never does.
const (
	VersionDraft     = "draft"
	VersionPublished = "published"
)

// MaxReason and MaxChildReason limit what a planner writes as a reason.
const (
	MaxReason      = 400
	MaxChildReason = 160
)

// Decision is what the municipality decided about one item, and why.
type Decision struct {
	Code         string       `json:"code"`
	Kind         string       `json:"kind"`
	Into         string       `json:"into,omitempty"`  // merged: the item it joins
	Order        int          `json:"order,omitempty"` // position in the validated plan (not for merged/dropped)
	Title        survey.Label `json:"title,omitempty"` // changed/added: the new wording
	Summary      survey.Label `json:"summary,omitempty"`
	ChildSummary survey.Label `json:"child_summary,omitempty"`
	Axis         string       `json:"axis,omitempty"` // added
	Icon         string       `json:"icon,omitempty"` // added
	Reason       survey.Label `json:"reason"`
	ChildReason  survey.Label `json:"child_reason,omitempty"`
}

// Keeps reports whether the decision keeps the item in the validated plan.
func (d Decision) Keeps() bool { return d.Kind != Merged && d.Kind != Dropped }

// IsNo reports whether the decision says "no" to what was proposed or asked: it is dropped or
// merged away; children must be told why.
func (d Decision) IsNo() bool { return !d.Keeps() }

// Version is one set of decisions about a plan; once published its validated items are frozen.
type Version struct {
	Number      int        `json:"number"`
	State       string     `json:"state"`
	Decisions   []Decision `json:"decisions"`
	Items       []Item     `json:"items,omitempty"` // the validated plan, once published
	PublishedAt *time.Time `json:"published_at,omitempty"`
	PublishedBy string     `json:"published_by,omitempty"`
}

// Published reports whether the version is frozen.
func (v *Version) Published() bool { return v != nil && v.State == VersionPublished }

// Decision returns the decision about an item code, or nil.
func (v *Version) Decision(code string) *Decision {
	if v == nil {
		return nil
	}
	for i := range v.Decisions {
		if v.Decisions[i].Code == code {
			return &v.Decisions[i]
		}
	}
	return nil
}

// Apply takes the items a version starts from and its decisions, checks them, and returns the
// validated items in their new order. Every base item needs exactly one decision.
func Apply(base []Item, ds []Decision, axes []Axis, icons []string) ([]Item, []Problem) {
	var probs []Problem
	bad := func(code, col, msg string, args ...any) {
		probs = append(probs, Problem{Column: col, Code: msg, Args: append([]any{code}, args...)})
	}
	byCode := map[string]Item{}
	for _, it := range base {
		byCode[it.Code] = it
	}
	axisOK := map[string]bool{}
	for _, a := range axes {
		axisOK[a.Code] = true
	}
	seen := map[string]bool{}
	kept := map[string]bool{}
	for _, d := range ds {
		if d.Kind != Added && !d.Keeps() {
			continue
		}
		kept[d.Code] = true
	}
	var out []Item
	for _, d := range ds {
		if seen[d.Code] {
			bad(d.Code, "code", "decision_twice")
			continue
		}
		seen[d.Code] = true
		if !slices.Contains(Kinds, d.Kind) {
			bad(d.Code, "kind", "decision_kind", d.Kind)
			continue
		}
		it, known := byCode[d.Code]
		switch {
		case d.Kind == Added && known:
			bad(d.Code, "code", "decision_added_exists")
			continue
		case d.Kind != Added && !known:
			bad(d.Code, "code", "decision_unknown")
			continue
		case d.Kind == Added && !codePattern.MatchString(d.Code):
			bad(d.Code, "code", "bad_code", d.Code)
			continue
		}
		if strings.TrimSpace(d.Reason.In("es")) == "" && d.Kind != Kept {
			bad(d.Code, "reason_es", "decision_reason")
		}
		for _, lang := range survey.Languages {
			if utf8.RuneCountInString(d.Reason[lang]) > MaxReason {
				bad(d.Code, "reason_"+lang, "decision_long", MaxReason)
			}
			if utf8.RuneCountInString(d.ChildReason[lang]) > MaxChildReason {
				bad(d.Code, "child_reason_"+lang, "decision_long", MaxChildReason)
			}
		}
		if d.IsNo() && strings.TrimSpace(d.ChildReason.In("es")) == "" {
			bad(d.Code, "child_reason_es", "decision_child_reason")
		}
		if d.Kind == Merged && (d.Into == d.Code || !kept[d.Into]) {
			bad(d.Code, "into", "decision_into", d.Into)
		}
		if !d.Keeps() {
			continue
		}
		switch d.Kind {
		case MovedUp:
			if d.Order >= it.Order {
				bad(d.Code, "order", "decision_not_up", it.Order, d.Order)
			}
		case MovedDown:
			if d.Order <= it.Order {
				bad(d.Code, "order", "decision_not_down", it.Order, d.Order)
			}
		case Changed, Added:
			if strings.TrimSpace(d.Title.In("es")) == "" {
				bad(d.Code, "title_es", "decision_title")
			}
		}
		if d.Kind == Added {
			it = Item{Code: d.Code, Axis: d.Axis, Icon: d.Icon}
			if !axisOK[d.Axis] {
				bad(d.Code, "axis", "unknown_axis", d.Axis)
			}
			if !slices.Contains(icons, d.Icon) {
				bad(d.Code, "icon", "unknown_icon", d.Icon)
			}
		}
		it.ID = 0
		it.Evidence = slices.Clone(it.Evidence)
		if d.Kind == Changed || d.Kind == Added {
			it.Title = d.Title
			if len(d.Summary) > 0 {
				it.Summary = d.Summary
			}
			if len(d.ChildSummary) > 0 {
				it.ChildSummary = d.ChildSummary
			}
		}
		it.Order = d.Order
		out = append(out, it)
	}
	for _, it := range base {
		if !seen[it.Code] {
			bad(it.Code, "code", "decision_missing")
		}
	}
	orders := map[int]bool{}
	for _, it := range out {
		if it.Order < 1 || it.Order > len(out) || orders[it.Order] {
			bad(it.Code, "order", "decision_order", it.Order, len(out))
		}
		orders[it.Order] = true
	}
	slices.SortStableFunc(out, func(a, b Item) int { return a.Order - b.Order })
	return out, probs
}

// Change kinds in a diff between two versions of a plan.
const (
	ChangeMoved    = "moved"
	ChangeReworded = "reworded"
	ChangeAdded    = "added"
	ChangeDropped  = "dropped"
	ChangeMerged   = "merged"
)

// Change is one difference between the proposed and the validated plan.
type Change struct {
	Kind     string       `json:"kind"`
	Code     string       `json:"code"`
	From     int          `json:"from,omitempty"` // order before
	To       int          `json:"to,omitempty"`   // order after
	Old      survey.Label `json:"old,omitempty"`  // title before
	New      survey.Label `json:"new,omitempty"`  // title after
	Into     string       `json:"into,omitempty"`
	Decision *Decision    `json:"-"`
}

// String is a short English form of the change, stable for tests and logs.
func (c Change) String() string {
	switch c.Kind {
	case ChangeMoved:
		return fmt.Sprintf("%s moved %d → %d", c.Code, c.From, c.To)
	case ChangeReworded:
		return fmt.Sprintf("%s reworded «%s» → «%s»", c.Code, c.Old.In("es"), c.New.In("es"))
	case ChangeAdded:
		return fmt.Sprintf("%s added at %d «%s»", c.Code, c.To, c.New.In("es"))
	case ChangeDropped:
		return fmt.Sprintf("%s dropped (was %d) «%s»", c.Code, c.From, c.Old.In("es"))
	case ChangeMerged:
		return fmt.Sprintf("%s merged into %s (was %d)", c.Code, c.Into, c.From)
	}
	return c.Kind + " " + c.Code
}

// Diff lists what changed from one version of a plan's items to the next: items dropped or
// merged away, items added, wording changes and order changes, in the order of the items after
// (then the ones that left, in their order before). ds, when given, says which left items were merged.
func Diff(before, after []Item, ds []Decision) []Change {
	old := map[string]Item{}
	for _, it := range before {
		old[it.Code] = it
	}
	now := map[string]bool{}
	var out []Change
	for _, it := range sortedItems(after) {
		now[it.Code] = true
		was, ok := old[it.Code]
		if !ok {
			out = append(out, Change{Kind: ChangeAdded, Code: it.Code, To: it.Order, New: it.Title})
			continue
		}
		if !sameLabel(was.Title, it.Title) {
			out = append(out, Change{Kind: ChangeReworded, Code: it.Code, Old: was.Title, New: it.Title})
		}
		if was.Order != it.Order {
			out = append(out, Change{Kind: ChangeMoved, Code: it.Code, From: was.Order, To: it.Order})
		}
	}
	into := map[string]string{}
	for _, d := range ds {
		if d.Kind == Merged {
			into[d.Code] = d.Into
		}
	}
	for _, it := range sortedItems(before) {
		if now[it.Code] {
			continue
		}
		if into[it.Code] != "" {
			out = append(out, Change{Kind: ChangeMerged, Code: it.Code, From: it.Order, Old: it.Title, Into: into[it.Code]})
		} else {
			out = append(out, Change{Kind: ChangeDropped, Code: it.Code, From: it.Order, Old: it.Title})
		}
	}
	for i := range out {
		for j := range ds {
			if ds[j].Code == out[i].Code {
				out[i].Decision = &ds[j]
			}
		}
	}
	return out
}

func sortedItems(items []Item) []Item {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b Item) int { return a.Order - b.Order })
	return out
}

func sameLabel(a, b survey.Label) bool {
	for _, lang := range survey.Languages {
		if strings.TrimSpace(a[lang]) != strings.TrimSpace(b[lang]) {
			return false
		}
	}
	return true
}

// Item statuses over the plan's period.
const (
	NotStarted = "not_started"
	InProgress = "in_progress"
	Done       = "done"
	Stopped    = "stopped"
)

// Statuses lists every item status in order.
var Statuses = []string{NotStarted, InProgress, Done, Stopped}

// Milestone is a dated step of an item's execution.
type Milestone struct {
	On   string       `json:"on"` // YYYY-MM-DD
	Text survey.Label `json:"text"`
	Done bool         `json:"done"`
}

// Status is where an item of the validated plan stands.
type Status struct {
	Code       string      `json:"code"`
	Status     string      `json:"status"`
	Progress   int         `json:"progress"` // 0..100
	Milestones []Milestone `json:"milestones,omitempty"`
	UpdatedAt  time.Time   `json:"updated_at"`
	UpdatedBy  string      `json:"-"`
}

// Check reports the first problem with a status, or "".
func (s Status) Check() string {
	if !slices.Contains(Statuses, s.Status) {
		return "status_unknown"
	}
	if s.Progress < 0 || s.Progress > 100 {
		return "status_progress"
	}
	for _, m := range s.Milestones {
		if _, err := time.Parse("2006-01-02", m.On); err != nil {
			return "status_date"
		}
	}
	return ""
}
