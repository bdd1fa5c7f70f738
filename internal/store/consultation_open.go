package store

import (
	"context"
	"time"
)

// openFor bounds how long a response may be judged against an open consultation read earlier
// (by another response). Only "open" is kept: a closed or draft consultation, and the kiosk
// grace that follows a closing, are read for every response. So a closing made on another
// instance lets that instance take ordinary responses for at most openFor more, as if they had
// arrived that much sooner; a closing made through this store takes effect at once.
const openFor = time.Second

type openConsultation struct {
	c    *Consultation
	at   time.Time
	edit uint64 // s.edits when it was read
}

// ConsultationToAnswer returns a consultation for judging a response to it: as Consultation,
// except that an open one may have been read up to openFor ago. The result must not be changed.
func (s *Store) ConsultationToAnswer(ctx context.Context, id string) (*Consultation, error) {
	edit := s.edits.Load()
	if v, ok := s.open.Load(id); ok {
		e := v.(openConsultation)
		if e.edit == edit && time.Since(e.at) < openFor {
			return e.c, nil
		}
	}
	at := time.Now()
	c, err := s.Consultation(ctx, id)
	if err == nil && c.Status == StatusOpen {
		s.open.Store(id, openConsultation{c: c, at: at, edit: edit})
	} else {
		s.open.Delete(id)
	}
	return c, err
}

// edited forgets every consultation ConsultationToAnswer keeps, after a change to one.
func (s *Store) edited() { s.edits.Add(1) }
