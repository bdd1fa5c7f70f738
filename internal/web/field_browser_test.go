package web_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"consulta/internal/store"
)

// fieldSession opens a session of a consultation of the fixture, with parents' consent recorded.
func fieldSession(t *testing.T, a *app, consultation, id string) string {
	t.Helper()
	newFieldSession(t, a, consultation, id)
	if err := a.st.SetParentalConsent(context.Background(), id, true); err != nil {
		t.Fatalf("consent: %v", err)
	}
	return id
}

// newFieldSession opens a session with nothing recorded.
func newFieldSession(t *testing.T, a *app, consultation, id string) {
	t.Helper()
	ctx := context.Background()
	if err := a.st.CreateSession(ctx, &store.Session{ID: id, ConsultationID: consultation, Place: "Escuela de Upala",
		HeldOn: "2026-03-02", Facilitator: "facilitadora"}); err != nil {
		t.Fatalf("session: %v", err)
	}
}

// startKiosk signs in, opens the session and locks the tablet with a PIN, ending on the welcome screen.
func (p *tab) startKiosk(session string) {
	p.t.Helper()
	p.signIn()
	p.open("/sessions/" + session + "?lang=es")
	p.do("type the PIN", chromedp.SendKeys(chromedp.CSS(`form[action$="/kiosk"] input[name="pin"]`), "4321"))
	p.tapAndLoad(`form[action$="/kiosk"] button[type="submit"]`)
	p.waitFor("the kiosk welcome", `!!document.querySelector("#kiosk-welcome")`)
}

// usted finds the words of "usted" in Spanish, which a child is never addressed with.
var usted = regexp.MustCompile(`(?i)\b(usted|ustedes|sus|su|puede|devuelva|elija|toque|escriba)\b`)

// Item 1: a participant who switched language leaves nothing of it to the next one.
func TestKioskNextPersonStartsInDefaultLanguage(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	p := openTab(t, a, 600, 960)
	shot := newShots(t)
	ses := fieldSession(t, a, childID, "f1e1d000-0000-4000-8000-000000000001")
	p.startKiosk(ses)
	p.tapAndLoad(`#kiosk-welcome a.button`)
	p.waitFor("the assent", `!!document.querySelector(".js-assent:not([hidden])")`)
	p.tap(`.js-assent`)
	p.waitQuestion("intro")
	p.tap(`.langs button[value="pt"]`)
	p.waitFor("Portuguese", `document.documentElement.lang === "pt"`)
	for i := 0; i < 40 && !p.visible(".js-send"); i++ {
		p.tap(".js-next")
	}
	p.tapAndLoad(".js-send")
	p.waitFor("the thank-you screen", `!!document.querySelector("#kiosk-thanks")`)
	if lang := eval[string](p, `document.documentElement.lang`); lang != "pt" {
		t.Errorf("the participant's own thank-you screen is in %q, want pt", lang)
	}
	p.tapAndLoad(".js-next-person")
	p.waitFor("the welcome screen", `!!document.querySelector("#kiosk-welcome")`)
	text := eval[string](p, `document.querySelector("main").innerText`)
	if lang := eval[string](p, `document.documentElement.lang`); lang != "es" || !strings.Contains(text, "Empezar") {
		t.Errorf("the next person's welcome is in %q, want es:\n%s", lang, text)
	}
	// Item 16: children are addressed with "tú" on the kiosk too.
	if m := usted.FindAllString(text, -1); len(m) > 0 {
		t.Errorf("the child kiosk welcome says %q to a child:\n%s", m, text)
	}
	shot.take(p, "kiosk-welcome-after-switch")
	p.tapAndLoad(`#kiosk-welcome a.button`)
	p.waitFor("the assent", `!!document.querySelector(".js-assent:not([hidden])")`)
	if lang := eval[string](p, `document.documentElement.lang`); lang != "es" {
		t.Errorf("the next person's survey is in %q, want es", lang)
	}
	if c := eval[string](p, `document.cookie`); strings.Contains(c, "lang=pt") {
		t.Errorf("the tablet remembers the previous participant's language: %q", c)
	}
}

// Item 2: an adult can stop at any time, as the welcome promises, and nothing is kept.
func TestAdultSurveyCanStop(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	p := openTab(t, a, 360, 640)
	before := a.totalResponses()
	p.open("/c/" + communityID + "?lang=es")
	p.waitQuestion("intro")
	p.tap(".js-next")
	p.waitQuestion("group")
	p.tap(choiceTarget("group", "host"))
	if !p.visible(".stop-row .js-stop") {
		t.Fatal("the adult survey offers no way to stop")
	}
	p.tapAndLoad(".stop-row .js-stop")
	p.waitFor("the stopped page", `location.pathname === "/c/`+communityID+`/stopped"`)
	text := eval[string](p, `document.querySelector("main").innerText`)
	if !strings.Contains(text, "No guardamos ninguna de sus respuestas") {
		t.Errorf("the stopped page does not say nothing was kept, to an adult:\n%s", text)
	}
	if n := a.totalResponses(); n != before {
		t.Errorf("stopping stored a response: %d before, %d after", before, n)
	}
}

// Item 4: the last screen says plainly that one tap sends the answers and thanks no one yet;
// the closing words come on the thank-you page, once the answers are stored.
func TestLastScreenSendsThenThanks(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	shot := newShots(t)
	for _, tc := range []struct {
		consultation, name, note, closing string
	}{
		{childID, "child", "Todavía no hemos recibido tus respuestas", "Si algo te preocupa"},
		{communityID, "adult", "Sus respuestas todavía no se han enviado", "Gracias por participar"},
	} {
		p := openTab(t, a, 360, 640)
		p.open("/c/" + tc.consultation + "?lang=es")
		if p.visible(".js-assent") {
			p.tap(".js-assent")
		}
		p.waitFor("the first question", `!!document.querySelector("fieldset.q.current")`)
		p.walkToLastScreen()
		main := eval[string](p, `document.querySelector("main").innerText`)
		if strings.Contains(main, "Gracias") || strings.Contains(main, "¡Gracias") {
			t.Errorf("%s: the last screen thanks before anything is sent:\n%s", tc.name, main)
		}
		if !strings.Contains(main, tc.note) || !p.visible(".send-note") {
			t.Errorf("%s: the last screen does not say the answers are not sent yet:\n%s", tc.name, main)
		}
		shot.take(p, tc.name+"-last-screen")
		p.tapAndLoad(".js-send")
		p.waitFor("the thank-you page", `location.pathname === "/c/`+tc.consultation+`/thanks"`)
		if thanks := eval[string](p, `document.querySelector("main").innerText`); !strings.Contains(thanks, tc.closing) {
			t.Errorf("%s: the thank-you page lacks the closing words %q:\n%s", tc.name, tc.closing, thanks)
		}
	}
}

// walkToLastScreen goes through the survey with Next, answering only what is required (with
// its first choice), until the send button shows.
func (p *tab) walkToLastScreen() {
	p.t.Helper()
	for i := 0; i < 60 && !p.visible(".js-send"); i++ {
		eval[bool](p, `(() => { const q = document.querySelector("fieldset.q.current");
			if (q && q.hasAttribute("data-required") && !q.querySelector("input:checked")) { const i = q.querySelector("input"); if (i) i.click(); }
			return true; })()`)
		p.tap(".js-next")
	}
}

// Item 5: a child kiosk does not start until the parents' or guardians' consent is recorded.
func TestChildKioskNeedsConsent(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	p := openTab(t, a, 600, 960)
	ses := "f1e1d000-0000-4000-8000-000000000005"
	newFieldSession(t, a, childID, ses)
	p.signIn()
	p.open("/sessions/" + ses + "?lang=es")
	p.do("type the PIN", chromedp.SendKeys(chromedp.CSS(`form[action$="/kiosk"] input[name="pin"]`), "4321"))
	p.tapAndLoad(`form[action$="/kiosk"] button[type="submit"]`)
	if path := p.path(); strings.HasPrefix(path, "/kiosk/") {
		t.Fatalf("a child kiosk started without consent recorded: on %s", path)
	}
	if msg := eval[string](p, `(document.querySelector("[role=alert]") || {}).innerText || ""`); !strings.Contains(msg, "consentimiento") {
		t.Errorf("no clear message about consent: %q", msg)
	}
	p.tap(`input[name="parental_consent"]`)
	p.tapAndLoad(`form[action$="/consent"] button[type="submit"]`)
	p.do("type the PIN", chromedp.SendKeys(chromedp.CSS(`form[action$="/kiosk"] input[name="pin"]`), "4321"))
	p.tapAndLoad(`form[action$="/kiosk"] button[type="submit"]`)
	p.waitFor("the kiosk welcome", `!!document.querySelector("#kiosk-welcome")`)
}

// brokenWords lists the words, inside the elements sel selects, that the layout breaks across
// two lines ("Muj/er", "83/6"), and numbers of a count cell put on two lines.
const brokenWords = `((sel) => {
	const out = [];
	for (const el of document.querySelectorAll(sel)) {
		if (!el.getClientRects().length) continue;
		const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const re = /\S+/g;
			let m;
			while ((m = re.exec(n.data))) {
				const r = document.createRange();
				r.setStart(n, m.index);
				r.setEnd(n, m.index + m[0].length);
				const tops = new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top)));
				if (tops.size > 1) out.push(m[0]);
			}
		}
		for (const c of el.querySelectorAll(".count")) {
			const r = document.createRange();
			r.selectNodeContents(c);
			const tops = new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top)));
			if (tops.size > 1) out.push(c.textContent.trim());
		}
	}
	return out;
})`

// Item 9: numbers and short headers never break inside a word; wide tables scroll in their own box.
func TestTablesAndChoicesKeepWordsWhole(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	ctx := context.Background()
	var ts []store.Target
	for _, g := range []string{"host", "displaced", "refugee", "returnee", "migrant"} {
		for _, gen := range []string{"female", "male", "other"} {
			ts = append(ts, store.Target{Group: g, Gender: gen, Target: 600})
		}
	}
	if err := a.st.SetTargets(ctx, communityID, ts); err != nil {
		t.Fatal(err)
	}
	postCommunityResponses(t, a, 90)
	for _, size := range [][2]int{{600, 960}, {360, 640}} {
		p := openTab(t, a, size[0], size[1])
		p.signIn()
		p.open("/consultations/" + communityID + "?lang=es")
		if broken := eval[[]string](p, brokenWords+`("table.data th, table.data td")`); len(broken) > 0 {
			t.Errorf("%d×%d: the consultation page breaks %q", size[0], size[1], broken)
		}
		if wide := eval[[]string](p, `Array.from(document.querySelectorAll("main *")).filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest(".table-wrap")).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))`); len(wide) > 0 {
			t.Errorf("%d×%d: the consultation page is wider than the screen: %v", size[0], size[1], wide)
		}
		p.open("/c/" + communityID + "?lang=es")
		if broken := eval[[]string](p, brokenWords+`("#q-safety_day .choice span, #q-belonging .choice span")`); len(broken) > 0 {
			t.Errorf("%d×%d: a 5-point scale breaks %q", size[0], size[1], broken)
		}
	}
}

// Item 10: paper entry takes a form as written: skip logic live, radios that can be cleared,
// what was typed kept after an error that names its question, and no resubmission prompt.
func TestPaperFormAsWritten(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	shot := newShots(t)
	ses := "f1e1d000-0000-4000-8000-00000000000a"
	newFieldSession(t, a, communityID, ses)
	p := openTab(t, a, 600, 960)
	p.allow = []string{"status of 422"} // the form with errors comes back as 422
	p.signIn()
	p.open("/sessions/" + ses + "/paper?lang=es")
	if !p.visible("#q-first_priority") || !p.visible("#q-group") {
		t.Fatal("the paper form does not show the whole questionnaire at once")
	}
	// A ticked radio can be cleared.
	p.tap(choiceTarget("group", "host"))
	p.tap("#q-group .clear-answer")
	if n := eval[int](p, `document.querySelectorAll("#q-group input:checked").length`); n != 0 {
		t.Errorf("after Clear, %d choices of group are still ticked", n)
	}
	// Skip logic is live: "none" of the barriers hides the follow-up question.
	p.tap(choiceTarget("barriers", "cost"))
	if !p.visible("#q-gave_up_service") {
		t.Error("a barrier ticked, the follow-up question is not shown")
	}
	p.tap(choiceTarget("barriers", "cost"))
	p.tap(choiceTarget("barriers", "none"))
	if p.visible("#q-gave_up_service") {
		t.Error("barriers \"none\", the follow-up question still shows")
	}
	// Sent without the required group: the error names the question and keeps what was typed.
	p.do("type", chromedp.SendKeys(chromedp.CSS(`textarea[name="first_priority"]`), "Agua potable en la escuela"))
	p.tapAndLoad(".js-send")
	summary := eval[string](p, `(document.querySelector("#error-summary") || {}).innerText || ""`)
	if !strings.Contains(summary, "Pregunta «") || !strings.Contains(summary, questionLabel(t, a.community(), "group", "es")) {
		t.Errorf("the error list does not name the question:\n%s", summary)
	}
	if v := eval[string](p, `document.querySelector('textarea[name="first_priority"]').value`); v != "Agua potable en la escuela" {
		t.Errorf("after the error the typed text is %q", v)
	}
	if !eval[bool](p, `document.querySelector('#q-barriers input[value="none"]').checked`) {
		t.Error("after the error the ticked barrier is lost")
	}
	shot.take(p, "paper-after-error")
	// Reloading (or coming Back) to it loads the page anew instead of asking to send the form again.
	if n := eval[string](p, `performance.getEntriesByType("navigation")[0].type + " " + history.state`); !strings.HasPrefix(n, "navigate") {
		t.Logf("navigation %s", n)
	}
	p.do("reload", chromedp.Reload())
	p.waitFor("the paper form again", `!!document.querySelector("#survey-form")`)
}

// Item 15: progress counts the questions one can answer, never notes, and says "about" while
// skip logic may still change the total; where it says an exact total, the total is right.
func TestProgressCountsHonestly(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	p := openTab(t, a, 600, 960)
	p.open("/c/" + childID + "?lang=es")
	p.tap(".js-assent")
	type step struct{ Q, Type, Progress string }
	var seen []step
	for i := 0; i < 40; i++ {
		p.waitFor("a question", `!!document.querySelector("fieldset.q.current")`)
		s := eval[step](p, `(() => { const q = document.querySelector("fieldset.q.current");
			return {q: q.dataset.q, type: q.dataset.type, progress: document.querySelector(".toolbar .progress").textContent}; })()`)
		seen = append(seen, s)
		if s.Q == "age_band" {
			p.tap(choiceTarget("age_band", "age_8_12"))
		}
		if p.visible(".js-send") {
			break
		}
		p.tap(".js-next")
	}
	pattern := regexp.MustCompile(`^Pregunta (\d+) de (unas )?(\d+)$`)
	n := 0
	var totals []string
	for _, s := range seen {
		if s.Type == "note" {
			if s.Progress != "" {
				t.Errorf("%s: a note counts as a question: %q", s.Q, s.Progress)
			}
			continue
		}
		n++
		m := pattern.FindStringSubmatch(s.Progress)
		if m == nil {
			t.Errorf("%s: progress %q", s.Q, s.Progress)
			continue
		}
		if m[1] != strconv.Itoa(n) {
			t.Errorf("%s: progress %q, want question %d", s.Q, s.Progress, n)
		}
		totals = append(totals, m[2]+m[3])
	}
	for _, total := range totals {
		if !strings.HasPrefix(total, "unas") && total != strconv.Itoa(n) {
			t.Errorf("an exact total of %s, but %d questions were asked", total, n)
		}
	}
	if len(totals) == 0 || !strings.HasPrefix(totals[0], "unas") {
		t.Errorf("the first question gives an exact total although skip logic is ahead: %q", totals)
	}
}

// Item 16: the child kiosk's pages speak to a child with "tú".
func TestChildKioskSaysTu(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	p := openTab(t, a, 600, 960)
	ses := fieldSession(t, a, childID, "f1e1d000-0000-4000-8000-000000000016")
	p.startKiosk(ses)
	for _, path := range []string{"/kiosk/" + ses, "/kiosk/" + ses + "/thanks?lang=es", "/kiosk/" + ses + "/stopped?lang=es"} {
		p.open(path)
		text := eval[string](p, `document.querySelector("main").innerText`)
		if m := usted.FindAllString(text, -1); len(m) > 0 {
			t.Errorf("%s says %q to a child:\n%s", path, m, text)
		}
	}
}

// Item 17: "No quiero responder" sits apart from Back and Next, no larger than Next, and never
// erases an answer out of sight: it clears it on the same screen, says so, and a second tap moves on.
func TestSkipIsApartAndNeverErasesUnseen(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	for _, size := range [][2]int{{360, 640}, {600, 960}} {
		p := openTab(t, a, size[0], size[1])
		p.open("/c/" + childID + "?lang=es")
		p.tap(".js-assent")
		p.waitQuestion("intro")
		p.tap(".js-next")
		p.waitQuestion("age_band")
		type box struct{ Top, Bottom, Left, Right, Area float64 }
		type boxes struct{ Back, Next, Skip box }
		b := eval[boxes](p, `(() => { const r = s => { const x = document.querySelector(s).getBoundingClientRect();
			return {top: x.top, bottom: x.bottom, left: x.left, right: x.right, area: x.width * x.height}; };
			return {back: r(".js-back"), next: r(".js-next"), skip: r(".js-skip")}; })()`)
		if b.Skip.Top < b.Next.Bottom {
			t.Errorf("%v: the skip button is level with Next (skip %+v, next %+v)", size, b.Skip, b.Next)
		}
		if b.Skip.Area > b.Next.Area {
			t.Errorf("%v: the skip button (%.0f px²) is larger than Next (%.0f px²)", size, b.Skip.Area, b.Next.Area)
		}
		p.tap(choiceTarget("age_band", "age_8_12"))
		p.tap(".js-skip")
		if p.current() != "age_band" {
			t.Fatalf("%v: skipping an answered question moved on to %s, erasing the answer out of sight", size, p.current())
		}
		if n := eval[int](p, `document.querySelectorAll("#q-age_band input:checked").length`); n != 0 {
			t.Errorf("%v: the answer is still ticked after skip", size)
		}
		if msg := eval[string](p, `document.querySelector(".skip-status").textContent`); !strings.Contains(msg, "Borramos tu respuesta") {
			t.Errorf("%v: the child is not told the answer was cleared: %q", size, msg)
		}
		p.tap(".js-skip")
		p.waitQuestion("gender")
	}
}

// Item 18: an exclusive choice stands alone in the page: ticking it clears the others, and
// ticking another clears it.
func TestExclusiveChoiceClearsOthers(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	p := openTab(t, a, 600, 960)
	p.open("/c/" + childID + "?lang=es")
	p.tap(".js-assent")
	p.waitQuestion("intro")
	for _, q := range []string{"intro", "age_band", "gender", "group", "goes_to_school", "safe_school", "safe_home",
		"safe_neighbourhood", "better_neighbourhood", "top_fix"} {
		p.waitQuestion(q)
		p.tap(".js-next")
	}
	p.waitQuestion("talk_to")
	ticked := func() []string {
		return eval[[]string](p, `Array.from(document.querySelectorAll("#q-talk_to input:checked")).map(i => i.value)`)
	}
	p.tap(choiceTarget("talk_to", "family"))
	p.tap(choiceTarget("talk_to", "teacher"))
	p.tap(choiceTarget("talk_to", "nobody"))
	if got := ticked(); len(got) != 1 || got[0] != "nobody" {
		t.Errorf("after ticking Nadie, ticked %v, want [nobody]", got)
	}
	p.tap(choiceTarget("talk_to", "friends"))
	if got := ticked(); len(got) != 1 || got[0] != "friends" {
		t.Errorf("after ticking a friend, ticked %v, want [friends]", got)
	}
	if n := eval[int](p, `document.querySelectorAll("#q-talk_to label.choice:has(input:checked)").length`); n != 1 {
		t.Errorf("%d choices look ticked", n)
	}
}

// Item 20: the assent can be heard too; where the tablet has no voice for a language, the
// facilitator is told on the session page, and the child sees nothing of it.
func TestReadAloudAssentAndMissingVoices(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	p := openTab(t, a, 600, 960)
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: fakeSpeech}); err != nil {
		t.Fatalf("installing the fake voices: %v", err)
	}
	p.open("/c/" + childID + "?lang=es")
	if !p.visible(".js-read-assent") {
		t.Fatal("no \"Escuchar\" on the assent screen although the device has a Spanish voice")
	}
	p.tap(".js-read-assent")
	spoken := eval[[]utterance](p, `window.__spoken`)
	if len(spoken) < 2 || spoken[0].Text != "¡Hola! ¿Nos ayudas?" {
		t.Errorf("the assent read aloud: %+v", spoken)
	}
	p.tap(`.langs button[value="pt"]`)
	if p.visible(".js-read-assent") || strings.Contains(eval[string](p, `document.body.innerText`), "voz") {
		t.Error("in Portuguese, without a voice, the child still sees the button or hears of voices")
	}
	ses := fieldSession(t, a, childID, "f1e1d000-0000-4000-8000-000000000020")
	p.signIn()
	p.open("/sessions/" + ses + "?lang=es")
	p.waitFor("the voice notice", `!document.getElementById("voice-notice").hidden`)
	notice := eval[string](p, `document.getElementById("voice-notice").innerText`)
	if !strings.Contains(notice, "English") || !strings.Contains(notice, "Português") || strings.Contains(notice, "Español") {
		t.Errorf("the facilitator's notice names the wrong languages: %q", notice)
	}
}

// Item 21: after the first screen the survey's title is small, leaving the phone to the question.
func TestSurveyTitleSmallAfterFirstScreen(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	p := openTab(t, a, 360, 640)
	p.open("/c/" + communityID + "?lang=es")
	p.waitQuestion("intro")
	first := eval[float64](p, `document.getElementById("survey-title").getBoundingClientRect().height`)
	p.tap(".js-next")
	p.waitQuestion("group")
	later := eval[float64](p, `document.getElementById("survey-title").getBoundingClientRect().height`)
	if later > 640*0.1 || later >= first {
		t.Errorf("the title takes %.0f px of 640 on the second screen (%.0f on the first)", later, first)
	}
	p.tap(".js-back")
	p.waitQuestion("intro")
	if again := eval[float64](p, `document.getElementById("survey-title").getBoundingClientRect().height`); again != first {
		t.Errorf("back on the first screen the title is %.0f px, was %.0f", again, first)
	}
}
