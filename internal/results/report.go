package results

import (
	"encoding/json"

	"consulta/internal/domain"
)

// Report is everything a consultation's results show, already protected: every page, chart,
// export and API reads a Report, so no output can skip the cell key method (see PTable).
type Report struct {
	Consultation  string     `json:"consultation"`
	Survey        string     `json:"survey"`
	K             int        `json:"k"`                  // no count from 1 to K−1 is published
	Filter        Filter     `json:"filter"`             // what the numbers are restricted to
	AsOf          string     `json:"as_of,omitempty"`    // day of the latest response counted: results move in blocks of K
	Withheld      string     `json:"withheld,omitempty"` // why no numbers are given: too_few, few_left or one_filter
	Respondents   Cell       `json:"respondents"`        // responses matching the filter
	Participation []Table    `json:"participation"`      // who answered: by group, gender, age band, disability, age × gender, group × gender
	Questions     []Question `json:"questions"`
	Gaps          []Gap      `json:"gaps"` // where displaced and host residents differ most
}

// Filter restricts a report; the zero Filter is every response. It travels in the URL.
type Filter struct {
	Session   string `json:"session,omitempty"`
	Channel   string `json:"channel,omitempty"`
	From      string `json:"from,omitempty"` // YYYY-MM-DD, inclusive
	To        string `json:"to,omitempty"`   // YYYY-MM-DD, inclusive
	Dimension string `json:"dimension,omitempty"`
	Value     string `json:"value,omitempty"`
}

// Dimensions results are cut by, with the same ids in every consultation.
const (
	ByAll         = "all"
	ByGroup       = domain.Group
	ByGender      = domain.Gender
	ByAgeBand     = domain.AgeBand
	ByDisability  = domain.Disability
	ByGroupGender = "group_gender"
	ByAgeGender   = "age_gender"
)

// NotStated is the value of a dimension a respondent did not give (not asked or skipped).
const NotStated = "not_stated"

// Cell is one published count, already perturbed; Pct, Lo and Hi are computed from protected
// counts. Suppressed marks a cell of a row with too few people to show (under 2k): N, Pct, Lo
// and Hi are then zero and must not be shown.
type Cell struct {
	N          int     `json:"n"`
	Suppressed bool    `json:"suppressed,omitempty"`
	Pct        float64 `json:"pct"`    // percent of the row's N (who were asked), 0–100
	Lo         float64 `json:"ci_low"` // Wilson 95% interval, percent
	Hi         float64 `json:"ci_high"`
}

// Row is one value of a dimension (or "all"): its N and one cell per column.
type Row struct {
	Value string `json:"value"` // "all", a group id, "female", "host|female" for group × gender...
	N     Cell   `json:"n"`     // how many were asked (participation tables: how many answered)
	Cells []Cell `json:"cells"`
	Stats *Stats `json:"stats,omitempty"` // scale and integer questions
}

// Stats summarise numbers; nil where the row is too small to publish.
type Stats struct {
	Answered int     `json:"answered"`
	Mean     float64 `json:"mean"`
	Median   float64 `json:"median,omitempty"`
	Q1       float64 `json:"q1,omitempty"`
	Q3       float64 `json:"q3,omitempty"`
}

// Table is one cut: a row per value of a dimension, a column per choice.
type Table struct {
	Dimension string   `json:"dimension"`
	Columns   []string `json:"columns"` // choice ids, "no_answer" last where people skipped
	Rows      []Row    `json:"rows"`
}

// Question is one question's results.
type Question struct {
	ID         string        `json:"id"`
	Type       string        `json:"type"`
	Multi      bool          `json:"multi"`  // percentages are of respondents, each may give several answers
	Tables     []Table       `json:"tables"` // all, group, gender, age_band, disability, group_gender
	Priorities []Priority    `json:"priorities,omitempty"`
	ByGroup    []PriorityRow `json:"priorities_by_group,omitempty"`
	First      *Table        `json:"first,omitempty"` // rank: who put each choice first, by group
	Tests      []Test        `json:"tests,omitempty"` // chi-square against group and against gender
	Texts      Cell          `json:"texts,omitempty"` // text questions: how many wrote something
}

// Priority is a rank question's score for one choice: n points for first place down to 1.
type Priority struct {
	Choice     string `json:"choice"`
	Points     int    `json:"points"`
	First      Cell   `json:"first"`                // share who put it first
	TopN       Cell   `json:"top_n"`                // share who put it in their top n
	Suppressed bool   `json:"suppressed,omitempty"` // points hidden because TopN is
}

// PriorityRow is the Borda scores of one group.
type PriorityRow struct {
	Value  string     `json:"value"`
	N      Cell       `json:"n"`
	Scores []Priority `json:"scores"`
}

// Test is a chi-square test of independence of a question's answers against one dimension.
type Test struct {
	Dimension string  `json:"dimension"`        // group or gender
	Choice    string  `json:"choice,omitempty"` // for select_multiple and rank: one test per choice
	Applies   bool    `json:"applies"`
	P         float64 `json:"p,omitempty"`      // rounded to 3 decimals
	Differ    bool    `json:"differ"`           // p below 0.05 (Bonferroni-corrected per choice)
	Reason    string  `json:"reason,omitempty"` // small_expected or suppressed, when it does not apply
}

// Gap is how far displaced and host residents are apart on one choice, in percentage points.
type Gap struct {
	Question  string  `json:"question"`
	Choice    string  `json:"choice"`
	Displaced float64 `json:"displaced"`
	Host      float64 `json:"host"`
	Gap       float64 `json:"gap"` // displaced minus host
}

// MarshalJSON writes a suppressed cell as {"suppressed": true} alone, so no client can take its
// zeros for a count.
func (c Cell) MarshalJSON() ([]byte, error) {
	if c.Suppressed {
		return []byte(`{"suppressed":true}`), nil
	}
	type plain Cell
	return json.Marshal(plain(c))
}
