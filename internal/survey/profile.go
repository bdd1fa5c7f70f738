package survey

// Profile is who answered, as they said it: stored with the response, never looked up later.
// An empty field means the question was not asked or not answered.
type Profile struct {
	Group      string `json:"group,omitempty"`
	Gender     string `json:"gender,omitempty"`
	AgeBand    string `json:"age_band,omitempty"`
	Disability string `json:"disability,omitempty"`
}

// ProfileOf reads the profile from checked answers. Disability follows the Washington Group:
// with a disability when at least one domain is "a lot" or "cannot do at all"; without when
// every domain was answered otherwise; unknown when some were left out or declined.
func ProfileOf(a Answers) Profile {
	p := Profile{}
	p.Group, _ = a[Group].(string)
	p.Gender, _ = a[Gender].(string)
	p.AgeBand, _ = a[AgeBand].(string)
	answered := 0
	for _, id := range WashingtonGroup {
		switch a[id] {
		case "a_lot", "cannot_do":
			p.Disability = WithDis
			return p
		case "no_difficulty", "some_difficulty":
			answered++
		}
	}
	if answered == len(WashingtonGroup) {
		p.Disability = WithoutDis
	}
	return p
}
