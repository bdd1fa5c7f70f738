package export

import (
	"encoding/csv"
	"io"
	"slices"
	"strings"
	"time"

	"consulta/internal/survey"
)

// RawResponse is one stored response as the raw export writes it. It mirrors store.RawResponse
// field for field, so the web layer converts one to the other with a plain conversion.
type RawResponse struct {
	Number     int // running number in the export; the response's UUID never leaves the server
	Received   time.Time
	Channel    string
	Session    string
	Language   string
	Version    string
	Group      string
	Gender     string
	AgeBand    string
	Disability string
	// Answers holds each question's stored values: one for most types, each choice for
	// select_multiple, rank in order; a question asked and skipped has none.
	Answers map[string][]string
}

// RawSource streams responses to yield in order and stops at the first error yield returns.
type RawSource func(yield func(RawResponse) error) error

// rawColumns come first in every raw export, before the questions.
var rawColumns = []string{"number", "received", "channel", "session", "language", "survey_version",
	"group", "gender", "age_band", "disability"}

// profileColumns are the fixed columns that repeat a profile question's answer.
var profileColumns = []string{survey.Group, survey.Gender, survey.AgeBand, survey.Disabled}

// RawCSV writes one line per response and one column per answerable question of sv, in order.
// Free-text questions are left out unless includeText. Profile questions already in the fixed
// columns (group, gender, age_band) are not repeated.
func RawCSV(w io.Writer, sv *survey.Survey, rows RawSource, includeText bool) error {
	var questions []*survey.Question
	header := slices.Clone(rawColumns)
	for _, q := range sv.Questions {
		if !q.Answerable() || (q.Type == survey.Text && !includeText) || slices.Contains(profileColumns, q.ID) {
			continue
		}
		questions = append(questions, q)
		name := q.ID
		if slices.Contains(rawColumns, name) {
			name = "q_" + name // a question named like a fixed column keeps both readable
		}
		header = append(header, name)
	}
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	write := func(fields []string) error {
		for i, f := range fields {
			fields[i] = neutralise(f)
		}
		return cw.Write(fields)
	}
	if err := write(header); err != nil {
		return err
	}
	err := rows(func(r RawResponse) error {
		line := []string{itoa(r.Number), r.Received.Format(time.DateOnly), r.Channel, r.Session, r.Language, r.Version,
			r.Group, r.Gender, r.AgeBand, r.Disability}
		for _, q := range questions {
			line = append(line, rawValue(q, r.Answers[q.ID]))
		}
		return write(line)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// rawValue writes a question's stored values in one cell: ranks in order with " > ", several
// choices with ";". Choice ids, yes/no and numbers are written as stored.
func rawValue(q *survey.Question, vs []string) string {
	if q.Type == survey.Rank {
		return strings.Join(vs, " > ")
	}
	return strings.Join(vs, ";")
}
