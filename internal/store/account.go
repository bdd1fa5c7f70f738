package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"consulta/internal/domain"
)

// Roles an account can have.
const (
	RoleAdmin       = string(domain.Admin)
	RolePlanner     = string(domain.Planner)
	RoleFacilitator = string(domain.Facilitator)
)

// Roles lists every role, for forms and validation.
var Roles = []string{RoleAdmin, RolePlanner, RoleFacilitator}

// User is an account. Facilitators and planners belong to municipalities; admins manage them all.
type User struct {
	ID             int64
	Name           string
	PasswordHash   string
	Role           string
	Disabled       bool
	Municipalities []int64
	CreatedAt      time.Time
	// SessionsAfter ends every sign-in issued before it (Unix nanoseconds): set on sign-out and reset.
	SessionsAfter int64
}

// CanSee reports whether the account may see a municipality's consultations.
func (u *User) CanSee(municipality int64) bool {
	if u.Role == RoleAdmin {
		return true
	}
	for _, m := range u.Municipalities {
		if m == municipality {
			return true
		}
	}
	return false
}

// CreateUser stores a new account; a name already taken (in any case) is ErrConflict.
func (s *Store) CreateUser(ctx context.Context, u *User) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO users (name, password_hash, role, disabled, created_at) VALUES (?, ?, ?, ?, ?)
			RETURNING id`, u.Name, u.PasswordHash, u.Role, u.Disabled, s.stamp()).Scan(&u.ID)
		if isUniqueViolation(err) {
			return ErrConflict
		}
		if err != nil {
			return err
		}
		return setMunicipalities(ctx, tx, u.ID, u.Municipalities)
	})
}

func setMunicipalities(ctx context.Context, tx *sql.Tx, user int64, ms []int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM user_municipalities WHERE user_id = ?`, user); err != nil {
		return err
	}
	for _, m := range ms {
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_municipalities (user_id, municipality_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, user, m); err != nil {
			return err
		}
	}
	return nil
}

// UpdateUser changes an account's role, status and municipalities.
func (s *Store) UpdateUser(ctx context.Context, u *User) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET role = ?, disabled = ? WHERE id = ?`, u.Role, u.Disabled, u.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return setMunicipalities(ctx, tx, u.ID, u.Municipalities)
	})
}

// EndSessions makes every sign-in of an account issued until now invalid.
func (s *Store) EndSessions(ctx context.Context, id int64) error {
	_, err := s.w.ExecContext(ctx, `UPDATE users SET sessions_after = ? WHERE id = ?`, s.Now().UnixNano(), id)
	return err
}

// SetPassword replaces an account's password hash and ends its sessions.
func (s *Store) SetPassword(ctx context.Context, id int64, hash string) error {
	res, err := s.w.ExecContext(ctx, `UPDATE users SET password_hash = ?, sessions_after = ? WHERE id = ?`,
		hash, s.Now().UnixNano(), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

const userColumns = `id, name, password_hash, role, disabled, created_at, sessions_after`

func (s *Store) scanUser(ctx context.Context, row *sql.Row) (*User, error) {
	var u User
	var created string
	err := row.Scan(&u.ID, &u.Name, &u.PasswordHash, &u.Role, &u.Disabled, &created, &u.SessionsAfter)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	u.CreatedAt = parseStamp(created)
	u.Municipalities, err = s.userMunicipalities(ctx, u.ID)
	return &u, err
}

func (s *Store) userMunicipalities(ctx context.Context, id int64) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT municipality_id FROM user_municipalities WHERE user_id = ? ORDER BY municipality_id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var m int64
		if err := rows.Scan(&m); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// UserByName finds an account by name, in any case.
func (s *Store) UserByName(ctx context.Context, name string) (*User, error) {
	return s.scanUser(ctx, s.r.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE name = ?`, strings.TrimSpace(name)))
}

// User finds an account by id.
func (s *Store) User(ctx context.Context, id int64) (*User, error) {
	return s.scanUser(ctx, s.r.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
}

// Users lists every account by name.
func (s *Store) Users(ctx context.Context) ([]*User, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id FROM users ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	out := make([]*User, 0, len(ids))
	for _, id := range ids {
		u, err := s.User(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

// AdminExists reports whether an enabled admin account exists.
func (s *Store) AdminExists(ctx context.Context) (bool, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0`).Scan(&n)
	return n > 0, err
}

// Token is an API token of an account, known to the store only by its hash.
type Token struct {
	ID        int64
	UserID    int64
	UserName  string
	Label     string
	CreatedAt time.Time
	Revoked   bool
}

// CreateToken stores the hash of a new token.
func (s *Store) CreateToken(ctx context.Context, user int64, hash, label string) (int64, error) {
	var id int64
	err := s.w.QueryRowContext(ctx, `INSERT INTO tokens (user_id, hash, label, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
		user, hash, label, s.stamp()).Scan(&id)
	return id, err
}

// UserByToken returns the enabled account a token hash belongs to, unless the token was revoked.
func (s *Store) UserByToken(ctx context.Context, hash string) (*User, error) {
	var id int64
	err := s.r.QueryRowContext(ctx, `SELECT u.id FROM tokens t JOIN users u ON u.id = t.user_id
		WHERE t.hash = ? AND t.revoked_at IS NULL AND u.disabled = 0`, hash).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return s.User(ctx, id)
}

// RevokeToken stops a token from working.
func (s *Store) RevokeToken(ctx context.Context, id int64) error {
	res, err := s.w.ExecContext(ctx, `UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, s.stamp(), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// Tokens lists every token, newest first.
func (s *Store) Tokens(ctx context.Context) ([]Token, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT t.id, t.user_id, u.name, t.label, t.created_at, t.revoked_at IS NOT NULL
		FROM tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		var created string
		if err := rows.Scan(&t.ID, &t.UserID, &t.UserName, &t.Label, &created, &t.Revoked); err != nil {
			return nil, err
		}
		t.CreatedAt = parseStamp(created)
		out = append(out, t)
	}
	return out, rows.Err()
}
