package web_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/crypto/bcrypt"

	"consulta/internal/auth"
	"consulta/internal/domain"
	"consulta/internal/results"
	"consulta/internal/results/attack"
	"consulta/internal/store"
	"consulta/internal/survey"
)

// advPerson is one seeded respondent, in the order they arrived.
type advPerson struct {
	group, gender, age string
	session, channel   string
	day                string
	seeded             bool // one of the people in tiny cells, with distinctive answers
	key                uint32
}

// adversary is the outside test of issue 11, in `make test`: a planner fetches every output
// and filter, and tries to work back to the people in tiny cells.
type adversary struct {
	t      *testing.T
	url    string
	cookie *http.Client
	token  string
	st     *store.Store
	dbPath string
	sv     *survey.Survey
	people []*advPerson
	n      int
}

const advK = 5

// TestAdversaryCannotRecoverTinyCells seeds a consultation through the real store and server with
// background respondents and three people in tiny cells (1 refugee of gender "other", 2 returnee
// women) with distinctive answers, in their own session and on their own day. As a planner it
// fetches the JSON, CSV, XLSX, results page, printed report, "what we heard" and the staff grids
// under every filter a planner can set, before and after one more response, and attacks:
//   - no count from 1 to k−1 is published anywhere, and no "<5" label survives;
//   - every published report's record set is the one the documented rules give (checked by
//     computing its cell key and perturbed total from the stored record keys), and any two
//     reports, at one moment or two, differ by 0 or at least k people;
//   - one response more changes nothing a planner sees;
//   - the same group of people has the same numbers in every report;
//   - an exact-integer attacker over the perturbation table's support, with every row, column
//     and cross-report equation and knowing how many seeded people are in their cells, pins
//     down no seeded person's answer.
func TestAdversaryCannotRecoverTinyCells(t *testing.T) {
	if testing.Short() {
		t.Skip("the adversary fetches a few hundred outputs")
	}
	a := newAdversary(t)
	filters := a.filters()
	before := map[string]string{}
	reports := map[string]*results.Report{}
	for _, f := range filters {
		body := a.json(f)
		before[f] = body
		rep := decodeReport(t, f, body)
		reports[f] = rep
		checkNoSmallJSON(t, f, body)
		a.checkCSV(f)
	}
	a.checkPages()

	// Structure: each published report counts what the rules say; nested ones differ by ≥ k.
	sets := map[string][]int{}
	for _, f := range filters {
		rep := reports[f]
		set, withheld := a.model(f, a.n)
		if rep.Withheld != withheld && !(withheld == "" && rep.Withheld == results.WithheldLeftOut) {
			t.Errorf("%s: withheld %q, the rules say %q", f, rep.Withheld, withheld)
			continue
		}
		if rep.Withheld != "" {
			continue
		}
		n, key := len(set), uint32(0)
		for _, i := range set {
			key += a.people[i].key
		}
		if want := results.Perturb(n, key, advK); rep.Respondents.N != want {
			t.Errorf("%s: %d respondents published, the rules' record set of %d gives %d", f, rep.Respondents.N, n, want)
		}
		sets[f+" @"+strconv.Itoa(a.n)] = set
	}

	// One more response, distinctive, from the refugee of gender other's own session and day:
	// nothing a planner can see changes until k of them have come.
	a.add(&advPerson{group: "refugee", gender: "other", age: "age_60_plus", session: "adv-seed", channel: store.Kiosk, day: "2026-03-05", seeded: true})
	for _, f := range filters {
		if body := a.json(f); body != before[f] {
			t.Errorf("%s changed after one more response", f)
		}
	}
	// Four more complete the block: the reports move on by 5 people, never 1.
	for range 4 {
		a.add(&advPerson{group: "host", gender: "male", age: "age_30_59", session: "adv-main", channel: store.Kiosk, day: "2026-03-07"})
	}
	for _, f := range filters {
		body := a.json(f)
		checkNoSmallJSON(t, f+" (after)", body)
		rep := decodeReport(t, f, body)
		if set, withheld := a.model(f, a.n); withheld == "" && rep.Withheld == "" {
			sets[f+" @"+strconv.Itoa(a.n)] = set
		}
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range sets {
			if !yield(k) {
				return
			}
		}
	})
	for i, x := range names {
		for _, y := range names[i+1:] {
			// Any two reports, at one moment or two: their people differ by 0 or k or more
			// (counting both sides: where both hold people, a changed cell cannot be put down
			// to either side's few).
			in, out := difference(sets[x], sets[y]), difference(sets[y], sets[x])
			if in+out > 0 && in+out < advK {
				t.Errorf("%s and %s differ by %d and %d people", x, y, in, out)
			}
		}
	}

	// The planner can still see something: everyone, and the larger groups.
	for _, f := range []string{"", "only=gender:female", "only=group:host", "from=2026-03-01&to=2026-03-02"} {
		if reports[f].Withheld != "" {
			t.Errorf("%s is withheld (%s): the rules hide too much", f, reports[f].Withheld)
		}
	}
	a.attack(reports)
}

func newAdversary(t *testing.T) *adversary {
	ctx := context.Background()
	fx := newFixtureServer(t, io.Discard)
	srv := httptest.NewServer(fx.web.Handler())
	t.Cleanup(srv.Close)
	a := &adversary{t: t, url: srv.URL, st: fx.st, dbPath: fx.dbPath, sv: fx.surveys["community-consultation"]}
	mid, err := fx.st.EnsureMunicipality(ctx, "Los Chiles", "Costa Rica")
	if err != nil {
		t.Fatal(err)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte("adversary-planner-1"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	u := &store.User{Name: "adversary", PasswordHash: string(hash), Role: store.RolePlanner, Municipalities: []int64{mid}}
	if err := fx.st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	token, th := auth.NewToken()
	if _, err := fx.st.CreateToken(ctx, u.ID, th, "adversary"); err != nil {
		t.Fatal(err)
	}
	a.token = token
	for _, s := range []string{"adv-main", "adv-seed"} {
		if err := fx.st.CreateSession(ctx, &store.Session{ID: s, ConsultationID: communityID, Place: "Sala " + s,
			HeldOn: "2026-03-01", Facilitator: "facilitadora"}); err != nil {
			t.Fatal(err)
		}
	}
	// 80 background respondents over four days: host, displaced, refugee (women and men) and
	// returnee men; then the three in tiny cells on their own day and in their own session;
	// then 7 more. 90 in all: 18 whole blocks of 5.
	days := []string{"2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"}
	var background []*advPerson
	for i := range 80 {
		p := &advPerson{group: "host", gender: []string{"female", "male"}[i%2], age: []string{"age_18_29", "age_30_59"}[i/2%2],
			day: days[i/20], channel: store.Link}
		switch {
		case i%8 == 3 || i%8 == 5:
			p.group = "displaced"
		case i%8 == 6:
			p.group = "refugee"
		case i%8 == 7:
			p.group, p.gender = "returnee", "male"
		}
		if i%2 == 1 {
			p.channel, p.session = store.Kiosk, "adv-main"
		}
		background = append(background, p)
	}
	for _, p := range background {
		a.add(p)
	}
	a.add(&advPerson{group: "refugee", gender: "other", age: "age_60_plus", session: "adv-seed", channel: store.Kiosk, day: "2026-03-05", seeded: true})
	for range 2 {
		a.add(&advPerson{group: "returnee", gender: "female", age: "age_60_plus", session: "adv-seed", channel: store.Kiosk, day: "2026-03-05", seeded: true})
	}
	for i := range 7 {
		a.add(&advPerson{group: "host", gender: []string{"female", "male"}[i%2], age: "age_30_59", session: "adv-main", channel: store.Kiosk, day: "2026-03-06"})
	}
	jar, _ := cookiejar.New(nil)
	a.cookie = &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequest(http.MethodPost, a.url+"/signin", strings.NewReader(url.Values{"name": {"adversary"}, "password": {"adversary-planner-1"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Origin", a.url)
	res, err := a.cookie.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %d", res.StatusCode)
	}
	return a
}

// add stores one response through the real store, with answers drawn by answers, and reads its
// record key back as a tool with the database file could.
func (a *adversary) add(p *advPerson) {
	t := a.t
	ctx := context.Background()
	raw := map[string]json.RawMessage{}
	for id, v := range a.answers(p) {
		raw[id], _ = json.Marshal(v)
	}
	checked, errs := a.sv.Check(raw)
	if len(errs) > 0 {
		t.Fatalf("seeded answers refused: %s %s", errs[0].Question, errs[0].Message("en"))
	}
	day, _ := time.Parse(time.DateOnly, p.day)
	id := fmt.Sprintf("00000000-0000-4000-8000-%012d", a.n+1)
	r := &store.Response{ID: id, ConsultationID: communityID, SessionID: p.session, SurveyVersion: a.sv.Version,
		Language: "es", Channel: p.channel, Profile: survey.ProfileOf(checked), Answers: checked, ReceivedAt: day.Add(10 * time.Hour)}
	if _, err := a.st.SaveResponse(ctx, r, a.sv); err != nil {
		t.Fatal(err)
	}
	a.people = append(a.people, p)
	a.n++
}

func (a *adversary) dbKeys() ([]uint32, error) {
	db, err := sql.Open("sqlite", "file:"+a.dbPath+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.Query(`SELECT record_key FROM responses WHERE consultation_id = ? ORDER BY rid`, communityID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []uint32
	for rows.Next() {
		var k int64
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, uint32(k))
	}
	return out, rows.Err()
}

// keys reads the record keys, which no output shows: only the test, as the database's owner, may.
func (a *adversary) keys() {
	rows, err := a.dbKeys()
	if err != nil {
		a.t.Fatal(err)
	}
	for i, k := range rows {
		a.people[i].key = k
	}
}

// answers draws one person's answers in survey order: background people pick among the first
// choices, seeded people the last (distinctive) ones; every relevant question is answered.
func (a *adversary) answers(p *advPerson) map[string]any {
	ans := map[string]any{}
	get := func(id string) any {
		if n, ok := ans[id].(int); ok {
			return float64(n)
		}
		return ans[id]
	}
	for _, q := range a.sv.Questions {
		if !q.Answerable() || (q.Expr != nil && !q.Expr.Eval(get)) {
			continue
		}
		switch q.ID {
		case survey.Group:
			ans[q.ID] = p.group
			continue
		case survey.Gender:
			ans[q.ID] = p.gender
			continue
		case survey.AgeBand:
			ans[q.ID] = p.age
			continue
		}
		if slices.Contains(survey.WashingtonGroup, q.ID) {
			ans[q.ID] = "no_difficulty"
			continue
		}
		var ids []string
		for _, c := range q.Choices {
			if !c.Exclusive && c.ID != survey.PreferNot {
				ids = append(ids, c.ID)
			}
		}
		pick := a.n % 2
		switch q.Type {
		case survey.SelectOne:
			if p.seeded {
				ans[q.ID] = ids[len(ids)-1]
			} else {
				ans[q.ID] = ids[pick]
			}
		case survey.SelectMultiple:
			if p.seeded {
				ans[q.ID] = []string{ids[len(ids)-1]}
			} else {
				ans[q.ID] = []string{ids[0], ids[1]}[:1+pick]
			}
		case survey.Rank:
			n := min(q.Rank, len(ids))
			order := slices.Clone(ids)
			if p.seeded {
				slices.Reverse(order)
			}
			ans[q.ID] = order[:n]
		case survey.Scale:
			if p.seeded {
				ans[q.ID] = 1
			} else {
				ans[q.ID] = q.Points - pick
			}
		case survey.YesNo:
			ans[q.ID] = !p.seeded
		case survey.Integer:
			lo := 0
			if q.Min != nil {
				lo = *q.Min
			}
			ans[q.ID] = lo
		}
	}
	return ans
}

// filters is every filter a planner can set, alone and combined.
func (a *adversary) filters() []string {
	out := []string{""}
	for _, dim := range []struct {
		id     string
		values []string
	}{
		{results.ByGroup, append(results.Values(results.ByGroup), results.NotStated)},
		{results.ByGender, append(results.Values(results.ByGender), results.NotStated)},
		{results.ByAgeBand, append(domain.Values(domain.AgeBand), results.NotStated)},
		{results.ByDisability, append(results.Values(results.ByDisability), results.NotStated)},
	} {
		for _, v := range dim.values {
			out = append(out, "only="+dim.id+":"+v)
		}
	}
	for _, s := range []string{"adv-main", "adv-seed", "nosuch"} {
		out = append(out, "session="+s)
	}
	for _, c := range []string{store.Link, store.Kiosk, store.Paper} {
		out = append(out, "channel="+c)
	}
	days := []string{"2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07"}
	for i, from := range days {
		out = append(out, "from="+from, "to="+from)
		for _, to := range days[i:] {
			out = append(out, "from="+from+"&to="+to)
		}
	}
	out = append(out, "session=adv-seed&only=group:refugee", "channel=kiosk&only=gender:other", "session=adv-main&to=2026-03-04")
	return out
}

// model is the record set the documented rules give a filter when the first n people have
// answered: whole blocks of k in arrival order, dates by whole blocks, one kind of filter at a
// time, the first multiple of k of its people, at least 2k of them. Whether it overlaps
// another filter by too few is the server's to say; the pairs below check it did.
func (a *adversary) model(filter string, n int) ([]int, string) {
	q, _ := url.ParseQuery(filter)
	kinds := 0
	for _, set := range []bool{q.Get("session") != "", q.Get("channel") != "", q.Get("from") != "" || q.Get("to") != "", q.Get("only") != ""} {
		if set {
			kinds++
		}
	}
	if kinds > 1 {
		return nil, results.WithheldOneAtATime
	}
	cut := n / advK * advK
	from, to := q.Get("from"), q.Get("to")
	dim, value, _ := strings.Cut(q.Get("only"), ":")
	var set []int
	for b := 0; b < cut/advK; b++ {
		block := a.people[b*advK : (b+1)*advK]
		lo, hi := block[0].day, block[0].day
		for _, p := range block {
			lo, hi = min(lo, p.day), max(hi, p.day)
		}
		if (from != "" && lo < from) || (to != "" && hi > to) {
			continue
		}
		for i := b * advK; i < (b+1)*advK; i++ {
			p := a.people[i]
			if s := q.Get("session"); s != "" && p.session != s {
				continue
			}
			if c := q.Get("channel"); c != "" && p.channel != c {
				continue
			}
			if dim != "" {
				got := map[string]string{results.ByGroup: p.group, results.ByGender: p.gender, results.ByAgeBand: p.age,
					results.ByDisability: survey.WithoutDis}[dim]
				if got != value {
					continue
				}
			}
			set = append(set, i)
		}
	}
	set = set[:len(set)/advK*advK] // the first multiple of k of the filter's people
	if len(set) < 2*advK {
		return set, results.WithheldTooFew
	}
	return set, ""
}

func difference(x, y []int) int {
	n := 0
	for _, i := range x {
		if _, found := slices.BinarySearch(y, i); !found {
			n++
		}
	}
	return n
}

func (a *adversary) fetch(client *http.Client, path, bearer string) (int, []byte) {
	a.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, a.url+path, nil)
	req.Header.Set("Accept-Language", "en")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	res, err := client.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, body
}

func (a *adversary) json(filter string) string {
	if a.people[0].key == 0 {
		a.keys()
	}
	status, body := a.fetch(http.DefaultClient, "/api/consultations/"+communityID+"/results?"+filter, a.token)
	if status != http.StatusOK {
		a.t.Fatalf("results JSON %s: %d", filter, status)
	}
	return string(body)
}

func decodeReport(t *testing.T, f, body string) *results.Report {
	var rep results.Report
	if err := json.Unmarshal([]byte(body), &rep); err != nil {
		t.Fatalf("%s: %v", f, err)
	}
	if !strings.Contains(body, `"protection":"So that nobody can be identified`) {
		t.Errorf("%s: the JSON does not say how counts protect people", f)
	}
	return &rep
}

// checkNoSmallJSON walks every count in a JSON report: none from 1 to k−1.
func checkNoSmallJSON(t *testing.T, f, body string) {
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, y := range x {
				if n, ok := y.(float64); ok && (k == "n" || k == "answered" || k == "points") && n >= 1 && n < advK {
					t.Errorf("%s: %s.%s = %v", f, path, k, n)
				}
				walk(path+"."+k, y)
			}
		case []any:
			for i, y := range x {
				walk(fmt.Sprint(path, "[", i, "]"), y)
			}
		}
	}
	walk("", v)
}

func (a *adversary) checkCSV(filter string) {
	t := a.t
	status, body := a.fetch(a.cookie, "/consultations/"+communityID+"/results.csv?"+filter, "")
	if status != http.StatusOK {
		t.Fatalf("CSV %s: %d", filter, status)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff"))))
	r.FieldsPerRecord = -1 // the first line, the filter in words, is one field
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("CSV %s: %v", filter, err)
	}
	if len(recs) < 3 || !strings.HasPrefix(recs[1][0], "So that nobody can be identified") {
		t.Fatalf("CSV %s: the line after the heading should be the protection sentence: %q", filter, recs[:min(2, len(recs))])
	}
	for _, rec := range recs[1:] {
		for _, c := range []int{5, 6} {
			if n, err := strconv.Atoi(rec[c]); err == nil && n >= 1 && n < advK {
				t.Errorf("CSV %s: %v", filter, rec)
			}
		}
	}
}

var numberCell = regexp.MustCompile(`<td[^>]*>\s*(\d+)\b`)

// checkPages opens every page that shows numbers: none reads "<5" or a count from 1 to k−1 in
// its grids, and each says how counts protect people.
func (a *adversary) checkPages() {
	t := a.t
	pages := []string{"/consultations/" + communityID, "/sessions/adv-main", "/sessions/adv-seed", "/c/" + communityID + "/heard"}
	for _, f := range []string{"", "only=group:refugee", "session=adv-seed", "from=2026-03-05&to=2026-03-05", "only=gender:female"} {
		pages = append(pages, "/consultations/"+communityID+"/results?"+f, "/consultations/"+communityID+"/report?"+f,
			"/consultations/"+communityID+"/results.xlsx?"+f)
	}
	for _, p := range pages {
		status, body := a.fetch(a.cookie, p, "")
		if status != http.StatusOK {
			t.Errorf("%s: %d", p, status)
			continue
		}
		text := string(body)
		if strings.Contains(p, ".xlsx") {
			f, err := excelize.OpenReader(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			found := false
			for _, sheet := range f.GetSheetList() {
				rows, _ := f.GetRows(sheet)
				for _, r := range rows {
					for _, c := range r {
						found = found || strings.HasPrefix(c, "So that nobody can be identified")
						if c == "<5" {
							t.Errorf("%s shows a \"<5\" label", p)
						}
					}
				}
			}
			f.Close()
			if !found {
				t.Errorf("%s does not say how counts protect people", p)
			}
			continue
		}
		if strings.Contains(text, "&lt;5") || strings.Contains(text, "<5") {
			t.Errorf("%s shows a \"<5\" label", p)
		}
		if !strings.Contains(text, "nobody can be") && !strings.Contains(text, "nobody can be recognised") {
			t.Errorf("%s does not say how counts protect people", p)
		}
		if strings.HasPrefix(p, "/consultations/"+communityID+"/results") || strings.HasPrefix(p, "/consultations/"+communityID+"/report") {
			continue // result tables hold percentages; their counts are the JSON's, checked above
		}
		for _, m := range numberCell.FindAllStringSubmatch(text, -1) {
			if n, _ := strconv.Atoi(m[1]); n >= 1 && n < advK {
				t.Errorf("%s shows a count of %d", p, n)
			}
		}
	}
}

// attack builds, for each single-answer question, what the published numbers say of the true
// counts of every group of people by group and gender ("everyone", one group, one gender, one
// group × gender), from the full report and every report of one group or one gender. Each
// published row counts the first multiple of k of its people, so the attacker has, per group,
// the true count U and per answer C, and per published row its count T = U − s and cells
// c = C − e with s and e from 0 to k−1; spans from the perturbation table's support; every sum
// between groups; and, for questions everyone was asked, exactly how many seeded people each
// of their groups holds. The test fails if any seeded group's answer count is pinned at 1 or more.
func (a *adversary) attack(reports map[string]*results.Report) {
	t := a.t
	values := map[string][]string{
		results.ByGroup:  append(results.Values(results.ByGroup), results.NotStated),
		results.ByGender: append(results.Values(results.ByGender), results.NotStated),
	}
	type pr struct{ g, s string } // "" for any
	var preds []pr
	preds = append(preds, pr{})
	for _, g := range values[results.ByGroup] {
		preds = append(preds, pr{g: g})
	}
	for _, s := range values[results.ByGender] {
		preds = append(preds, pr{s: s})
	}
	for _, g := range values[results.ByGroup] {
		for _, s := range values[results.ByGender] {
			preds = append(preds, pr{g, s})
		}
	}
	seededIn := func(p pr) (int, bool) {
		if !((p.g == "refugee" && p.s == "other") || (p.g == "returnee" && p.s == "female")) {
			return 0, false
		}
		n := 0
		for _, x := range a.people[:90] {
			if x.seeded && x.group == p.g && x.gender == p.s {
				n++
			}
		}
		return n, true
	}
	pinned := 0
	for _, q := range reports[""].Questions {
		if q.Multi || q.Type == survey.Integer || q.Type == survey.Text {
			continue
		}
		cols := len(q.Tables[0].Columns)
		var spans []attack.Span
		var eqs []attack.Equation
		add := func(lo, hi int) int {
			spans = append(spans, attack.Span{Lo: lo, Hi: hi})
			return len(spans) - 1
		}
		bound := len(a.people)
		U, C := map[pr]int{}, map[pr][]int{}
		for _, p := range preds {
			U[p] = add(0, bound)
			for range cols {
				C[p] = append(C[p], add(0, bound))
			}
			eqs = append(eqs, attack.Equation{Total: U[p], Parts: C[p]})
		}
		sum := func(total pr, parts []pr) {
			var up []int
			for _, p := range parts {
				up = append(up, U[p])
			}
			eqs = append(eqs, attack.Equation{Total: U[total], Parts: up})
			for j := range cols {
				var cp []int
				for _, p := range parts {
					cp = append(cp, C[p][j])
				}
				eqs = append(eqs, attack.Equation{Total: C[total][j], Parts: cp})
			}
		}
		var byG, byS []pr
		for _, g := range values[results.ByGroup] {
			byG = append(byG, pr{g: g})
			var parts []pr
			for _, s := range values[results.ByGender] {
				parts = append(parts, pr{g, s})
			}
			sum(pr{g: g}, parts)
		}
		for _, s := range values[results.ByGender] {
			byS = append(byS, pr{s: s})
			var parts []pr
			for _, g := range values[results.ByGroup] {
				parts = append(parts, pr{g, s})
			}
			sum(pr{s: s}, parts)
		}
		sum(pr{}, byG)
		sum(pr{}, byS)
		// Each published row: a truncation of its group.
		for f, rep := range reports {
			var fixed pr
			switch {
			case f == "":
			case strings.HasPrefix(f, "only=group:") && !strings.Contains(f, "&"):
				fixed.g = strings.TrimPrefix(f, "only=group:")
			case strings.HasPrefix(f, "only=gender:") && !strings.Contains(f, "&"):
				fixed.s = strings.TrimPrefix(f, "only=gender:")
			default:
				continue
			}
			rq := findQuestion(rep, q.ID)
			if rep.Withheld != "" || rq == nil {
				continue
			}
			for _, tab := range rq.Tables {
				var rowPreds []pr
				switch tab.Dimension {
				case results.ByAll:
					rowPreds = []pr{fixed}
				case results.ByGroup:
					for _, g := range values[results.ByGroup] {
						rowPreds = append(rowPreds, pr{g: g, s: fixed.s})
					}
				case results.ByGender:
					for _, s := range values[results.ByGender] {
						rowPreds = append(rowPreds, pr{g: fixed.g, s: s})
					}
				case results.ByGroupGender:
					for _, g := range values[results.ByGroup] {
						for _, s := range values[results.ByGender] {
							rowPreds = append(rowPreds, pr{g, s})
						}
					}
				}
				for _, p := range rowPreds {
					if (fixed.g != "" && p.g != fixed.g) || (fixed.s != "" && p.s != fixed.s) {
						continue // nobody: the report is of one group or gender only
					}
					value := results.ByAll
					switch tab.Dimension {
					case results.ByGroup:
						value = p.g
					case results.ByGender:
						value = p.s
					case results.ByGroupGender:
						value = p.g + "|" + p.s
					}
					var r *results.Row
					for i := range tab.Rows {
						if tab.Rows[i].Value == value {
							r = &tab.Rows[i]
						}
					}
					T := add(0, advK-1) // absent: published 0
					if r != nil {
						lo, hi := results.Sources(r.N.N, advK)
						T = add(lo, hi)
					}
					s := add(0, advK-1)
					eqs = append(eqs, attack.Equation{Total: U[p], Parts: []int{T, s}})
					var cs, es []int
					for j := range cols {
						c := add(0, advK-1)
						if r != nil && r.Cells[j].Suppressed {
							c = add(0, spans[T].Hi)
						} else if r != nil {
							lo, hi := results.Sources(r.Cells[j].N, advK)
							c = add(lo, hi)
						}
						e := add(0, advK-1)
						eqs = append(eqs, attack.Equation{Total: C[p][j], Parts: []int{c, e}})
						cs, es = append(cs, c), append(es, e)
					}
					eqs = append(eqs, attack.Equation{Total: T, Parts: cs}, attack.Equation{Total: s, Parts: es})
				}
			}
		}
		targets := make([]bool, len(spans))
		for _, p := range preds {
			n, ok := seededIn(p)
			if !ok {
				continue
			}
			if a.sv.Question(q.ID).Relevant == "" {
				spans[U[p]] = attack.Span{Lo: n, Hi: n}
			}
			for _, c := range C[p] {
				targets[c] = true
			}
		}
		if !attack.Narrow(spans, eqs) {
			t.Errorf("%s: the attacker's equations have no solution: the test's model of the reports is wrong", q.ID)
			continue
		}
		for _, i := range forcedAny(spans, eqs, targets) {
			if spans[i].Lo >= 1 {
				pinned++
				t.Errorf("%s: the attacker pins down a seeded person's answer (variable %d = %d)", q.ID, i, spans[i].Lo)
			}
		}
	}
	t.Logf("exact-integer attacker: %d seeded answers pinned down", pinned)
}

// forcedAny returns the targets that take one value only in every solution.
// attackNodes bounds each exact search of the attacker.
const attackNodes = 20_000

func forcedAny(spans []attack.Span, eqs []attack.Equation, targets []bool) []int {
	var out []int
	for i, s := range spans {
		if !targets[i] {
			continue
		}
		values := 0
		for v := s.Lo; v <= s.Hi && values < 2; v++ {
			try := slices.Clone(spans)
			try[i] = attack.Span{Lo: v, Hi: v}
			// A search that runs out of its budget proves nothing either way: count the value as
			// possible (the attacker did not rule it out) rather than hang on an unlucky key draw.
			if ok, exhausted := attack.SolvableWithin(try, eqs, attackNodes); ok || exhausted {
				values++
			}
		}
		if values < 2 {
			out = append(out, i)
		}
	}
	return out
}

func findQuestion(rep *results.Report, id string) *results.Question {
	for i := range rep.Questions {
		if rep.Questions[i].ID == id {
			return &rep.Questions[i]
		}
	}
	return nil
}
