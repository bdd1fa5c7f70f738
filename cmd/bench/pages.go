package main

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// noRedirects makes a client hand back redirects instead of following them, so a sign-in page
// is never timed by mistake and no request ever leaves the server we started.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// get reads a small response whole.
func get(ctx context.Context, c *http.Client, u string) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	return body, resp.StatusCode, err
}

// signIn signs in as the demo planner and returns a client that keeps the session cookie.
// The client asks for gzip and decompresses, as a browser does.
func signIn(ctx context.Context, base, name, password string) (*http.Client, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	c := &http.Client{Transport: t, Jar: jar, Timeout: 2 * time.Minute, CheckRedirect: noRedirects}
	form := url.Values{"name": {name}, "password": {password}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/signin", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("sign-in as %s answered HTTP %d, not 303", name, resp.StatusCode)
	}
	return c, nil
}

// routeTiming is one results route: its first (cold) request and the median of the next ones.
type routeTiming struct {
	Path     string  `json:"path"`
	Missing  bool    `json:"missing,omitempty"` // 404: the route does not exist yet
	Status   int     `json:"status"`            // the first status other than 200, or 200
	Error    string  `json:"error,omitempty"`
	ColdMS   float64 `json:"cold_ms"`
	MedianMS float64 `json:"median_ms"`
	Samples  int     `json:"samples"` // requests behind the median
	Bytes    int64   `json:"bytes"`   // body size after decompression
}

// ok says whether the route answered 200 every time.
func (r routeTiming) ok() bool { return r.Status == http.StatusOK && r.Error == "" }

// timeRoute requests path once cold, then `repeat` more times; every request reads the whole body.
func timeRoute(ctx context.Context, c *http.Client, base, path string, repeat int) routeTiming {
	r := routeTiming{Path: path}
	var warm []time.Duration
	for i := 0; i <= repeat && ctx.Err() == nil; i++ {
		start := time.Now()
		status, n, err := download(ctx, c, base+path)
		took := time.Since(start)
		r.Status = status
		switch {
		case err != nil:
			r.Error = err.Error()
			return r
		case status == http.StatusNotFound:
			r.Missing = true
			return r
		case status != http.StatusOK:
			return r
		}
		r.Bytes = n
		if i == 0 {
			r.ColdMS = ms(took)
		} else {
			warm = append(warm, took)
		}
	}
	r.Samples, r.MedianMS = len(warm), ms(percentile(warm, 50))
	return r
}

func download(ctx context.Context, c *http.Client, u string) (status int, n int64, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	n, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, n, err
}

// file is one file of a page as it crossed the wire.
type file struct {
	Path    string `json:"path"`
	Status  int    `json:"status"`
	Bytes   int64  `json:"bytes"` // body bytes on the wire
	Gzipped bool   `json:"gzipped"`
}

// pageWeight is a page and every file it loads, fetched with Accept-Encoding: gzip.
type pageWeight struct {
	Page     string   `json:"page"`
	Status   int      `json:"status"`
	Missing  bool     `json:"missing,omitempty"`
	Bytes    int64    `json:"bytes"`              // the page and its files, as sent
	Files    []file   `json:"files"`              // the page first
	External []string `json:"external,omitempty"` // on another host: counted nowhere, never fetched
}

// weigh fetches a page and the stylesheets, scripts, images and icons its HTML names, gzipped
// and without decompressing, so the bytes counted are the bytes sent. jar may carry a session.
func weigh(ctx context.Context, jar http.CookieJar, base, path string) pageWeight {
	c := &http.Client{Transport: &http.Transport{DisableCompression: true}, Jar: jar,
		Timeout: time.Minute, CheckRedirect: noRedirects}
	defer c.CloseIdleConnections()
	w := pageWeight{Page: path}
	page, f := fetchWire(ctx, c, base+path)
	w.Status, w.Missing = f.Status, f.Status == http.StatusNotFound
	if f.Status != http.StatusOK {
		return w
	}
	w.Files = append(w.Files, f)
	if f.Gzipped {
		zr, err := gzip.NewReader(bytes.NewReader(page))
		if err == nil {
			page, _ = io.ReadAll(zr)
		}
	}
	pageURL, _ := url.Parse(base + path)
	seen := map[string]bool{pageURL.String(): true}
	for _, ref := range assetRefs(string(page)) {
		if strings.HasPrefix(strings.ToLower(ref), "data:") {
			continue // inline, already counted in the page
		}
		u, err := pageURL.Parse(ref)
		if err != nil {
			continue
		}
		u.Fragment = ""
		if u.Scheme != pageURL.Scheme || u.Host != pageURL.Host {
			w.External = append(w.External, u.String())
			continue
		}
		if seen[u.String()] {
			continue
		}
		seen[u.String()] = true
		_, f := fetchWire(ctx, c, u.String())
		w.Files = append(w.Files, f)
	}
	for _, f := range w.Files {
		w.Bytes += f.Bytes
	}
	return w
}

// fetchWire gets one URL asking for gzip and returns the body exactly as sent.
func fetchWire(ctx context.Context, c *http.Client, u string) ([]byte, file) {
	f := file{Path: u}
	if p, err := url.Parse(u); err == nil {
		f.Path = p.RequestURI()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, f
	}
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := c.Do(req)
	if err != nil {
		return nil, f
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, f
	}
	f.Status, f.Bytes, f.Gzipped = resp.StatusCode, int64(len(body)), resp.Header.Get("Content-Encoding") == "gzip"
	return body, f
}

var (
	tagPattern  = regexp.MustCompile(`(?is)<(link|script|img)\b([^>]*)>`)
	attrPattern = regexp.MustCompile(`(?s)([a-zA-Z][a-zA-Z0-9_:.-]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?`)
)

// assetRefs lists, in order, the href of every <link rel=stylesheet> and <link rel=icon> and the
// src of every <script> and <img> in a page.
func assetRefs(page string) []string {
	var refs []string
	for _, m := range tagPattern.FindAllStringSubmatch(page, -1) {
		attrs := map[string]string{}
		for _, a := range attrPattern.FindAllStringSubmatch(m[2], -1) {
			v := strings.Trim(a[2], `"'`)
			attrs[strings.ToLower(a[1])] = html.UnescapeString(strings.TrimSpace(v))
		}
		var ref string
		switch strings.ToLower(m[1]) {
		case "link":
			rel := strings.Fields(strings.ToLower(attrs["rel"]))
			if slices.Contains(rel, "stylesheet") || slices.Contains(rel, "icon") {
				ref = attrs["href"]
			}
		case "script", "img":
			ref = attrs["src"]
		}
		if ref != "" {
			refs = append(refs, ref)
		}
	}
	return refs
}

// largest returns the n largest files of the pages, largest first, each path once.
func largest(pages []pageWeight, n int) []file {
	var all []file
	seen := map[string]bool{}
	for _, p := range pages {
		for _, f := range p.Files {
			if !seen[f.Path] {
				seen[f.Path] = true
				all = append(all, f)
			}
		}
	}
	slices.SortStableFunc(all, func(a, b file) int { return cmp.Compare(b.Bytes, a.Bytes) })
	return all[:min(n, len(all))]
}
