package web

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"consulta/internal/domain"
	"consulta/internal/results"
	"consulta/internal/store"
	"consulta/internal/survey"
)

// staff roles: everyone with an account works on consultations; only some manage them.
var (
	staffRoles   = []string{store.RoleAdmin, store.RolePlanner, store.RoleFacilitator}
	managerRoles = []string{store.RoleAdmin, store.RolePlanner}
)

type consultationsPage struct {
	Consultations []*store.Consultation
	CanCreate     bool
}

// consultationStaffList lists the consultations of the account's municipalities.
func (s *Server) consultationStaffList(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, staffRoles...)
	if !ok {
		return
	}
	cs, err := s.store.Consultations(r.Context(), u.Municipalities, u.Role == store.RoleAdmin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := consultationsPage{Consultations: cs, CanCreate: slices.Contains(managerRoles, u.Role)}
	s.render(w, r, http.StatusOK, "consultations", s.view(r, T(pickLanguage(r), "staff.consultations"), p))
}

type consultationForm struct {
	Title, SurveyID, Status, StartsOn, EndsOn string
	Titles, Descriptions                      survey.Label
	Municipality                              int64
	IdleMinutes                               int
}

type consultationNewPage struct {
	Form           consultationForm
	Errors         map[string]string
	Surveys        []*survey.Survey
	Municipalities []store.Municipality
}

func (s *Server) consultationNewPage(r *http.Request, u *store.User, f consultationForm, errs map[string]string) (*consultationNewPage, error) {
	all, err := s.store.Municipalities(r.Context())
	if err != nil {
		return nil, err
	}
	p := &consultationNewPage{Form: f, Errors: errs}
	for _, m := range all {
		if u.CanSee(m.ID) {
			p.Municipalities = append(p.Municipalities, m)
		}
	}
	for _, sv := range s.surveys {
		p.Surveys = append(p.Surveys, sv)
	}
	p.Surveys = append(p.Surveys, s.municipalSurveys(r, u)...)
	slices.SortFunc(p.Surveys, func(a, b *survey.Survey) int { return strings.Compare(a.ID, b.ID) })
	return p, nil
}

func (s *Server) consultationNew(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, managerRoles...)
	if !ok {
		return
	}
	today := s.now().Format(time.DateOnly)
	p, err := s.consultationNewPage(r, u, consultationForm{Status: store.StatusDraft, StartsOn: today, IdleMinutes: 3}, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "consultation_new", s.view(r, T(pickLanguage(r), "staff.new_consultation"), p))
}

var slugUnsafe = regexp.MustCompile(`[^a-z0-9]+`)

// slug makes a readable, URL-safe consultation id from its title, with a random tail.
func slug(title string) string {
	t := strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ñ", "n", "ü", "u", "ã", "a", "õ", "o", "ç", "c", "â", "a", "ê", "e", "ô", "o").
		Replace(strings.ToLower(title))
	t = strings.Trim(slugUnsafe.ReplaceAllString(t, "-"), "-")
	if len(t) > 40 {
		t = strings.TrimRight(t[:40], "-")
	}
	if t == "" {
		t = "consulta"
	}
	return t + "-" + newUUID()[:6]
}

func (s *Server) consultationCreate(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, managerRoles...)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.badForm(w, r, err)
		return
	}
	lang := pickLanguage(r)
	f := consultationForm{SurveyID: r.PostForm.Get("survey"),
		Status: r.PostForm.Get("status"), StartsOn: r.PostForm.Get("starts_on"), EndsOn: r.PostForm.Get("ends_on")}
	errs := map[string]string{}
	f.Title, f.Titles, f.Descriptions = consultationWording(r.PostForm, lang, errs)
	f.Municipality, _ = strconv.ParseInt(r.PostForm.Get("municipality"), 10, 64)
	if _, owner, ok := s.currentSurvey(r.Context(), f.SurveyID); !ok || (owner != 0 && owner != f.Municipality) {
		errs["survey"] = T(lang, "staff.survey_invalid")
	}
	if f.Municipality == 0 || !u.CanSee(f.Municipality) {
		errs["municipality"] = T(lang, "admin.municipality_invalid")
	}
	if f.Status != store.StatusDraft && f.Status != store.StatusOpen {
		errs["status"] = T(lang, "staff.status_invalid")
	}
	for _, d := range []struct{ key, v string }{{"starts_on", f.StartsOn}, {"ends_on", f.EndsOn}} {
		if _, err := time.Parse(time.DateOnly, d.v); d.v != "" && err != nil {
			errs[d.key] = T(lang, "form.date")
		}
	}
	if f.StartsOn != "" && f.EndsOn != "" && f.EndsOn < f.StartsOn && errs["ends_on"] == "" {
		errs["ends_on"] = T(lang, "staff.ends_before")
	}
	idle, err := strconv.Atoi(r.PostForm.Get("idle_minutes"))
	f.IdleMinutes = idle
	if err != nil || idle < 1 || idle > 30 {
		errs["idle_minutes"] = T(lang, "staff.idle_range")
	}
	if len(errs) > 0 {
		p, err := s.consultationNewPage(r, u, f, errs)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, "consultation_new", s.view(r, T(lang, "staff.new_consultation"), p))
		return
	}
	c := &store.Consultation{ID: slug(f.Title), MunicipalityID: f.Municipality, SurveyID: f.SurveyID, Title: f.Title,
		Status: f.Status, StartsOn: f.StartsOn, EndsOn: f.EndsOn, IdleSeconds: f.IdleMinutes * 60,
		Titles: f.Titles, Descriptions: f.Descriptions}
	if err := s.store.CreateConsultation(r.Context(), c); err != nil {
		s.fail(w, r, err)
		return
	}
	s.audit(r, "consultation.create", c.ID, c.Title+" ("+c.SurveyID+", "+c.Status+")", c.MunicipalityID)
	http.Redirect(w, r, "/consultations/"+c.ID, http.StatusSeeOther)
}

type targetCell struct {
	Group, Gender string
	Target, N     int
	Hidden        bool // the counts are withheld: too few responses yet
	Met           bool // the target is reached, by the count shown
}

type targetRow struct {
	Group  string
	Cells  []targetCell
	N      int
	Hidden bool
}

type consultationPage struct {
	Consultation *store.Consultation
	Survey       *survey.Survey
	Sessions     []*store.Session
	Link         string
	CanManage    bool
	Targets      []targetRow
	Total        int
	GridNotes    []string
	Errors       map[string]string
	Today        string
	UserName     string
	Promise      map[string]string
	// LinkFromRequest says the link was built from the address the page was opened with (no --public-url).
	LinkFromRequest bool
	// Grace says how long the kiosks of its sessions may send their offline queue after closing.
	Grace string
}

// targetGrid lays protected counts against targets, group by gender: the same layer as the
// results, so no cell reads 1 to k−1 (a facilitator who saw who took the tablet must not learn a
// group from a cell of 1). Nothing is shown while the counts are withheld.
func targetGrid(targets []store.Target, counts results.Counts) ([]targetRow, int) {
	var rows []targetRow
	hidden := counts.Withheld != ""
	for _, g := range append(domain.Values(domain.Group), "") {
		row := targetRow{Group: g, N: counts.Rows[g], Hidden: hidden}
		for _, gen := range append(domain.Values(domain.Gender), "") {
			cell := targetCell{Group: g, Gender: gen, N: counts.Cells[[2]string{g, gen}], Hidden: hidden}
			for _, t := range targets {
				if t.Group == g && t.Gender == gen {
					cell.Target = t.Target
				}
			}
			cell.Met = !hidden && cell.Target > 0 && cell.N >= cell.Target
			row.Cells = append(row.Cells, cell)
		}
		rows = append(rows, row)
	}
	return rows, counts.Total
}

// progress lays a consultation's protected counts against its targets or, for one session, that
// session's own counts alone: a session is never compared with the whole consultation's targets.
// It returns the counts too, for the sessions' responses and the notes.
func (s *Server) progress(r *http.Request, consultation, session string) ([]targetRow, int, results.Counts, error) {
	var targets []store.Target
	if session == "" {
		var err error
		if targets, err = s.store.Targets(r.Context(), consultation); err != nil {
			return nil, 0, results.Counts{}, err
		}
	}
	d, err := s.dataset(r.Context(), consultation)
	if err != nil {
		return nil, 0, results.Counts{}, err
	}
	counts := s.staffCounts(d, consultation, session)
	rows, total := targetGrid(targets, counts)
	return rows, total, counts, nil
}

// gridNotes are the sentences beside a staff grid: how counts protect people, and why the grid
// is empty while there are too few responses.
func gridNotes(lang string, counts results.Counts, k int) []string {
	notes := []string{T(lang, "protect.staff_note", results.NormalizeK(k))}
	if counts.Withheld != "" {
		notes = append(notes, T(lang, "protect.grid_too_few", results.MinRow*results.NormalizeK(k)))
	}
	return notes
}

func (s *Server) consultationShow(w http.ResponseWriter, r *http.Request) {
	s.renderConsultation(w, r, http.StatusOK, nil)
}

func (s *Server) renderConsultation(w http.ResponseWriter, r *http.Request, status int, errs map[string]string) {
	u, c, ok := s.staffConsultation(w, r, muxVar(r, "id"), staffRoles...)
	if !ok {
		return
	}
	sessions, err := s.store.Sessions(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := consultationPage{Consultation: c, Survey: s.surveyOf(r.Context(), c.SurveyID), Sessions: sessions, Link: s.publicLink(r, c),
		CanManage: slices.Contains(managerRoles, u.Role), Errors: errs, Today: s.now().Format(time.DateOnly), UserName: u.Name,
		LinkFromRequest: s.publicURL == "", Grace: s.graceSentence(pickLanguage(r), c)}
	var counts results.Counts
	if p.Targets, p.Total, counts, err = s.progress(r, c.ID, ""); err != nil {
		s.fail(w, r, err)
		return
	}
	p.GridNotes = gridNotes(pickLanguage(r), counts, s.k)
	for _, ses := range sessions {
		ses.Responses = counts.Sessions[ses.ID]
	}
	if p.Promise, err = s.store.Promise(r.Context(), c.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "consultation", s.view(r, c.Title, p))
}

// publicLink is the address people open on their own phone to answer: from --public-url, or else
// from the address this page was opened with, which the page then says.
func (s *Server) publicLink(r *http.Request, c *store.Consultation) string {
	if s.publicURL != "" {
		return s.publicURL + "/c/" + c.ID
	}
	scheme := "http"
	if s.isSecure(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/c/" + c.ID
}

// graceSentence says until when the kiosks of the consultation's sessions may send their queue.
func (s *Server) graceSentence(lang string, c *store.Consultation) string {
	days := graceDays(s.kioskGrace)
	if c.Status != store.StatusClosed {
		return T(lang, "security.grace_open", days)
	}
	until := c.ClosedAt.Add(s.kioskGrace)
	if s.now().After(until) {
		return T(lang, "security.grace_ended", until.Format("2006-01-02 15:04 MST"))
	}
	return T(lang, "security.grace_closed", until.Format("2006-01-02 15:04 MST"), days)
}

// consultationStatus opens or closes a consultation; closing keeps its results readable.
func (s *Server) consultationStatus(w http.ResponseWriter, r *http.Request) {
	_, c, ok := s.staffConsultation(w, r, muxVar(r, "id"), managerRoles...)
	if !ok {
		return
	}
	status := r.PostFormValue("status")
	if !slices.Contains([]string{store.StatusDraft, store.StatusOpen, store.StatusClosed}, status) {
		s.renderConsultation(w, r, http.StatusUnprocessableEntity, map[string]string{"status": T(pickLanguage(r), "staff.status_invalid")})
		return
	}
	if err := s.store.SetStatus(r.Context(), c.ID, status); err != nil {
		s.fail(w, r, err)
		return
	}
	s.audit(r, "consultation.status", c.ID, c.Status+" → "+status, c.MunicipalityID)
	http.Redirect(w, r, "/consultations/"+c.ID, http.StatusSeeOther)
}

// consultationTargets sets the hoped-for number of responses per group and gender.
func (s *Server) consultationTargets(w http.ResponseWriter, r *http.Request) {
	_, c, ok := s.staffConsultation(w, r, muxVar(r, "id"), managerRoles...)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.badForm(w, r, err)
		return
	}
	var ts []store.Target
	for _, g := range domain.Values(domain.Group) {
		for _, gen := range domain.Values(domain.Gender) {
			v := strings.TrimSpace(r.PostForm.Get("t_" + g + "_" + gen))
			if v == "" {
				continue
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 100000 {
				s.renderConsultation(w, r, http.StatusUnprocessableEntity, map[string]string{"targets": T(pickLanguage(r), "staff.target_invalid", g, gen)})
				return
			}
			ts = append(ts, store.Target{Group: g, Gender: gen, Target: n})
		}
	}
	if err := s.store.SetTargets(r.Context(), c.ID, ts); err != nil {
		s.fail(w, r, err)
		return
	}
	s.audit(r, "consultation.targets", c.ID, fmt.Sprintf("%d targets", len(ts)), c.MunicipalityID)
	http.Redirect(w, r, "/consultations/"+c.ID+"#targets", http.StatusSeeOther)
}

// consultationQR is the QR code of the public link, for the printable poster.
func (s *Server) consultationQR(w http.ResponseWriter, r *http.Request) {
	_, c, ok := s.staffConsultation(w, r, muxVar(r, "id"), staffRoles...)
	if !ok {
		return
	}
	png, err := qrcode.Encode(s.publicLink(r, c), qrcode.Medium, 512)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.Write(png)
}

// consultationPoster is a printable page with the link and its QR code.
func (s *Server) consultationPoster(w http.ResponseWriter, r *http.Request) {
	_, c, ok := s.staffConsultation(w, r, muxVar(r, "id"), staffRoles...)
	if !ok {
		return
	}
	p := consultationPage{Consultation: c, Survey: s.surveyOf(r.Context(), c.SurveyID), Link: s.publicLink(r, c), LinkFromRequest: s.publicURL == ""}
	s.render(w, r, http.StatusOK, "poster", s.view(r, c.Title, p))
}
