package results

import (
	"iter"
	"strings"
	"sync"
)

// Dataset holds a consultation's responses in memory, compactly, so any filter and cut is a scan
// of a few million small rows instead of a query. It only grows: new rows are appended after the
// last response it saw.
type Dataset struct {
	mu    sync.RWMutex
	last  int64
	words []string // profile values, channels, sessions
	ids   map[string]uint32
	terms []string // question and choice ids, few enough for 16 bits
	tids  map[string]uint16
	resp  []resp
	byRID map[int64]int32
	ans   [][]ans // answer rows in chunks of at most ansChunk: growing never copies the rows already held
}

type resp struct {
	group, gender, age, dis, channel, session uint32
	key                                       uint32 // record key: cell keys are sums of these
	day                                       string
}

// Answer kinds.
const (
	kindSkipped uint8 = iota
	kindChoice
	kindNumber
	kindText
)

// ans is one answer row in 16 bytes: millions of them stay in memory.
type ans struct {
	resp   int32
	num    int32
	q      uint16
	choice uint16
	pos    uint8
	kind   uint8
	lead   bool // the first row of this question for this response
}

// NewDataset returns an empty dataset.
func NewDataset() *Dataset {
	return &Dataset{ids: map[string]uint32{"": 0}, words: []string{""}, tids: map[string]uint16{"": 0}, terms: []string{""},
		byRID: map[int64]int32{}}
}

// Last is the highest response row id the dataset holds; load rows after it.
func (d *Dataset) Last() int64 {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.last
}

// Len is how many responses the dataset holds.
func (d *Dataset) Len() int {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return len(d.resp)
}

func (d *Dataset) word(s string) uint32 {
	if id, ok := d.ids[s]; ok {
		return id
	}
	id := uint32(len(d.words))
	d.words = append(d.words, s)
	d.ids[s] = id
	return id
}

// term interns a question or choice id; looking up string(b) in a map does not allocate, so
// only new ids do. Past 65,535 distinct ids the rest share one slot: no survey comes near it.
func (d *Dataset) term(b []byte) uint16 {
	if id, ok := d.tids[string(b)]; ok {
		return id
	}
	if len(d.terms) > 0xFFFF {
		return 0xFFFF
	}
	id := uint16(len(d.terms))
	d.terms = append(d.terms, string(b))
	d.tids[string(b)] = id
	return id
}

// answers yields every answer row in stored order.
func (d *Dataset) answers() iter.Seq[ans] {
	return func(yield func(ans) bool) {
		for _, c := range d.ans {
			for _, a := range c {
				if !yield(a) {
					return
				}
			}
		}
	}
}

// Batch collects rows read from the store; Commit adds them to the dataset in one step, so a
// report never sees a response without its answers.
type Batch struct {
	d       *Dataset
	resp    []resp
	rids    []int64
	ans     [][]ans
	pending map[int64]int32
	terms   map[string]uint16 // terms this batch has interned: read without the dataset's lock
	seen    []int32           // per term, the run of rows of one response that last answered it
	run     int32             // counts runs of rows of one response
	prev    int64
	prevAt  int32 // pending[prev], or -1 when prev is not in the batch
}

// Batch starts adding rows; words are interned under the dataset's lock at Commit.
func (d *Dataset) Batch() *Batch {
	return &Batch{d: d, pending: map[int64]int32{}, terms: map[string]uint16{}, prev: -1, prevAt: -1}
}

// term interns a question or choice id, taking the dataset's lock only for one this batch has not met.
func (b *Batch) term(id []byte) uint16 {
	if t, ok := b.terms[string(id)]; ok {
		return t
	}
	b.d.mu.Lock()
	t := b.d.term(id)
	b.d.mu.Unlock()
	b.terms[string(id)] = t
	return t
}

// Response adds one response; one the dataset already holds is ignored.
func (b *Batch) Response(rid int64, key uint32, session, channel, group, gender, ageBand, disability, day string) {
	b.d.mu.Lock()
	defer b.d.mu.Unlock()
	if _, ok := b.d.byRID[rid]; ok {
		return
	}
	if _, ok := b.pending[rid]; ok {
		return
	}
	d := b.d
	b.pending[rid] = int32(len(d.resp) + len(b.resp))
	b.resp = append(b.resp, resp{group: d.word(group), gender: d.word(gender), age: d.word(ageBand),
		dis: d.word(disability), channel: d.word(channel), session: d.word(session), key: key, day: day})
	b.rids = append(b.rids, rid)
}

// Answer adds one answer row of a response added to this batch; rows arrive in stored order.
// A row with no choice, number or text is a question that was asked and skipped.
func (b *Batch) Answer(rid int64, question, choice string, position int, number int, hasNumber, hasText bool) {
	b.AnswerBytes(rid, []byte(question), []byte(choice), position, number, hasNumber, hasText)
}

// AnswerBytes is Answer for text read straight from the database's buffer; it keeps no reference to it.
func (b *Batch) AnswerBytes(rid int64, question, choice []byte, position int, number int, hasNumber, hasText bool) {
	if rid != b.prev {
		b.prev, b.prevAt = rid, -1
		b.run++
		if ri, ok := b.pending[rid]; ok {
			b.prevAt = ri
		}
	}
	ri := b.prevAt
	if ri < 0 {
		return
	}
	row := ans{resp: ri, q: b.term(question)}
	switch {
	case hasNumber:
		row.kind, row.num = kindNumber, int32(number)
	case len(choice) > 0:
		row.kind, row.choice, row.pos = kindChoice, b.term(choice), uint8(min(max(position, 0), 255))
	case hasText:
		row.kind = kindText
	}
	if int(row.q) >= len(b.seen) {
		b.seen = append(b.seen, make([]int32, int(row.q)+1-len(b.seen))...)
	}
	row.lead = b.seen[row.q] != b.run
	b.seen[row.q] = b.run
	b.ans = appendAns(b.ans, row)
}

// appendAns adds a row to chunked rows, starting a chunk when the last is full: small batches take
// small chunks, a large load chunks of ansChunk rows.
func appendAns(chunks [][]ans, row ans) [][]ans {
	n := len(chunks)
	if n == 0 || len(chunks[n-1]) == cap(chunks[n-1]) {
		size := 256
		if n > 0 {
			size = min(2*cap(chunks[n-1]), ansChunk)
		}
		chunks = append(chunks, make([]ans, 0, size))
		n++
	}
	chunks[n-1] = append(chunks[n-1], row)
	return chunks
}

// ansChunk is the most answer rows one chunk holds (1 MB).
const ansChunk = 1 << 16

// Commit adds the batch to the dataset.
func (b *Batch) Commit() {
	d := b.d
	d.mu.Lock()
	defer d.mu.Unlock()
	for i, r := range b.resp {
		d.byRID[b.rids[i]] = int32(len(d.resp))
		d.resp = append(d.resp, r)
		d.last = max(d.last, b.rids[i])
	}
	if len(d.ans) == 0 {
		d.ans = b.ans // the first load: take the chunks as they are
	} else {
		for _, c := range b.ans {
			for _, row := range c {
				d.ans = appendAns(d.ans, row)
			}
		}
	}
	b.ans = nil
}

// matches reports which responses pass the filter's session, channel and group of people;
// population applies its dates, by whole blocks.
func (d *Dataset) matches(f Filter) []bool {
	out := make([]bool, len(d.resp))
	dimValue := func(r resp) string {
		switch f.Dimension {
		case ByGroup:
			return d.words[r.group]
		case ByGender:
			return d.words[r.gender]
		case ByAgeBand:
			return d.words[r.age]
		case ByDisability:
			return d.words[r.dis]
		}
		return ""
	}
	for i, r := range d.resp {
		ok := (f.Session == "" || d.words[r.session] == f.Session) &&
			(f.Channel == "" || d.words[r.channel] == f.Channel)
		if ok && f.Dimension != "" && f.Value != "" {
			v := dimValue(r)
			if f.Value == NotStated {
				ok = v == ""
			} else {
				ok = strings.EqualFold(v, f.Value)
			}
		}
		out[i] = ok
	}
	return out
}
