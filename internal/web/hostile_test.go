package web_test

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"consulta/internal/auth"
	"consulta/internal/store"
	"consulta/internal/web"
)

// hostileRead is the read timeout the hostile test runs the production server with.
const hostileRead = 2 * time.Second

const hostileAPI = "/api/consultations/" + communityID + "/responses"

// Markup a respondent may type; no page may ever carry it unescaped.
const (
	scriptPayload = `</script><script>alert(1)</script>`
	imgPayload    = `<img src=x onerror=alert(1)>`
	sqlPayload    = `'); DROP TABLE responses;--`
	formulaText   = `=HYPERLINK("http://evil.example","clic")`
	// Zero-width joiners in a family emoji, a right-to-left override, a zero-width space, a flag.
	oddUnicode = "familia 👩\u200d👩\u200d👧 \u202eodnum\u202c y\u200bya 🇨🇷 ñandú"
)

// syncLog collects the server's log while requests write to it.
type syncLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// hostileCase is one bad request and what the server must answer.
type hostileCase struct {
	name     string
	method   string   // POST when empty
	path     string   // the community responses API when empty
	header   []string // name, value pairs; API posts get Content-Type application/json unless set here
	body     string
	id       string // the response id the body carries, "" when none
	status   int
	says     string // what the reply must say, as a person reads it
	question string // for 422: the question an error names
	stored   string // for 201: what first_priority must be stored as, byte for byte
	gender   string // for 201: the gender the profile must hold
	// fresh sends on a new connection: on a kept-alive one net/http reads up to 4 KiB of the next
	// request before applying MaxHeaderBytes, so the header limit is 8 KiB looser there.
	fresh bool
}

func hostileUUID(n int) string { return fmt.Sprintf("%08x-0000-4000-8000-%012x", 0xbad00000+n, n) }

// hostileCases is the table of bad requests; the fuzz test seeds its corpus from the API bodies.
func hostileCases(version string) []hostileCase {
	n := 0
	next := func() string { n++; return hostileUUID(n) }
	answers := func(extra string) string {
		s := `{"group":"host","gender":"female","age_band":"age_30_59"`
		if extra != "" {
			s += "," + extra
		}
		return s + "}"
	}
	body := func(id, ans string) string {
		return fmt.Sprintf(`{"id":%q,"survey_version":%q,"language":"en","answers":%s}`, id, version, ans)
	}
	quote := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	api := func(name, extra string, status int, question, says string) hostileCase {
		id := next()
		return hostileCase{name: name, id: id, body: body(id, answers(extra)), status: status, question: question, says: says}
	}
	text := func(name, t string, status int, says, stored string) hostileCase {
		c := api(name, `"first_priority":`+quote(t), status, "first_priority", says)
		c.stored = stored
		return c
	}
	raw := func(name string, mk func(valid string) string, status int, says string) hostileCase {
		id := next()
		return hostileCase{name: name, id: id, body: mk(body(id, answers(""))), status: status, says: says}
	}
	formHeader := []string{"Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "same-origin"}
	form := func(name string, extra url.Values, header []string, status int, question, says string) hostileCase {
		id := next()
		f := url.Values{"_id": {id}, "_version": {version}, "_lang": {"en"},
			"group": {"host"}, "gender": {"female"}, "age_band": {"age_30_59"}}
		for k, v := range extra {
			f[k] = v
		}
		return hostileCase{name: name, path: "/c/" + communityID, header: header, body: f.Encode(), id: id,
			status: status, question: question, says: says}
	}
	many := func(id string, k int) string {
		return `"info_channels":["` + strings.Repeat(id+`","`, k-1) + id + `"]`
	}
	deep := func(depth int) string { return strings.Repeat("[", depth) + strings.Repeat("]", depth) }

	// The JSON decoder would turn the bytes into U+FFFD: refused instead, as the form refuses them.
	invalidUTF8 := api("invalid UTF-8 in a text answer", `"first_priority":"ab`+"\xff\xfe"+`cd"`, 422, "first_priority", "invalid characters")
	closed := api("closed consultation", "", 409, "", "consultation is not open")
	closed.path = "/api/consultations/" + closedID + "/responses"
	unknown := api("unknown consultation", "", 404, "", `Consultation "nope" does not exist`)
	unknown.path = "/api/consultations/nope/responses"
	plain := api("Content-Type text/plain with a JSON body is accepted", "", 201, "", "")
	plain.header = []string{"Content-Type", "text/plain"}
	lastWins := api("an answer given twice: the last one counts", `"gender":"male"`, 201, "", "")
	lastWins.gender = "male"
	badID := func() hostileCase {
		id := next()
		return hostileCase{name: "bad UUID", id: id, body: body("12345-not-a-uuid", answers("")), status: 422, question: "id", says: "id must be a UUID"}
	}()
	noVersion := func() hostileCase {
		id := next()
		return hostileCase{name: "missing survey_version", id: id,
			body:   fmt.Sprintf(`{"id":%q,"language":"en","answers":%s}`, id, answers("")),
			status: 422, question: "survey_version", says: `survey version "" is not known`}
	}()
	french := func() hostileCase {
		id := next()
		return hostileCase{name: "language not in the survey", id: id,
			body:   fmt.Sprintf(`{"id":%q,"survey_version":%q,"language":"fr","answers":%s}`, id, version, answers("")),
			status: 422, question: "language", says: `"fr"`}
	}()
	unknownField := func() hostileCase {
		id := next()
		return hostileCase{name: "unknown top-level field", id: id,
			body:   fmt.Sprintf(`{"id":%q,"survey_version":%q,"language":"en","answers":%s,"name":"Ana"}`, id, version, answers("")),
			status: 400, says: `Unknown field "name"`}
	}()
	nullAnswers := func() hostileCase {
		id := next()
		return hostileCase{name: "answers null", id: id,
			body:   fmt.Sprintf(`{"id":%q,"survey_version":%q,"language":"en","answers":null}`, id, version),
			status: 422, question: "answers", says: "the answers are missing"}
	}()

	return []hostileCase{
		// Malformed JSON.
		raw("truncated JSON", func(v string) string { return v[:len(v)-7] }, 400, "JSON is incomplete"),
		raw("trailing garbage", func(v string) string { return v + " garbage" }, 400, "more than one JSON value, or text after the object"),
		raw("trailing closing brace", func(v string) string { return v + "}" }, 400, "more than one JSON value, or text after the object"),
		raw("trailing closing bracket", func(v string) string { return v + "]" }, 400, "more than one JSON value, or text after the object"),
		raw("two JSON objects", func(v string) string { return v + "\n" + v }, 400, "more than one JSON value, or text after the object"),
		raw("an array at top level", func(v string) string { return "[" + v + "]" }, 400, "one JSON object was expected"),
		{name: "a string at top level", body: `"hello"`, status: 400, says: "one JSON object was expected"},
		{name: "empty body", body: "", status: 400, says: "body is empty"},
		raw("answers nested past the decoder's depth limit", func(v string) string {
			return strings.Replace(v, `"group":"host"`, `"group":`+deep(20000), 1)
		}, 400, "JSON is not valid near byte"),
		// Wrong types.
		raw("answers as an array", func(v string) string {
			return v[:strings.Index(v, `"answers":`)] + `"answers":["host","female"]}`
		}, 400, "answers"),
		nullAnswers,
		api("select_one answered with a number", `"past_consultation":3`, 422, "past_consultation", "choose one option"),
		api("rank answered with a string", `"top_services":"health"`, 422, "top_services", "must be a list of options"),
		api(`integer answered with the string "12"`, `"household_size":"12"`, 422, "household_size", "enter a number"),
		api(`yes_no answered with "yes"`, `"used_services":"yes"`, 422, "used_services", "answer yes or no"),
		api("scale 0", `"safety_day":0`, 422, "safety_day", "from 1 to 5"),
		api("scale 6", `"safety_day":6`, 422, "safety_day", "from 1 to 5"),
		api("scale 2.5", `"safety_day":2.5`, 422, "safety_day", "whole number"),
		api("integer past float64", `"household_size":1e309`, 422, "household_size", "enter a number"),
		api("integer below its min", `"household_size":-1`, 422, "household_size", "cannot be less than 1"),
		api("unknown question id", `"favourite_colour":"blue"`, 422, "favourite_colour", "not in the survey"),
		api("unknown choice", `"past_consultation":"maybe"`, 422, "past_consultation", `option "maybe" is not one of`),
		api("a choice repeated", `"info_channels":["radio","whatsapp","radio"]`, 422, "info_channels", `option "radio" appears twice`),
		api("rank of four when it takes three", `"top_services":["health","jobs","water","housing"]`, 422, "top_services", "rank at most 3"),
		api("a text with a NUL character", `"first_priority":"agua\u0000luz"`, 422, "first_priority", "control characters"),
		// Huge values.
		text("text of 100,000 bytes", strings.Repeat("a", 100_000), 413, "too large (the limit is 64 KiB)", ""),
		text("text of 2,000 characters against max_length 500", strings.Repeat("ñ", 2000), 422, "up to 500 characters and has 2000", ""),
		api("select_multiple with 10,000 valid items", many("radio", 10_000), 413, "", "too large"),
		api("select_multiple with 10,000 short unknown items", many("x", 10_000), 422, "info_channels", "more answers than options (8)"),
		// Text that must be stored as data, exactly.
		invalidUTF8,
		text("odd Unicode", oddUnicode, 201, "", oddUnicode),
		text("SQL-looking text", sqlPayload, 201, "", sqlPayload),
		text("script markup", scriptPayload, 201, "", scriptPayload),
		text("img markup", imgPayload, 201, "", imgPayload),
		text("formula-looking text", formulaText, 201, "", formulaText),
		lastWins,
		// The envelope.
		unknown,
		closed,
		badID,
		noVersion,
		french,
		unknownField,
		plain,
		// HTML forms and the HTTP layer.
		form("form over 64 KiB", url.Values{"first_priority": {strings.Repeat("a", 70<<10)}}, formHeader, 413, "", "too large"),
		form("form with a field repeated 1,000 times", url.Values{"group": slices.Repeat([]string{"host"}, 1000)}, formHeader,
			422, "", "choose one option"),
		form("form text with invalid UTF-8", url.Values{"first_priority": {"ab\xff\xfecd"}}, formHeader, 422, "", "invalid characters"),
		form("cross-site form post", nil, []string{"Content-Type", "application/x-www-form-urlencoded",
			"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"}, 403, "", "came from another website"),
		{name: "GET with a 70 KiB header", method: http.MethodGet, path: "/c/" + communityID,
			header: []string{"X-Padding", strings.Repeat("a", 70<<10)}, status: 431, says: "Request Header Fields Too Large", fresh: true},
	}
}

// hostileErrors is the documented error body of the API.
type hostileErrors struct {
	Error  string `json:"error"`
	Errors []struct {
		Question string `json:"question"`
		Message  string `json:"message"`
	} `json:"errors"`
}

// readable is what a person reads in a reply: the messages of a JSON error, the text of a page.
func readable(r *reply) string {
	if strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		var e hostileErrors
		if json.Unmarshal([]byte(r.body), &e) != nil {
			return r.body
		}
		parts := []string{e.Error}
		for _, fe := range e.Errors {
			parts = append(parts, fe.Question+": "+fe.Message)
		}
		return strings.Join(parts, "\n")
	}
	return r.text()
}

func hostileSend(client *http.Client, base string, tc hostileCase) (*reply, error) {
	method, path := cmp.Or(tc.method, http.MethodPost), cmp.Or(tc.path, hostileAPI)
	var body io.Reader
	if method != http.MethodGet {
		body = strings.NewReader(tc.body)
	}
	req, err := http.NewRequest(method, base+path, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept-Language", "en")
	if method == http.MethodPost && strings.HasPrefix(path, "/api/") {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(tc.header); i += 2 {
		req.Header.Set(tc.header[i], tc.header[i+1])
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	decoded := raw
	if res.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, err
		}
		if decoded, err = io.ReadAll(zr); err != nil {
			return nil, err
		}
	}
	return &reply{status: res.StatusCode, header: res.Header, body: string(decoded), raw: raw}, nil
}

func TestHostileInput(t *testing.T) {
	saved := web.Timeouts
	web.Timeouts.Read, web.Timeouts.ReadHeader = hostileRead, hostileRead
	t.Cleanup(func() { web.Timeouts = saved })

	logs := &syncLog{}
	fx := newFixtureServer(t, logs)
	ts := httptest.NewUnstartedServer(nil)
	ts.Config = fx.web.HTTPServer("127.0.0.1:0") // the production timeouts and header limit
	ts.Start()
	t.Cleanup(ts.Close)
	client := &http.Client{
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	t.Cleanup(client.CloseIdleConnections)
	fresh := &http.Client{Transport: &http.Transport{DisableCompression: true, DisableKeepAlives: true},
		CheckRedirect: client.CheckRedirect}
	a := &app{t: t, srv: ts, st: fx.st, dbPath: fx.dbPath, surveys: fx.surveys, client: client}
	db := a.db()

	created := map[string]bool{} // response ids that got 201 (API) or 303 (form)
	storedText := func(id string) ([]byte, error) {
		var b []byte
		err := db.QueryRow(`SELECT CAST(text AS BLOB) FROM answers
			WHERE rid = (SELECT rid FROM responses WHERE id = ?) AND question = 'first_priority'`, id).Scan(&b)
		return b, err
	}
	cases := hostileCases(a.community().Version)
	if len(cases) < 30 {
		t.Fatalf("the table has %d cases, want at least 30", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := client
			if tc.fresh {
				c = fresh
			}
			r, err := hostileSend(c, ts.URL, tc)
			if err != nil {
				t.Fatalf("no reply: %v", err)
			}
			if r.status == http.StatusCreated || r.status == http.StatusSeeOther {
				created[tc.id] = true
			}
			if r.status != tc.status {
				t.Fatalf("status = %d, want %d\n%s", r.status, tc.status, clipBody(readable(r)))
			}
			if r.status >= 400 && !strings.Contains(readable(r), tc.says) {
				t.Errorf("the reply does not say %q:\n%s", tc.says, clipBody(readable(r)))
			}
			if r.status == http.StatusUnprocessableEntity && strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
				var e hostileErrors
				dec := json.NewDecoder(strings.NewReader(r.body))
				dec.DisallowUnknownFields()
				if err := dec.Decode(&e); err != nil || len(e.Errors) == 0 {
					t.Fatalf("422 body is not the documented JSON (%v): %s", err, r.body)
				}
				named := false
				for _, fe := range e.Errors {
					if fe.Question == "" || fe.Message == "" {
						t.Errorf("error without question or message: %+v", fe)
					}
					named = named || (fe.Question == tc.question && strings.Contains(fe.Message, tc.says))
				}
				if tc.question != "" && !named {
					t.Errorf("no error names %q saying %q: %s", tc.question, tc.says, r.body)
				}
			}
			if r.status == http.StatusCreated && tc.stored != "" {
				got, err := storedText(tc.id)
				if err != nil {
					t.Fatalf("stored text: %v", err)
				}
				if string(got) != tc.stored {
					t.Errorf("stored %q, want %q", got, tc.stored)
				}
			}
			if r.status == http.StatusCreated && tc.gender != "" {
				resp, _, err := a.st.StoredResponse(context.Background(), tc.id)
				if err != nil || resp.Profile.Gender != tc.gender {
					t.Errorf("stored gender %v (%v), want %s", resp, err, tc.gender)
				}
			}
			if r.status != http.StatusCreated && r.status != http.StatusSeeOther && tc.id != "" {
				if _, _, err := a.st.StoredResponse(context.Background(), tc.id); err == nil {
					t.Errorf("refused with %d, yet stored", r.status)
				}
			}
		})
	}

	// The SQL-looking text was data: every table is still there.
	for _, table := range []string{"responses", "answers", "consultations", "survey_versions", "sessions", "users"} {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
			t.Errorf("table %s: %v", table, err)
		}
	}

	t.Run("a body sent one byte every 500 ms is cut off", func(t *testing.T) {
		id := hostileUUID(999)
		payload := fmt.Sprintf(`{"id":%q,"survey_version":%q,"language":"en","answers":{"group":"host","gender":"female","age_band":"age_30_59"}}`,
			id, a.community().Version)
		payload += strings.Repeat(" ", 1000-len(payload))
		conn, err := net.Dial("tcp", ts.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		start := time.Now()
		fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n",
			hostileAPI, ts.Listener.Addr())
		done := make(chan struct{})
		var writer sync.WaitGroup
		writer.Go(func() {
			for i := 0; i < len(payload); i++ {
				select {
				case <-done:
					return
				case <-time.After(500 * time.Millisecond):
				}
				if _, err := conn.Write([]byte{payload[i]}); err != nil {
					return
				}
			}
		})
		defer func() { close(done); writer.Wait() }()
		conn.SetReadDeadline(time.Now().Add(hostileRead + 10*time.Second))
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		cut := time.Since(start)
		outcome := "connection closed"
		if err == nil {
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			outcome = fmt.Sprintf("%d %s", res.StatusCode, bytes.TrimSpace(b))
			if res.StatusCode < 400 {
				t.Errorf("slow body answered %s", outcome)
			}
		} else if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Fatalf("the server still held the slow connection after %v", cut)
		}
		t.Logf("cut off after %v: %s", cut.Round(10*time.Millisecond), outcome)
		if cut > hostileRead+1500*time.Millisecond {
			t.Errorf("cut off after %v, want within the read timeout of %v", cut, hostileRead)
		}
		if _, _, err := a.st.StoredResponse(context.Background(), id); err == nil {
			t.Error("the slow body was stored")
		}
	})

	if r := a.get("/healthz"); r.status != http.StatusOK {
		t.Errorf("GET /healthz after the table = %d, want 200", r.status)
	}

	t.Run("an admin never sees the markup unescaped", func(t *testing.T) {
		crawlAsAdmin(t, a, logs)
	})

	// The database holds only responses that got 201, and every stored text is valid UTF-8.
	rows, err := db.Query(`SELECT id FROM responses`)
	if err != nil {
		t.Fatal(err)
	}
	var stored []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		stored = append(stored, id)
	}
	rows.Close()
	var want []string
	for id := range created {
		want = append(want, id)
	}
	slices.Sort(stored)
	slices.Sort(want)
	if !slices.Equal(stored, want) {
		t.Errorf("stored responses %v, want exactly those that got 201: %v", stored, want)
	}
	texts, err := db.Query(`SELECT question, CAST(text AS BLOB) FROM answers WHERE text IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer texts.Close()
	for texts.Next() {
		var q string
		var b []byte
		if err := texts.Scan(&q, &b); err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(b) {
			t.Errorf("answer %s stored with invalid UTF-8: %q", q, b)
		}
	}
	if strings.Contains(logs.String(), "panic") {
		t.Errorf("the server panicked:\n%s", logs)
	}
}

// crawlAsAdmin signs in as an administrator and fetches every page it can reach from the staff
// pages, checking that none carries a respondent's markup unescaped.
func crawlAsAdmin(t *testing.T, a *app, logs *syncLog) {
	ctx := context.Background()
	const name, password = "hostile-admin", "correct horse battery"
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.st.CreateUser(ctx, &store.User{Name: name, PasswordHash: hash, Role: store.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, Timeout: time.Minute} // bcrypt under -race on a busy machine is slow
	t.Cleanup(browser.CloseIdleConnections)
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/signin",
		strings.NewReader(url.Values{"name": {name}, "password": {password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Origin", a.srv.URL)
	res, err := browser.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Request.URL.Path == "/signin" {
		t.Fatalf("sign-in ended on %s with %d", res.Request.URL, res.StatusCode)
	}

	queue := []string{"/", "/consultations", "/consultations/" + communityID, "/consultations/" + closedID,
		"/consultations/" + childID, "/sessions/" + closedSes, "/admin/audit", "/admin/users", "/admin/municipalities",
		"/c/" + communityID, "/c/" + communityID + "?lang=en", "/api/consultations/" + communityID + "/survey",
		"/c/" + url.PathEscape(scriptPayload), "/consultations/" + url.PathEscape(imgPayload)}
	seen := map[string]bool{}
	href := regexp.MustCompile(`href="(/[^"/][^"]*|/)"`)
	types := map[string]int{}
	var showsText []string
	for len(queue) > 0 && len(seen) < 400 {
		path := queue[0]
		queue = queue[1:]
		if seen[path] {
			continue
		}
		seen[path] = true
		res, err := browser.Get(a.srv.URL + path)
		if err != nil {
			t.Errorf("GET %s: %v", path, err)
			continue
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode >= 500 {
			t.Errorf("GET %s = %d; the server logged:\n%s", path, res.StatusCode, errorLines(logs.String()))
		}
		ct, _, _ := strings.Cut(res.Header.Get("Content-Type"), ";")
		types[ct]++
		body := string(b)
		if ct == "text/csv" && regexp.MustCompile(`(^|[,;\t"])=HYPERLINK`).MatchString(body) {
			t.Errorf("GET %s: a spreadsheet would run the typed formula", path)
		}
		if ct == "text/csv" && strings.Contains(body, "HYPERLINK") {
			showsText = append(showsText, path)
		}
		if ct != "text/html" && ct != "application/json" {
			continue
		}
		lower := strings.ToLower(body)
		for _, raw := range []string{scriptPayload, imgPayload, "<script>alert(1)", "<img src=x onerror"} {
			if strings.Contains(lower, strings.ToLower(raw)) {
				t.Errorf("GET %s (%d) carries %q unescaped", path, res.StatusCode, raw)
			}
		}
		if strings.Contains(html.UnescapeString(body), imgPayload) || strings.Contains(body, `\u003cimg src=x onerror`) {
			showsText = append(showsText, path)
		}
		if ct != "text/html" {
			continue
		}
		for _, m := range href.FindAllStringSubmatch(body, -1) {
			next := html.UnescapeString(m[1])
			if strings.HasPrefix(next, "/static/") || seen[next] {
				continue
			}
			queue = append(queue, next)
		}
	}
	t.Logf("fetched %d pages as an admin (%v); these show the typed markup or formula, neutralised: %v", len(seen), types, showsText)
}

// errorLines are the ERROR lines of a server log.
func errorLines(log string) string {
	var out []string
	for line := range strings.Lines(log) {
		if strings.Contains(line, "level=ERROR") {
			out = append(out, strings.TrimSpace(line))
		}
	}
	return strings.Join(out, "\n")
}

func clipBody(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}
