package results

import "strconv"

// Count is a true count and the sum of its records' keys (mod 2^32): what the cell key method
// needs of any cell. Never shown as such.
type Count struct {
	N      int
	Keysum uint32
}

// CellCounts returns the true count and key sum of every stratum (responses with the same
// profile, session, channel and day) and of every kind of answer row in it, named in words:
// two datasets of the same responses give the same maps however they were read, which is what
// the tests of the store's reading compare. Strata are keyed
// "group|gender|age|disability|session|channel|day", cells that and "|question|kind|choice|position|number|lead".
func (d *Dataset) CellCounts() (strata, cells map[string]Count) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	strata, cells = map[string]Count{}, map[string]Count{}
	name := func(r resp) string {
		return d.words[r.group] + "|" + d.words[r.gender] + "|" + d.words[r.age] + "|" + d.words[r.dis] + "|" +
			d.words[r.session] + "|" + d.words[r.channel] + "|" + d.words[r.day]
	}
	for _, r := range d.resp {
		k := name(r)
		c := strata[k]
		c.N++
		c.Keysum += r.key
		strata[k] = c
	}
	for ri, a := range d.answers() {
		choice := ""
		if a.kind == kindChoice {
			choice = d.terms[a.choice]
		}
		k := name(d.resp[ri]) + "|" + d.terms[a.q] + "|" + string('0'+rune(a.kind)) + "|" + choice + "|" +
			strconv.Itoa(int(a.pos)) + "|" + strconv.Itoa(int(a.num)) + "|" + map[bool]string{true: "1", false: "0"}[a.lead]
		c := cells[k]
		c.N++
		c.Keysum += d.resp[ri].key
		cells[k] = c
	}
	return strata, cells
}
