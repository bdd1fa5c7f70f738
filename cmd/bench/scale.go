package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"consulta/internal/demo"
	"consulta/internal/store"
)

// scaleFigures are the large databases: many responses over many consultations (memory and
// start-up must not grow with old consultations) and the curve of one consultation growing.
type scaleFigures struct {
	Responses     int          `json:"responses"`
	Consultations int          `json:"consultations"`
	SeedSeconds   float64      `json:"seed_seconds"`
	DBBytes       int64        `json:"db_bytes"`
	StartupMS     float64      `json:"startup_ms"`
	FirstJSON     routeTiming  `json:"first_json"`      // the first consultation's results JSON after the start
	ColdMedianMS  float64      `json:"cold_median_ms"`  // every consultation's first results JSON, median
	ColdMaxMS     float64      `json:"cold_max_ms"`     // and the slowest
	PeakRSSBytes  int64        `json:"peak_rss_bytes"`  // VmHWM after every consultation was read
	RSSBytes      int64        `json:"rss_bytes"`       // VmRSS then
	Curve         []curvePoint `json:"curve,omitempty"` // one consultation at growing sizes
	Error         string       `json:"error,omitempty"`
}

// curvePoint is one consultation of Responses responses, served by a fresh process.
type curvePoint struct {
	Responses    int         `json:"responses"`
	StartupMS    float64     `json:"startup_ms"`
	JSON         routeTiming `json:"json"` // cold: the first after the start
	Page         routeTiming `json:"page"` // cold: the first page once the JSON's report is made
	PeakRSSBytes int64       `json:"peak_rss_bytes"`
	RSSBytes     int64       `json:"rss_bytes"`
}

// seedDemo makes a fresh demo database in dir (the server started with --demo, then stopped)
// and opens it, so consultations can be added and filled straight through the store.
func seedDemo(ctx context.Context, binary, dir string) (string, *store.Store, int64, error) {
	db := filepath.Join(dir, "scale.db")
	srv, err := startServer(ctx, binary, dir, db, true)
	if err != nil {
		return "", nil, 0, err
	}
	if _, _, err := srv.stop(stopLimit); err != nil {
		return "", nil, 0, err
	}
	st, err := store.Open(db)
	if err != nil {
		return "", nil, 0, err
	}
	mid, err := st.EnsureMunicipality(ctx, "Upala", "Costa Rica")
	if err != nil {
		st.Close()
		return "", nil, 0, err
	}
	return db, st, mid, nil
}

func addConsultation(ctx context.Context, st *store.Store, mid int64, id string) error {
	now := time.Now()
	return st.CreateConsultation(ctx, &store.Consultation{ID: id, MunicipalityID: mid, SurveyID: "community-consultation",
		Title: "Bench " + id, Status: store.StatusOpen, StartsOn: now.AddDate(0, 0, -30).Format(time.DateOnly),
		EndsOn: now.AddDate(0, 0, 30).Format(time.DateOnly)})
}

func resultsJSON(id string) string { return "/api/consultations/" + id + "/results" }

// measureScale seeds `total` responses over `consultations` consultations (copies of the demo's,
// through the store, not HTTP), starts a server on them, reads every consultation's results JSON
// once and reads the peak RSS. Then it grows one consultation through the curve's sizes, a fresh
// server for each size.
func measureScale(ctx context.Context, o options, rep *report) error {
	binary, err := filepath.Abs(o.binary)
	if err != nil {
		return err
	}
	sc := &scaleFigures{Responses: o.scaleResponses, Consultations: o.scaleConsultations}
	rep.Scale = sc
	fail := func(err error) error {
		sc.Error = err.Error()
		return err
	}
	name, password := planner()

	if o.scaleResponses > 0 && o.scaleConsultations > 0 {
		dir, err := os.MkdirTemp("", "consulta-bench-scale-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		progress("scale: seeding %d responses over %d consultations", o.scaleResponses, o.scaleConsultations)
		db, st, mid, err := seedDemo(ctx, binary, dir)
		if err != nil {
			return fail(err)
		}
		start := time.Now()
		ids := make([]string, o.scaleConsultations)
		for i := range ids {
			ids[i] = fmt.Sprintf("scale-%02d", i+1)
			n := o.scaleResponses / o.scaleConsultations
			if i < o.scaleResponses%o.scaleConsultations {
				n++
			}
			if err := addConsultation(ctx, st, mid, ids[i]); err != nil {
				st.Close()
				return fail(err)
			}
			if err := st.CopyResponses(ctx, demo.Community, ids[i], n); err != nil {
				st.Close()
				return fail(err)
			}
		}
		sc.SeedSeconds = time.Since(start).Seconds()
		st.Close()
		if info, err := os.Stat(db); err == nil {
			sc.DBBytes = info.Size()
		}
		progress("scale: seeded in %.0f s; starting a server on it", sc.SeedSeconds)
		srv, err := startServer(ctx, binary, dir, db, false)
		if err != nil {
			return fail(err)
		}
		defer srv.kill()
		sc.StartupMS = ms(srv.startup)
		staff, err := signIn(ctx, srv.base, name, password)
		if err != nil {
			return fail(err)
		}
		var colds []time.Duration
		for i, id := range ids {
			t := timeRoute(ctx, staff, srv.base, resultsJSON(id), 0)
			if !t.ok() {
				return fail(fmt.Errorf("%s: %s", t.Path, statusText(t)))
			}
			if i == 0 {
				sc.FirstJSON = t
			}
			colds = append(colds, time.Duration(t.ColdMS*float64(time.Millisecond)))
		}
		sc.ColdMedianMS, sc.ColdMaxMS = ms(percentile(colds, 50)), ms(percentile(colds, 100))
		if sc.PeakRSSBytes, sc.RSSBytes, err = memory(srv.pid()); err != nil {
			return fail(err)
		}
		srv.stop(stopLimit)
	}

	if len(o.curve) == 0 {
		return nil
	}
	dir, err := os.MkdirTemp("", "consulta-bench-curve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, st, mid, err := seedDemo(ctx, binary, dir)
	if err != nil {
		return fail(err)
	}
	const curveID = "curve"
	if err := addConsultation(ctx, st, mid, curveID); err != nil {
		st.Close()
		return fail(err)
	}
	st.Close()
	have := 0
	for _, n := range o.curve {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		progress("curve: one consultation of %d responses", n)
		st, err := store.Open(db)
		if err != nil {
			return fail(err)
		}
		err = st.CopyResponses(ctx, demo.Community, curveID, n-have)
		st.Close()
		if err != nil {
			return fail(err)
		}
		have = n
		srv, err := startServer(ctx, binary, dir, db, false)
		if err != nil {
			return fail(err)
		}
		p := curvePoint{Responses: n, StartupMS: ms(srv.startup)}
		staff, err := signIn(ctx, srv.base, name, password)
		if err == nil {
			staff.Timeout = 15 * time.Minute // a million responses read cold take minutes on a shared machine
			p.JSON = timeRoute(ctx, staff, srv.base, resultsJSON(curveID), repeats)
			p.Page = timeRoute(ctx, staff, srv.base, "/consultations/"+curveID+"/results", repeats)
		}
		p.PeakRSSBytes, p.RSSBytes, _ = memory(srv.pid())
		srv.stop(stopLimit)
		sc.Curve = append(sc.Curve, p)
		if err != nil {
			return fail(err)
		}
	}
	return nil
}
