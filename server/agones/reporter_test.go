package agones

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"arena/server/agones/agonestest"
)

// roster is a Roster the test changes.
type roster struct {
	mu  sync.Mutex
	ids []string
}

func (r *roster) set(ids ...string) {
	r.mu.Lock()
	r.ids = ids
	r.mu.Unlock()
}

func (r *roster) get() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.ids...)
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// waitFor polls cond every 5 ms for up to 3 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// paths returns "METHOD /path" of each call.
func paths(calls []agonestest.Call) []string {
	out := make([]string, len(calls))
	for i, c := range calls {
		out[i] = c.String()
	}
	return out
}

// TestReporterCounter: Ready first, the capacity and then the count on
// each change of the roster (a count above the capacity raises it first),
// Health all along at the interval, and Shutdown last, after the final
// count.
func TestReporterCounter(t *testing.T) {
	t.Parallel()
	fake, c := startFake(t, agonestest.Options{Counters: map[string]int64{"players": 0}})
	var ros roster
	const health = 40 * time.Millisecond
	r, err := Start(context.Background(), Config{Client: c, HealthInterval: health, PollInterval: 10 * time.Millisecond,
		Capacity: 2, Roster: ros.get, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	<-r.Ready()
	if r.Mode() != PlayersCounter {
		t.Fatalf("mode %q, want counter (the sidecar declares players)", r.Mode())
	}
	counterIs := func(count, capacity int64) func() bool {
		return func() bool { n, c, _ := fake.Counter("players"); return n == count && c == capacity }
	}
	waitFor(t, "capacity 2", counterIs(0, 2))
	ros.set("r1/ann")
	waitFor(t, "count 1", counterIs(1, 2))
	ros.set("r1/ann", "r1/bob", "r2/cy")
	waitFor(t, "count 3, capacity 3", counterIs(3, 3))
	ros.set("r2/cy")
	waitFor(t, "count 1, capacity 2", counterIs(1, 2))
	time.Sleep(3 * health)
	ros.set()
	if err := r.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n, _, _ := fake.Counter("players"); n != 0 {
		t.Errorf("count %d after Shutdown with no player left, want 0", n)
	}

	calls := fake.Calls()
	p := paths(calls)
	ready := slices.Index(p, "POST /ready")
	if ready < 0 || slices.Index(p, "PATCH /v1beta1/counters/players") < ready {
		t.Errorf("calls %v: want Ready before any count", p)
	}
	if p[len(p)-1] != "POST /shutdown" || slices.Index(p, "POST /shutdown") != len(p)-1 {
		t.Errorf("calls %v: want one Shutdown, last", p)
	}
	var last time.Time
	for _, c := range calls {
		if c.String() != "POST /health" {
			continue
		}
		if !last.IsZero() && c.At.Sub(last) > 2*health {
			t.Errorf("%v between Health pings, want about %v", c.At.Sub(last), health)
		}
		last = c.At
	}
	if last.IsZero() {
		t.Error("no Health ping")
	}
	// Between two changes the count is not sent again.
	patches := 0
	for _, s := range p {
		if s == "PATCH /v1beta1/counters/players" {
			patches++
		}
	}
	if patches > 9 {
		t.Errorf("%d PATCHes for 5 changes of the roster: the count is sent when unchanged (%v)", patches, p)
	}
}

// TestReporterTracking: with player tracking (and no counter) each player
// connects and disconnects by id, and the capacity is set.
func TestReporterTracking(t *testing.T) {
	t.Parallel()
	fake, c := startFake(t, agonestest.Options{PlayerTracking: true})
	var ros roster
	ros.set("r1/ann", "r1/bob")
	r, err := Start(context.Background(), Config{Client: c, PollInterval: 10 * time.Millisecond,
		Capacity: 16, Roster: ros.get, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	<-r.Ready()
	if r.Mode() != PlayersTracking {
		t.Fatalf("mode %q, want tracking", r.Mode())
	}
	playersAre := func(want ...string) func() bool {
		return func() bool {
			ids, capacity := fake.Players()
			slices.Sort(ids)
			return slices.Equal(ids, want) && capacity == 16
		}
	}
	waitFor(t, "ann and bob", playersAre("r1/ann", "r1/bob"))
	ros.set("r1/bob", "r1/cy")
	waitFor(t, "bob and cy", playersAre("r1/bob", "r1/cy"))
	ros.set()
	if err := r.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if ids, _ := fake.Players(); len(ids) != 0 {
		t.Errorf("players %v after Shutdown, want none", ids)
	}
}

// TestReporterNoPlayerAPI: a sidecar that offers neither is asked once
// each and then only gets Health and Shutdown; a configured mode is used
// without asking.
func TestReporterNoPlayerAPI(t *testing.T) {
	t.Parallel()
	fake, c := startFake(t, agonestest.Options{})
	var ros roster
	ros.set("r1/ann")
	r, err := Start(context.Background(), Config{Client: c, PollInterval: 10 * time.Millisecond, Roster: ros.get, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	<-r.Ready()
	time.Sleep(50 * time.Millisecond)
	if err := r.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r.Mode() != PlayersOff {
		t.Errorf("mode %q, want off", r.Mode())
	}
	var asked []string
	for _, s := range paths(fake.Calls()) {
		if s != "POST /health" {
			asked = append(asked, s)
		}
	}
	want := []string{"POST /ready", "GET /v1beta1/counters/players", "GET /alpha/player/capacity", "POST /shutdown"}
	if !slices.Equal(asked, want) {
		t.Errorf("calls %v, want %v", asked, want)
	}

	fake2, c2 := startFake(t, agonestest.Options{PlayerTracking: true})
	r2, _ := Start(context.Background(), Config{Client: c2, Players: PlayersOff, Roster: ros.get, Logger: quiet})
	<-r2.Ready()
	_ = r2.Shutdown(context.Background())
	for _, s := range paths(fake2.Calls()) {
		if s != "POST /health" && s != "POST /ready" && s != "POST /shutdown" {
			t.Errorf("with PlayersOff the sidecar got %s", s)
		}
	}
}

// TestReadyWaitsForSidecar: a sidecar that comes up after the server is
// retried until it takes Ready, and Health reaches it too.
func TestReadyWaitsForSidecar(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c, _ := NewClient("http://" + addr)
	r, err := Start(context.Background(), Config{Client: c, HealthInterval: 50 * time.Millisecond, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(400 * time.Millisecond)
	select {
	case <-r.Ready():
		t.Fatal("Ready with no sidecar")
	default:
	}
	fake := agonestest.New(agonestest.Options{})
	ln, err = net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("the port was taken meanwhile: %v", err)
	}
	hs := httptest.NewUnstartedServer(fake.Handler())
	hs.Listener = ln
	hs.Start()
	defer hs.Close()
	select {
	case <-r.Ready():
	case <-time.After(3 * time.Second):
		t.Fatal("not Ready 3 s after the sidecar came up (the backoff is at most 1 s)")
	}
	waitFor(t, "a Health ping", func() bool { return slices.Contains(paths(fake.Calls()), "POST /health") })
	if err := r.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestReadyGivesUp: the start context ending stops the Ready retries, and
// Shutdown then makes one attempt (the sidecar never came) and says it
// failed, at once.
func TestReadyGivesUp(t *testing.T) {
	t.Parallel()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	c, _ := NewClient("http://" + addr)
	ctx, cancel := context.WithCancel(context.Background())
	r, err := Start(ctx, Config{Client: c, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	cancel()
	sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer scancel()
	start := time.Now()
	err = r.Shutdown(sctx)
	if err == nil || IsAnswer(err) {
		t.Errorf("Shutdown with no sidecar = %v, want a connection error", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("Shutdown took %v with no sidecar, want one attempt", took)
	}
}

// TestShutdownRetries: a sidecar that took Ready but does not answer the
// moment Shutdown is sent (restarting) is retried until it does.
func TestShutdownRetries(t *testing.T) {
	t.Parallel()
	fake := agonestest.New(agonestest.Options{})
	var mu sync.Mutex
	down := false
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		mu.Lock()
		d := down
		mu.Unlock()
		if d {
			// No answer: hijack and drop the connection.
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
			return
		}
		fake.Handler().ServeHTTP(w, req)
	}))
	defer hs.Close()
	c, _ := NewClient(hs.URL)
	r, _ := Start(context.Background(), Config{Client: c, Logger: quiet})
	<-r.Ready()
	mu.Lock()
	down = true
	mu.Unlock()
	time.AfterFunc(300*time.Millisecond, func() { mu.Lock(); down = false; mu.Unlock() })
	if err := r.Shutdown(context.Background()); err != nil {
		t.Fatalf("Shutdown = %v, want it retried until the sidecar answered", err)
	}
	p := paths(fake.Calls())
	if p[len(p)-1] != "POST /shutdown" {
		t.Errorf("calls %v, want Shutdown last", p)
	}
}

func TestParsePlayerMode(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"auto", "counter", "tracking", "off"} {
		if m, err := ParsePlayerMode(s); err != nil || string(m) != s {
			t.Errorf("ParsePlayerMode(%q) = %q, %v", s, m, err)
		}
	}
	if _, err := ParsePlayerMode("lists"); err == nil {
		t.Error(`ParsePlayerMode("lists"): no error`)
	}
}
