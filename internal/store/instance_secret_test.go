package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

func TestSharedSecret(t *testing.T) { forEachDialect(t, testSharedSecret) }

// Instances that start together on one database each offer their own secret and all get one.
func testSharedSecret(t *testing.T, at string) {
	ctx := context.Background()
	first, err := Open(at)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	stores := []*Store{first}
	for range 3 {
		st, err := Open(at)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		stores = append(stores, st)
	}
	got := make([]string, len(stores))
	var wg sync.WaitGroup
	for i, st := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := st.SharedSecret(ctx, "cookie-keys", fmt.Sprintf("offer-%d", i))
			if err != nil {
				t.Error(err)
			}
			got[i] = v
		}()
	}
	wg.Wait()
	for i := range got {
		if got[i] != got[0] || got[i] == "" {
			t.Fatalf("instances got different secrets: %q", got)
		}
	}
	if v, err := stores[3].SharedSecret(ctx, "cookie-keys", "late"); err != nil || v != got[0] {
		t.Fatalf("a later start got %q, %v; want %q", v, err, got[0])
	}

	if _, err := first.SharedSecret(ctx, "setup-link", "token"); err != nil {
		t.Fatal(err)
	}
	if ok, err := stores[1].SecretIs(ctx, "setup-link", "token"); !ok || err != nil {
		t.Fatalf("SecretIs = %v, %v", ok, err)
	}
	taken := make([]bool, len(stores))
	for i, st := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := st.TakeSecret(ctx, "setup-link", "token")
			if err != nil {
				t.Error(err)
			}
			taken[i] = ok
		}()
	}
	wg.Wait()
	n := 0
	for _, ok := range taken {
		if ok {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("the setup link was taken %d times; want once", n)
	}
	if ok, _ := first.SecretIs(ctx, "setup-link", "token"); ok {
		t.Fatal("the setup link is still valid after it was taken")
	}
}
