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
	"consulta/internal/locale"
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

func userCmd(args []string, lang string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, locale.T(lang, "cli.user_usage"))
		return 2
	}
	fs := flag.NewFlagSet("user "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbFlag(fs, lang)
	langFlag(fs, lang)
	usage := func(name string) string { return locale.T(lang, "cli.flag."+name) }
	name := fs.String("name", "", usage("name"))
	role := fs.String("role", "", usage("role"))
	country := fs.String("country", "", usage("country"))
	fromStdin := fs.Bool("password-stdin", false, usage("password_stdin"))
	var municipalities multi
	fs.Var(&municipalities, "municipality", usage("municipality"))
	st, ok := openStore(fs, args[1:], stderr)
	if !ok {
		return 2
	}
	defer st.Close()
	ctx := context.Background()
	switch args[0] {
	case "add":
		return userAdd(ctx, st, lang, *name, *role, *country, municipalities, *fromStdin, stdin, stdout, stderr)
	case "passwd":
		u, err := st.UserByName(ctx, *name)
		if err != nil {
			fmt.Fprintln(stderr, locale.T(lang, "cli.no_account", *name))
			return 1
		}
		password, generated, err := readPassword(*fromStdin, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "consulta: %v\n", err)
			return 1
		}
		hash, err := auth.HashPassword(password)
		if err != nil {
			fmt.Fprintln(stderr, locale.T(lang, "cli.password_short", auth.MinPassword))
			return 1
		}
		if err := st.SetPassword(ctx, u.ID, hash); err != nil {
			fmt.Fprintf(stderr, "consulta: %v\n", err)
			return 1
		}
		cliAudit(ctx, st, "user.password_reset", u.Name, "", 0)
		if generated {
			fmt.Fprintln(stdout, locale.T(lang, "cli.new_password", u.Name, password))
		} else {
			fmt.Fprintln(stdout, locale.T(lang, "cli.password_changed", u.Name))
		}
		return 0
	case "list":
		users, err := st.Users(ctx)
		if err != nil {
			fmt.Fprintf(stderr, "consulta: %v\n", err)
			return 1
		}
		for _, u := range users {
			state := locale.T(lang, "cli.active")
			if u.Disabled {
				state = locale.T(lang, "cli.disabled")
			}
			fmt.Fprintf(stdout, "%s\t%s\t%s\n", u.Name, u.Role, state)
		}
		return 0
	}
	fmt.Fprintln(stderr, locale.T(lang, "cli.user_usage"))
	return 2
}

func userAdd(ctx context.Context, st *store.Store, lang, name, role, country string, municipalities []string, fromStdin bool,
	stdin io.Reader, stdout, stderr io.Writer) int {
	if domain.ValidateAccountName(name) != nil {
		fmt.Fprintln(stderr, locale.T(lang, "cli.name_rule"))
		return 2
	}
	if domain.Role(role).Validate() != nil {
		fmt.Fprintln(stderr, locale.T(lang, "cli.role_rule"))
		return 2
	}
	if role != store.RoleAdmin && len(municipalities) == 0 {
		fmt.Fprintln(stderr, locale.T(lang, "cli.needs_municipality"))
		return 2
	}
	u := &store.User{Name: name, Role: role}
	for _, m := range municipalities {
		found, err := st.MunicipalityByName(ctx, m)
		switch {
		case errors.Is(err, store.ErrNotFound) && country != "":
			id, err := st.CreateMunicipality(ctx, m, country)
			if err != nil {
				fmt.Fprintln(stderr, locale.T(lang, "cli.create_municipality", m, err))
				return 1
			}
			cliAudit(ctx, st, "municipality.create", m+", "+country, "", id)
			u.Municipalities = append(u.Municipalities, id)
		case errors.Is(err, store.ErrNotFound):
			fmt.Fprintln(stderr, locale.T(lang, "cli.no_municipality", m))
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
		fmt.Fprintln(stderr, locale.T(lang, "cli.password_short", auth.MinPassword))
		return 1
	}
	if err := st.CreateUser(ctx, u); errors.Is(err, store.ErrConflict) {
		fmt.Fprintln(stderr, locale.T(lang, "cli.account_exists", name))
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
	fmt.Fprintln(stdout, locale.T(lang, "cli.account_created", u.Name, u.Role))
	if generated {
		fmt.Fprintln(stdout, locale.T(lang, "cli.password_once", password))
	}
	return 0
}

func tokenCmd(args []string, lang string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, locale.T(lang, "cli.token_usage"))
		return 2
	}
	fs := flag.NewFlagSet("token "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbFlag(fs, lang)
	langFlag(fs, lang)
	user := fs.String("user", "", locale.T(lang, "cli.flag.user"))
	label := fs.String("label", "", locale.T(lang, "cli.flag.label"))
	id := fs.String("id", "", locale.T(lang, "cli.flag.id"))
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
			fmt.Fprintln(stderr, locale.T(lang, "cli.no_active_account", *user))
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
			state := locale.T(lang, "cli.token_active")
			if t.Revoked {
				state = locale.T(lang, "cli.token_revoked")
			}
			fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\t%s\n", t.ID, t.UserName, t.Label, t.CreatedAt.Format("2006-01-02"), state)
		}
		return 0
	case "revoke":
		n, err := strconv.ParseInt(*id, 10, 64)
		if err != nil {
			fmt.Fprintln(stderr, locale.T(lang, "cli.token_id"))
			return 2
		}
		if err := st.RevokeToken(ctx, n); err != nil {
			fmt.Fprintln(stderr, locale.T(lang, "cli.no_active_token", n))
			return 1
		}
		cliAudit(ctx, st, "token.revoke", *id, "", 0)
		fmt.Fprintln(stdout, locale.T(lang, "cli.token_revoked_n", n))
		return 0
	}
	fmt.Fprintln(stderr, locale.T(lang, "cli.token_usage"))
	return 2
}

// backupCmd copies the database to a new file; it is safe while the server runs.
func backupCmd(args []string, lang string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbFlag(fs, lang)
	langFlag(fs, lang)
	to := fs.String("to", "", locale.T(lang, "cli.flag.backup_to"))
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if db := fs.Lookup("db").Value.String(); store.IsPostgres(db) {
		fmt.Fprint(stderr, locale.T(lang, "cli.backup_postgres", store.Redact(db)))
		return 2
	}
	st, ok := openStore(fs, args, stderr)
	if !ok {
		return 2
	}
	defer st.Close()
	if *to == "" {
		fmt.Fprintln(stderr, locale.T(lang, "cli.backup_to"))
		return 2
	}
	ctx := context.Background()
	if err := st.Backup(ctx, *to); err != nil {
		fmt.Fprintf(stderr, "consulta: backup: %v\n", err)
		return 1
	}
	cliAudit(ctx, st, "backup", *to, "", 0)
	fmt.Fprintln(stdout, locale.T(lang, "cli.backup_written", *to))
	return 0
}
