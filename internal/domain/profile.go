package domain

import "slices"

// Profile dimension ids: the standard profile question ids, the same in every survey.
const (
	Group      = "group"
	Gender     = "gender"
	AgeBand    = "age_band"
	Disability = "disability"
)

// PreferNot is the value of someone who declined to say; it follows a dimension's values.
const PreferNot = "prefer_not"

// Audiences a survey (and an age band) is for.
const (
	Adult = "adult"
	Child = "child"
)

// Value is one value of a profile dimension.
type Value struct {
	ID string
	// Colour keeps a group or gender the same in every chart; "" takes the palette's next one.
	Colour string
	// Audience limits an age band to the adult or the child survey; "" is for everyone.
	Audience string
}

// Dimension is one way results are cut: its values in display order and where their words live.
type Dimension struct {
	ID string
	// KeyPrefix + value id is the message key of a value's short name ("group.host").
	KeyPrefix string
	Values    []Value
	// Declinable dimensions offer PreferNot after their values.
	Declinable bool
}

// Profile is the one table of the profile dimensions. Survey loading, results rows, charts,
// staff pages and exports all read it when they run, so adding a value here (and its words in
// the survey's profile.yaml and the message catalogue) is all a new population group needs.
var Profile = []Dimension{
	{ID: Group, KeyPrefix: "group.", Declinable: true, Values: []Value{
		{ID: "host", Colour: "#0072B2"},
		{ID: "displaced", Colour: "#E69F00"},
		{ID: "refugee", Colour: "#009E73"},
		{ID: "returnee", Colour: "#CC79A7"},
		{ID: "migrant", Colour: "#56B4E9"},
	}},
	{ID: Gender, KeyPrefix: "gender.", Declinable: true, Values: []Value{
		{ID: "female", Colour: "#D55E00"},
		{ID: "male", Colour: "#0072B2"},
		{ID: "other", Colour: "#009E73"},
	}},
	{ID: AgeBand, KeyPrefix: "age.", Declinable: true, Values: []Value{
		{ID: "age_8_12", Audience: Child},
		{ID: "age_13_17", Audience: Child},
		{ID: "age_18_29", Audience: Adult},
		{ID: "age_30_59", Audience: Adult},
		{ID: "age_60_plus", Audience: Adult},
	}},
	// Derived from the Washington Group answers, never asked directly.
	{ID: Disability, KeyPrefix: "disability.", Values: []Value{
		{ID: "with_disability"},
		{ID: "without_disability"},
	}},
}

// Dim returns the dimension with that id; ok is false for anything else (a cross, "all").
func Dim(id string) (d Dimension, ok bool) {
	for _, d := range Profile {
		if d.ID == id {
			return d, true
		}
	}
	return Dimension{}, false
}

// Values returns the value ids of a dimension in display order, without PreferNot.
func Values(dim string) []string {
	d, _ := Dim(dim)
	return d.IDs()
}

// IDs returns the value ids in display order, without PreferNot.
func (d Dimension) IDs() []string {
	out := make([]string, 0, len(d.Values))
	for _, v := range d.Values {
		out = append(out, v.ID)
	}
	return out
}

// Stated returns every value a person may give: the ids, then PreferNot where one may decline.
func (d Dimension) Stated() []string {
	out := d.IDs()
	if d.Declinable {
		out = append(out, PreferNot)
	}
	return out
}

// For returns the value ids offered to an audience, in display order, without PreferNot.
func (d Dimension) For(audience string) []string {
	var out []string
	for _, v := range d.Values {
		if v.Audience == "" || v.Audience == audience {
			out = append(out, v.ID)
		}
	}
	return out
}

// Colour returns a value's fixed colour, or "" when it takes the palette's.
func (d Dimension) Colour(value string) string {
	if i := slices.IndexFunc(d.Values, func(v Value) bool { return v.ID == value }); i >= 0 {
		return d.Values[i].Colour
	}
	return ""
}

// Key returns the message key of a value's short name.
func (d Dimension) Key(value string) string { return d.KeyPrefix + value }
