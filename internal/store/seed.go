package store

import (
	"context"
	"database/sql"
	"fmt"
)

// CopyResponses adds n responses to consultation to, copied in stored order (round and round)
// from consultation from, which must share its survey: for the benchmark's million-response
// databases, written in seconds instead of a million submissions. Copies get new ids and record
// keys (hashed from rid and the copy's round: spread, not secret), no session, the link channel,
// their packed answers and not rows of the answers table; the tally is recounted. Never for real data.
func (s *Store) CopyResponses(ctx context.Context, from, to string, n int) error {
	var have int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM responses WHERE consultation_id = ? AND answers_packed IS NOT NULL`,
		from).Scan(&have); err != nil {
		return err
	}
	if have == 0 {
		return fmt.Errorf("store: copy responses: %s has no packed response", from)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var round int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM responses WHERE consultation_id = ?`, to).Scan(&round); err != nil {
			return err
		}
		for left := n; left > 0; round++ {
			take := min(left, have)
			_, err := tx.ExecContext(ctx, `INSERT INTO responses (id, consultation_id, session_id, survey_version, language,
				channel, grp, gender, age_band, disability, content_hash, received_at, record_key, answers_packed)
				SELECT id || '-' || ? || '-' || ?, ?, NULL, survey_version, language, 'link', grp, gender, age_band, disability,
				content_hash, received_at, (rid * 2654435761 + ? * 40503) % 4294967296, answers_packed
				FROM responses WHERE consultation_id = ? AND answers_packed IS NOT NULL ORDER BY rid LIMIT ?`,
				to, round, to, round, from, take)
			if err != nil {
				return fmt.Errorf("store: copy responses: %w", err)
			}
			left -= take
		}
		// The recount replaces every writer's line of the consultation.
		if _, err := tx.ExecContext(ctx, `DELETE FROM tallies WHERE consultation_id = ?`, to); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO tallies (consultation_id, writer, responses, last_rid, updated_at)
			SELECT consultation_id, 0, count(*), max(rid), ? FROM responses WHERE consultation_id = ? GROUP BY consultation_id`,
			s.stamp(), to)
		return err
	})
}
