package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"consulta/internal/store"
	"consulta/surveys"
)

// brokenSurvey has one problem: question "mood" has an unknown type, on line 7.
const brokenSurvey = `id: broken
title: {es: "Roto", en: "Broken", pt: "Quebrado"}
audience: adult
languages: [es, en, pt]
questions:
  - id: mood
    type: slider
    label: {es: "Ánimo", en: "Mood", pt: "Humor"}
`

const brokenLine = 7

// messageEnv sets the locale variables the command reads; LC_ALL and LC_MESSAGES win over LANG.
func messageEnv(t *testing.T, lang string) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", lang)
}

func writeBroken(t *testing.T) (dir, file string) {
	t.Helper()
	dir = t.TempDir()
	file = filepath.Join(dir, "file.yaml")
	if err := os.WriteFile(file, []byte(brokenSurvey), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, file
}

func TestValidateShippedSurveys(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"validate"}, &out, &errb); code != 0 {
		t.Fatalf("validate = %d, stderr:\n%s", code, errb.String())
	}
	for _, id := range []string{"community-consultation", "child-listening"} {
		if !regexp.MustCompile(`(?m)^` + id + `\.yaml: ` + id + ` [0-9a-f]{16} \(\d+\)$`).MatchString(out.String()) {
			t.Errorf("validate does not list %s with its version and question count:\n%s", id, out.String())
		}
	}
	if errb.Len() != 0 {
		t.Errorf("validate wrote to stderr: %s", errb.String())
	}
}

func TestValidateReportsFileLineAndQuestion(t *testing.T) {
	_, file := writeBroken(t)
	for _, tc := range []struct {
		name, env string
		args      []string
		want      []string
	}{
		{"Spanish by default", "C.UTF-8", nil, []string{`pregunta "mood"`, `tipo desconocido "slider"`}},
		{"English from LANG", "en_GB.UTF-8", nil, []string{`question "mood"`, `unknown type "slider"`}},
		{"Portuguese from --lang", "en_US.UTF-8", []string{"--lang", "pt"}, []string{`pergunta "mood"`, `tipo desconhecido "slider"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			messageEnv(t, tc.env)
			var out, errb bytes.Buffer
			args := append(append([]string{"validate"}, tc.args...), file)
			if code := run(args, &out, &errb); code != 1 {
				t.Fatalf("validate = %d, want 1", code)
			}
			msg := errb.String()
			if !strings.Contains(msg, fmt.Sprintf("file.yaml:%d:", brokenLine)) {
				t.Errorf("message does not say file.yaml:%d: %s", brokenLine, msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message does not say %q: %s", w, msg)
				}
			}
			if out.Len() != 0 {
				t.Errorf("an invalid survey was listed: %s", out.String())
			}
		})
	}
}

// runServe runs serve and fails the test if it has not returned within a few seconds.
func runServe(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(append([]string{"serve"}, args...), &out, &errb) }()
	select {
	case code := <-done:
		return code, errb.String()
	case <-time.After(20 * time.Second):
		t.Fatalf("serve %v did not stop on an invalid survey", args)
		return 0, ""
	}
}

func TestServeRefusesInvalidSurveyBeforeListening(t *testing.T) {
	messageEnv(t, "en_US.UTF-8")
	dir, _ := writeBroken(t)
	var vout, verr bytes.Buffer
	if code := run([]string{"validate", dir}, &vout, &verr); code != 1 {
		t.Fatalf("validate %s = %d, want 1", dir, code)
	}
	want := strings.TrimSpace(verr.String())

	dbDir := filepath.Join(t.TempDir(), "data")
	code, stderr := runServe(t, "--surveys", dir, "--db", filepath.Join(dbDir, "consulta.db"), "--addr", "127.0.0.1:0")
	if code != 1 {
		t.Fatalf("serve = %d, want 1; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, want) {
		t.Errorf("serve does not print the same message as validate.\nwant: %s\ngot:\n%s", want, stderr)
	}
	if strings.Contains(stderr, "listening") {
		t.Errorf("serve started listening:\n%s", stderr)
	}
	if _, err := os.Stat(dbDir); !os.IsNotExist(err) {
		t.Errorf("serve touched the database before refusing to start (%v)", err)
	}
}

func TestServeRefusesDuplicateSurveyID(t *testing.T) {
	messageEnv(t, "en_US.UTF-8")
	dir := t.TempDir()
	src, err := surveys.FS.ReadFile("community-consultation.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// The same id with other content: two definitions would compete for one consultation.
	src = append(src, []byte("\n# a local copy\n")...)
	if err := os.WriteFile(filepath.Join(dir, "copy.yaml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	dbDir := filepath.Join(t.TempDir(), "data")
	code, stderr := runServe(t, "--surveys", dir, "--db", filepath.Join(dbDir, "consulta.db"), "--addr", "127.0.0.1:0")
	if code != 1 || !strings.Contains(stderr, `there is already a survey with id "community-consultation"`) {
		t.Errorf("serve with a duplicate survey id = %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(dbDir); !os.IsNotExist(err) {
		t.Errorf("serve touched the database before refusing to start (%v)", err)
	}
}

func TestBackupCommand(t *testing.T) {
	dir := t.TempDir()
	db, to := filepath.Join(dir, "c.db"), filepath.Join(dir, "copy", "c.db")
	var out, errb bytes.Buffer
	if code := run([]string{"user", "add", "--db", db, "--name", "ana-admin", "--role", "admin"}, &out, &errb); code != 0 {
		t.Fatalf("user add: %d %s", code, errb.String())
	}
	if code := run([]string{"backup", "--db", db, "--to", to}, &out, &errb); code != 0 {
		t.Fatalf("backup: %d %s", code, errb.String())
	}
	// The copy holds password hashes and every answer: its owner only may read it.
	if info, err := os.Stat(to); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the backup's mode: %v (%v), want 600", info.Mode().Perm(), err)
	}
	out.Reset()
	if code := run([]string{"user", "list", "--db", to}, &out, &errb); code != 0 || !strings.Contains(out.String(), "ana-admin") {
		t.Errorf("the copy lists %q (exit %d), want ana-admin", out.String(), code)
	}
	if code := run([]string{"backup", "--db", db, "--to", to}, &out, &errb); code != 1 {
		t.Errorf("a backup over an existing file exited %d, want 1", code)
	}
}

// TestServeRefusesBadSecurityFlags: flags that would weaken what they promise stop the start.
func TestServeRefusesBadSecurityFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	for _, tc := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"--trusted-proxies", "1"}, 2, "--trusted-proxies"},
		{[]string{"--behind-proxy", "--trusted-proxies", "-1"}, 2, "--trusted-proxies"},
		{[]string{"--kiosk-grace-days", "0"}, 2, "--kiosk-grace-days"},
		{[]string{"--public-url", "javascript:alert(1)"}, 1, "public URL"},
	} {
		var out, errb bytes.Buffer
		args := append([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, tc.args...)
		if code := run(args, &out, &errb); code != tc.code || !strings.Contains(errb.String(), tc.says) {
			t.Errorf("serve %v: exit %d, %q; want %d saying %q", tc.args, code, errb.String(), tc.code, tc.says)
		}
	}
}

// The cookie-keys file of an earlier version is adopted into the database on the first start, so
// nobody signs in again; after that the database's keys win, and new ones are made when neither has any.
func TestCookieKeysAdoptTheFileIntoTheDatabase(t *testing.T) {
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "consulta.db")
	st, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	old := strings.Repeat("ab", 64) + "\n" + strings.Repeat("cd", 32) + "\n"
	if err := os.WriteFile(filepath.Join(dir, "cookie-keys"), []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	keys, err := cookieKeys(ctx, st, dbPath, log)
	if err != nil || len(keys) != 2 || keys[0][0] != 0xab || keys[1][0] != 0xcd {
		t.Fatalf("first start kept %x, %v; want the file's keys", keys, err)
	}
	os.WriteFile(filepath.Join(dir, "cookie-keys"), []byte(strings.Repeat("11", 64)+" "+strings.Repeat("22", 32)), 0o600)
	if again, err := cookieKeys(ctx, st, dbPath, log); err != nil || again[0][0] != 0xab {
		t.Errorf("a later start took %x, %v; want the database's keys", again, err)
	}

	fresh := filepath.Join(t.TempDir(), "consulta.db")
	st2, err := store.Open(fresh)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	made, err := cookieKeys(ctx, st2, fresh, log)
	if err != nil || len(made[0]) != 64 || len(made[1]) != 32 {
		t.Fatalf("new keys = %d, %v", len(made), err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(fresh), "cookie-keys")); err == nil {
		t.Error("new keys were written to a file; they belong in the database")
	}
}
