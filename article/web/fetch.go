package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// response is a fetched body, whole, within the size limit.
type response struct {
	url         string // after redirects
	status      int
	contentType string
	body        []byte
	etag        string
	modified    string
	notModified bool // 304: what the validators name is still current
}

// validators are what a conditional GET sends back to the server.
type validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// hostLimiter allows at most n requests at a time to one host, so that a
// feed of a hundred items from one site does not hammer it.
type hostLimiter struct {
	mu    sync.Mutex
	n     int
	hosts map[string]chan struct{}
}

func (h *hostLimiter) acquire(ctx context.Context, host string) (func(), error) {
	h.mu.Lock()
	sem, ok := h.hosts[host]
	if !ok {
		sem = make(chan struct{}, h.n)
		h.hosts[host] = sem
	}
	h.mu.Unlock()
	select {
	case sem <- struct{}{}:
		return func() { <-sem }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func newClient(o Options) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	// The transport asks for gzip itself and decompresses it; setting
	// Accept-Encoding by hand would turn that off.
	tr.DisableCompression = false
	tr.ResponseHeaderTimeout = o.Timeout
	return &http.Client{
		Transport: tr,
		Timeout:   o.Timeout, // the whole exchange, body included
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > o.MaxRedirects {
				return fmt.Errorf("more than %d redirects", o.MaxRedirects)
			}
			return nil
		},
	}
}

// statusError is an HTTP answer that is not a body.
type statusError struct {
	status int
	text   string
}

func (e statusError) Error() string { return fmt.Sprintf("HTTP %d %s", e.status, e.text) }

// fetch GETs u, conditionally when prev has validators, retrying 429 and
// 5xx answers and failed connections with exponential backoff (Retry-After
// when the server gives one).
func (r *Reader) fetch(ctx context.Context, u string, prev validators) (response, error) {
	pu, err := url.Parse(u)
	if err != nil {
		return response{}, err
	}
	release, err := r.hosts.acquire(ctx, pu.Host)
	if err != nil {
		return response{}, err
	}
	defer release()
	var lastErr error
	for attempt := 0; attempt <= r.opts.Retries; attempt++ {
		if attempt > 0 {
			r.log(Event{URL: u, Kind: "retry", Err: lastErr, Attempt: attempt})
		}
		resp, wait, err := r.once(ctx, u, prev)
		if err == nil {
			return resp, nil
		}
		lastErr = err
		if wait < 0 || attempt == r.opts.Retries {
			break
		}
		if wait == 0 {
			wait = r.opts.Backoff << attempt
			wait += time.Duration(rand.Int64N(int64(wait)/4 + 1)) // jitter: clients that failed together do not retry together
		}
		if wait > r.opts.MaxRetryAfter {
			return response{}, fmt.Errorf("%w; the server asks to wait %s, more than the %s kg waits", err, wait.Round(time.Second), r.opts.MaxRetryAfter)
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return response{}, ctx.Err()
		}
	}
	if r.opts.Retries > 0 && errorRetryable(lastErr) {
		return response{}, fmt.Errorf("%w (after %d attempts)", lastErr, r.opts.Retries+1)
	}
	return response{}, lastErr
}

func errorRetryable(err error) bool {
	var se statusError
	return errors.As(err, &se) && (se.status == http.StatusTooManyRequests || se.status >= 500)
}

// once makes one request. wait < 0: do not retry; 0: retry after the
// backoff; > 0: retry after that long (Retry-After).
func (r *Reader) once(ctx context.Context, u string, prev validators) (response, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return response{}, -1, err
	}
	req.Header.Set("User-Agent", r.opts.UserAgent)
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, application/json, text/xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.1")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	res, err := r.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return response{}, -1, ctx.Err()
		}
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return response{}, -1, fmt.Errorf("no complete answer within %s (--timeout)", r.opts.Timeout)
		}
		var ue *url.Error
		if errors.As(err, &ue) && strings.Contains(ue.Err.Error(), "redirects") {
			return response{}, -1, ue.Err
		}
		return response{}, 0, err // a refused or reset connection may work the next time
	}
	defer res.Body.Close()
	out := response{url: res.Request.URL.String(), status: res.StatusCode, contentType: res.Header.Get("Content-Type"),
		etag: res.Header.Get("ETag"), modified: res.Header.Get("Last-Modified")}
	switch {
	case res.StatusCode == http.StatusNotModified:
		out.notModified = true
		return out, 0, nil
	case res.StatusCode == http.StatusTooManyRequests || res.StatusCode >= 500:
		io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10)) // lets the connection be reused
		wait := retryAfter(res.Header.Get("Retry-After"), time.Now())
		if res.StatusCode == http.StatusNotImplemented || res.StatusCode == http.StatusHTTPVersionNotSupported {
			wait = -1
		}
		return response{}, wait, statusError{res.StatusCode, http.StatusText(res.StatusCode)}
	case res.StatusCode < 200 || res.StatusCode > 299:
		return response{}, -1, statusError{res.StatusCode, http.StatusText(res.StatusCode)}
	}
	if res.ContentLength > r.opts.Article.MaxBytes {
		return response{}, -1, fmt.Errorf("the server announces %d bytes, more than the %d-byte limit (--max-bytes)", res.ContentLength, r.opts.Article.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, r.opts.Article.MaxBytes+1))
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return response{}, -1, fmt.Errorf("no complete answer within %s (--timeout)", r.opts.Timeout)
		}
		return response{}, 0, fmt.Errorf("reading the answer: %w", err)
	}
	if int64(len(body)) > r.opts.Article.MaxBytes {
		return response{}, -1, fmt.Errorf("the answer is larger than the %d-byte limit (--max-bytes)", r.opts.Article.MaxBytes)
	}
	out.body = body
	return out, 0, nil
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(h); err == nil && s >= 0 {
		return time.Duration(s)*time.Second + time.Millisecond // > 0 even for "0": the server's word, not the backoff
	}
	if t, err := http.ParseTime(h); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
		return time.Millisecond
	}
	return 0
}
