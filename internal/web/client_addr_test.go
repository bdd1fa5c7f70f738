package web

import (
	"net/http/httptest"
	"testing"
)

// TestClientAddr: the sign-in slow-down counts per address; behind a proxy that address is the
// one the proxy appended, and without --behind-proxy the header is not believed.
func TestClientAddr(t *testing.T) {
	r := httptest.NewRequest("POST", "/signin", nil)
	r.RemoteAddr = "10.0.0.1:5555"
	r.Header.Set("X-Forwarded-For", "1.2.3.4, 203.0.113.7")
	if got := (&Server{}).clientAddr(r); got != "10.0.0.1" {
		t.Errorf("without a trusted proxy: %s, want the connection's 10.0.0.1", got)
	}
	if got := (&Server{behindProxy: true}).clientAddr(r); got != "203.0.113.7" {
		t.Errorf("behind a proxy: %s, want the address the proxy appended", got)
	}
}
