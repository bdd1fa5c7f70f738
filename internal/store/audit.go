package store

import (
	"context"
	"time"
)

// AuditEntry records who did what and when; every administrative action writes one.
type AuditEntry struct {
	At             time.Time
	UserID         int64
	UserName       string
	Action         string
	Target         string
	Detail         string
	MunicipalityID int64
}

// Audit appends an entry to the audit log.
func (s *Store) Audit(ctx context.Context, e AuditEntry) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO audit (at, user_id, user_name, action, target, detail, municipality_id)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, s.stamp(), nullID(e.UserID), e.UserName, e.Action, e.Target, e.Detail, nullID(e.MunicipalityID))
	return err
}

// AuditLog returns the latest entries, newest first.
func (s *Store) AuditLog(ctx context.Context, limit int) ([]AuditEntry, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT at, coalesce(user_id, 0), user_name, action, target, detail, coalesce(municipality_id, 0)
		FROM audit ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at string
		if err := rows.Scan(&at, &e.UserID, &e.UserName, &e.Action, &e.Target, &e.Detail, &e.MunicipalityID); err != nil {
			return nil, err
		}
		e.At = parseStamp(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
