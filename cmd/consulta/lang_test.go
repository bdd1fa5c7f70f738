package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// The command speaks the user's language: LANG, or --lang wherever it stands, for usage errors,
// accounts, tokens and backups alike; Spanish when nothing says otherwise.
func TestCommandsSpeakTheUsersLanguage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	cases := []struct {
		env  string
		args []string
		code int
		says string // on standard output, or standard error when the command fails
	}{
		{"en_US.UTF-8", []string{"user", "add", "--db", db, "--name", "ana-admin", "--role", "admin"}, 0, "account ana-admin (admin) created"},
		{"es_CR.UTF-8", []string{"user", "add", "--db", db, "--name", "bea-admin", "--role", "admin"}, 0, "cuenta bea-admin (admin) creada"},
		{"es_CR.UTF-8", []string{"user", "add", "--db", db, "--name", "ana-admin", "--role", "admin", "--lang", "en"}, 1, `an account named "ana-admin" already exists`},
		{"en_US.UTF-8", []string{"user", "add", "--lang=pt", "--db", db, "--name", "ana-admin", "--role", "admin"}, 1, `já existe uma conta chamada "ana-admin"`},
		{"C.UTF-8", []string{"user", "add", "--db", db, "--name", "x", "--role", "admin"}, 2, "--name necesita de 3 a 64 caracteres"},
		{"pt_BR.UTF-8", []string{"user", "list", "--db", db}, 0, "ana-admin\tadmin\tativa"},
		{"en_US.UTF-8", []string{"token", "revoke", "--db", db, "--id", "x"}, 2, "--id must be a token number"},
		{"es_CR.UTF-8", []string{"token", "revoke", "--db", db, "--id", "x"}, 2, "--id debe ser un número de token"},
		{"en_US.UTF-8", []string{"backup", "--db", db}, 2, "--to names the backup file to write"},
		{"pt_BR.UTF-8", []string{"backup", "--db", db}, 2, "--to indica o arquivo de cópia"},
		{"en_US.UTF-8", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"es_CR.UTF-8", []string{"frobnicate"}, 2, `comando desconocido "frobnicate"`},
		{"", []string{"frobnicate"}, 2, "Ejecute \"consulta COMANDO -h\""},
		{"en_US.UTF-8", []string{"migrate-db", "--db", db}, 2, "--to names the PostgreSQL database"},
		{"es_CR.UTF-8", []string{"serve", "--db", db, "--kiosk-grace-days", "0"}, 2, "--kiosk-grace-days debe ir de 1 a 365"},
	}
	for _, tc := range cases {
		messageEnv(t, tc.env)
		var out, errb bytes.Buffer
		code := run(tc.args, &out, &errb)
		said := out.String()
		if tc.code != 0 {
			said = errb.String()
		}
		if code != tc.code || !strings.Contains(said, tc.says) {
			t.Errorf("LANG=%s consulta %s: exit %d, said %q%q; want %d saying %q",
				tc.env, strings.Join(tc.args, " "), code, out.String(), errb.String(), tc.code, tc.says)
		}
	}
	// -h lists the flags in the user's language.
	messageEnv(t, "pt_BR.UTF-8")
	var out, errb bytes.Buffer
	run([]string{"backup", "-h"}, &out, &errb)
	if !strings.Contains(errb.String(), "o arquivo novo a escrever") {
		t.Errorf("backup -h in Portuguese: %q", errb.String())
	}
}
