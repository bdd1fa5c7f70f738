package locale

import "testing"

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"es", 1, One}, {"es", 0, Other}, {"es", 2, Other}, {"en", 1, One}, {"en", 0, Other},
		{"pt", 0, One}, {"pt", 1, One}, {"pt", 2, Other}, {"xx", 1, One},
	} {
		if got := For(c.lang).Plural(c.n); got != c.want {
			t.Errorf("%s %d: %s, want %s", c.lang, c.n, got, c.want)
		}
	}
}
