package domain

import (
	"errors"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	for _, ok := range []interface{ Validate() error }{Draft, Open, Closed, Admin, Planner, Facilitator, Link, Kiosk, Paper} {
		if err := ok.Validate(); err != nil {
			t.Errorf("%v: %v", ok, err)
		}
	}
	for _, bad := range []interface{ Validate() error }{Status("archived"), Role("root"), Channel("sms"), Status("")} {
		if err := bad.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%v: got %v, want ErrInvalid", bad, err)
		}
	}
}

func TestAccountName(t *testing.T) {
	for name, want := range map[string]bool{
		"ana": true, "planner-2": true, strings.Repeat("a", 64): true,
		"ab": false, strings.Repeat("a", 65): false, "ana maria": false, "o'neil": false, `a"b"c`: false,
		"tab\there": false, "<script>": false,
	} {
		if got := ValidateAccountName(name) == nil; got != want {
			t.Errorf("%q: valid %v, want %v", name, got, want)
		}
	}
}

func TestProfileTable(t *testing.T) {
	g, ok := Dim(Group)
	if !ok || g.Stated()[len(g.Stated())-1] != PreferNot || g.Key("host") != "group.host" || g.Colour("host") == "" {
		t.Fatalf("group dimension: %+v", g)
	}
	a, _ := Dim(AgeBand)
	if got := strings.Join(a.For(Child), ","); got != "age_8_12,age_13_17" {
		t.Errorf("child age bands %s", got)
	}
	if got := strings.Join(a.For(Adult), ","); got != "age_18_29,age_30_59,age_60_plus" {
		t.Errorf("adult age bands %s", got)
	}
	if d, _ := Dim(Disability); d.Declinable {
		t.Error("disability is derived, nobody declines it")
	}
	if _, ok := Dim("group_gender"); ok {
		t.Error("a cross is not a profile dimension")
	}
}

// The domain is the bottom of the import graph: everything may import it, it imports nothing of the app.
func TestImportsNothingOfTheApp(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range parsed.Imports {
			if strings.HasPrefix(strings.Trim(imp.Path.Value, `"`), "consulta/") {
				t.Errorf("%s imports %s", f, imp.Path.Value)
			}
		}
	}
}

func TestAfterClosing(t *testing.T) {
	closed := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	grace := DefaultKioskGrace
	for _, c := range []struct {
		status    Status
		now       time.Time
		inSession bool
		ch        Channel
		want      Late
	}{
		{Draft, closed, true, Kiosk, LateRefused},
		{Closed, closed.Add(time.Hour), false, Link, LateRefused},
		{Closed, closed.Add(time.Hour), true, Kiosk, LateNeedsKioskKey},
		{Closed, closed.Add(time.Hour), true, Paper, LateAccepted},
		{Closed, closed.Add(grace), true, Kiosk, LateNeedsKioskKey},
		{Closed, closed.Add(grace + time.Second), true, Kiosk, LateGraceOver},
		{Closed, closed.Add(grace + time.Second), true, Paper, LateGraceOver},
	} {
		if got := AfterClosing(c.status, closed, c.now, grace, c.inSession, c.ch); got != c.want {
			t.Errorf("%+v: got %d", c, got)
		}
	}
	if GraceDays(grace) != 14 || GraceDays(36*time.Hour) != 2 {
		t.Error("grace days")
	}
}
