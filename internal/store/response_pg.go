package store

// The PostgreSQL group commit. Over a network every statement costs a round trip, and the
// writer is one connection, so round trips, not work, bound how many responses it stores: the
// per-response path (savepoint, look-up, insert, answers, release) takes five or six of them per
// response. Here a whole group is one statement: it inserts the group's responses (skipping ids
// already stored) and their answers, and returns the row ids of those it inserted; the tallies
// of those follow in one upsert, and the group costs four round trips (BEGIN, the statement,
// the tallies, COMMIT) whatever its size, or one when the tallies are in the statement too
// (pgTallyInStatement). Only a group holding an id that is already stored takes one more, a
// read after the commit, to tell replays (200) from conflicts (409). Any error (an unknown
// consultation, session or survey version, a refused row) stores nothing of the group, which
// is then stored the per-response way, where each response fails alone.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// pgOneStatement turns the one-statement group on; a benchmark turns it off to compare.
var pgOneStatement = true

// insertGroupPG is the group's one statement (the group comes sorted by id, see commitGroup). Data-modifying CTEs run in one snapshot and the
// statement is one transaction: all of it is stored, or none of it. ON CONFLICT (id) DO NOTHING
// waits for another instance's uncommitted insert of the same id and skips it once committed,
// so two instances never fail on each other's ids.
var insertGroupPG = `WITH input AS (
	SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
		?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bytea[])
	AS t(ord, id, consultation_id, session_id, survey_version, language, channel,
		grp, gender, age_band, disability, content_hash, received_at, record_key, answers_packed)
), ins AS (
	INSERT INTO responses (id, consultation_id, session_id, survey_version, language,
		channel, grp, gender, age_band, disability, content_hash, received_at, record_key, answers_packed)
	SELECT id, consultation_id, session_id, survey_version, language,
		channel, grp, gender, age_band, disability, content_hash, received_at, record_key, answers_packed
	FROM input ORDER BY ord
	ON CONFLICT (id) DO NOTHING
	RETURNING rid, id, consultation_id
), ans AS (
	INSERT INTO answers (rid, question, choice, position, number, text)
	SELECT ins.rid, a.question, a.choice, a.position, a.number, a.text
	FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[]) WITH ORDINALITY
		AS a(response_id, question, choice, position, number, text, n)
	JOIN ins ON ins.id = a.response_id
	ORDER BY a.n
)` + countedPG + `
SELECT id, rid FROM ins`

// countedPG adds the tallies of the responses the statement inserted.
const countedPG = `, counted AS (
	INSERT INTO tallies (consultation_id, writer, responses, last_rid, updated_at)
	SELECT consultation_id, ?::bigint, count(*), max(rid), ? FROM ins GROUP BY consultation_id ORDER BY consultation_id
	ON CONFLICT (consultation_id, writer) DO UPDATE SET responses = tallies.responses + excluded.responses,
	last_rid = CASE WHEN excluded.last_rid > tallies.last_rid THEN excluded.last_rid ELSE tallies.last_rid END,
	updated_at = excluded.updated_at
)`

// insertGroupApartPG is insertGroupPG without the tallies, which come in a statement of their
// own just before the commit (pgTallyInStatement).
var insertGroupApartPG = strings.Replace(insertGroupPG, countedPG, "", 1)

// pgTallyInStatement keeps the tallies in the group's one statement (one round trip), rather
// than in an explicit transaction of four (BEGIN, responses and answers, tallies, COMMIT). Each
// instance updates its own tallies line (migration 015), so no instance waits for another on it
// and the one round trip wins with one instance and with two (BenchmarkSaveResponsesPostgres).
// Apart stays for the benchmark to compare.
var pgTallyInStatement = true

// pgLinger is how long a group waits for responses that are on their way.
const pgLinger = 2 * time.Millisecond

// lingerPG lets a group smaller than the last one wait up to pgLinger for more. A group costs
// PostgreSQL about 0.35 ms of CPU whatever its size (its statement and commit, fsync on), and a
// response some 0.13 ms more (BenchmarkGroupCPUPostgres: 0.54 ms a response in groups of one,
// 0.27 in groups of two, 0.22 in groups of eight): when the database shares the cores with the
// instances, what a small group wastes is taken from everything else. A lone client (groups of
// one) never waits; a group that fills as the last one did goes at once, and one that grew by
// itself raises what the next waits for.
func (s *Store) lingerPG(group []*saveJob) []*saveJob {
	want := min(s.lastGroup, maxGroup)
	if len(group) < want {
		timer := time.NewTimer(pgLinger)
		defer timer.Stop()
	wait:
		for len(group) < want {
			select {
			case j, ok := <-s.saves:
				if !ok {
					break wait
				}
				group = append(group, j)
			case <-timer.C:
				break wait
			}
		}
	}
	s.lastGroup = len(group)
	return group
}

// commitGroupPG stores a group in one statement and answers every job, or returns false having
// stored nothing and answered none, when the group must take the per-response path.
func (s *Store) commitGroupPG(ctx context.Context, group []*saveJob) bool {
	seen := make(map[string]bool, len(group))
	for _, j := range group {
		if seen[j.r.ID] {
			// The same id twice in one group: the second is judged against the first, which
			// only the per-response path does.
			return false
		}
		seen[j.r.ID] = true
	}
	n := len(group)
	var (
		ord                                      = make([]int64, n)
		ids, consultations, versions, languages  = make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		channels, hashes, received               = make([]string, n), make([]string, n), make([]string, n)
		sessions, groups, genders, ages, disabls = make([]*string, n), make([]*string, n), make([]*string, n), make([]*string, n), make([]*string, n)
		keys                                     = make([]int64, n)
		packed                                   = make([][]byte, n)
	)
	rows := 0
	for _, j := range group {
		rows += len(j.texts) / 6
	}
	var (
		aResponse, aQuestion = make([]string, 0, rows), make([]string, 0, rows)
		aChoice, aText       = make([]*string, 0, rows), make([]*string, 0, rows)
		aPosition, aNumber   = make([]*int64, 0, rows), make([]*int64, 0, rows)
	)
	for i, j := range group {
		r := j.r
		if r.ReceivedAt.IsZero() {
			r.ReceivedAt = s.Now()
		}
		r.ReceivedAt = r.ReceivedAt.UTC()
		j.key = uint32(newRecordKey())
		ord[i], ids[i], consultations[i], versions[i], languages[i] = int64(i), r.ID, r.ConsultationID, r.SurveyVersion, r.Language
		channels[i], hashes[i], received[i] = r.Channel, j.hash, r.ReceivedAt.Format(time.RFC3339Nano)
		sessions[i], groups[i], genders[i] = textOrNull(r.SessionID), textOrNull(r.Profile.Group), textOrNull(r.Profile.Gender)
		ages[i], disabls[i] = textOrNull(r.Profile.AgeBand), textOrNull(r.Profile.Disability)
		keys[i], packed[i] = int64(j.key), j.packed
		for k := 0; k+6 <= len(j.texts); k += 6 {
			row := j.texts[k : k+6]
			aResponse = append(aResponse, r.ID)
			aQuestion = append(aQuestion, row[1].(string))
			aChoice = append(aChoice, anyText(row[2]))
			aPosition = append(aPosition, anyInt(row[3]))
			aNumber = append(aNumber, anyInt(row[4]))
			aText = append(aText, anyText(row[5]))
		}
	}

	stored := make(map[string]int64, n)
	var err error
	if !pgTallyInStatement {
		err = s.tx(ctx, func(tx *sql.Tx) error {
			res, err := tx.QueryContext(ctx, insertGroupApartPG,
				ord, ids, consultations, sessions, versions, languages, channels,
				groups, genders, ages, disabls, hashes, received, keys, packed,
				aResponse, aQuestion, aChoice, aPosition, aNumber, aText)
			if err != nil {
				return err
			}
			var scanErr error
			for res.Next() {
				var id string
				var rid int64
				if scanErr = res.Scan(&id, &rid); scanErr != nil {
					break
				}
				stored[id] = rid
			}
			if err := errors.Join(scanErr, res.Close(), res.Err()); err != nil {
				return err
			}
			for _, j := range group {
				j.rid = stored[j.r.ID]
				_, j.created = stored[j.r.ID]
			}
			return tallyGroup(s, ctx, tx, group)
		})
		if err != nil {
			for _, j := range group {
				j.created, j.rid = false, 0
			}
			return false
		}
	}
	if pgTallyInStatement {
		err = func() error {
			res, err := s.w.QueryContext(ctx, insertGroupPG,
				ord, ids, consultations, sessions, versions, languages, channels,
				groups, genders, ages, disabls, hashes, received, keys, packed,
				aResponse, aQuestion, aChoice, aPosition, aNumber, aText, s.writer, s.stamp())
			if err != nil {
				return err
			}
			var scanErr error
			for res.Next() {
				var id string
				var rid int64
				if scanErr = res.Scan(&id, &rid); scanErr != nil {
					break
				}
				stored[id] = rid
			}
			// Close reads up to the server's ReadyForQuery, which follows the commit: an error
			// of the commit itself shows here, and nothing is acknowledged before it.
			return errors.Join(scanErr, res.Close(), res.Err())
		}()
	}
	if err != nil {
		// The statement is its own transaction and failed whole, so nothing of the group is
		// stored, and the per-response path gives each response its own answer. Should the
		// commit have happened all the same (a connection lost after it), that path finds the
		// responses stored with the same content and answers 200: stored, counted once.
		return false
	}

	// Ids the statement skipped were already stored (committed, since ON CONFLICT waits for
	// an uncommitted one): the same content is a replay, other content a conflict.
	var skipped []string
	for _, j := range group {
		if _, ok := stored[j.r.ID]; !ok {
			skipped = append(skipped, j.r.ID)
		}
	}
	existing := map[string][2]string{}
	var readErr error
	if len(skipped) > 0 {
		existing, readErr = s.storedHashes(ctx, skipped)
	}
	for _, j := range group {
		if rid, ok := stored[j.r.ID]; ok {
			j.created, j.rid = true, rid
			j.done <- nil
			continue
		}
		j.created = false
		e, ok := existing[j.r.ID]
		switch {
		case readErr != nil:
			j.done <- readErr
		case !ok:
			// Stored a moment ago and gone by now (deleted with its consultation).
			j.done <- fmt.Errorf("store: response %s was stored by another writer and is gone", j.r.ID)
		case e[0] == j.hash && e[1] == j.r.ConsultationID:
			j.done <- nil
		default:
			j.done <- ErrConflict
		}
	}
	return true
}

// storedHashes returns the content hash and consultation of stored responses by id. It reads on
// the writer, after the group's commit, so it sees every response that made the group skip one.
func (s *Store) storedHashes(ctx context.Context, ids []string) (map[string][2]string, error) {
	rows, err := s.w.QueryContext(ctx, `SELECT id, content_hash, consultation_id FROM responses WHERE id = ANY(?::text[])`, ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string][2]string, len(ids))
	for rows.Next() {
		var id, hash, consultation string
		if err := rows.Scan(&id, &hash, &consultation); err != nil {
			return nil, err
		}
		out[id] = [2]string{hash, consultation}
	}
	return out, rows.Err()
}

func textOrNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func anyText(v any) *string {
	if s, ok := v.(string); ok {
		return &s
	}
	return nil
}

func anyInt(v any) *int64 {
	if n, ok := v.(int); ok {
		k := int64(n)
		return &k
	}
	return nil
}
