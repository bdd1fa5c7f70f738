package web

import (
	"net/http/httptest"
	"testing"
)

// TestClientAddr: the sign-in slow-down counts per address. X-Forwarded-For is believed only for
// the configured number of proxy hops, counted from the connection backwards: entries before those
// are the client's to invent, so rotating them changes nothing.
func TestClientAddr(t *testing.T) {
	for _, tc := range []struct {
		name    string
		proxies int
		remote  string
		fwd     []string
		want    string
	}{
		{"no trusted proxy: the header is not believed", 0, "10.0.0.1:5555", []string{"1.2.3.4, 203.0.113.7"}, "10.0.0.1"},
		{"one proxy: the address it appended", 1, "10.0.0.1:5555", []string{"1.2.3.4, 203.0.113.7"}, "203.0.113.7"},
		{"one proxy, invented entries rotate: still the appended one", 1, "10.0.0.1:5555", []string{"9.9.9.9, 8.8.8.8, 203.0.113.7"}, "203.0.113.7"},
		{"two proxies: the address the outer one saw", 2, "10.0.0.1:5555", []string{"1.2.3.4, 203.0.113.7, 10.0.0.9"}, "203.0.113.7"},
		{"two proxies, header split over two lines", 2, "10.0.0.1:5555", []string{"1.2.3.4, 203.0.113.7", "10.0.0.9"}, "203.0.113.7"},
		{"fewer hops than proxies: the connection", 2, "10.0.0.1:5555", []string{"203.0.113.7"}, "10.0.0.1"},
		{"not an address: the connection", 1, "10.0.0.1:5555", []string{"evil"}, "10.0.0.1"},
		{"IPv6", 1, "[::1]:5555", []string{"2001:db8::1"}, "2001:db8::1"},
	} {
		r := httptest.NewRequest("POST", "/signin", nil)
		r.RemoteAddr = tc.remote
		for _, f := range tc.fwd {
			r.Header.Add("X-Forwarded-For", f)
		}
		if got := (&Server{behindProxy: tc.proxies > 0, trustedProxies: tc.proxies}).clientAddr(r); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}
