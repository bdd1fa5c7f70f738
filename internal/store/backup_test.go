package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestBackupIsAWorkingCopy(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(filepath.Join(dir, "live.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.CreateMunicipality(ctx, "Upala", "Costa Rica"); err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(dir, "backups", "copy.db")
	if err := st.Backup(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(ctx, copyPath); err == nil {
		t.Error("a second backup over the first was allowed")
	}
	cp, err := Open(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	ms, err := cp.Municipalities(ctx)
	if err != nil || len(ms) != 1 || ms[0].Name != "Upala" {
		t.Errorf("the copy holds %v (%v), want Upala", ms, err)
	}
}

// The copy holds password hashes, token hashes and every free text: only its owner may read it.
func TestBackupIsReadableByItsOwnerOnly(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(filepath.Join(dir, "live.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	copyPath := filepath.Join(dir, "copy.db")
	if err := st.Backup(context.Background(), copyPath); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Errorf("the backup's mode is %o, want 600", mode)
	}
}
