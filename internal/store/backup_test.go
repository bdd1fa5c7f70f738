package store

import (
	"context"
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
