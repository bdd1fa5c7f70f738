package store

import (
	"context"
	"database/sql"
	"time"
)

// Failures are the recent failed attempts that concern one attempt, oldest first: by the same
// account from the same address, from the address for any account, and on the account from anywhere.
type Failures struct {
	Pair, Addr, Account []time.Time
}

// ReserveAttempt counts, in one write transaction, the failures since `since` for account and
// addr, asks decide how long this attempt must wait, and when it need not, records it as a failure
// until ReleaseAttempt takes it back. Counting and recording together means guesses sent all at
// once are all counted. Failures older than since are forgotten on the way.
func (s *Store) ReserveAttempt(ctx context.Context, now, since time.Time, account, addr string,
	decide func(Failures) time.Duration) (id int64, wait time.Duration, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM failed_attempts WHERE at < ?`, since.UnixNano()); err != nil {
			return err
		}
		var f Failures
		for _, q := range []struct {
			into  *[]time.Time
			query string
			args  []any
		}{
			{&f.Pair, `SELECT at FROM failed_attempts WHERE account = ? AND addr = ? AND at >= ? ORDER BY at LIMIT 1000`, []any{account, addr, since.UnixNano()}},
			{&f.Addr, `SELECT at FROM failed_attempts WHERE addr = ? AND at >= ? ORDER BY at LIMIT 1000`, []any{addr, since.UnixNano()}},
			{&f.Account, `SELECT at FROM failed_attempts WHERE account = ? AND at >= ? ORDER BY at DESC LIMIT 1000`, []any{account, since.UnixNano()}},
		} {
			rows, err := tx.QueryContext(ctx, q.query, q.args...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var at int64
				if err := rows.Scan(&at); err != nil {
					rows.Close()
					return err
				}
				*q.into = append(*q.into, time.Unix(0, at))
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		// The account's list was read newest first so that a flood keeps its latest failures.
		for i, j := 0, len(f.Account)-1; i < j; i, j = i+1, j-1 {
			f.Account[i], f.Account[j] = f.Account[j], f.Account[i]
		}
		if wait = decide(f); wait > 0 {
			return nil
		}
		return tx.QueryRowContext(ctx, `INSERT INTO failed_attempts (account, addr, at) VALUES (?, ?, ?) RETURNING id`,
			account, addr, now.UnixNano()).Scan(&id)
	})
	return id, wait, err
}

// ReleaseAttempt takes back an attempt reserved by ReserveAttempt: it succeeded, so it is no failure.
func (s *Store) ReleaseAttempt(ctx context.Context, id int64) error {
	_, err := s.w.ExecContext(ctx, `DELETE FROM failed_attempts WHERE id = ?`, id)
	return err
}
