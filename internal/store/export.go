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
	// A response's answers are packed with it; the answers table holds its texts (and, for a
	// response stored before answers were packed, every answer row).
	rows, err := s.r.QueryContext(ctx, `SELECT r.rid, r.received_at, r.channel, coalesce(r.session_id, ''), r.language,
		r.survey_version, coalesce(r.grp, ''), coalesce(r.gender, ''), coalesce(r.age_band, ''), coalesce(r.disability, ''),
		r.answers_packed, a.question, a.choice, a.number, CASE WHEN ? THEN a.text END
		FROM responses r LEFT JOIN answers a ON a.rid = r.rid AND (r.answers_packed IS NULL OR a.text IS NOT NULL)
		WHERE r.consultation_id = ?
		ORDER BY substr(r.received_at, 1, 19), r.rid, a.rowid`, includeText, consultation)
	if err != nil {
		return err
	}
	defer rows.Close()
	var cur *RawResponse
	var curRID int64
	var packed []byte
	texts := map[string]string{}
	flush := func() error {
		if cur == nil {
			return nil
		}
		if packed != nil {
			list, err := PackedAnswers(packed, texts)
			if err != nil {
				return err
			}
			for _, a := range list {
				vs := cur.Answers[a.Question]
				switch {
				case a.Choice != "":
					vs = append(vs, a.Choice)
				case a.Number != nil:
					vs = append(vs, strconv.Itoa(*a.Number))
				default:
					if t, ok := texts[a.Question]; ok {
						vs = append(vs, t)
					}
				}
				cur.Answers[a.Question] = vs
			}
		}
		return fn(*cur)
	}
	number := 0
	for rows.Next() {
		var rid int64
		var received string
		var r RawResponse
		var rowPacked []byte
		var question, choice, text sql.NullString
		var num sql.NullInt64
		if err := rows.Scan(&rid, &received, &r.Channel, &r.Session, &r.Language, &r.Version, &r.Group, &r.Gender,
			&r.AgeBand, &r.Disability, &rowPacked, &question, &choice, &num, &text); err != nil {
			return err
		}
		if cur == nil || rid != curRID {
			if err := flush(); err != nil {
				return err
			}
			number++
			r.Number, r.Received, r.Answers = number, parseStamp(received), map[string][]string{}
			cur, curRID, packed = &r, rid, rowPacked
			clear(texts)
		}
		if !question.Valid {
			continue // a response with no answer rows at all
		}
		if packed != nil {
			if text.Valid {
				texts[question.String] = text.String
			}
			continue
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
	return flush()
}
