package results

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
)

// SnapshotFormat is the version of the blob MarshalBinary writes; UnmarshalBinary refuses any other,
// so a snapshot saved by an older build is read again from the store instead.
const SnapshotFormat = 1

// snapshotMagic opens every snapshot: a blob that is not one fails at once.
const snapshotMagic = "CDS"

// ErrSnapshot is returned for a blob that is not a whole snapshot of this format.
var ErrSnapshot = errors.New("results: not a dataset snapshot of this format")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Frozen returns the dataset as it is now, for MarshalBinary, sharing its memory: a dataset only
// grows, and what it holds now is never changed, so the copy can be encoded while responses are
// added to the dataset. It is only for MarshalBinary, Len and Last.
func (d *Dataset) Frozen() *Dataset {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return &Dataset{last: d.last, words: d.words[:len(d.words):len(d.words)], terms: d.terms[:len(d.terms):len(d.terms)],
		resp: d.resp[:len(d.resp):len(d.resp)], rids: d.rids[:len(d.rids):len(d.rids)],
		rows: append([][]answerRow(nil), d.rows...)} // the last chunk's header changes as rows are added
}

// MarshalBinary writes everything the dataset needs to go on taking in rows: its words and terms
// in the order they were interned, its responses (record keys included) in order with their ids,
// and its answer rows, after a format byte and before a checksum.
func (d *Dataset) MarshalBinary() ([]byte, error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	n, size := 0, 64+len(d.resp)*48
	for _, c := range d.rows {
		n += len(c)
	}
	for _, w := range d.words {
		size += len(w) + 2
	}
	for _, w := range d.terms {
		size += len(w) + 2
	}
	buf := make([]byte, 0, size+8*n)
	buf = append(buf, snapshotMagic...)
	buf = append(buf, SnapshotFormat)
	buf = binary.AppendVarint(buf, d.last)
	buf = appendStrings(buf, d.words)
	buf = appendStrings(buf, d.terms)
	buf = binary.AppendUvarint(buf, uint64(len(d.resp)))
	for i, r := range d.resp {
		buf = binary.AppendVarint(buf, d.rids[i])
		for _, v := range [...]uint32{r.group, r.gender, r.age, r.dis, r.channel, r.session, r.key, r.rows, r.day} {
			buf = binary.AppendUvarint(buf, uint64(v))
		}
	}
	buf = binary.AppendUvarint(buf, uint64(n))
	for _, c := range d.rows {
		for _, r := range c {
			buf = binary.LittleEndian.AppendUint32(buf, uint32(r.val))
			buf = binary.LittleEndian.AppendUint16(buf, r.q)
			buf = append(buf, r.pos, r.meta)
		}
	}
	return binary.LittleEndian.AppendUint32(buf, crc32.Checksum(buf, castagnoli)), nil
}

func appendStrings(buf []byte, ss []string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(ss)))
	for _, s := range ss {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	return buf
}

// UnmarshalBinary replaces the dataset's contents with a snapshot's. A blob of another format,
// cut short or damaged returns an error and leaves the dataset as it was: never half a dataset.
func (d *Dataset) UnmarshalBinary(data []byte) error {
	nd, err := decodeSnapshot(data)
	if err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.last, d.words, d.ids, d.terms, d.tids = nd.last, nd.words, nd.ids, nd.terms, nd.tids
	d.resp, d.rids, d.byRID, d.rows = nd.resp, nd.rids, nd.byRID, nd.rows
	return nil
}

// snapshotReader reads a snapshot's fields, remembering the first error.
type snapshotReader struct {
	b   []byte
	err error
}

func (r *snapshotReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: "+format, append([]any{ErrSnapshot}, args...)...)
	}
}

func (r *snapshotReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail("a number is cut short")
		r.b = nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *snapshotReader) varint() int64 {
	u := r.uvarint() // binary.AppendVarint's zig-zag encoding
	return int64(u>>1) ^ -int64(u&1)
}

// count reads a length, refusing one that the rest of the blob cannot hold at least bytes each of.
func (r *snapshotReader) count(least int) int {
	v := r.uvarint()
	if v > uint64(len(r.b)/least) {
		r.fail("a length of %d is more than the blob holds", v)
		r.b = nil
		return 0
	}
	return int(v)
}

func (r *snapshotReader) strings() []string {
	out := make([]string, r.count(1))
	for i := range out {
		n := r.count(1)
		if r.err != nil {
			return nil
		}
		out[i] = string(r.b[:n])
		r.b = r.b[n:]
	}
	return out
}

func decodeSnapshot(data []byte) (*Dataset, error) {
	head := len(snapshotMagic) + 1
	if len(data) < head+4 || string(data[:len(snapshotMagic)]) != snapshotMagic {
		return nil, fmt.Errorf("%w: no snapshot header", ErrSnapshot)
	}
	if v := data[len(snapshotMagic)]; v != SnapshotFormat {
		return nil, fmt.Errorf("%w: format %d, want %d", ErrSnapshot, v, SnapshotFormat)
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return nil, fmt.Errorf("%w: the checksum does not match", ErrSnapshot)
	}
	r := &snapshotReader{b: body[head:]}
	d := &Dataset{last: r.varint(), words: r.strings(), terms: r.strings()}
	if r.err == nil && (len(d.words) == 0 || d.words[0] != "" || len(d.terms) == 0 || d.terms[0] != "" || len(d.terms) > 0x10000) {
		r.fail("bad word or term tables")
	}
	d.ids = make(map[string]uint32, len(d.words))
	for i, w := range d.words {
		d.ids[w] = uint32(i)
	}
	d.tids = make(map[string]uint16, len(d.terms))
	for i, t := range d.terms {
		d.tids[t] = uint16(i)
	}
	if len(d.ids) != len(d.words) || len(d.tids) != len(d.terms) {
		r.fail("a word or term twice")
	}
	nresp := r.count(10)
	d.resp, d.rids, d.byRID = make([]resp, 0, nresp), make([]int64, 0, nresp), make(map[int64]int32, nresp)
	var rows uint64
	var f [9]uint32
	for range nresp {
		rid := r.varint()
		for j := range f {
			v := r.uvarint()
			word := j != 6 && j != 7 // the record key and the row count are not words
			if v > math.MaxUint32 || word && v >= uint64(len(d.words)) {
				r.fail("a response refers to word %d of %d", v, len(d.words))
			}
			f[j] = uint32(v)
		}
		if r.err != nil {
			return nil, r.err
		}
		if _, ok := d.byRID[rid]; ok || rid > d.last {
			return nil, fmt.Errorf("%w: response %d twice or after the last", ErrSnapshot, rid)
		}
		d.byRID[rid] = int32(len(d.resp))
		d.rids = append(d.rids, rid)
		d.resp = append(d.resp, resp{group: f[0], gender: f[1], age: f[2], dis: f[3], channel: f[4], session: f[5], key: f[6], rows: f[7], day: f[8]})
		rows += uint64(f[7])
	}
	n := r.count(8)
	if r.err != nil {
		return nil, r.err
	}
	if uint64(n) != rows || len(r.b) != 8*n {
		return nil, fmt.Errorf("%w: %d answer rows in %d bytes, the responses have %d", ErrSnapshot, n, len(r.b), rows)
	}
	for left := n; left > 0; {
		c := make([]answerRow, min(left, rowChunk))
		for i := range c {
			b := r.b[8*i:]
			c[i] = answerRow{val: int32(binary.LittleEndian.Uint32(b)), q: binary.LittleEndian.Uint16(b[4:]), pos: b[6], meta: b[7]}
			if int(c[i].q) >= len(d.terms) || c[i].meta&^leadBit > kindText ||
				c[i].meta&^leadBit == kindChoice && (c[i].val < 0 || int(c[i].val) >= len(d.terms)) {
				return nil, fmt.Errorf("%w: a bad answer row", ErrSnapshot)
			}
		}
		r.b = r.b[8*len(c):]
		d.rows = append(d.rows, c)
		left -= len(c)
	}
	return d, nil
}
