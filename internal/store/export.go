package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"
)

// RawResponse is one stored response for the raw export, without its UUID: Number counts
// responses in the order they are streamed. export.RawResponse mirrors it field for field.
type RawResponse struct {
	Number     int
	Received   time.Time
	Channel    string
	Session    string
	Language   string
	Version    string
	Group      string
	Gender     string
	AgeBand    string
	Disability string
	// Answers holds each question's stored values: the choice, the number or the text of each
	// row, rank in order; a question asked and skipped has an entry with no values.
	Answers map[string][]string
}

// RawResponses streams a consultation's responses with their answers to fn, in the order they
// were received, and stops at the first error fn returns. Free text is read only when
// includeText: otherwise a text answer is returned as if skipped.
func (s *Store) RawResponses(ctx context.Context, consultation string, includeText bool, fn func(RawResponse) error) error {
	rows, err := s.r.QueryContext(ctx, `SELECT r.rid, r.received_at, r.channel, coalesce(r.session_id, ''), r.language,
		r.survey_version, coalesce(r.grp, ''), coalesce(r.gender, ''), coalesce(r.age_band, ''), coalesce(r.disability, ''),
		a.question, a.choice, a.number, CASE WHEN ? THEN a.text END
		FROM responses r LEFT JOIN answers a ON a.rid = r.rid
		WHERE r.consultation_id = ?
		ORDER BY substr(r.received_at, 1, 19), r.rid, a.rowid`, includeText, consultation)
	if err != nil {
		return err
	}
	defer rows.Close()
	var cur *RawResponse
	var curRID int64
	number := 0
	for rows.Next() {
		var rid int64
		var received string
		var r RawResponse
		var question, choice, text sql.NullString
		var num sql.NullInt64
		if err := rows.Scan(&rid, &received, &r.Channel, &r.Session, &r.Language, &r.Version, &r.Group, &r.Gender,
			&r.AgeBand, &r.Disability, &question, &choice, &num, &text); err != nil {
			return err
		}
		if cur == nil || rid != curRID {
			if cur != nil {
				if err := fn(*cur); err != nil {
					return err
				}
			}
			number++
			r.Number, r.Received, r.Answers = number, parseStamp(received), map[string][]string{}
			cur, curRID = &r, rid
		}
		if !question.Valid {
			continue // a response with no answer rows at all
		}
		vs := cur.Answers[question.String]
		switch {
		case choice.Valid:
			vs = append(vs, choice.String)
		case num.Valid:
			vs = append(vs, strconv.FormatInt(num.Int64, 10))
		case text.Valid:
			vs = append(vs, text.String)
		}
		cur.Answers[question.String] = vs
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if cur != nil {
		return fn(*cur)
	}
	return nil
}
