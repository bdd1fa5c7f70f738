package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// The CLI applies the web's account-name rule, 64-character limit included.
func TestUserAddNameRule(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	for name, want := range map[string]int{
		strings.Repeat("a", 65): 2, "ab": 2, "ana maria": 2, strings.Repeat("a", 64): 0,
	} {
		var out, errb bytes.Buffer
		if code := run([]string{"user", "add", "--db", db, "--name", name, "--role", "admin"}, &out, &errb); code != want {
			t.Errorf("name %q (%d characters): exit %d, want %d; %s", name, len(name), code, want, errb.String())
		}
	}
}
