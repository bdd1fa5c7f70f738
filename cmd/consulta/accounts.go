package main

import (
	"bufio"
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"consulta/internal/auth"
	"consulta/internal/domain"
	"consulta/internal/store"
)

// cookieKeys returns the cookie signing and encryption keys kept in the database, so every
// instance serving it accepts the others' cookies. The first start stores them: the cookie-keys
// file that earlier versions kept beside the database (in ./data with PostgreSQL) when there is
// one, so nobody has to sign in again, or new keys. They are never in the binary or the repository.
func cookieKeys(ctx context.Context, st *store.Store, dbPath string, log *slog.Logger) ([][]byte, error) {
	dir := filepath.Dir(dbPath)
	if store.IsPostgres(dbPath) {
		dir = "data"
	}
	legacy := filepath.Join(dir, "cookie-keys")
	offer := hex.EncodeToString(auth.NewSecret(64)) + " " + hex.EncodeToString(auth.NewSecret(32))
	file, err := os.ReadFile(legacy)
	if err == nil {
		if _, err := parseCookieKeys(string(file)); err != nil {
			return nil, fmt.Errorf("%s is damaged; delete it (the keys in the database are used from now on): %w", legacy, err)
		}
		offer = strings.Join(strings.Fields(string(file)), " ")
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	stored, err := st.SharedSecret(ctx, "cookie-keys", offer)
	if err != nil {
		return nil, err
	}
	if file != nil {
		if stored == offer {
			log.Info("cookie keys: the database keeps them now; the file is no longer read and may be deleted", "file", legacy)
		} else {
			log.Warn("cookie keys: the database already holds keys, so this file is not used", "file", legacy)
		}
	}
	return parseCookieKeys(stored)
}

// parseCookieKeys reads "HASHKEY BLOCKKEY" in hex: 64 and 32 bytes.
func parseCookieKeys(v string) ([][]byte, error) {
	parts := strings.Fields(v)
	if len(parts) == 2 {
		hashKey, err1 := hex.DecodeString(parts[0])
		blockKey, err2 := hex.DecodeString(parts[1])
		if err1 == nil && err2 == nil && len(hashKey) == 64 && len(blockKey) == 32 {
			return [][]byte{hashKey, blockKey}, nil
		}
	}
	return nil, errors.New("cookie keys: want two hex keys of 64 and 32 bytes")
}

const userUsage = `consulta user add --name NAME --role admin|planner|facilitator [--municipality NAME ...] [--country C] [--password-stdin]
consulta user passwd --name NAME [--password-stdin]
consulta user list`

const tokenUsage = `consulta token create --user NAME [--label TEXT]
consulta token list
consulta token revoke --id N`

// multi is a flag that may be repeated.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

func openStore(fs *flag.FlagSet, args []string, stderr io.Writer) (*store.Store, bool) {
	if err := fs.Parse(args); err != nil {
		return nil, false
	}
	db := fs.Lookup("db").Value.String()
	st, err := store.Open(db)
	if err != nil {
		fmt.Fprintf(stderr, "consulta: %s: %v\n", store.Redact(db), err)
		return nil, false
	}
	return st, true
}

// readPassword takes a password from standard input, or makes one up and says so.
func readPassword(fromStdin bool, stdin io.Reader) (string, bool, error) {
	if !fromStdin {
		return auth.NewPassword(), true, nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", false, err
	}
	return strings.TrimRight(line, "\r\n"), false, nil
}

func cliAudit(ctx context.Context, st *store.Store, action, target, detail string, municipality int64) {
	st.Audit(ctx, store.AuditEntry{UserName: "cli", Action: action, Target: target, Detail: detail, MunicipalityID: municipality})
}

func userCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, userUsage)
		return 2
	}
	fs := flag.NewFlagSet("user "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbFlag(fs)
	name := fs.String("name", "", "account name")
	role := fs.String("role", "", "admin, planner or facilitator")
	country := fs.String("country", "", "country of a municipality that does not exist yet (it is created)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from standard input instead of generating one")
	var municipalities multi
	fs.Var(&municipalities, "municipality", "municipality the account belongs to (repeat for several)")
	st, ok := openStore(fs, args[1:], stderr)
	if !ok {
		return 2
	}
	defer st.Close()
	ctx := context.Background()
	switch args[0] {
	case "add":
		return userAdd(ctx, st, *name, *role, *country, municipalities, *fromStdin, stdin, stdout, stderr)
	case "passwd":
		u, err := st.UserByName(ctx, *name)
		if err != nil {
			fmt.Fprintf(stderr, "consulta: no account named %q\n", *name)
			return 1
		}
		password, generated, err := readPassword(*fromStdin, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "consulta: %v\n", err)
			return 1
		}
		hash, err := auth.HashPassword(password)
		if err != nil {
			fmt.Fprintf(stderr, "consulta: the password must have at least %d characters\n", auth.MinPassword)
			return 1
		}
		if err := st.SetPassword(ctx, u.ID, hash); err != nil {
			fmt.Fprintf(stderr, "consulta: %v\n", err)
			return 1
		}
		cliAudit(ctx, st, "user.password_reset", u.Name, "", 0)
		if generated {
			fmt.Fprintf(stdout, "new password for %s (shown once): %s\n", u.Name, password)
		} else {
			fmt.Fprintf(stdout, "password of %s changed\n", u.Name)
		}
		return 0
	case "list":
		users, err := st.Users(ctx)
		if err != nil {
			fmt.Fprintf(stderr, "consulta: %v\n", err)
			return 1
		}
		for _, u := range users {
			state := "active"
			if u.Disabled {
				state = "disabled"
			}
			fmt.Fprintf(stdout, "%s\t%s\t%s\n", u.Name, u.Role, state)
		}
		return 0
	}
	fmt.Fprintln(stderr, userUsage)
	return 2
}

func userAdd(ctx context.Context, st *store.Store, name, role, country string, municipalities []string, fromStdin bool,
	stdin io.Reader, stdout, stderr io.Writer) int {
	if domain.ValidateAccountName(name) != nil {
		fmt.Fprintln(stderr, "consulta: --name needs 3 to 64 characters without spaces or quotes")
		return 2
	}
	if domain.Role(role).Validate() != nil {
		fmt.Fprintln(stderr, "consulta: --role must be admin, planner or facilitator")
		return 2
	}
	if role != store.RoleAdmin && len(municipalities) == 0 {
		fmt.Fprintln(stderr, "consulta: planners and facilitators need at least one --municipality")
		return 2
	}
	u := &store.User{Name: name, Role: role}
	for _, m := range municipalities {
		found, err := st.MunicipalityByName(ctx, m)
		switch {
		case errors.Is(err, store.ErrNotFound) && country != "":
			id, err := st.CreateMunicipality(ctx, m, country)
			if err != nil {
				fmt.Fprintf(stderr, "consulta: create municipality %q: %v\n", m, err)
				return 1
			}
			cliAudit(ctx, st, "municipality.create", m+", "+country, "", id)
			u.Municipalities = append(u.Municipalities, id)
		case errors.Is(err, store.ErrNotFound):
			fmt.Fprintf(stderr, "consulta: no municipality named %q; add --country to create it\n", m)
			return 1
		case err != nil:
			fmt.Fprintf(stderr, "consulta: %v\n", err)
			return 1
		default:
			u.Municipalities = append(u.Municipalities, found.ID)
		}
	}
	password, generated, err := readPassword(fromStdin, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "consulta: %v\n", err)
		return 1
	}
	if u.PasswordHash, err = auth.HashPassword(password); err != nil {
		fmt.Fprintf(stderr, "consulta: the password must have at least %d characters\n", auth.MinPassword)
		return 1
	}
	if err := st.CreateUser(ctx, u); errors.Is(err, store.ErrConflict) {
		fmt.Fprintf(stderr, "consulta: an account named %q already exists\n", name)
		return 1
	} else if err != nil {
		fmt.Fprintf(stderr, "consulta: %v\n", err)
		return 1
	}
	var first int64
	if len(u.Municipalities) > 0 {
		first = u.Municipalities[0]
	}
	cliAudit(ctx, st, "user.create", u.Name, "role "+u.Role, first)
	fmt.Fprintf(stdout, "account %s (%s) created\n", u.Name, u.Role)
	if generated {
		fmt.Fprintf(stdout, "password (shown once): %s\n", password)
	}
	return 0
}

func tokenCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, tokenUsage)
		return 2
	}
	fs := flag.NewFlagSet("token "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbFlag(fs)
	user := fs.String("user", "", "account the token acts as")
	label := fs.String("label", "", "what the token is for")
	id := fs.String("id", "", "token id (from token list)")
	st, ok := openStore(fs, args[1:], stderr)
	if !ok {
		return 2
	}
	defer st.Close()
	ctx := context.Background()
	switch args[0] {
	case "create":
		u, err := st.UserByName(ctx, *user)
		if err != nil || u.Disabled {
			fmt.Fprintf(stderr, "consulta: no active account named %q\n", *user)
			return 1
		}
		token, hash := auth.NewToken()
		tid, err := st.CreateToken(ctx, u.ID, hash, *label)
		if err != nil {
			fmt.Fprintf(stderr, "consulta: %v\n", err)
			return 1
		}
		cliAudit(ctx, st, "token.create", u.Name, "token "+strconv.FormatInt(tid, 10)+" "+*label, 0)
		fmt.Fprintln(stdout, token)
		return 0
	case "list":
		tokens, err := st.Tokens(ctx)
		if err != nil {
			fmt.Fprintf(stderr, "consulta: %v\n", err)
			return 1
		}
		for _, t := range tokens {
			state := "active"
			if t.Revoked {
				state = "revoked"
			}
			fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\t%s\n", t.ID, t.UserName, t.Label, t.CreatedAt.Format("2006-01-02"), state)
		}
		return 0
	case "revoke":
		n, err := strconv.ParseInt(*id, 10, 64)
		if err != nil {
			fmt.Fprintln(stderr, "consulta: --id must be a token number from `consulta token list`")
			return 2
		}
		if err := st.RevokeToken(ctx, n); err != nil {
			fmt.Fprintf(stderr, "consulta: no active token %d\n", n)
			return 1
		}
		cliAudit(ctx, st, "token.revoke", *id, "", 0)
		fmt.Fprintf(stdout, "token %d revoked\n", n)
		return 0
	}
	fmt.Fprintln(stderr, tokenUsage)
	return 2
}

// backupCmd copies the database to a new file; it is safe while the server runs.
func backupCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbFlag(fs)
	to := fs.String("to", "", "the new file to write (it must not exist)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if db := fs.Lookup("db").Value.String(); store.IsPostgres(db) {
		fmt.Fprintf(stderr, `consulta: backup copies a SQLite file; this database is PostgreSQL, whose own tools back it up:
  pg_dump --format=custom --file=consulta-$(date +%%F).dump '%s'
and to restore into an empty database:
  pg_restore --no-owner --dbname='postgres://…/consulta' consulta-YYYY-MM-DD.dump
(xxxxx is the password: write it there, or leave it out and set PGPASSWORD). A managed
PostgreSQL service's own backups and point-in-time recovery do the same. The dump holds the
cookie keys too: guard it as the database itself.
`, store.Redact(db))
		return 2
	}
	st, ok := openStore(fs, args, stderr)
	if !ok {
		return 2
	}
	defer st.Close()
	if *to == "" {
		fmt.Fprintln(stderr, "consulta: --to names the backup file to write")
		return 2
	}
	ctx := context.Background()
	if err := st.Backup(ctx, *to); err != nil {
		fmt.Fprintf(stderr, "consulta: backup: %v\n", err)
		return 1
	}
	cliAudit(ctx, st, "backup", *to, "", 0)
	fmt.Fprintf(stdout, "backup written to %s\n", *to)
	return 0
}
