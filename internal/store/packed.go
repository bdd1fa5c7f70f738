package store

import (
	"encoding/binary"
	"errors"
)

// packAnswers packs a response's answer rows (six values each, as answerRows lays them out) into
// one value: per row the question, then a kind byte (the cell kinds) and the choice with its
// rank position, or the number. Texts are not packed: results only count them.
func packAnswers(rows []any) []byte {
	b := []byte{packVersion}
	for i := 0; i+6 <= len(rows); i += 6 {
		k := kindOf(rows[i+1 : i+6])
		b = binary.AppendUvarint(b, uint64(len(k.question)))
		b = append(b, k.question...)
		b = append(b, byte(k.kind))
		switch k.kind {
		case CellChoice:
			b = binary.AppendUvarint(b, uint64(len(k.choice)))
			b = append(b, k.choice...)
			b = binary.AppendVarint(b, int64(k.position))
		case CellNumber:
			b = binary.AppendVarint(b, int64(k.number))
		}
	}
	return b
}

// packVersion is the first byte of packed answers, so an empty response is not NULL.
const packVersion = 1

var errPacked = errors.New("store: packed answers are damaged")

// unpackAnswers calls fn for each packed row; a's slices point into b.
func unpackAnswers(rid int64, b []byte, fn func(ResultAnswer)) error {
	if len(b) == 0 || b[0] != packVersion {
		return errPacked
	}
	b = b[1:]
	for len(b) > 0 {
		a := ResultAnswer{RID: rid}
		n, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < n+1 {
			return errPacked
		}
		a.Question, b = b[w:w+int(n)], b[w+int(n):]
		kind := b[0]
		b = b[1:]
		switch kind {
		case CellChoice:
			n, w := binary.Uvarint(b)
			if w <= 0 || uint64(len(b)-w) < n {
				return errPacked
			}
			a.Choice, b = b[w:w+int(n)], b[w+int(n):]
			p, w := binary.Varint(b)
			if w <= 0 {
				return errPacked
			}
			a.Position, b = int(p), b[w:]
		case CellNumber:
			v, w := binary.Varint(b)
			if w <= 0 {
				return errPacked
			}
			a.Number, a.HasNumber, b = int(v), true, b[w:]
		case CellText:
			a.HasText = true
		case CellSkipped:
		default:
			return errPacked
		}
		fn(a)
	}
	return nil
}
