package demo_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"sort"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"consulta/internal/demo"
	"consulta/internal/plan"
	"consulta/internal/results"
	"consulta/internal/store"
	"consulta/internal/survey"
	"consulta/surveys"
)

var now = time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC)

// demoDB opens a temp store with the shipped surveys saved, as serve does before loading the demo.
func demoDB(t *testing.T) (*store.Store, string, map[string]*survey.Survey) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	loaded, problems := survey.LoadFS(surveys.FS, ".")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	byID := map[string]*survey.Survey{}
	for _, sv := range loaded {
		if err := st.SaveSurvey(context.Background(), sv); err != nil {
			t.Fatal(err)
		}
		byID[sv.ID] = sv
	}
	return st, path, byID
}

func readOnly(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// stored is one response as read back from the rows: its profile columns and its answers.
type stored struct {
	consultation, version      string
	grp, gender, age, disabled string
	choices                    map[string][]string // select and yes_no rows, rank in order of position
	positions                  map[string][]int
	numbers                    map[string]int
	texts                      map[string]string
}

func readAll(t *testing.T, db *sql.DB) map[string]*stored {
	t.Helper()
	// What people wrote, from the answers table; every other answer is packed with its response.
	texts := map[string]map[string]string{}
	trows, err := db.Query(`SELECT r.id, a.question, a.text FROM answers a JOIN responses r ON r.rid = a.rid WHERE a.text IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer trows.Close()
	for trows.Next() {
		var id, q, text string
		if err := trows.Scan(&id, &q, &text); err != nil {
			t.Fatal(err)
		}
		if texts[id] == nil {
			texts[id] = map[string]string{}
		}
		texts[id][q] = text
	}
	if err := trows.Err(); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT id, consultation_id, survey_version, coalesce(grp, ''), coalesce(gender, ''),
		coalesce(age_band, ''), coalesce(disability, ''), answers_packed FROM responses`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]*stored{}
	for rows.Next() {
		var id string
		var packed []byte
		s := &stored{choices: map[string][]string{}, positions: map[string][]int{}, numbers: map[string]int{}, texts: map[string]string{}}
		if err := rows.Scan(&id, &s.consultation, &s.version, &s.grp, &s.gender, &s.age, &s.disabled, &packed); err != nil {
			t.Fatal(err)
		}
		answers, err := store.PackedAnswers(packed, texts[id])
		if err != nil {
			t.Fatalf("answers of %s: %v", id, err)
		}
		for _, a := range answers {
			switch {
			case a.Number != nil:
				s.numbers[a.Question] = *a.Number
			case a.Text != "":
				s.texts[a.Question] = a.Text
			case a.Choice != "":
				s.choices[a.Question] = append(s.choices[a.Question], a.Choice)
				if a.Position > 0 {
					s.positions[a.Question] = append(s.positions[a.Question], a.Position)
				}
			}
		}
		out[id] = s
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// raw rebuilds the JSON answers a respondent would have sent, from the stored rows alone.
func (s *stored) raw(t *testing.T, sv *survey.Survey) map[string]json.RawMessage {
	t.Helper()
	out := map[string]json.RawMessage{}
	put := func(q string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[q] = b
	}
	seen := map[string]bool{}
	for _, q := range sv.Questions {
		if n, ok := s.numbers[q.ID]; ok {
			put(q.ID, n)
		}
		if v, ok := s.texts[q.ID]; ok {
			put(q.ID, v)
		}
		cs, ok := s.choices[q.ID]
		if !ok {
			continue
		}
		seen[q.ID] = true
		switch q.Type {
		case survey.SelectMultiple:
			put(q.ID, cs)
		case survey.Rank:
			ps := s.positions[q.ID]
			if len(ps) != len(cs) {
				t.Fatalf("rank %s: %d choices with %d positions", q.ID, len(cs), len(ps))
			}
			ordered := make([]string, len(cs))
			for i, p := range ps {
				if p < 1 || p > len(cs) || ordered[p-1] != "" {
					t.Fatalf("rank %s: positions %v are not 1..%d", q.ID, ps, len(cs))
				}
				ordered[p-1] = cs[i]
			}
			put(q.ID, ordered)
		case survey.YesNo:
			switch cs[0] {
			case "yes":
				put(q.ID, true)
			case "no":
				put(q.ID, false)
			default:
				put(q.ID, cs[0])
			}
		default:
			if len(cs) != 1 {
				t.Fatalf("%s has %d rows, want 1", q.ID, len(cs))
			}
			put(q.ID, cs[0])
		}
	}
	for q := range s.choices {
		if !seen[q] {
			t.Fatalf("rows for %q, which is not a question of %s", q, sv.ID)
		}
	}
	return out
}

func TestLoad(t *testing.T) {
	st, path, byID := demoDB(t)
	ctx := context.Background()
	if err := demo.Load(ctx, st, byID, now); err != nil {
		t.Fatalf("Load: %v", err)
	}
	db := readOnly(t, path)
	counts := func() map[string]int {
		out := map[string]int{}
		for _, id := range []string{demo.Community, demo.Child} {
			n, err := st.CountResponses(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			out[id] = n
		}
		return out
	}
	for _, d := range []struct{ id, survey string }{{demo.Community, "community-consultation"}, {demo.Child, "child-listening"}} {
		c, err := st.Consultation(ctx, d.id)
		if err != nil {
			t.Fatalf("consultation %s: %v", d.id, err)
		}
		if c.Status != store.StatusOpen || c.SurveyID != d.survey {
			t.Errorf("%s = %s of %s, want open of %s", d.id, c.Status, c.SurveyID, d.survey)
		}
	}
	first := counts()
	for id, n := range first {
		if n != demo.Responses {
			t.Errorf("%s has %d responses, want %d", id, n, demo.Responses)
		}
	}
	var sessions, municipalities int
	db.QueryRow(`SELECT count(*) FROM sessions`).Scan(&sessions)
	db.QueryRow(`SELECT count(*) FROM municipalities`).Scan(&municipalities)

	// Loading again (every restart of serve --demo) adds nothing.
	if err := demo.Load(ctx, st, byID, now.Add(24*time.Hour)); err != nil {
		t.Fatalf("Load again: %v", err)
	}
	if again := counts(); again[demo.Community] != first[demo.Community] || again[demo.Child] != first[demo.Child] {
		t.Errorf("loading twice: %v, then %v", first, again)
	}
	var sessions2, municipalities2 int
	db.QueryRow(`SELECT count(*) FROM sessions`).Scan(&sessions2)
	db.QueryRow(`SELECT count(*) FROM municipalities`).Scan(&municipalities2)
	if sessions2 != sessions || municipalities2 != municipalities || municipalities != 1 {
		t.Errorf("loading twice: sessions %d then %d, municipalities %d then %d", sessions, sessions2, municipalities, municipalities2)
	}

	// Every kiosk response belongs to a session of its own consultation.
	var stray int
	db.QueryRow(`SELECT count(*) FROM responses r JOIN sessions s ON s.id = r.session_id
		WHERE s.consultation_id != r.consultation_id`).Scan(&stray)
	if stray != 0 {
		t.Errorf("%d responses are in a session of another consultation", stray)
	}

	// Every stored response, read back from its rows, passes the same check as a real submission.
	all := readAll(t, db)
	if want := 2*demo.Responses + demo.PlanAdultResponses + demo.PlanChildResponses + demo.PlanFollowUpResponses; len(all) != want {
		t.Fatalf("read %d responses, want %d", len(all), want)
	}
	svOf := map[string]*survey.Survey{demo.Community: byID["community-consultation"], demo.Child: byID["child-listening"]}
	for _, id := range []string{demo.PlanAdult, demo.PlanChild, demo.PlanFollowUp} {
		c, err := st.Consultation(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		ps, err := st.PlanSurveySource(ctx, c.SurveyID)
		if err != nil {
			t.Fatal(err)
		}
		sv, probs := survey.Parse(id+".yaml", ps.Source)
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		svOf[id] = sv
	}
	bad := 0
	for id, r := range all {
		sv := svOf[r.consultation]
		if r.version != sv.Version {
			t.Fatalf("%s stored with version %s, want %s", id, r.version, sv.Version)
		}
		checked, errs := sv.Check(r.raw(t, sv))
		if len(errs) > 0 {
			if bad++; bad <= 5 {
				t.Errorf("%s (%s) fails the survey's check: %s: %s", id, r.consultation, errs[0].Question, errs[0].Message("en"))
			}
			continue
		}
		p := survey.ProfileOf(checked)
		if (survey.Profile{Group: r.grp, Gender: r.gender, AgeBand: r.age, Disability: r.disabled}) != p {
			if bad++; bad <= 5 {
				t.Errorf("%s: stored profile %s/%s/%s/%s, answers give %+v", id, r.grp, r.gender, r.age, r.disabled, p)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d responses fail the check", bad, len(all))
	}

	// Groups really differ, as the demo charts claim.
	var community []*stored
	for _, r := range all {
		if r.consultation == demo.Community {
			community = append(community, r)
		}
	}
	share := func(groups ...string) (float64, int) {
		asked, named := 0, 0
		for _, r := range community {
			if !contains(groups, r.grp) || len(r.choices["barriers"]) == 0 {
				continue
			}
			asked++
			if contains(r.choices["barriers"], "discrimination") {
				named++
			}
		}
		if asked == 0 {
			return 0, 0
		}
		return float64(named) / float64(asked), asked
	}
	displacedShare, nd := share("refugee", "migrant")
	hostShare, nh := share("host")
	if nd < 50 || nh < 50 {
		t.Fatalf("too few respondents to compare: %d refugees and migrants, %d hosts", nd, nh)
	}
	if displacedShare < 2*hostShare || displacedShare == 0 {
		t.Errorf("discrimination named by %.1f%% of refugees and migrants, %.1f%% of hosts; want at least double",
			100*displacedShare, 100*hostShare)
	}
	mean := func(gender string) (float64, int) {
		sum, n := 0, 0
		for _, r := range community {
			if v, ok := r.numbers["safety_night"]; ok && r.gender == gender {
				sum += v
				n++
			}
		}
		if n == 0 {
			return 0, 0
		}
		return float64(sum) / float64(n), n
	}
	women, nw := mean("female")
	men, nm := mean("male")
	if nw < 50 || nm < 50 || women >= men {
		t.Errorf("mean safety at night: women %.2f (n=%d), men %.2f (n=%d); want women lower", women, nw, men, nm)
	}
	planStory(t, st, svOf)

	// The demo draws from every relevant part of the survey: each select choice of the profile appears.
	groups := map[string]int{}
	for _, r := range community {
		groups[r.grp]++
	}
	var names []string
	for g := range groups {
		names = append(names, g)
	}
	sort.Strings(names)
	for _, g := range []string{"host", "displaced", "refugee", "returnee", "migrant"} {
		if groups[g] == 0 {
			t.Errorf("no demo respondent in group %s (groups: %v)", g, names)
		}
	}

	// A first start stopped before demo-child was made leaves demo-community filled and no
	// demo-child; the next start must still create it. (Done on this database: a fill is slow under -race.)
	dropConsultation(t, path, demo.Child)
	if err := demo.Load(ctx, st, byID, now); err != nil {
		t.Fatalf("Load after an interrupted start: %v", err)
	}
	if c, err := st.Consultation(ctx, demo.Child); err != nil || c.Status != store.StatusOpen {
		t.Fatalf("%s after an interrupted start: %+v, %v; want it open", demo.Child, c, err)
	}
	if n, _ := st.CountResponses(ctx, demo.Child); n != demo.Responses {
		t.Errorf("%s has %d responses after an interrupted start, want %d", demo.Child, n, demo.Responses)
	}
	if n, _ := st.CountResponses(ctx, demo.Community); n != demo.Responses {
		t.Errorf("%s has %d responses after an interrupted start, want %d", demo.Community, n, demo.Responses)
	}
}

// dropConsultation removes a consultation with its sessions, responses and answers, from outside the store.
func dropConsultation(t *testing.T, path, id string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`DELETE FROM answers WHERE rid IN (SELECT rid FROM responses WHERE consultation_id = ?)`,
		`DELETE FROM responses WHERE consultation_id = ?`,
		`DELETE FROM sessions WHERE consultation_id = ?`,
		`DELETE FROM consultations WHERE id = ?`,
	} {
		if _, err := db.Exec(q, id); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// planStory checks the demo plan tells the story it is for: items with broad consensus, displaced
// people and hosts divided on the documents office, women and men on safe routes, children on parks.
func planStory(t *testing.T, st *store.Store, svOf map[string]*survey.Survey) {
	t.Helper()
	ctx := context.Background()
	ps, err := st.Plans(ctx, nil, true)
	if err != nil || len(ps) != 1 {
		t.Fatalf("plans: %d, %v", len(ps), err)
	}
	p, err := st.Plan(ctx, ps[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.State != plan.Validated || len(p.Axes) != 4 || len(p.Items) < 10 || len(p.History) != 3 {
		t.Fatalf("demo plan: %s, %d axes, %d items, %d state changes", p.State, len(p.Axes), len(p.Items), len(p.History))
	}
	if p.Item("S1").Evidence[0].Snapshot == nil {
		t.Errorf("no evidence snapshot on S1")
	}
	report := func(id string) *results.Report {
		d := results.NewDataset()
		b := d.Batch()
		if _, err := st.ResultRows(ctx, id, store.Position{}, func(r store.ResultResponse) {
			b.Response(r.RID, r.Key, r.Session, r.Channel, r.Group, r.Gender, r.AgeBand, r.Disability, r.Day)
		}, func(a store.ResultAnswer) {
			b.AnswerBytes(a.RID, a.Question, a.Choice, a.Position, a.Number, a.HasNumber, a.HasText)
		}); err != nil {
			t.Fatal(err)
		}
		b.Commit()
		return results.Aggregate(d, svOf[id], id, results.Filter{}, 5)
	}
	adult, child := report(demo.PlanAdult), report(demo.PlanChild)
	rd := plan.ReadRound(adult, p, plan.Adult)
	broad := 0
	for _, it := range rd.Items {
		if it.Consensus.Broad {
			broad++
		}
	}
	// D3 may well have broad consensus across population groups: women and men divide within each.
	if broad < 3 || rd.Item("D1").Consensus.Broad {
		t.Errorf("broad consensus on %d items (want ≥ 3), D1 %v", broad, rd.Item("D1").Consensus)
	}
	flag := map[string]bool{}
	for _, d := range plan.Divergences(adult, child, p) {
		if d.Flag {
			flag[d.Code+" "+d.Kind+" "+d.Side] = true
		}
	}
	for _, want := range []string{"D1 group_vs_rest host", "D3 women_vs_men female", "P1 children_vs_adults child"} {
		if !flag[want] {
			t.Errorf("no divergence %q among %v", want, flag)
		}
	}
	if flag["S2 group_vs_rest host"] || flag["S2 women_vs_men female"] {
		t.Errorf("water, a consensus item, is flagged: %v", flag)
	}
	moved := 0
	for _, o := range rd.Order {
		if o.Move != 0 {
			moved++
		}
	}
	if moved == 0 {
		t.Errorf("the community order is the proposed order: %+v", rd.Order)
	}
}

// TestDemoDecisions: the demo plan's published version decides every item (some moved, one
// added from "missing", one dropped with its reasons), half the items have a status, and the
// follow-up question has its answers.
func TestDemoDecisions(t *testing.T) {
	st, _, byID := demoDB(t)
	ctx := context.Background()
	if err := demo.Load(ctx, st, byID, now); err != nil {
		t.Fatal(err)
	}
	plans, err := st.Plans(ctx, nil, true)
	if err != nil || len(plans) != 1 {
		t.Fatalf("plans: %v %v", plans, err)
	}
	p, _ := st.Plan(ctx, plans[0].ID)
	vs, err := st.Versions(ctx, p.ID)
	if err != nil || len(vs) != 1 || !vs[0].Published() {
		t.Fatalf("versions: %+v %v", vs, err)
	}
	kinds := map[string]int{}
	for _, d := range vs[0].Decisions {
		kinds[d.Kind]++
		if !d.Keeps() && d.ChildReason["es"] == "" {
			t.Errorf("%s is a no without a reason for children", d.Code)
		}
	}
	for _, it := range p.Items {
		if vs[0].Decision(it.Code) == nil {
			t.Errorf("no decision about %s", it.Code)
		}
	}
	if kinds[plan.Added] != 1 || kinds[plan.Dropped] != 1 || kinds[plan.MovedUp] < 2 {
		t.Errorf("decision kinds: %v", kinds)
	}
	sts, _ := st.Statuses(ctx, p.ID)
	if len(sts)*2 < len(vs[0].Items) {
		t.Errorf("%d statuses for %d items", len(sts), len(vs[0].Items))
	}
	if fu, _ := st.FollowUp(ctx, p.ID); fu != demo.PlanFollowUp {
		t.Errorf("follow-up consultation %q", fu)
	}
}
