package web_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"consulta/internal/browser"
	"consulta/internal/store"
	"consulta/internal/survey"
)

// tab is one Chromium tab on a running Consulta, with the steps the browser tests share.
type tab struct {
	t       *testing.T
	a       *app
	ctx     context.Context
	axeRuns int      // pages and screens axe looked at
	allow   []string // console messages a test expects, such as a form page answered with 422
}

// openTab starts Chromium at width×height. When the test ends it checks that the page logged no
// error and asked nothing of another machine.
func openTab(t *testing.T, a *app, width, height int) *tab {
	t.Helper()
	ctx := browser.New(t, browser.WindowSize(width, height))
	p := &tab{t: t, a: a, ctx: ctx}
	p.resize(width, height)
	t.Cleanup(func() {
	errors:
		for _, e := range browser.ConsoleErrors(ctx) {
			for _, a := range p.allow {
				if strings.Contains(e, a) {
					continue errors
				}
			}
			t.Errorf("browser console: %s", e)
		}
		browser.AssertLocalOnly(t, ctx)
	})
	return p
}

// stepTimeout bounds one browser step: a missing element fails the test instead of hanging it.
const stepTimeout = 30 * time.Second

func (p *tab) resize(width, height int) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if err := browser.Viewport(ctx, width, height); err != nil {
		p.t.Fatalf("viewport %d×%d: %v", width, height, err)
	}
}

func (p *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

// eval runs a script in the page and decodes its result.
func eval[T any](p *tab, script string, opts ...chromedp.EvaluateOption) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script, opts...))
	if err != nil {
		p.t.Fatalf("evaluate %s: %v", clipScript(script), err)
	}
	return v
}

func clipScript(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

// waitFor polls a script until it is true; errors while a new page loads count as false.
func (p *tab) waitFor(what, script string) {
	p.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for {
		ctx, cancel := context.WithTimeout(p.ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](script))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("waiting for %s: still not so after %s (last error: %v)", what, stepTimeout, err)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// open loads a page of the app and waits until it has loaded.
func (p *tab) open(path string) {
	p.t.Helper()
	p.do("open "+path, chromedp.Navigate(p.a.srv.URL+path))
}

// tap presses an element as a finger would: at its centre, once it is visible.
func (p *tab) tap(sel string) {
	p.t.Helper()
	p.do("tap "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// tapAndLoad taps an element that takes the tab to another page, and waits for that page.
func (p *tab) tapAndLoad(sel string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel)))); err != nil {
		p.t.Fatalf("tap %s and wait for the next page: %v", sel, err)
	}
}

func (p *tab) path() string {
	p.t.Helper()
	return eval[string](p, `location.pathname + location.search`)
}

// current is the id of the question on screen, or "" when no question is.
func (p *tab) current() string {
	p.t.Helper()
	return eval[string](p, `(() => { const q = document.querySelector("fieldset.q.current");
		return q && q.offsetParent !== null ? q.dataset.q : ""; })()`)
}

func (p *tab) waitQuestion(id string) {
	p.t.Helper()
	p.waitFor("question "+id+" on screen", fmt.Sprintf(`(() => { const q = document.querySelector("fieldset.q.current");
		return !!q && q.dataset.q === %q && q.offsetParent !== null; })()`, id))
}

func (p *tab) visible(sel string) bool {
	p.t.Helper()
	return eval[bool](p, fmt.Sprintf(`(() => { const e = document.querySelector(%q);
		return !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden"; })()`, sel))
}

// shots saves screenshots for review when SCREENSHOTS_DIR is set (`make screenshots`).
type shots struct {
	dir string
	n   int
}

func newShots(t *testing.T) *shots {
	t.Helper()
	dir := os.Getenv("SCREENSHOTS_DIR")
	if dir == "" {
		return &shots{}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("screenshots: %v", err)
	}
	return &shots{dir: dir}
}

// take saves what the screen shows now as NN-name.png, NN counting from 01.
func (s *shots) take(p *tab, name string) {
	p.t.Helper()
	if s.dir == "" {
		return
	}
	s.n++
	// Let the page paint after the last tap.
	eval[bool](p, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, chromedp.EvalAwaitPromise)
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatalf("screenshot %s: %v", name, err)
	}
	file := filepath.Join(s.dir, fmt.Sprintf("%02d-%s.png", s.n, name))
	if err := os.WriteFile(file, png, 0o644); err != nil {
		p.t.Fatalf("screenshot: %v", err)
	}
}

// childScreen is what a child's screen offers, measured in the page.
type childScreen struct {
	Question  string   `json:"question"`
	Type      string   `json:"type"`
	LabelPx   float64  `json:"labelPx"`
	Small     []string `json:"small"` // tap targets under 48×48 px
	Progress  string   `json:"progress"`
	Bar       bool     `json:"bar"`
	Skip      bool     `json:"skip"`
	Stop      bool     `json:"stop"`
	ReadAloud bool     `json:"readAloud"`
}

// measureScreen looks at the screen as a child sees it: the question, and everything there is to tap.
const measureScreen = `(() => {
	const shown = e => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
	const width = document.documentElement.clientWidth;
	const out = {question: "", type: "", labelPx: 0, small: [], progress: "", bar: false, skip: false, stop: false, readAloud: false};
	const q = document.querySelector("fieldset.q.current");
	if (shown(q)) {
		out.question = q.dataset.q;
		out.type = q.dataset.type;
		out.labelPx = parseFloat(getComputedStyle(q.querySelector(".qlabel")).fontSize);
	}
	for (const e of document.querySelectorAll("label, button, a[href], select, textarea, input:not([type=hidden]):not([type=radio]):not([type=checkbox])")) {
		if (!shown(e)) continue;
		const r = e.getBoundingClientRect();
		if (r.right <= 0 || r.left >= width) continue; // a skip link parked off screen until focused
		if (r.width < 48 || r.height < 48) {
			out.small.push(e.tagName.toLowerCase() + (e.className ? "." + String(e.className).trim().replace(/\s+/g, ".") : "") +
				" «" + e.textContent.trim().replace(/\s+/g, " ").slice(0, 40) + "» " + Math.round(r.width) + "×" + Math.round(r.height));
		}
	}
	const progress = document.querySelector(".toolbar .progress");
	out.progress = shown(progress) ? progress.textContent.trim() : "";
	out.bar = shown(document.querySelector(".toolbar progress"));
	out.skip = shown(document.querySelector(".js-skip"));
	out.stop = shown(document.querySelector(".stop-row .js-stop"));
	out.readAloud = shown(document.querySelector(".js-read"));
	return out;
})()`

// checkChildScreen checks what every screen of the child survey must offer.
func (p *tab) checkChildScreen(question string) childScreen {
	p.t.Helper()
	s := eval[childScreen](p, measureScreen)
	if s.Question != question {
		p.t.Fatalf("screen shows question %q, want %q", s.Question, question)
	}
	if s.LabelPx < 20 {
		p.t.Errorf("%s: question text is %.1f px, want at least 20", question, s.LabelPx)
	}
	for _, small := range s.Small {
		p.t.Errorf("%s: tap target smaller than 48×48 px: %s", question, small)
	}
	if (s.Type != "note" && !strings.HasPrefix(s.Progress, "Pregunta ")) || !s.Bar {
		p.t.Errorf("%s: no progress shown (text %q, bar %v)", question, s.Progress, s.Bar)
	}
	if s.Type == "note" && strings.HasPrefix(s.Progress, "Pregunta ") {
		p.t.Errorf("%s: a note counts as a question: %q", question, s.Progress)
	}
	if s.Type != "note" && !s.Skip {
		p.t.Errorf("%s: no \"No quiero responder\" button", question)
	}
	if !s.Stop {
		p.t.Errorf("%s: no \"Terminar aquí\" button", question)
	}
	return s
}

// choiceTarget selects the tappable label of one choice of a question.
func choiceTarget(question, value string) string {
	return fmt.Sprintf(`#q-%s label:has(> input[value=%q])`, question, value)
}

func rankPicture(question, choice string) string {
	return fmt.Sprintf(`#q-%s .rank-order button[data-id=%q]`, question, choice)
}

// childStep is one screen of the child survey and what the child taps on it.
type childStep struct {
	question string
	taps     []string
	skip     bool // tap "No quiero responder" instead of Next
}

func TestChildSurveyTapping(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	p := openTab(t, a, 600, 960)
	shot := newShots(t)

	p.open("/c/" + childID + "?lang=es")
	// The assent comes first, in a child's words, and nothing of the survey shows until "yes".
	if !p.visible("#assent") || p.visible("#survey-form") {
		t.Fatal("the child survey does not open on the assent screen")
	}
	assent := eval[string](p, `document.getElementById("assent").innerText`)
	for _, want := range []string{"¡Hola! ¿Nos ayudas?", "No te preguntamos tu nombre", "Puedes saltar cualquier pregunta o parar",
		"ve cuántos niños y niñas"} {
		if !strings.Contains(assent, want) {
			t.Errorf("assent screen does not say %q:\n%s", want, assent)
		}
	}
	if s := eval[childScreen](p, measureScreen); len(s.Small) > 0 {
		t.Errorf("assent: tap targets smaller than 48×48 px: %v", s.Small)
	}
	shot.take(p, "assent")
	p.tap(`.js-assent`)

	steps := []childStep{
		{question: "intro"},
		{question: "age_band", taps: []string{choiceTarget("age_band", "age_8_12")}},
		{question: "gender", taps: []string{choiceTarget("gender", "female")}},
		{question: "group", taps: []string{choiceTarget("group", "displaced")}},
		{question: "goes_to_school", taps: []string{choiceTarget("goes_to_school", "yes")}},
		{question: "safe_school", taps: []string{choiceTarget("safe_school", "3")}},
		{question: "safe_home", taps: []string{choiceTarget("safe_home", "2")}},
		{question: "safe_neighbourhood", taps: []string{choiceTarget("safe_neighbourhood", "1")}},
		{question: "better_neighbourhood", taps: []string{choiceTarget("better_neighbourhood", "water"),
			choiceTarget("better_neighbourhood", "playground"), choiceTarget("better_neighbourhood", "street_lights")}},
		{question: "top_fix", taps: []string{rankPicture("top_fix", "water"), rankPicture("top_fix", "school"),
			rankPicture("top_fix", "street_lights")}},
		{question: "talk_to", taps: []string{choiceTarget("talk_to", "teacher"), choiceTarget("talk_to", "family")}},
		{question: "adults_listen", taps: []string{choiceTarget("adults_listen", "no")}},
		{question: "play_place", taps: []string{choiceTarget("play_place", "yes")}},
		{question: "message", skip: true},
	}
	id := eval[string](p, `document.querySelector('input[name="_id"]').value`)
	for i, st := range steps {
		p.waitQuestion(st.question)
		p.checkChildScreen(st.question)
		for _, sel := range st.taps {
			p.tap(sel)
		}
		shot.take(p, st.question)
		if st.skip {
			p.tap(".js-skip")
		}
		switch {
		case st.skip && i < len(steps)-1:
		case i == len(steps)-1:
			if p.visible(".js-next") || !p.visible(".js-send") {
				t.Fatal("the last screen does not offer to send")
			}
			p.tapAndLoad(".js-send")
		default:
			p.tap(".js-next")
		}
	}
	p.waitFor("the thank-you page", `location.pathname === "/c/`+childID+`/thanks"`)
	shot.take(p, "thank-you")

	// What is stored is exactly what was tapped.
	var r *store.Response
	var rows map[string][]store.AnswerRow
	deadline := time.Now().Add(stepTimeout)
	for {
		var err error
		r, rows, err = a.st.StoredResponse(context.Background(), id)
		if err == nil {
			break
		}
		if !errors.Is(err, store.ErrNotFound) || time.Now().After(deadline) {
			t.Fatalf("stored response %s: %v", id, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if r.ConsultationID != childID || r.Channel != store.Link || r.Language != "es" || r.SessionID != "" {
		t.Errorf("stored consultation %q channel %q language %q session %q, want %s link es and no session",
			r.ConsultationID, r.Channel, r.Language, r.SessionID, childID)
	}
	if want := (survey.Profile{Group: "displaced", Gender: "female", AgeBand: "age_8_12"}); r.Profile != want {
		t.Errorf("stored profile %+v, want %+v", r.Profile, want)
	}
	want := map[string][]string{
		"age_band": {"age_8_12"}, "gender": {"female"}, "group": {"displaced"},
		"goes_to_school": {"yes"}, "safe_school": {"3"}, "safe_home": {"2"}, "safe_neighbourhood": {"1"},
		"better_neighbourhood": {"playground", "water", "street_lights"},
		"top_fix":              {"1:water", "2:school", "3:street_lights"},
		"talk_to":              {"family", "teacher"},
		"adults_listen":        {"no"}, "play_place": {"yes"},
		"message": {""}, // asked and skipped: an empty row, no text
	}
	got := storedRows(rows)
	for _, multi := range []string{"better_neighbourhood", "talk_to"} {
		slices.Sort(got[multi])
		slices.Sort(want[multi])
	}
	for q, w := range want {
		if !slices.Equal(got[q], w) {
			t.Errorf("stored %s = %q, tapped %q", q, got[q], w)
		}
	}
	for q, g := range got {
		if _, ok := want[q]; !ok {
			t.Errorf("stored %s = %q, which was never on screen", q, g)
		}
	}
	for _, row := range rows["message"] {
		if row.Text != "" || row.Choice != "" {
			t.Errorf("the skipped message was stored as %+v", row)
		}
	}

	// The other child screens, for review: stopped, and what the municipality heard.
	p.open("/c/" + childID + "/stopped?lang=es")
	shot.take(p, "stopped")
	postChildResponses(t, a, 30)
	p.open("/c/" + childID + "/heard?lang=es")
	heard := eval[string](p, `document.querySelector("main").innerText`)
	// 31 answered: the page counts the 30 of six whole blocks of 5, published within 2.
	if m := regexp.MustCompile(`(\d+) niños, niñas y adolescentes nos dijeron lo que piensan`).FindStringSubmatch(heard); m == nil || m[1] < "28" || m[1] > "32" {
		t.Errorf("the children's \"what we heard\" page does not give the number who answered:\n%s", heard)
	}
	if n := eval[int](p, `document.querySelectorAll(".heard-item img.icon").length`); n == 0 {
		t.Errorf("the children's \"what we heard\" page has no pictures:\n%s", heard)
	}
	shot.take(p, "heard")
}

func TestChildSurveyStop(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	p := openTab(t, a, 600, 960)
	p.open("/?lang=es")
	p.open("/c/" + childID + "?lang=es")
	p.tap(".js-assent")
	p.waitQuestion("intro")
	p.tap(".js-next")
	p.waitQuestion("age_band")
	p.tap(choiceTarget("age_band", "age_13_17"))
	p.tap(".js-next")
	p.waitQuestion("gender")
	p.tap(choiceTarget("gender", "male"))
	p.tap(".js-next")
	p.waitQuestion("group")
	if !p.visible(".stop-row .js-stop") {
		t.Fatal("no stop button on the question screen")
	}
	p.tapAndLoad(".stop-row .js-stop")
	p.waitFor("the stopped page", `location.pathname === "/c/`+childID+`/stopped"`)
	text := eval[string](p, `document.querySelector("main").innerText`)
	if !strings.Contains(text, "No guardamos ninguna de tus respuestas") {
		t.Errorf("the stopped page does not say that nothing was kept:\n%s", text)
	}
	if n, err := a.st.CountResponses(context.Background(), childID); err != nil || n != 0 {
		t.Errorf("after stopping, the database holds %d responses (%v), want 0", n, err)
	}
	for _, u := range browser.Requests(p.ctx) {
		if strings.Contains(u, "/responses") {
			t.Errorf("stopping sent the answers: %s", u)
		}
	}

	// The back button does not bring the answers back.
	before := p.path()
	// Sent after the evaluation has returned: a page that navigates away while it runs fails the call.
	eval[bool](p, `setTimeout(() => history.back(), 0), true`)
	p.waitFor("the previous page", fmt.Sprintf(`location.pathname + location.search !== %q && document.readyState === "complete"`, before))
	if n := eval[int](p, `document.querySelectorAll("input:checked").length`); n != 0 {
		t.Errorf("after stopping, the back button shows %d answers (%s)", n, p.path())
	}
	if p.visible("fieldset.q.current") {
		t.Errorf("after stopping, the back button shows a question (%s)", p.path())
	}
}

// fakeSpeech replaces the device's speech with one Spanish voice that records what it is asked to say.
const fakeSpeech = `(() => {
	const spoken = [];
	const voices = [{name: "Voz de prueba", lang: "es-ES", voiceURI: "test-es", localService: true, default: true}];
	const synth = {
		speaking: false, pending: false, paused: false, onvoiceschanged: null,
		getVoices: () => voices.slice(),
		speak: u => { spoken.push({text: String(u.text), lang: String(u.lang)}); },
		cancel: () => {}, pause: () => {}, resume: () => {},
		addEventListener: () => {}, removeEventListener: () => {}, dispatchEvent: () => true,
	};
	Object.defineProperty(window, "speechSynthesis", {configurable: true, get: () => synth});
	// A real utterance refuses a voice that is not the device's own, so the utterance is faked too.
	window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ""; this.voice = null; };
	window.__spoken = spoken;
})();`

// utterance is what the fake voice was asked to say, and in which language.
type utterance struct {
	Text string `json:"text"`
	Lang string `json:"lang"`
}

func TestReadAloud(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	p := openTab(t, a, 600, 960)
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: fakeSpeech}); err != nil {
		t.Fatalf("installing the fake voices: %v", err)
	}
	sv := a.surveys["child-listening"]
	p.open("/c/" + childID + "?lang=es")
	p.tap(".js-assent")

	listen := func(question string, want []string) {
		t.Helper()
		p.waitQuestion(question)
		if !p.visible(".js-read") {
			t.Fatalf("%s: no \"Escuchar\" button although the device has a Spanish voice", question)
		}
		eval[bool](p, `(window.__spoken.length = 0, true)`)
		p.tap(".js-read")
		got := eval[[]utterance](p, `window.__spoken`)
		var texts []string
		for _, s := range got {
			texts = append(texts, s.Text)
			if !strings.HasPrefix(s.Lang, "es") {
				t.Errorf("%s: %q was read in %q, want Spanish", question, s.Text, s.Lang)
			}
		}
		if !slices.Equal(texts, want) {
			t.Errorf("%s: read aloud\n%q\nwant\n%q", question, texts, want)
		}
	}
	// The first screen is a note: its text alone.
	listen("intro", []string{questionLabel(t, sv, "intro", "es")})
	p.tap(".js-next")
	// Then a question: its text, then each choice.
	listen("age_band", []string{questionLabel(t, sv, "age_band", "es"),
		choiceLabel(t, sv, "age_band", "age_8_12", "es"), choiceLabel(t, sv, "age_band", "age_13_17", "es"),
		choiceLabel(t, sv, "age_band", "prefer_not", "es")})
	p.tap(choiceTarget("age_band", "age_8_12"))
	p.tap(".js-next")
	g := []string{questionLabel(t, sv, "gender", "es")}
	for _, c := range sv.Question("gender").Choices {
		g = append(g, c.Label.In("es"))
	}
	listen("gender", g)

	// The fake device has no English voice: in English the button goes away.
	p.tap(`.langs button[value="en"]`)
	p.waitFor("the page in English", `document.documentElement.lang === "en"`)
	if p.visible(".js-read") {
		t.Error("the read-aloud button shows in English, for which the device has no voice")
	}
	p.tap(`.langs button[value="es"]`)
	p.waitFor("the page in Spanish", `document.documentElement.lang === "es"`)
	if !p.visible(".js-read") {
		t.Error("the read-aloud button does not come back in Spanish")
	}
}

// faceOnScreen is one face of a scale as shown: the word under it, and what the picture says.
type faceOnScreen struct {
	Word  string `json:"word"`
	Under bool   `json:"under"` // the word sits below the picture
	Alt   string `json:"alt"`
}

const measureFaces = `[...document.querySelectorAll("fieldset.q.current label.face")].filter(l => l.getClientRects().length > 0).map(l => {
	const img = l.querySelector("img"), word = l.querySelector("span[data-scale]");
	const shown = word && word.getClientRects().length > 0 && getComputedStyle(word).visibility !== "hidden";
	return {word: shown ? word.textContent.trim() : "", alt: img ? img.getAttribute("alt") : "(none)",
		under: !!img && shown && word.getBoundingClientRect().top >= img.getBoundingClientRect().bottom - 1};
})`

func TestChildAgeWording(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	p := openTab(t, a, 600, 960)
	sv := a.surveys["child-listening"]
	variant := func(question string) string {
		t.Helper()
		return sv.Question(question).LabelFor("age_13_17").In("es")
	}
	if variant("goes_to_school") == questionLabel(t, sv, "goes_to_school", "es") {
		t.Fatal("the child survey has no teen wording for goes_to_school")
	}
	for _, tc := range []struct {
		band, label, scale string
		faces              int
	}{
		{"age_8_12", questionLabel(t, sv, "goes_to_school", "es"), "safe_school", 3},
		{"age_13_17", variant("goes_to_school"), "safe_school_teen", 5},
	} {
		t.Run(tc.band, func(t *testing.T) {
			p.t = t
			p.open("/c/" + childID + "?lang=es")
			p.tap(".js-assent")
			p.waitQuestion("intro")
			p.tap(".js-next")
			p.waitQuestion("age_band")
			p.tap(choiceTarget("age_band", tc.band))
			for _, q := range []string{"gender", "group"} {
				p.tap(".js-next")
				p.waitQuestion(q)
			}
			p.tap(".js-next")
			p.waitQuestion("goes_to_school")
			if got := eval[string](p, `document.querySelector("#q-goes_to_school .qlabel").textContent`); got != tc.label {
				t.Errorf("goes_to_school reads %q, want %q", got, tc.label)
			}
			p.tap(choiceTarget("goes_to_school", "yes"))
			p.tap(".js-next")
			p.waitQuestion(tc.scale)
			faces := eval[[]faceOnScreen](p, measureFaces)
			if len(faces) != tc.faces {
				t.Fatalf("%s shows %d faces, want %d", tc.scale, len(faces), tc.faces)
			}
			for i, f := range faces {
				if f.Word == "" || !f.Under {
					t.Errorf("face %d of %s: word %q, under the face: %v", i+1, tc.scale, f.Word, f.Under)
				}
				if f.Alt != "" {
					t.Errorf("face %d of %s: the picture says %q to a screen reader, on top of the word", i+1, tc.scale, f.Alt)
				}
			}
			// The wording of the later questions follows the age band too.
			for _, q := range []string{"better_neighbourhood", "top_fix", "adults_listen", "message"} {
				got := eval[string](p, fmt.Sprintf(`document.querySelector("#q-%s .qlabel").textContent`, q))
				want := questionLabel(t, sv, q, "es")
				if tc.band == "age_13_17" {
					want = variant(q)
				}
				if got != want {
					t.Errorf("%s for %s reads %q, want %q", q, tc.band, got, want)
				}
			}
		})
	}
	p.t = t
}

// postChildResponses stores n varied child responses through the API, so results have numbers.
func postChildResponses(t *testing.T, a *app, n int) {
	t.Helper()
	sv := a.surveys["child-listening"]
	picks := [][]string{{"playground", "water", "street_lights"}, {"school", "playground", "police"},
		{"water", "health_centre", "playground"}, {"street_lights", "playground", "clean_streets"}}
	for i := range n {
		band := []string{"age_8_12", "age_13_17"}[i%2]
		answers := map[string]any{
			"age_band": band, "gender": []string{"female", "male", "other"}[i%3],
			"group":                []string{"host", "displaced", "refugee", "migrant"}[i%4],
			"goes_to_school":       i%5 != 0,
			"better_neighbourhood": picks[i%4][:2], "top_fix": picks[i%4],
			"talk_to":       []string{[]string{"family", "friends", "teacher"}[i%3]},
			"adults_listen": i%2 == 0, "play_place": i%3 == 0,
		}
		school := "safe_school"
		if band == "age_13_17" {
			school = "safe_school_teen"
			answers["safe_home_teen"], answers["safe_neighbourhood_teen"] = 1+i%5, 1+(i+2)%5
		} else {
			answers["safe_home"], answers["safe_neighbourhood"] = 1+i%3, 1+(i+1)%3
		}
		if i%5 != 0 {
			answers[school] = 1 + i%3
		}
		postResponse(t, a, childID, sv.Version, fmt.Sprintf("%08x-0c11-4d00-8000-%012x", 0xc41d0000, i), answers)
	}
}

// postCommunityResponses stores n varied community responses through the API.
func postCommunityResponses(t *testing.T, a *app, n int) {
	t.Helper()
	for i := range n {
		answers := apiAnswers()
		answers["group"] = []string{"displaced", "host", "refugee"}[i%3]
		answers["gender"] = []string{"female", "male"}[i%2]
		answers["age_band"] = []string{"age_18_29", "age_30_59", "age_60_plus"}[i%3]
		answers["top_services"] = [][]string{{"housing", "documents", "jobs"}, {"water", "health", "safety"}}[i%2]
		if answers["group"] == "host" {
			delete(answers, "years_here")
		}
		postResponse(t, a, communityID, a.community().Version, fmt.Sprintf("%08x-0c11-4d00-8000-%012x", 0xc0770000, i), answers)
	}
}

func postResponse(t *testing.T, a *app, consultation, version, id string, answers map[string]any) {
	t.Helper()
	r := a.postJSON("/api/consultations/"+consultation+"/responses",
		submission{ID: id, SurveyVersion: version, Language: "es", Answers: answers})
	if r.status != http.StatusCreated {
		t.Fatalf("posting a %s response: %d %s", consultation, r.status, r.body)
	}
}
