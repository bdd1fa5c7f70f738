package results

import (
	"iter"
	"slices"
	"strings"
	"sync"
)

// Dataset holds a consultation's responses in memory, compactly, so any filter and cut is a scan
// of a few million small rows instead of a query. It only grows: new rows are appended after the
// last response it saw.
type Dataset struct {
	mu    sync.RWMutex
	id    uint64 // new for every dataset and every snapshot read into one: what a Live counted
	last  int64
	words []string // profile values, channels, sessions
	ids   map[string]uint32
	terms []string // question and choice ids, few enough for 16 bits
	tids  map[string]uint16
	resp  []resp
	rids  []int64 // of each response, in order: a snapshot keeps them
	byRID map[int64]int32
	// rows are the answer rows, response after response (resp.rows of each), in chunks of at most
	// rowChunk: growing never copies the rows already held.
	rows [][]answerRow
}

type resp struct {
	group, gender, age, dis, channel, session uint32
	key                                       uint32 // record key: cell keys are sums of these
	rows                                      uint32 // how many answer rows it has
	day                                       uint32 // a word: no pointer for the collector to follow in a million of these
}

// Answer kinds.
const (
	kindSkipped uint8 = iota
	kindChoice
	kindNumber
	kindText
)

// ans is one answer row as a report reads it.
type ans struct {
	num    int32
	q      uint16
	choice uint16
	pos    uint8
	kind   uint8
	lead   bool // the first row of this question for this response
}

// answerRow is an answer row as kept, in 8 bytes: millions of them stay in memory. Its response is
// implied by where it lies (see Dataset.rows).
type answerRow struct {
	val  int32 // the choice's term, or the number
	q    uint16
	pos  uint8
	meta uint8 // kind, and leadBit
}

const leadBit = 0x80

func pack(a ans) answerRow {
	r := answerRow{q: a.q, pos: a.pos, meta: a.kind}
	if a.kind == kindChoice {
		r.val = int32(a.choice)
	} else {
		r.val = a.num
	}
	if a.lead {
		r.meta |= leadBit
	}
	return r
}

func (r answerRow) ans() ans {
	a := ans{q: r.q, pos: r.pos, kind: r.meta &^ leadBit, lead: r.meta&leadBit != 0}
	if a.kind == kindChoice {
		a.choice = uint16(r.val)
	} else {
		a.num = r.val
	}
	return a
}

// NewDataset returns an empty dataset.
func NewDataset() *Dataset {
	return &Dataset{id: datasets.Add(1), ids: map[string]uint32{"": 0}, words: []string{""}, tids: map[string]uint16{"": 0}, terms: []string{""},
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

// answers yields every answer row with the index of its response, in stored order.
func (d *Dataset) answers() iter.Seq2[int, ans] {
	return func(yield func(int, ans) bool) {
		owner := d.owner()
		for _, c := range d.rows {
			for _, r := range c {
				if !yield(owner.next(), r.ans()) {
					return
				}
			}
		}
	}
}

// owner follows, row after row in stored order, the response each answer row belongs to.
type owner struct {
	resp []resp
	at   int
	left uint32
}

func (d *Dataset) owner() owner { return owner{resp: d.resp, at: -1} }

// next is the index of the response of the next row.
func (o *owner) next() int {
	for o.left == 0 {
		o.at++
		o.left = o.resp[o.at].rows
	}
	o.left--
	return o.at
}

// Batch collects rows read from the store; Commit adds them to the dataset in one step, so a
// report never sees a response without its answers.
type Batch struct {
	d       *Dataset
	resp    []resp
	rids    []int64
	rows    [][]answerRow // rows of responses in order, the batch's first response first
	late    []lateRow
	pending map[int64]int32
	terms   map[string]uint16 // terms this batch has interned: read without the dataset's lock
	seen    []int32           // per term, the run of rows of one response that last answered it
	run     int32             // counts runs of rows of one response
	prev    int64
	prevAt  int32 // pending[prev], or -1 when prev is not in the batch
	upTo    int   // the place in the batch of the latest response rows were added for
}

// Batch starts adding rows; words are interned under the dataset's lock at Commit.
func (d *Dataset) Batch() *Batch {
	return &Batch{d: d, pending: map[int64]int32{}, terms: map[string]uint16{}, prev: -1, prevAt: -1}
}

// lateRow is an answer row that came after rows of later responses (responses stored before
// answers were packed are read last); Commit puts it in its place.
type lateRow struct {
	at  int // the response's place in the batch
	row answerRow
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
	b.pending[rid] = int32(len(b.resp))
	b.resp = append(b.resp, resp{group: d.word(group), gender: d.word(gender), age: d.word(ageBand),
		dis: d.word(disability), channel: d.word(channel), session: d.word(session), key: key, day: d.word(day)})
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
	a := ans{q: b.term(question)}
	switch {
	case hasNumber:
		a.kind, a.num = kindNumber, int32(number)
	case len(choice) > 0:
		a.kind, a.choice, a.pos = kindChoice, b.term(choice), uint8(min(max(position, 0), 255))
	case hasText:
		a.kind = kindText
	}
	if int(a.q) >= len(b.seen) {
		b.seen = append(b.seen, make([]int32, int(a.q)+1-len(b.seen))...)
	}
	a.lead = b.seen[a.q] != b.run
	b.seen[a.q] = b.run
	at := int(ri)
	if at < b.upTo {
		b.late = append(b.late, lateRow{at, pack(a)})
		return
	}
	b.upTo = at
	b.resp[at].rows++
	b.rows = appendRow(b.rows, pack(a))
}

// appendRow adds a row to chunked rows, starting a chunk when the last is full: small batches take
// small chunks, a large load chunks of rowChunk rows.
func appendRow(chunks [][]answerRow, r answerRow) [][]answerRow {
	n := len(chunks)
	if n == 0 || len(chunks[n-1]) == cap(chunks[n-1]) {
		size := 256
		if n > 0 {
			size = min(2*cap(chunks[n-1]), rowChunk)
		}
		chunks = append(chunks, make([]answerRow, 0, size))
		n++
	}
	chunks[n-1] = append(chunks[n-1], r)
	return chunks
}

// rowChunk is the most answer rows one chunk holds (1 MB).
const rowChunk = 1 << 17

// placeLate puts the late rows after the other rows of their responses.
func (b *Batch) placeLate() {
	if len(b.late) == 0 {
		return
	}
	slices.SortStableFunc(b.late, func(x, y lateRow) int { return x.at - y.at })
	var out [][]answerRow
	late := b.late
	ci, pi := 0, 0
	for at := range b.resp {
		for range b.resp[at].rows {
			for pi == len(b.rows[ci]) {
				ci, pi = ci+1, 0
			}
			out = appendRow(out, b.rows[ci][pi])
			pi++
		}
		for ; len(late) > 0 && late[0].at == at; late = late[1:] {
			out = appendRow(out, late[0].row)
			b.resp[at].rows++
		}
	}
	b.rows, b.late = out, nil
}

// Commit adds the batch to the dataset.
func (b *Batch) Commit() {
	b.placeLate()
	d := b.d
	d.mu.Lock()
	defer d.mu.Unlock()
	for i, r := range b.resp {
		d.byRID[b.rids[i]] = int32(len(d.resp))
		d.resp = append(d.resp, r)
		d.rids = append(d.rids, b.rids[i])
		d.last = max(d.last, b.rids[i])
	}
	if n := len(d.rows); n == 0 || len(d.rows[n-1]) == cap(d.rows[n-1]) {
		// The first load, or a dataset whose last chunk is full (as one read from a snapshot
		// is): take the batch's chunks as they are, so its rows are never held twice.
		d.rows = append(d.rows, b.rows...)
	} else {
		for _, c := range b.rows {
			for _, r := range c {
				d.rows = appendRow(d.rows, r)
			}
		}
	}
	b.rows = nil
}

// matches reports which responses pass the filter's session, channel and group of people;
// population applies its dates, by whole blocks.
func (d *Dataset) matches(f Filter) []bool {
	out := make([]bool, len(d.resp))
	for i, r := range d.resp {
		out[i] = d.match(f, r)
	}
	return out
}

// match reports whether one response passes the filter's session, channel and group of people.
func (d *Dataset) match(f Filter, r resp) bool {
	if (f.Session != "" && d.words[r.session] != f.Session) || (f.Channel != "" && d.words[r.channel] != f.Channel) {
		return false
	}
	if f.Dimension == "" || f.Value == "" {
		return true
	}
	var v string
	switch f.Dimension {
	case ByGroup:
		v = d.words[r.group]
	case ByGender:
		v = d.words[r.gender]
	case ByAgeBand:
		v = d.words[r.age]
	case ByDisability:
		v = d.words[r.dis]
	}
	if f.Value == NotStated {
		return v == ""
	}
	return strings.EqualFold(v, f.Value)
}
