package web

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"
)

// SignedInClient is an HTTP client with the cookie of an account signed in on a test server, for
// the tests of this package and of web_test.
func SignedInClient(tb testing.TB, serverURL, name, password string) *http.Client {
	tb.Helper()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: time.Minute}
	tb.Cleanup(client.CloseIdleConnections)
	req, _ := http.NewRequest(http.MethodPost, serverURL+"/signin",
		strings.NewReader(url.Values{"name": {name}, "password": {password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Origin", serverURL)
	res, err := client.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	res.Body.Close()
	return client
}
