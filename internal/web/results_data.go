package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"consulta/internal/results"
	"consulta/internal/store"
	"consulta/internal/survey"
)

// datasets keeps each consultation's responses in memory for results; each grows with new rows.
type datasets struct {
	mu sync.Mutex
	m  map[string]*datasetEntry
}

type datasetEntry struct {
	mu sync.Mutex // one refresh at a time
	d  *results.Dataset
}

// dataset returns the consultation's dataset with every response stored so far.
func (s *Server) dataset(ctx context.Context, consultation string) (*results.Dataset, error) {
	s.data.mu.Lock()
	if s.data.m == nil {
		s.data.m = map[string]*datasetEntry{}
	}
	e, ok := s.data.m[consultation]
	if !ok {
		e = &datasetEntry{d: results.NewDataset()}
		s.data.m[consultation] = e
	}
	s.data.mu.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	b := e.d.Batch()
	err := s.store.ResultRows(ctx, consultation, e.d.Last(),
		func(r store.ResultResponse) {
			b.Response(r.RID, r.Key, r.Session, r.Channel, r.Group, r.Gender, r.AgeBand, r.Disability, r.Day)
		},
		func(a store.ResultAnswer) {
			b.AnswerBytes(a.RID, a.Question, a.Choice, a.Position, a.Number, a.HasNumber, a.HasText)
		})
	if err != nil {
		return nil, err
	}
	b.Commit()
	return e.d, nil
}

// Warm loads the datasets of every consultation, so the first results page is quick.
func (s *Server) Warm(ctx context.Context) error {
	cs, err := s.store.Consultations(ctx, nil, true)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if _, err := s.dataset(ctx, c.ID); err != nil {
			return err
		}
	}
	return nil
}

// filterFrom reads a results filter from the query string, keeping only values that make sense.
func filterFrom(r *http.Request) results.Filter {
	q := r.URL.Query()
	f := results.Filter{Session: q.Get("session"), Channel: q.Get("channel"), From: q.Get("from"), To: q.Get("to")}
	if !slices.Contains([]string{"", store.Link, store.Kiosk, store.Paper}, f.Channel) {
		f.Channel = ""
	}
	for _, d := range []*string{&f.From, &f.To} {
		if _, err := time.Parse(time.DateOnly, *d); err != nil {
			*d = ""
		}
	}
	if dim, value, ok := strings.Cut(q.Get("only"), ":"); ok && slices.Contains([]string{results.ByGroup, results.ByGender,
		results.ByAgeBand, results.ByDisability}, dim) {
		f.Dimension, f.Value = dim, value
	}
	return f
}

// reports keeps the last reports computed, keyed by consultation, filter and how many responses
// the dataset held: a planner reloading a page or switching language pays for the aggregation once.
type reports struct {
	mu    sync.Mutex
	order []string
	m     map[string]*results.Report
}

const reportsKept = 32

func (c *reports) get(key string) *results.Report {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[key]
}

func (c *reports) put(key string, r *results.Report) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*results.Report{}
	}
	if _, ok := c.m[key]; !ok {
		c.order = append(c.order, key)
	}
	c.m[key] = r
	for len(c.order) > reportsKept {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
}

// aggregate returns the suppressed report of a consultation for a filter, computed once per state of its data.
func (s *Server) aggregate(d *results.Dataset, sv *survey.Survey, consultation string, f results.Filter) *results.Report {
	key := fmt.Sprintf("%s|%s|%d|%+v", consultation, sv.Version, d.Len(), f)
	if rep := s.reportCache.get(key); rep != nil {
		return rep
	}
	rep := results.Aggregate(d, sv, consultation, f, s.k)
	s.reportCache.put(key, rep)
	return rep
}

// report loads the consultation of the URL for a planner or admin of its municipality, applies the
// filter from the query string, and returns the suppressed report and the survey.
func (s *Server) report(w http.ResponseWriter, r *http.Request) (*results.Report, *store.Consultation, *survey.Survey, bool) {
	_, c, ok := s.staffConsultation(w, r, muxVar(r, "id"), managerRoles...)
	if !ok {
		return nil, nil, nil, false
	}
	sv, err := s.surveyFor(r.Context(), c, "")
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, nil, false
	}
	d, err := s.dataset(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, nil, false
	}
	return s.aggregate(d, sv, c.ID, filterFrom(r)), c, sv, true
}
