package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"consulta/internal/auth"
	"consulta/internal/store"
	"consulta/internal/web"
)

// ttSetCookie is the cookie named name that a reply sets, or nil.
func ttSetCookie(r *reply, name string) *http.Cookie {
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// signedOut reports whether a reply is the way to the sign-in page (a page) or a 401 (the API).
func ttSignedOut(r *reply) bool {
	return (r.status == http.StatusSeeOther && strings.HasPrefix(r.header.Get("Location"), "/signin")) ||
		r.status == http.StatusUnauthorized
}

func TestCrossSitePostRefused(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	ctx := context.Background()
	refusal := web.T("es", "error.cross_site")
	foreign := "https://evil.example"

	for _, tc := range []struct {
		name   string
		header []string
	}{
		{"Sec-Fetch-Site cross-site", []string{"Sec-Fetch-Site", "cross-site", "Origin", foreign}},
		{"Sec-Fetch-Site same-site (a sibling subdomain)", []string{"Sec-Fetch-Site", "same-site", "Origin", "http://other." + strings.TrimPrefix(w.url, "http://")}},
		{"a foreign Origin, no Sec-Fetch-Site (an older browser)", []string{"Sec-Fetch-Site", "", "Origin", foreign}},
		{"Origin null (a sandboxed frame)", []string{"Sec-Fetch-Site", "", "Origin", "null"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := *w
			w.app = w.as(t)
			planner := w.signedIn("plan-A", ttPlannerA)
			before := w.dump()

			// A forged sign-in: the attacker's form signs the victim's browser into the attacker's account.
			anon := w.client("anon", "")
			r := w.send(anon, "/signin", url.Values{"name": {ttPlannerB}, "password": {ttPassword(ttPlannerB)}}, tc.header...)
			if r.status != http.StatusForbidden || !strings.Contains(r.text(), refusal) {
				t.Errorf("cross-site POST /signin = %d %q, want 403 saying %q", r.status, ttClip(r.text(), 200), refusal)
			}
			if c := ttSetCookie(r, "consulta"); c != nil {
				t.Errorf("cross-site POST /signin set the session cookie: %v", c)
			}
			if r := w.open(anon, "/consultations"); !ttSignedOut(r) {
				t.Errorf("after a cross-site sign-in the browser is signed in: GET /consultations = %d", r.status)
			}

			// A forged change by a signed-in planner: closing the consultation.
			r = w.send(planner, "/consultations/"+ttConsA+"/status", url.Values{"status": {store.StatusClosed}}, tc.header...)
			if r.status != http.StatusForbidden || !strings.Contains(r.text(), refusal) {
				t.Errorf("cross-site POST status = %d %q, want 403 saying %q", r.status, ttClip(r.text(), 200), refusal)
			}
			// A forged sign-out.
			if r := w.send(planner, "/signout", nil, tc.header...); r.status != http.StatusForbidden {
				t.Errorf("cross-site POST /signout = %d, want 403", r.status)
			}
			if diff := ttDumpDiff(before, w.dump()); diff != "" {
				t.Errorf("refused cross-site posts changed the database: %s", diff)
			}
			if c, err := w.st.Consultation(ctx, ttConsA); err != nil || c.Status != store.StatusOpen {
				t.Errorf("consultation after cross-site posts: %+v %v, want open", c, err)
			}
			if r := w.open(planner, "/consultations/"+ttConsA); r.status != http.StatusOK {
				t.Errorf("the planner was signed out by a cross-site post: %d", r.status)
			}
		})
	}

	// The same post from the site itself goes through.
	planner := w.signedIn("plan-A", ttPlannerA)
	if r := w.send(planner, "/consultations/"+ttConsA+"/status", url.Values{"status": {store.StatusClosed}}); r.status != http.StatusSeeOther {
		t.Fatalf("same-origin POST status = %d, want 303", r.status)
	}
	if c, err := w.st.Consultation(ctx, ttConsA); err != nil || c.Status != store.StatusClosed {
		t.Errorf("consultation after a same-origin close: %+v %v, want closed", c, err)
	}
}

// TestSignInSlowDown: failures are slowed per (account, address) and per address; per account
// alone they slow down progressively, yet the right password from an address that has not failed
// always gets in, so nobody can keep an account's owner out by failing on purpose.
func TestSignInSlowDown(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	wrong := web.T("es", "auth.wrong")
	attempt := func(c *ttClient, name, password string) *reply {
		t.Helper()
		return w.send(c, "/signin", url.Values{"name": {name}, "password": {password}})
	}
	// Machines on the same network, each with its own address.
	attacker, owner, third, fourth := w.client("attacker", "127.0.0.1"), w.client("owner", "127.0.0.2"),
		w.client("third", "127.0.0.3"), w.client("fourth", "127.0.0.4")

	var existing401, existing429 *reply
	t.Run("an attacker is slowed down, the owner is not", func(t *testing.T) {
		for i := 1; i <= 3; i++ {
			r := attempt(attacker, ttAdmin, "not the password "+strconv.Itoa(i))
			if r.status != http.StatusUnauthorized || ttFlash(r) != wrong {
				t.Fatalf("wrong password %d = %d %q, want 401 %q", i, r.status, ttFlash(r), wrong)
			}
			existing401 = r
		}
		// The fourth try at once must wait a second, the next two, then four.
		existing429 = attempt(attacker, ttAdmin, "not the password 4")
		if existing429.status != http.StatusTooManyRequests || ttFlash(existing429) != web.T("es", "security.wait_seconds", 1) {
			t.Fatalf("4th attempt at once = %d %q, want 429 %q", existing429.status, ttFlash(existing429), web.T("es", "security.wait_seconds", 1))
		}
		if c := ttSetCookie(existing429, "consulta"); c != nil {
			t.Errorf("a slowed-down attempt set the session cookie")
		}
		// The right password from the address that failed waits too.
		if r := attempt(attacker, ttAdmin, ttPassword(ttAdmin)); r.status != http.StatusTooManyRequests {
			t.Errorf("the right password from the failing address = %d, want 429", r.status)
		}
		// The owner, from an address that has not failed, gets in at once.
		w.signIn(owner, ttAdmin)
		w.clock.Advance(time.Second)
		if r := attempt(attacker, ttAdmin, "not the password 5"); r.status != http.StatusUnauthorized {
			t.Fatalf("after a second's pause = %d, want 401", r.status)
		}
		if r := attempt(attacker, ttAdmin, "not the password 6"); r.status != http.StatusTooManyRequests || ttFlash(r) != web.T("es", "security.wait_seconds", 2) {
			t.Errorf("the pause doubles: %d %q, want 429 %q", r.status, ttFlash(r), web.T("es", "security.wait_seconds", 2))
		}
		w.clock.Advance(2 * time.Second)
		if r := attempt(attacker, ttAdmin, "not the password 7"); r.status != http.StatusUnauthorized {
			t.Fatalf("after two seconds' pause = %d, want 401", r.status)
		}
		// Five failures of one account from one address: that pair waits out the fifteen minutes.
		w.clock.Advance(time.Hour / 60 * 5)
		if r := attempt(attacker, ttAdmin, ttPassword(ttAdmin)); r.status != http.StatusTooManyRequests ||
			ttFlash(r) != web.T("es", "auth.slow_down", 10) {
			t.Errorf("the sixth try of the pair = %d %q, want 429 %q", r.status, ttFlash(r), web.T("es", "auth.slow_down", 10))
		}
		// Another account from the attacker's address is not slowed by admin's failures alone.
		w.signIn(attacker, ttPlannerB)
		// And the owner still gets in, again and again.
		w.signIn(owner, ttAdmin)
		w.signIn(w.client("owner again", "127.0.0.2"), ttAdmin)
	})

	t.Run("a name that does not exist gets the very same answers", func(t *testing.T) {
		const nobody = "nobody-by-this-name"
		var r1 *reply
		for i := 1; i <= 3; i++ {
			r1 = attempt(third, nobody, "not the password "+strconv.Itoa(i))
			if r1.status != http.StatusUnauthorized || ttFlash(r1) != wrong {
				t.Fatalf("wrong password %d for a name that does not exist = %d %q, want 401 %q", i, r1.status, ttFlash(r1), wrong)
			}
		}
		r := attempt(third, nobody, "yet another guess")
		if r.status != http.StatusTooManyRequests || ttFlash(r) != ttFlash(existing429) {
			t.Fatalf("4th attempt for a name that does not exist = %d %q, want 429 %q", r.status, ttFlash(r), ttFlash(existing429))
		}
		// Not only the message: the whole page is the same, but for the name typed in.
		if a, b := strings.ReplaceAll(existing401.body, ttAdmin, "NAME"), strings.ReplaceAll(r1.body, nobody, "NAME"); a != b {
			t.Errorf("the 401 page differs between an account that exists and one that does not:\n%s\n---\n%s", ttClip(a, 2000), ttClip(b, 2000))
		}
		if a, b := strings.ReplaceAll(existing429.body, ttAdmin, "NAME"), strings.ReplaceAll(r.body, nobody, "NAME"); a != b {
			t.Errorf("the 429 page differs between an account that exists and one that does not")
		}
	})

	t.Run("guesses sent at once are all counted", func(t *testing.T) {
		// Thirty guesses in parallel from one address: no more than the pair's limit may be checked
		// against the password, or the slow-down is no slower for an attacker who does not wait.
		const n = 30
		slow, err := bcrypt.GenerateFromPassword([]byte(ttPassword(ttFacA)), 8)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.st.SetPassword(context.Background(), w.users[ttFacA].ID, string(slow)); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		statuses := make([]int, n)
		for i := range n {
			wg.Go(func() {
				if r, err := w.try(fourth, "/signin", url.Values{"name": {ttFacA}, "password": {"guess " + strconv.Itoa(i)}}); err == nil {
					statuses[i] = r.status
				}
			})
		}
		wg.Wait()
		checked := 0
		for _, s := range statuses {
			switch s {
			case http.StatusUnauthorized:
				checked++
			case http.StatusTooManyRequests:
			default:
				t.Errorf("a parallel guess got %d, want 401 or 429", s)
			}
		}
		if checked > 5 {
			t.Errorf("%d of %d parallel guesses were checked against the password, want at most 5", checked, n)
		}
	})

	t.Run("one address guessing many accounts is stopped", func(t *testing.T) {
		spray := w.client("spray", "127.0.0.5")
		for i := 1; i <= 20; i++ {
			if r := attempt(spray, "account-"+strconv.Itoa(i), "password"); r.status != http.StatusUnauthorized {
				t.Fatalf("guess %d = %d, want 401", i, r.status)
			}
		}
		if r := attempt(spray, ttPlannerA, ttPassword(ttPlannerA)); r.status != http.StatusTooManyRequests {
			t.Errorf("after 20 failures from one address, the right password of another account = %d, want 429", r.status)
		}
		w.signIn(w.client("neighbour", "127.0.0.6"), ttPlannerA)
	})

	t.Run("after fifteen minutes the right password works again", func(t *testing.T) {
		w.clock.Advance(15 * time.Minute)
		w.signIn(attacker, ttAdmin)
		if r := w.open(attacker, "/consultations"); r.status != http.StatusOK {
			t.Errorf("signed in after the wait, GET /consultations = %d", r.status)
		}
	})

	// The failures are in the database, where every instance of a larger deployment sees them.
	var n int
	if err := w.ro.QueryRow(`SELECT count(*) FROM failed_attempts`).Scan(&n); err != nil || n == 0 {
		t.Errorf("failed attempts in the database: %d (%v), want some", n, err)
	}
}

func TestAccountCookies(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	for _, tc := range []struct {
		name   string
		config func(*web.Config)
		header []string
		secure bool
	}{
		{"plain http", nil, nil, false},
		{"plain http, a proxy header not trusted", nil, []string{"X-Forwarded-Proto", "https"}, false},
		{"SecureCookies", func(c *web.Config) { c.SecureCookies = true }, nil, true},
		{"behind a proxy that says https", func(c *web.Config) { c.BehindProxy = true }, []string{"X-Forwarded-Proto", "https"}, true},
		{"behind a proxy that says http", func(c *web.Config) { c.BehindProxy = true }, []string{"X-Forwarded-Proto", "http"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := *w
			w.app = w.as(t)
			w.url = w.serve(tc.config)
			c := w.client("planner", "")
			r := w.send(c, "/signin", url.Values{"name": {ttPlannerA}, "password": {ttPassword(ttPlannerA)}}, tc.header...)
			if r.status != http.StatusSeeOther {
				t.Fatalf("sign in = %d", r.status)
			}
			ck := ttSetCookie(r, "consulta")
			if ck == nil {
				t.Fatalf("sign-in set no session cookie; Set-Cookie: %q", r.header.Values("Set-Cookie"))
			}
			if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Secure != tc.secure || ck.Path != "/" {
				t.Errorf("session cookie %q: HttpOnly %v, SameSite %v, Secure %v, Path %q; want HttpOnly, Lax, Secure %v, /",
					r.header.Get("Set-Cookie"), ck.HttpOnly, ck.SameSite, ck.Secure, ck.Path, tc.secure)
			}
			if ck.MaxAge <= 0 || ck.MaxAge > 12*3600 {
				t.Errorf("session cookie Max-Age = %d, want at most 12 hours", ck.MaxAge)
			}
			if strings.Contains(ck.Value, ttPlannerA) {
				t.Errorf("the session cookie shows what it holds: %q", ck.Value)
			}
			// The kiosk PIN rides in the same cookie and must keep the same flags.
			if tc.header == nil && !tc.secure {
				if r := w.send(c, "/sessions/"+ttSesA+"/kiosk", url.Values{"pin": {ttPIN}}, tc.header...); r.status != http.StatusSeeOther {
					t.Fatalf("kiosk start = %d", r.status)
				} else if k := ttSetCookie(r, "consulta"); k == nil || !k.HttpOnly || k.SameSite != http.SameSiteLaxMode || k.Secure {
					t.Errorf("cookie after kiosk start: %q", r.header.Get("Set-Cookie"))
				}
			}
		})
	}
}

func TestAccountSignOut(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	c := w.signedIn("plan-A", ttPlannerA)
	if r := w.open(c, "/consultations"); r.status != http.StatusOK {
		t.Fatalf("signed in, GET /consultations = %d", r.status)
	}
	u, _ := url.Parse(w.url)
	var old string
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == "consulta" {
			old = ck.Value
		}
	}
	if old == "" {
		t.Fatal("no session cookie in the jar")
	}

	r := w.send(c, "/signout", nil)
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/" {
		t.Errorf("sign out = %d to %q, want 303 to /", r.status, r.header.Get("Location"))
	}
	if ck := ttSetCookie(r, "consulta"); ck == nil || ck.MaxAge >= 0 {
		t.Errorf("sign-out does not delete the cookie: %q", r.header.Values("Set-Cookie"))
	}
	for _, path := range []string{"/consultations", "/consultations/" + ttConsA, "/api/consultations/" + ttConsA + "/results"} {
		if r := w.open(c, path); !ttSignedOut(r) {
			t.Errorf("after sign-out GET %s = %d, want the sign-in page or 401", path, r.status)
		}
	}

	// A copy of the cookie taken before signing out (another tab, a shared computer's saved
	// profile, a stolen cookie) must not work after it either.
	replay := w.client("replay", "")
	for _, path := range []string{"/consultations", "/api/consultations/" + ttConsA + "/results"} {
		if r := w.open(replay, path, "Cookie", "consulta="+old); !ttSignedOut(r) {
			t.Errorf("the cookie from before sign-out still works: GET %s = %d, want the sign-in page or 401", path, r.status)
		}
	}
}

func TestAccountSessionExpires(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	c := w.signedIn("plan-A", ttPlannerA)
	w.clock.Advance(11*time.Hour + 59*time.Minute)
	if r := w.open(c, "/consultations"); r.status != http.StatusOK {
		t.Fatalf("after 11h59m GET /consultations = %d, want 200", r.status)
	}
	w.clock.Advance(2 * time.Minute)
	for _, path := range []string{"/consultations", "/consultations/" + ttConsA + "/results", "/api/consultations/" + ttConsA + "/results"} {
		if r := w.open(c, path); !ttSignedOut(r) {
			t.Errorf("after 12h01m GET %s = %d, want the sign-in page or 401", path, r.status)
		}
	}
	if r := w.send(c, "/consultations/"+ttConsA+"/status", url.Values{"status": {store.StatusClosed}}); r.status != http.StatusUnauthorized {
		t.Errorf("after 12h01m POST status = %d, want 401", r.status)
	}
	w.signIn(c, ttPlannerA)
	if r := w.open(c, "/consultations"); r.status != http.StatusOK {
		t.Errorf("signed in again, GET /consultations = %d", r.status)
	}
}

func TestAccountSetupLink(t *testing.T) {
	t.Parallel()
	token := "setup-" + ttUUID()
	w := newTwoTowns(t, ttOptions{noAccounts: true, config: func(c *web.Config) { c.SetupToken = token }})
	ctx := context.Background()
	link := "/setup/" + token
	password := "una clave larga para la primera administradora"
	anon := w.client("anon", "")

	if r := w.open(anon, "/setup/not-"+token); r.status != http.StatusNotFound {
		t.Errorf("GET a wrong setup link = %d, want 404", r.status)
	}
	if r := w.open(anon, link); r.status != http.StatusOK || !strings.Contains(r.body, `action="`+link+`"`) {
		t.Fatalf("GET the setup link = %d, want 200 with its form", r.status)
	}
	// A mistake does not use the link up.
	if r := w.send(anon, link, url.Values{"name": {"primera-admin"}, "password": {"corta"}, "password2": {"corta"}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("setup with a short password = %d, want 422", r.status)
	}
	if r := w.send(anon, link, url.Values{"name": {"primera-admin"}, "password": {password}, "password2": {password + "x"}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("setup with passwords that differ = %d, want 422", r.status)
	}
	if r := w.send(anon, link, url.Values{"name": {"primera-admin"}, "password": {password}, "password2": {password}},
		"Sec-Fetch-Site", "cross-site"); r.status != http.StatusForbidden {
		t.Errorf("cross-site setup = %d, want 403", r.status)
	}
	if users, _ := w.st.Users(ctx); len(users) != 0 {
		t.Fatalf("failed setups created %d accounts", len(users))
	}

	// Five people open the link at once: one admin is created, the others find nothing.
	const n = 5
	browsers := make([]*ttClient, n)
	replies := make([]*reply, n)
	for i := range browsers {
		browsers[i] = w.client("setup-"+strconv.Itoa(i), "")
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			replies[i], _ = w.try(browsers[i], link, url.Values{"name": {"admin-" + strconv.Itoa(i)}, "password": {password}, "password2": {password}})
		})
	}
	wg.Wait()
	winner := -1
	for i, r := range replies {
		switch {
		case r == nil:
			t.Errorf("setup %d: no answer", i)
		case r.status == http.StatusSeeOther && r.header.Get("Location") == "/admin/municipalities":
			if winner >= 0 {
				t.Errorf("setup links %d and %d both created an admin", winner, i)
			}
			winner = i
		case r.status != http.StatusNotFound:
			t.Errorf("setup %d = %d, want 303 (the first) or 404", i, r.status)
		}
	}
	if winner < 0 {
		t.Fatal("no setup created the first admin")
	}
	name := "admin-" + strconv.Itoa(winner)
	users, err := w.st.Users(ctx)
	if err != nil || len(users) != 1 || users[0].Name != name || users[0].Role != store.RoleAdmin || users[0].Disabled {
		t.Fatalf("accounts after setup: %+v %v, want one admin %s", users, err, name)
	}
	if r := w.open(browsers[winner], "/admin/municipalities"); r.status != http.StatusOK {
		t.Errorf("the first admin is not signed in: GET /admin/municipalities = %d", r.status)
	}
	entries := w.auditLog()
	if len(entries) != 1 || entries[0].Action != "user.create" || entries[0].UserName != name || entries[0].Target != name {
		t.Errorf("audit after setup = %+v, want one user.create by and of %s", entries, name)
	}

	// The link is spent.
	if r := w.open(anon, link); r.status != http.StatusNotFound {
		t.Errorf("GET the setup link again = %d, want 404", r.status)
	}
	if r := w.send(anon, link, url.Values{"name": {"segunda-admin"}, "password": {password}, "password2": {password}}); r.status != http.StatusNotFound {
		t.Errorf("POST the setup link again = %d, want 404", r.status)
	}
	if users, _ := w.st.Users(ctx); len(users) != 1 {
		t.Errorf("accounts after the link was spent: %d, want 1", len(users))
	}
}

func TestAccountDisabled(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	ctx := context.Background()
	fac := w.users[ttFacA]
	// This account's password is hashed exactly as `consulta user add` does.
	hash, err := auth.HashPassword(ttPassword(ttFacA))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.st.SetPassword(ctx, fac.ID, hash); err != nil {
		t.Fatal(err)
	}
	token := w.newToken(ttFacA)
	admin := w.signedIn("admin", ttAdmin)
	tablet := w.signedIn("tablet", ttFacA)
	script := w.client("script", "")
	script.bearer = token
	if r := w.open(script, "/api/consultations/"+ttConsA+"/survey"); r.status != http.StatusOK {
		t.Fatalf("the facilitator's token before disabling = %d", r.status)
	}

	form := url.Values{"role": {store.RoleFacilitator}, "municipality": {strconv.FormatInt(w.muniA, 10)}, "disabled": {"on"}}
	if r := w.send(admin, "/admin/users/"+strconv.FormatInt(fac.ID, 10), form); r.status != http.StatusSeeOther {
		t.Fatalf("disable the account = %d, want 303", r.status)
	}
	if u, err := w.st.User(ctx, fac.ID); err != nil || !u.Disabled {
		t.Fatalf("account after disabling: %+v %v", u, err)
	}
	if e := w.auditLog()[0]; e.Action != "user.update" || e.UserName != ttAdmin || e.Target != ttFacA {
		t.Errorf("audit of disabling = %+v", e)
	}

	// The browser already signed in loses its session; the token stops working.
	if r := w.open(tablet, "/consultations"); !ttSignedOut(r) {
		t.Errorf("a disabled account's session still works: GET /consultations = %d", r.status)
	}
	if r := w.open(script, "/api/consultations/"+ttConsA+"/survey"); r.status != http.StatusUnauthorized {
		t.Errorf("a disabled account's token = %d, want 401", r.status)
	}
	// The right password is answered exactly like a wrong one: nothing says the account is disabled.
	fresh := w.client("fresh", "127.0.0.5")
	right := w.send(fresh, "/signin", url.Values{"name": {ttFacA}, "password": {ttPassword(ttFacA)}})
	wrong := w.send(fresh, "/signin", url.Values{"name": {ttFacA}, "password": {"not the password"}})
	if right.status != http.StatusUnauthorized || ttFlash(right) != web.T("es", "auth.wrong") {
		t.Errorf("a disabled account signing in = %d %q, want 401 %q", right.status, ttFlash(right), web.T("es", "auth.wrong"))
	}
	if right.status != wrong.status || right.body != wrong.body {
		t.Errorf("a disabled account's right password is answered unlike a wrong one")
	}
	if ck := ttSetCookie(right, "consulta"); ck != nil {
		t.Errorf("a disabled account got a session cookie")
	}

	// Enabled again, it signs in.
	delete(form, "disabled")
	if r := w.send(admin, "/admin/users/"+strconv.FormatInt(fac.ID, 10), form); r.status != http.StatusSeeOther {
		t.Fatalf("enable the account = %d, want 303", r.status)
	}
	w.signIn(fresh, ttFacA)
}
