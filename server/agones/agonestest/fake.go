// Package agonestest is a fake Agones SDK sidecar for tests: an HTTP
// handler that answers the REST endpoints package agones calls, the way the
// sidecar does (int64 as JSON strings, 404 for an undeclared counter, an
// error for a disabled feature, a count above the capacity refused), and
// records every call in order.
//
// # Concurrency
//
// A Sidecar's handler serves requests concurrently; its methods may be
// called from any goroutine.
package agonestest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Call is one request the fake received.
type Call struct {
	Method string
	Path   string
	Body   string // as received
	At     time.Time
}

// String returns "METHOD /path".
func (c Call) String() string { return c.Method + " " + c.Path }

// Options say what the fake offers.
type Options struct {
	// Counters are the counters the GameServer declares, by name, with
	// their capacity; a counter not named is 404.
	Counters map[string]int64
	// PlayerTracking turns the alpha player tracking on (else its
	// endpoints answer 500, as the sidecar with the gate off does).
	PlayerTracking bool
}

// Sidecar is a fake sidecar. Serve its Handler, e.g. with httptest.
type Sidecar struct {
	mu       sync.Mutex
	opts     Options
	calls    []Call
	counters map[string]*counter
	players  map[string]bool
	capacity int64
}

type counter struct{ count, capacity int64 }

// New returns a fake sidecar offering what opts says.
func New(opts Options) *Sidecar {
	s := &Sidecar{opts: opts, counters: map[string]*counter{}, players: map[string]bool{}}
	for name, c := range opts.Counters {
		s.counters[name] = &counter{capacity: c}
	}
	return s
}

// Calls returns the calls received so far, in order.
func (s *Sidecar) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// Counter returns a counter's count and capacity, and whether it exists.
func (s *Sidecar) Counter(name string) (count, capacity int64, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.counters[name]
	if !ok {
		return 0, 0, false
	}
	return c.count, c.capacity, true
}

// Players returns the ids of the players connected through player
// tracking, and the player capacity.
func (s *Sidecar) Players() (ids []string, capacity int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id := range s.players {
		ids = append(ids, id)
	}
	return ids, s.capacity
}

// Handler returns the HTTP handler of the fake's REST API.
func (s *Sidecar) Handler() http.Handler {
	return http.HandlerFunc(s.serve)
}

func (s *Sidecar) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, Call{Method: r.Method, Path: r.URL.Path, Body: string(body), At: time.Now()})
	var fields map[string]json.RawMessage
	if r.Method != http.MethodGet {
		if r.Header.Get("Content-Type") != "application/json" {
			http.Error(w, `{"error":"Content-Type must be application/json"}`, http.StatusUnsupportedMediaType)
			return
		}
		if err := json.Unmarshal(body, &fields); err != nil {
			http.Error(w, fmt.Sprintf(`{"error":%q}`, "body: "+err.Error()), http.StatusBadRequest)
			return
		}
	}
	ok := func(v any) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(v)
	}
	path := r.URL.Path
	switch {
	case r.Method == http.MethodPost && (path == "/ready" || path == "/health" || path == "/shutdown"):
		ok(struct{}{})
	case strings.HasPrefix(path, "/v1beta1/counters/"):
		c, found := s.counters[strings.TrimPrefix(path, "/v1beta1/counters/")]
		if !found {
			http.Error(w, `{"error":"counter not found","code":5}`, http.StatusNotFound)
			return
		}
		if r.Method == http.MethodPatch {
			next := *c
			if v, ok := int64Field(fields, "capacity"); ok {
				next.capacity = v
			}
			if v, ok := int64Field(fields, "count"); ok {
				next.count = v
			}
			if v, ok := int64Field(fields, "countDiff"); ok {
				next.count += v
			}
			if next.count < 0 || next.count > next.capacity {
				http.Error(w, `{"error":"count out of range","code":11}`, http.StatusBadRequest)
				return
			}
			*c = next
		} else if r.Method != http.MethodGet {
			http.Error(w, `{"error":"method not allowed"}`, http.StatusMethodNotAllowed)
			return
		}
		ok(map[string]string{"name": strings.TrimPrefix(path, "/v1beta1/counters/"),
			"count": strconv.FormatInt(c.count, 10), "capacity": strconv.FormatInt(c.capacity, 10)})
	case strings.HasPrefix(path, "/alpha/player/"):
		if !s.opts.PlayerTracking {
			http.Error(w, `{"error":"PlayerTracking not enabled","code":2}`, http.StatusInternalServerError)
			return
		}
		s.serveTracking(w, r.Method, path, fields, ok)
	default:
		http.Error(w, `{"error":"Not Found","code":5}`, http.StatusNotFound)
	}
}

// serveTracking answers the alpha player tracking endpoints.
func (s *Sidecar) serveTracking(w http.ResponseWriter, method, path string, fields map[string]json.RawMessage, ok func(any)) {
	var id string
	if raw, found := fields["playerID"]; found {
		_ = json.Unmarshal(raw, &id)
	}
	switch {
	case method == http.MethodPost && path == "/alpha/player/connect":
		added := !s.players[id]
		if added && int64(len(s.players)) >= s.capacity {
			http.Error(w, `{"error":"players are already at capacity","code":2}`, http.StatusInternalServerError)
			return
		}
		s.players[id] = true
		ok(map[string]bool{"bool": added})
	case method == http.MethodPost && path == "/alpha/player/disconnect":
		removed := s.players[id]
		delete(s.players, id)
		ok(map[string]bool{"bool": removed})
	case method == http.MethodPut && path == "/alpha/player/capacity":
		v, _ := int64Field(fields, "count")
		s.capacity = v
		ok(struct{}{})
	case method == http.MethodGet && path == "/alpha/player/capacity":
		ok(map[string]string{"count": strconv.FormatInt(s.capacity, 10)})
	case method == http.MethodGet && path == "/alpha/player/count":
		ok(map[string]string{"count": strconv.Itoa(len(s.players))})
	default:
		http.Error(w, `{"error":"Not Found","code":5}`, http.StatusNotFound)
	}
}

// int64Field reads an int64 written as a JSON string or number.
func int64Field(fields map[string]json.RawMessage, name string) (int64, bool) {
	raw, found := fields[name]
	if !found {
		return 0, false
	}
	v, err := strconv.ParseInt(strings.Trim(string(raw), `"`), 10, 64)
	return v, err == nil
}
