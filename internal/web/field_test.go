package web_test

import (
	"testing"
)

// Item 2: every profile question can be answered with "prefer not to say", in every shipped survey.
func TestProfileQuestionsOfferPreferNot(t *testing.T) {
	a := newApp(t)
	for id, sv := range a.surveys {
		for _, q := range sv.Questions {
			if !q.Profile {
				continue
			}
			if q.Choice("prefer_not") == nil {
				t.Errorf("%s: profile question %s has no \"prefer not to say\"", id, q.ID)
			}
		}
	}
}
