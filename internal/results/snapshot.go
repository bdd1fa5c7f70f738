package results

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"slices"
)

// SnapshotFormat is the version of the snapshot WriteSnapshot writes; ReadSnapshot refuses any other,
// so a snapshot saved by an older build is read again from the store instead.
const SnapshotFormat = 1

// snapshotMagic opens every snapshot: a blob that is not one fails at once.
const snapshotMagic = "CDS"

// ErrSnapshot is returned for a blob that is not a whole snapshot of this format.
var ErrSnapshot = errors.New("results: not a dataset snapshot of this format")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Frozen returns the dataset as it is now, for WriteSnapshot, sharing its memory: a dataset only
// grows, and what it holds now is never changed, so the copy can be encoded while responses are
// added to the dataset. It is only for WriteSnapshot, Len and Last.
func (d *Dataset) Frozen() *Dataset {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return &Dataset{last: d.last, words: d.words[:len(d.words):len(d.words)], terms: d.terms[:len(d.terms):len(d.terms)],
		resp: d.resp[:len(d.resp):len(d.resp)], rids: d.rids[:len(d.rids):len(d.rids)],
		rows: append([][]answerRow(nil), d.rows...)} // the last chunk's header changes as rows are added
}

// WriteSnapshot writes everything the dataset needs to go on taking in rows to w: its words and
// terms in the order they were interned, its responses (record keys included) in order with their
// ids, and its answer rows, after a format byte and before a checksum of all that. It writes in
// pieces of some 64 KB, never holding the whole snapshot.
func (d *Dataset) WriteSnapshot(w io.Writer) error {
	d.mu.RLock()
	defer d.mu.RUnlock()
	n := 0
	for _, c := range d.rows {
		n += len(c)
	}
	e := &snapshotWriter{w: w, buf: make([]byte, 0, snapshotPiece+1024)}
	e.buf = append(e.buf, snapshotMagic...)
	e.buf = append(e.buf, SnapshotFormat)
	e.buf = binary.AppendVarint(e.buf, d.last)
	e.strings(d.words)
	e.strings(d.terms)
	e.buf = binary.AppendUvarint(e.buf, uint64(len(d.resp)))
	for i, r := range d.resp {
		e.buf = binary.AppendVarint(e.buf, d.rids[i])
		for _, v := range [...]uint32{r.group, r.gender, r.age, r.dis, r.channel, r.session, r.key, r.rows, r.day} {
			e.buf = binary.AppendUvarint(e.buf, uint64(v))
		}
		e.more()
	}
	e.buf = binary.AppendUvarint(e.buf, uint64(n))
	for _, c := range d.rows {
		for _, r := range c {
			e.buf = binary.LittleEndian.AppendUint32(e.buf, uint32(r.val))
			e.buf = binary.LittleEndian.AppendUint16(e.buf, r.q)
			e.buf = append(e.buf, r.pos, r.meta)
			e.more()
		}
	}
	e.flush()
	if e.err != nil {
		return e.err
	}
	_, err := w.Write(binary.LittleEndian.AppendUint32(nil, e.crc))
	return err
}

// MarshalBinary returns WriteSnapshot's bytes, for small datasets and tests.
func (d *Dataset) MarshalBinary() ([]byte, error) {
	var b bytes.Buffer
	err := d.WriteSnapshot(&b)
	return b.Bytes(), err
}

// snapshotPiece is how many bytes WriteSnapshot gathers before writing them, and ReadSnapshot reads at once.
const snapshotPiece = 64 << 10

// snapshotWriter writes a snapshot in pieces, keeping their checksum and the first error.
type snapshotWriter struct {
	w   io.Writer
	buf []byte
	crc uint32
	err error
}

func (e *snapshotWriter) more() {
	if len(e.buf) >= snapshotPiece {
		e.flush()
	}
}

func (e *snapshotWriter) flush() {
	if e.err == nil && len(e.buf) > 0 {
		e.crc = crc32.Update(e.crc, castagnoli, e.buf)
		_, e.err = e.w.Write(e.buf)
	}
	e.buf = e.buf[:0]
}

func (e *snapshotWriter) strings(ss []string) {
	e.buf = binary.AppendUvarint(e.buf, uint64(len(ss)))
	for _, s := range ss {
		e.buf = binary.AppendUvarint(e.buf, uint64(len(s)))
		e.buf = append(e.buf, s...)
		e.more()
	}
}

// ReadSnapshot replaces the dataset's contents with the snapshot r reads to its end. A snapshot
// of another format, cut short, damaged or followed by more bytes returns an error and leaves the
// dataset as it was: never half a dataset. It reads r in pieces, never holding the whole snapshot.
func (d *Dataset) ReadSnapshot(r io.Reader) error {
	nd, err := decodeSnapshot(r)
	if err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.last, d.words, d.ids, d.terms, d.tids = nd.last, nd.words, nd.ids, nd.terms, nd.tids
	d.resp, d.rids, d.byRID, d.rows = nd.resp, nd.rids, nd.byRID, nd.rows
	d.id = datasets.Add(1)
	return nil
}

// UnmarshalBinary is ReadSnapshot of data.
func (d *Dataset) UnmarshalBinary(data []byte) error { return d.ReadSnapshot(bytes.NewReader(data)) }

// snapshotReader reads a snapshot's fields from src through a window, buf[pos:], checksumming the
// bytes consumed, and remembering the first error.
type snapshotReader struct {
	src io.Reader
	buf []byte
	pos int
	crc uint32
	end bool // src has no more
	err error
}

func (r *snapshotReader) fail(err error) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %w", ErrSnapshot, err)
	}
}

// short is the error for a snapshot that ends too soon: src's own, if it failed.
func (r *snapshotReader) short(what error) error {
	if r.err != nil {
		return r.err
	}
	return fmt.Errorf("%w: %w", ErrSnapshot, what)
}

// fill makes the window hold at least need bytes, if src has them; it says whether it does.
func (r *snapshotReader) fill(need int) bool {
	if len(r.buf)-r.pos >= need {
		return true
	}
	r.crc = crc32.Update(r.crc, castagnoli, r.buf[:r.pos])
	r.buf = append(r.buf[:0], r.buf[r.pos:]...)
	r.pos = 0
	for len(r.buf) < need && !r.end && r.err == nil {
		if cap(r.buf)-len(r.buf) < snapshotPiece/2 {
			r.buf = slices.Grow(r.buf, max(snapshotPiece, need-len(r.buf)))
		}
		k, err := r.src.Read(r.buf[len(r.buf):cap(r.buf)])
		r.buf = r.buf[:len(r.buf)+k]
		if err == io.EOF {
			r.end = true
		} else if err != nil {
			r.err = fmt.Errorf("results: reading a snapshot: %w", err)
		}
	}
	return len(r.buf) >= need
}

func (r *snapshotReader) uvarint() uint64 {
	r.fill(binary.MaxVarintLen64)
	v, n := binary.Uvarint(r.buf[r.pos:])
	if n <= 0 {
		r.fail(errors.New("a number is cut short"))
		r.pos = len(r.buf)
		return 0
	}
	r.pos += n
	return v
}

func (r *snapshotReader) varint() int64 {
	u := r.uvarint() // binary.AppendVarint's zig-zag encoding
	return int64(u>>1) ^ -int64(u&1)
}

// count reads a length; what is made for it beforehand is bounded, as the length may be damaged.
func (r *snapshotReader) count() (n, capacity int) {
	v := r.uvarint()
	if v > math.MaxInt32 {
		r.fail(fmt.Errorf("a length of %d", v))
		return 0, 0
	}
	return int(v), int(min(v, 1<<17))
}

func (r *snapshotReader) strings() []string {
	n, c := r.count()
	out := make([]string, 0, c)
	for range n {
		k, _ := r.count()
		if r.err != nil {
			return nil
		}
		if !r.fill(k) {
			r.err = r.short(errors.New("a word is cut short"))
			return nil
		}
		out = append(out, string(r.buf[r.pos:r.pos+k]))
		r.pos += k
	}
	return out
}

func decodeSnapshot(src io.Reader) (*Dataset, error) {
	r := &snapshotReader{src: src}
	head := len(snapshotMagic) + 1
	if !r.fill(head) || string(r.buf[:len(snapshotMagic)]) != snapshotMagic {
		return nil, r.short(errors.New("no snapshot header"))
	}
	if v := r.buf[len(snapshotMagic)]; v != SnapshotFormat {
		return nil, fmt.Errorf("%w: format %d, want %d", ErrSnapshot, v, SnapshotFormat)
	}
	r.pos = head
	d := &Dataset{last: r.varint(), words: r.strings(), terms: r.strings()}
	if r.err == nil && (len(d.words) == 0 || d.words[0] != "" || len(d.terms) == 0 || d.terms[0] != "" || len(d.terms) > 0x10000) {
		r.fail(errors.New("bad word or term tables"))
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
		r.fail(errors.New("a word or term twice"))
	}
	nresp, c := r.count()
	if r.err != nil {
		return nil, r.err
	}
	d.resp, d.rids, d.byRID = make([]resp, 0, c), make([]int64, 0, c), make(map[int64]int32, c)
	var rows uint64
	var f [9]uint32
	for range nresp {
		rid := r.varint()
		for j := range f {
			v := r.uvarint()
			word := j != 6 && j != 7 // the record key and the row count are not words
			if v > math.MaxUint32 || word && v >= uint64(len(d.words)) {
				r.fail(fmt.Errorf("a response refers to word %d of %d", v, len(d.words)))
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
	n, _ := r.count()
	if r.err != nil {
		return nil, r.err
	}
	if uint64(n) != rows {
		return nil, fmt.Errorf("%w: %d answer rows, the responses have %d", ErrSnapshot, n, rows)
	}
	for left := n; left > 0; {
		c := make([]answerRow, min(left, rowChunk))
		for i := 0; i < len(c); {
			if !r.fill(8) {
				return nil, r.short(errors.New("the answer rows are cut short"))
			}
			for k := min(len(c), i+(len(r.buf)-r.pos)/8); i < k; i++ {
				b := r.buf[r.pos:]
				r.pos += 8
				c[i] = answerRow{val: int32(binary.LittleEndian.Uint32(b)), q: binary.LittleEndian.Uint16(b[4:]), pos: b[6], meta: b[7]}
				if int(c[i].q) >= len(d.terms) || c[i].meta&^leadBit > kindText ||
					c[i].meta&^leadBit == kindChoice && (c[i].val < 0 || int(c[i].val) >= len(d.terms)) {
					return nil, fmt.Errorf("%w: a bad answer row", ErrSnapshot)
				}
			}
		}
		d.rows = append(d.rows, c)
		left -= len(c)
	}
	if r.err != nil {
		return nil, r.err
	}
	if !r.fill(4) {
		return nil, r.short(errors.New("no checksum"))
	}
	crc := crc32.Update(r.crc, castagnoli, r.buf[:r.pos])
	if binary.LittleEndian.Uint32(r.buf[r.pos:]) != crc {
		return nil, fmt.Errorf("%w: the checksum does not match", ErrSnapshot)
	}
	r.pos += 4
	if r.fill(1) {
		return nil, fmt.Errorf("%w: more bytes after the checksum", ErrSnapshot)
	}
	if r.err != nil {
		return nil, r.err
	}
	return d, nil
}
