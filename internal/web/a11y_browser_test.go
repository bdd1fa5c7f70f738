package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"consulta/internal/auth"
	"consulta/internal/browser"
	"consulta/internal/store"
)

// axePath is where `make test` (through `make deps`) installs axe-core from npm; the app never serves it.
var axePath = filepath.Join("testdata", "axe", "node_modules", "axe-core", "axe.min.js")

var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(axePath)
	return string(b), err
})

// axeViolation is one rule axe-core found broken, with the elements that break it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	URL    string `json:"helpUrl"`
	Nodes  []struct {
		Target []string `json:"target"`
	} `json:"nodes"`
}

// axeViolations runs axe-core on the page as it is now and returns what it found.
func (p *tab) axeViolations() []axeViolation {
	p.t.Helper()
	src, err := axeSource()
	if errors.Is(err, fs.ErrNotExist) {
		p.t.Fatalf("axe-core is not installed at internal/web/%s: `make test` installs it "+
			"(npm ci --prefix internal/web/testdata/axe)", axePath)
	}
	if err != nil {
		p.t.Fatal(err)
	}
	if !eval[bool](p, `typeof window.axe === "object"`) {
		// Runtime.evaluate, not a <script>: the page's CSP rightly allows no foreign script.
		eval[chromedp.Void](p, src+"\n;void 0")
	}
	p.axeRuns++
	return eval[[]axeViolation](p, `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map(n => ({target: n.target.map(String)}))})))`, chromedp.EvalAwaitPromise)
}

// axe fails the test on any serious or critical violation on the page as it is now.
func (p *tab) axe(where string) {
	p.t.Helper()
	for _, v := range p.axeViolations() {
		if v.Impact != "serious" && v.Impact != "critical" {
			p.t.Logf("%s: %s violation %s: %s (%d elements)", where, v.Impact, v.ID, v.Help, len(v.Nodes))
			continue
		}
		var targets []string
		for i, n := range v.Nodes {
			if i == 3 {
				targets = append(targets, fmt.Sprintf("… %d more", len(v.Nodes)-3))
				break
			}
			targets = append(targets, strings.Join(n.Target, " "))
		}
		p.t.Errorf("%s: %s violation %s: %s (%s)\n\tat %s", where, v.Impact, v.ID, v.Help, v.URL, strings.Join(targets, "\n\tat "))
	}
}

// answerAndNext answers the question on screen, with the first choice unless pick names one, and
// presses Next; it returns the id of the question on screen then, or "" on the last screen.
const answerAndNext = `((pick) => {
	const el = document.querySelector("fieldset.q.current");
	const id = el.dataset.q, want = pick[id];
	const choose = type => {
		const inputs = [...el.querySelectorAll("input[type=" + type + "]")].filter(i => i.value !== "prefer_not");
		const input = want ? inputs.find(i => i.value === want) : inputs[0];
		if (!input.checked) input.closest("label").click();
	};
	const type = (field, value) => {
		field.value = value;
		field.dispatchEvent(new Event("input", {bubbles: true}));
		field.dispatchEvent(new Event("change", {bubbles: true}));
	};
	switch (el.dataset.type) {
	case "select_one": case "scale": case "yes_no": choose("radio"); break;
	case "select_multiple": choose("checkbox"); break;
	case "rank":
		const pictures = [...el.querySelectorAll(".rank-order button")];
		if (!pictures.some(b => b.getAttribute("aria-pressed") === "true")) pictures.slice(0, 3).forEach(b => b.click());
		break;
	case "integer": type(el.querySelector("input[type=number]"), want || "3"); break;
	case "text": type(el.querySelector("textarea"), want || "Más luz en las calles."); break;
	}
	const next = document.querySelector(".js-next");
	if (next.hidden) return "";
	next.click();
	return document.querySelector("fieldset.q.current").dataset.q;
})`

// walk goes through a survey screen by screen with Next, answering as it goes, and calls each on
// every screen before answering it. It returns the questions it saw, and stops on the last screen.
func (p *tab) walk(pick map[string]string, each func(question string)) []string {
	p.t.Helper()
	picks, err := json.Marshal(pick)
	if err != nil {
		p.t.Fatal(err)
	}
	var seen []string
	q := p.current()
	for range 100 {
		if q == "" {
			p.t.Fatal("no question on screen")
		}
		seen = append(seen, q)
		each(q)
		next := eval[string](p, answerAndNext+"("+string(picks)+")")
		if next == "" {
			return seen
		}
		if next == q {
			p.t.Fatalf("Next does not leave %s: %s", q, eval[string](p, `document.querySelector("fieldset.q.current").innerText`))
		}
		q = next
	}
	p.t.Fatal("the survey never ends")
	return nil
}

// communityPick answers so that every question of the community survey applies on one walk.
var communityPick = map[string]string{"group": "displaced", "used_services": "yes", "children_at_home": "yes", "safety_day": "1"}

const plannerName, plannerPassword = "planner-a11y", "a long planner password"

// plannerHash is computed once: hashing is slow on purpose, and slower under the race detector.
var plannerHash = sync.OnceValues(func() (string, error) { return auth.HashPassword(plannerPassword) })

// signIn creates a planner of the fixture municipality and signs in with the sign-in form.
func (p *tab) signIn() {
	p.t.Helper()
	ctx := context.Background()
	mid, err := p.a.st.EnsureMunicipality(ctx, "Los Chiles", "Costa Rica")
	if err != nil {
		p.t.Fatal(err)
	}
	hash, err := plannerHash()
	if err != nil {
		p.t.Fatal(err)
	}
	if err := p.a.st.CreateUser(ctx, &store.User{Name: plannerName, PasswordHash: hash, Role: store.RolePlanner,
		Municipalities: []int64{mid}}); err != nil && !errors.Is(err, store.ErrConflict) {
		p.t.Fatal(err)
	}
	p.open("/signin?lang=es")
	p.do("fill in the sign-in form",
		chromedp.SendKeys(chromedp.CSS(`input[name="name"]`), plannerName),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), plannerPassword))
	p.tapAndLoad(`form[action="/signin"] button[type="submit"]`)
	if path := p.path(); strings.HasPrefix(path, "/signin") {
		p.t.Fatalf("sign-in did not go through: still on %s", path)
	}
}

func TestAccessibility(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	postCommunityResponses(t, a, 30)
	postChildResponses(t, a, 30)
	p := openTab(t, a, 600, 960)

	// First make sure axe runs and reports: a picture without a text alternative is a critical violation.
	p.open("/signin?lang=es")
	eval[chromedp.Void](p, `document.querySelector("main").append(Object.assign(document.createElement("img"), {src: "data:,"}))`)
	if vs := p.axeViolations(); !slices.ContainsFunc(vs, func(v axeViolation) bool { return v.ID == "image-alt" && v.Impact == "critical" }) {
		t.Fatalf("axe does not report a picture without alt text: %+v", vs)
	}

	// The community survey, every screen, then its thank-you page.
	p.open("/c/" + communityID + "?lang=es")
	seen := p.walk(communityPick, func(q string) { p.axe("community survey, " + q) })
	checkWalked(t, a, "community-consultation", seen)
	p.tapAndLoad(".js-send")
	p.waitFor("the thank-you page", `location.pathname === "/c/`+communityID+`/thanks"`)
	p.axe("thank-you page")

	// The child survey: the assent, then every screen, once for each age band.
	var childSeen []string
	for _, band := range []string{"age_8_12", "age_13_17"} {
		p.open("/c/" + childID + "?lang=es")
		if band == "age_8_12" {
			p.axe("assent")
		}
		p.tap(".js-assent")
		childSeen = append(childSeen, p.walk(map[string]string{"age_band": band, "goes_to_school": "yes"}, func(q string) {
			if !slices.Contains(childSeen, q) { // the second walk checks only the screens the first did not show
				p.axe("child survey (" + band + "), " + q)
			}
		})...)
	}
	checkWalked(t, a, "child-listening", childSeen)
	p.tapAndLoad(".js-send")
	p.waitFor("the thank-you page", `location.pathname === "/c/`+childID+`/thanks"`)
	p.axe("child thank-you page")
	p.open("/c/" + childID + "/stopped?lang=es")
	p.axe("stopped page")

	// What we heard, with numbers to show.
	for _, id := range []string{childID, communityID} {
		p.open("/c/" + id + "/heard?lang=es")
		if n := eval[int](p, `document.querySelectorAll(".heard-item").length`); n == 0 {
			t.Errorf("%s: the \"what we heard\" page shows no results", id)
		}
		p.axe("what we heard, " + id)
	}

	t.Run("keyboard", func(t *testing.T) {
		parent := p.t
		p.t = t
		defer func() { p.t = parent }()
		p.open("/c/" + communityID + "?lang=es")
		press := func(key string) {
			t.Helper()
			p.do("press "+key, chromedp.KeyEvent(key))
		}
		focused := func() string {
			return eval[string](p, `(() => { const e = document.activeElement; if (!e) return "";
				const q = e.closest("fieldset.q");
				return e.tagName.toLowerCase() + (e.name ? "[" + e.name + "=" + e.value + "]" : "") +
					(e.classList.contains("js-next") ? ".js-next" : "") + (q ? " in " + q.dataset.q : ""); })()`)
		}
		tabTo := func(want string) {
			t.Helper()
			for range 20 {
				if focused() == want {
					return
				}
				press(kb.Tab)
			}
			t.Fatalf("Tab never reaches %s (focus is on %s)", want, focused())
		}
		// The opening note: Tab to Next, Enter.
		tabTo("button.js-next")
		press(kb.Enter)
		p.waitQuestion("group")
		if got := focused(); got != "legend in group" {
			t.Fatalf("after Next, focus is on %q, want the legend of the next question", got)
		}
		// A question: Tab to its first choice, Space, Tab to Next, Enter.
		press(kb.Tab)
		if got := focused(); got != "input[group=host] in group" {
			t.Fatalf("Tab from the question goes to %q, want its first choice", got)
		}
		press(" ")
		tabTo("button.js-next")
		press(kb.Enter)
		p.waitQuestion("gender")
		if got := focused(); got != "legend in gender" {
			t.Errorf("after Next, focus is on %q, want the legend of the next question", got)
		}
		if !eval[bool](p, `document.querySelector('#q-group input[value="host"]').checked`) {
			t.Error("Space did not choose the focused answer")
		}
	})

	p.open("/signin?lang=es")
	p.axe("sign-in page")
	p.signIn()
	p.axe("consultations page")
	for _, page := range []string{"/surveys", "/surveys/import", "/surveys/community-consultation"} {
		p.open(page + "?lang=es")
		p.axe("survey page " + page)
	}
	p.open("/consultations/" + communityID + "/results?lang=es")
	p.waitFor("the charts", `document.querySelectorAll("[data-chart] canvas, [data-chart] svg").length > 0`)
	p.axe("results page")
	// Every section and question opened, as a planner reading through would.
	eval[bool](p, `(function () { document.querySelectorAll("details").forEach(function (d) { d.open = true; }); return true; })()`)
	p.axe("results page, every section open")
	p.open("/consultations/" + communityID + "/results?lang=es&only=group%3Arefugee")
	p.axe("results page, filtered")
	p.open("/consultations/" + communityID + "/report?lang=es")
	p.waitFor("the charts", `document.querySelectorAll("[data-chart] canvas, [data-chart] svg").length > 0`)
	p.axe("printed report")
	// On a phone the results tables scroll sideways in their own box, which the keyboard must reach.
	p.resize(360, 640)
	p.open("/consultations/" + communityID + "/results?lang=es")
	p.axe("results page at 360×640")
	t.Logf("axe checked %d pages and screens", p.axeRuns)
}

// checkWalked fails when a walk missed a question of the survey.
func checkWalked(t *testing.T, a *app, surveyID string, seen []string) {
	t.Helper()
	for _, q := range a.surveys[surveyID].Questions {
		if !slices.Contains(seen, q.ID) {
			t.Errorf("%s: the walk never showed %s, so nothing checked it", surveyID, q.ID)
		}
	}
}

func TestSizes(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	postCommunityResponses(t, a, 30)
	postChildResponses(t, a, 30)
	p := openTab(t, a, 600, 960)
	p.signIn()
	fits := func(where string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
		defer cancel()
		ok, err := browser.NoHorizontalScroll(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			wide := eval[[]string](p, `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
				.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().replace(/\s+/g, ".") : "") +
				" right=" + Math.round(e.getBoundingClientRect().right))`)
			t.Errorf("%s scrolls sideways; too wide: %v", where, wide)
		}
	}
	for _, size := range [][2]int{{360, 640}, {600, 960}, {1280, 800}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			parent := p.t
			p.t = t
			defer func() { p.t = parent }()
			p.resize(size[0], size[1])
			p.open("/c/" + communityID + "?lang=es")
			p.walk(communityPick, func(q string) { fits("community survey, " + q) })
			p.open("/c/" + childID + "?lang=es")
			fits("assent")
			p.tap(".js-assent")
			p.walk(map[string]string{"age_band": "age_13_17", "goes_to_school": "yes"}, func(q string) { fits("child survey, " + q) })
			for _, path := range []string{"/c/" + childID + "/heard", "/c/" + communityID + "/heard",
				"/consultations/" + communityID + "/results", "/consultations/" + childID + "/results",
				"/consultations/" + communityID + "/report"} {
				p.open(path + "?lang=es")
				fits(path)
			}
		})
	}
}
