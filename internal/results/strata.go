package results

import "strconv"

// Strata builds a dataset from counts kept by the store: one row per stratum (responses with the
// same profile, session, channel and day) and one per cell (equal answer rows in a stratum), each
// with its weight and key sum. Its size follows the variety of answers, not their number.
type Strata struct {
	d     *Dataset
	index map[int64]int32
}

// NewStrata starts a dataset from counts.
func NewStrata() *Strata {
	return &Strata{d: NewDataset(), index: map[int64]int32{}}
}

// Stratum adds a stratum of n responses whose record keys sum (mod 2^32) to keysum.
func (s *Strata) Stratum(id int64, n int, keysum uint32, session, channel, group, gender, ageBand, disability, day string) {
	d := s.d
	s.index[id] = int32(len(d.resp))
	d.resp = append(d.resp, resp{group: d.word(group), gender: d.word(gender), age: d.word(ageBand),
		dis: d.word(disability), channel: d.word(channel), session: d.word(session), n: uint32(n), key: keysum, day: day})
	d.total += n
}

// Cell adds n equal answer rows of a stratum already added; kind is the store's (0 skipped,
// 1 choice, 2 number, 3 text). Question and choice are copied when new.
func (s *Strata) Cell(stratum int64, question, choice []byte, kind, position, number int, lead bool, n int, keysum uint32) {
	ri, ok := s.index[stratum]
	if !ok || n <= 0 {
		return
	}
	d := s.d
	row := ans{resp: ri, q: d.term(question), lead: lead}
	switch kind {
	case 2:
		row.kind, row.num = kindNumber, int32(number)
	case 1:
		row.kind, row.choice, row.pos = kindChoice, d.term(choice), uint8(min(max(position, 0), 255))
	case 3:
		row.kind = kindText
	}
	d.ans = append(d.ans, row)
	d.cellW = append(d.cellW, weight{uint32(n), keysum})
}

// SetLast records the highest response row id the dataset's counts include.
func (d *Dataset) SetLast(rid int64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.last = rid
}

// Dataset returns the dataset built; the builder must not be used after.
func (s *Strata) Dataset() *Dataset { return s.d }

// Count is a true count and the sum of its records' keys (mod 2^32): what the cell key method
// needs of any cell. Never shown as such.
type Count struct {
	N      int
	Keysum uint32
}

// CellCounts returns the true count and key sum of every (stratum, answer row) combination,
// named in words, whichever way the dataset was built: two datasets of the same responses give
// the same map. Strata are keyed "group|gender|age|disability|session|channel|day", cells
// that followed by "|question|kind|choice|position|number|lead".
func (d *Dataset) CellCounts() (strata, cells map[string]Count) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	strata, cells = map[string]Count{}, map[string]Count{}
	name := func(r resp) string {
		return d.words[r.group] + "|" + d.words[r.gender] + "|" + d.words[r.age] + "|" + d.words[r.dis] + "|" +
			d.words[r.session] + "|" + d.words[r.channel] + "|" + r.day
	}
	for _, r := range d.resp {
		k := name(r)
		c := strata[k]
		c.N += int(r.n)
		c.Keysum += r.key
		strata[k] = c
	}
	for i, a := range d.ans {
		w := weight{1, d.resp[a.resp].key}
		if d.cellW != nil {
			w = d.cellW[i]
		}
		choice := ""
		if a.kind == kindChoice {
			choice = d.terms[a.choice]
		}
		k := name(d.resp[a.resp]) + "|" + d.terms[a.q] + "|" + string('0'+rune(a.kind)) + "|" + choice + "|" +
			strconv.Itoa(int(a.pos)) + "|" + strconv.Itoa(int(a.num)) + "|" + map[bool]string{true: "1", false: "0"}[a.lead]
		c := cells[k]
		c.N += int(w.n)
		c.Keysum += w.key
		cells[k] = c
	}
	return strata, cells
}
