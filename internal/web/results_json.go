package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"sync"

	"consulta/internal/results"
)

// encodedReports keeps the results JSON of the last reports read, per language, plain and
// gzipped: a planner polling results costs a copy per request, not an encoding and a
// compression (profiled: 50 ms of encoding a poll at 100,000 responses). A report is made once
// per state of its data, so the same report always encodes to the same bytes.
type encodedReports struct {
	mu    sync.Mutex
	order []encodedKey
	m     map[encodedKey]*encodedReport
}

type encodedKey struct {
	rep  *results.Report
	lang string
}

type encodedReport struct{ plain, gz []byte }

// encodedKept bounds the encodings kept; each holds its report.
const encodedKept = 16

func (c *encodedReports) get(rep *results.Report, lang string) *encodedReport {
	key := encodedKey{rep, lang}
	c.mu.Lock()
	e := c.m[key]
	c.mu.Unlock()
	if e != nil {
		return e
	}
	e = encodeReport(rep, lang)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[encodedKey]*encodedReport{}
	}
	if _, ok := c.m[key]; !ok {
		c.order = append(c.order, key)
	}
	c.m[key] = e
	for len(c.order) > encodedKept {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	return e
}

// encodeReport writes the report with the words of its protection in the reader's language.
func encodeReport(rep *results.Report, lang string) *encodedReport {
	withheld, asOf := protectWords(rep, lang)
	// The report is shared by every reader; the words in the reader's language go beside it.
	plain, err := json.Marshal(struct {
		*results.Report
		Protection string `json:"protection"`
		Message    string `json:"message,omitempty"`
		AsOfText   string `json:"as_of_text,omitempty"`
	}{rep, T(lang, "results.suppression_note", rep.K), withheld, asOf})
	if err != nil {
		plain = []byte(`{"error":"internal error"}`)
	}
	plain = append(plain, '\n')
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	zw.Write(plain)
	zw.Close()
	return &encodedReport{plain: plain, gz: buf.Bytes()}
}
