package main

import (
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"arena/server"
	"arena/server/agones"
	"arena/server/agones/agonestest"
)

// TestAgonesOptions: -agones is on when AGONES_SDK_HTTP_PORT is set, and
// ARENA_AGONES or the flag win over that; bad values are errors that name
// what is wrong.
func TestAgonesOptions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		env  func(string) (string, bool)
		on   bool
		url  string
		err  string
	}{
		{"off by default", nil, env(), false, "", ""},
		{"on in Agones", nil, env("AGONES_SDK_HTTP_PORT", "9400"), true, "http://localhost:9400", ""},
		{"env turns it off", nil, env("AGONES_SDK_HTTP_PORT", "9400", "ARENA_AGONES", "false"), false, "", ""},
		{"flag turns it off", []string{"-agones=false"}, env("AGONES_SDK_HTTP_PORT", "9400"), false, "", ""},
		{"flag, default port", []string{"-agones"}, env(), true, "http://localhost:9358", ""},
		{"bad sdk port", nil, env("AGONES_SDK_HTTP_PORT", "x"), false, "", `-agones: environment variable AGONES_SDK_HTTP_PORT="x": not a port`},
		{"bad sdk port unused", []string{"-agones=false"}, env("AGONES_SDK_HTTP_PORT", "x"), false, "", ""},
		{"bad ARENA_AGONES", nil, env("ARENA_AGONES", "yes please"), false, "", `ARENA_AGONES="yes please": not true or false`},
		{"interval too short", []string{"-agones-health-interval", "10ms"}, env(), false, "", "agones-health-interval 10ms out of range 100ms..30s"},
		{"interval from env", nil, env("ARENA_AGONES_HEALTH_INTERVAL", "1m"), false, "", "agones-health-interval 1m0s out of range"},
		{"players", []string{"-agones-players", "lists"}, env(), false, "", `agones-players "lists": want auto, counter, tracking or off`},
		{"exit when empty env", nil, env("ARENA_EXIT_WHEN_EMPTY", "maybe"), false, "", `ARENA_EXIT_WHEN_EMPTY="maybe": not true or false`},
	} {
		o, err := parseOptions(tc.args, tc.env, io.Discard)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: parseOptions = %v, want an error containing %q", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil || o.agones.enabled != tc.on || (tc.on && o.agones.sdkURL != tc.url) {
			t.Errorf("%s: agones on %v at %q, %v; want on %v at %q", tc.name, o.agones.enabled, o.agones.sdkURL, err, tc.on, tc.url)
		}
	}
	o, err := parseOptions([]string{"-agones-health-interval", "500ms", "-agones-players", "tracking", "-exit-when-empty"}, env(), io.Discard)
	if err != nil || o.agones.healthInterval != 500*time.Millisecond || o.agones.playerMode != agones.PlayersTracking || !o.agones.exitWhenEmpty {
		t.Errorf("options %+v, %v", o.agones, err)
	}
}

func TestRoster(t *testing.T) {
	t.Parallel()
	got := roster([]server.RoomInfo{{ID: "r1", Names: []string{"ann", "bob", "ann"}}, {ID: "r2", Names: []string{"ann"}}})
	want := []string{"r1/ann", "r1/bob", "r1/ann#2", "r2/ann"}
	if !slices.Equal(got, want) {
		t.Errorf("roster = %v, want %v", got, want)
	}
}

// TestAgonesProcess runs the real gameserver binary against a fake SDK
// sidecar that records its calls.
func TestAgonesProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the gameserver binary")
	}
	bin := buildGameserver(t, t.TempDir())

	// Ready after listening; Health at least every interval; the player
	// count 1 with a player and 0 after; SIGTERM: /readyz 503, the player
	// closed with 1001, Shutdown last, exit 0 within -shutdown-timeout.
	t.Run("lifecycle", func(t *testing.T) {
		t.Parallel()
		const health = 200 * time.Millisecond
		const shutdownTimeout = 5 * time.Second
		port := freePort(t)
		fake := agonestest.New(agonestest.Options{Counters: map[string]int64{"players": 0}})
		var readyWhileListening atomic.Int32 // 1: the game port took a connection when Ready came; 2: it did not
		sdk := startSidecar(t, &readyProbe{fake: fake, addr: "127.0.0.1:" + strconv.Itoa(port), result: &readyWhileListening}, 0)
		p := startGameserver(t, bin, port, []string{"AGONES_SDK_HTTP_PORT=" + strconv.Itoa(sdk)},
			"-agones-health-interval", health.String(), "-shutdown-timeout", shutdownTimeout.String())

		waitUntil(t, 5*time.Second, "Ready", func() bool { return slices.Contains(callPaths(fake.Calls()), "POST /ready") })
		if readyWhileListening.Load() != 1 {
			t.Error("Ready came before the game port listened")
		}
		counter := func(want int64) func() bool {
			return func() bool { n, _, _ := fake.Counter("players"); return n == want }
		}
		waitUntil(t, 5*time.Second, "the counter's capacity", func() bool { _, c, _ := fake.Counter("players"); return c == int64(server.DefaultRoomCapacity) })
		ws := joinRaw(t, p.addr, "visitor")
		waitUntil(t, 5*time.Second, "player count 1", counter(1))
		_ = ws.WriteClose(1000, "bye")
		ws.Close()
		waitUntil(t, 5*time.Second, "player count 0", counter(0))

		stays := joinRaw(t, p.addr, "stays") // reads the close frame but never answers it
		waitUntil(t, 5*time.Second, "player count 1 again", counter(1))
		p.sigterm(t)
		sent := time.Now()
		// The server waits up to 2 s for the player's close answer, and
		// /readyz says 503 meanwhile.
		waitUntil(t, 2*time.Second, "/readyz 503", func() bool { return readyzStatus(p.addr) == 503 })
		if code := readClose(t, stays); code != 1001 {
			t.Errorf("player closed with %d, want 1001", code)
		}
		if err := p.wait(t, shutdownTimeout+2*time.Second); err != nil {
			t.Fatalf("gameserver exit: %v, want 0; logs %v", err, p.logLines())
		}
		if took := time.Since(sent); took > shutdownTimeout {
			t.Errorf("exit %v after SIGTERM, want within -shutdown-timeout %v", took, shutdownTimeout)
		}
		stays.Close()

		calls := fake.Calls()
		ps := callPaths(calls)
		if ps[len(ps)-1] != "POST /shutdown" || slices.Index(ps, "POST /shutdown") != len(ps)-1 {
			t.Errorf("calls %v: want one Shutdown, last", ps)
		}
		if n, _, _ := fake.Counter("players"); n != 0 {
			t.Errorf("player count %d at the end, want 0", n)
		}
		var last time.Time
		pings := 0
		for _, c := range calls {
			if c.String() != "POST /health" {
				continue
			}
			if !last.IsZero() && c.At.Sub(last) > health+300*time.Millisecond {
				t.Errorf("%v between Health pings at -agones-health-interval %v", c.At.Sub(last), health)
			}
			last = c.At
			pings++
		}
		if pings < 5 {
			t.Errorf("%d Health pings, want a run of them", pings)
		}
	})

	// The sidecar comes up after the server: Ready is retried until it
	// takes it.
	t.Run("sidecar late", func(t *testing.T) {
		t.Parallel()
		sdk := freePort(t)
		p := startGameserver(t, bin, freePort(t), []string{"AGONES_SDK_HTTP_PORT=" + strconv.Itoa(sdk)})
		time.Sleep(700 * time.Millisecond)
		fake := agonestest.New(agonestest.Options{})
		startSidecar(t, fake.Handler(), sdk)
		waitUntil(t, 3*time.Second, "Ready once the sidecar is up", func() bool { return slices.Contains(callPaths(fake.Calls()), "POST /ready") })
		if readyzStatus(p.addr) != 200 {
			t.Error("/readyz not 200 while running")
		}
		p.sigterm(t)
		if err := p.wait(t, 10*time.Second); err != nil {
			t.Fatalf("gameserver exit: %v, want 0", err)
		}
		if ps := callPaths(fake.Calls()); ps[len(ps)-1] != "POST /shutdown" {
			t.Errorf("calls %v: want Shutdown last", ps)
		}
	})

	// -exit-when-empty: after a match (a room that opened and ended) the
	// server drains and exits 0 by itself, telling Agones Shutdown.
	t.Run("exit when empty", func(t *testing.T) {
		t.Parallel()
		fake := agonestest.New(agonestest.Options{PlayerTracking: true})
		sdk := startSidecar(t, fake.Handler(), 0)
		p := startGameserver(t, bin, freePort(t), []string{"AGONES_SDK_HTTP_PORT=" + strconv.Itoa(sdk)},
			"-exit-when-empty", "-resume-grace", "0")
		time.Sleep(1500 * time.Millisecond) // no room yet: it does not exit
		select {
		case <-p.done:
			t.Fatalf("exited before any match: %v", p.err)
		default:
		}
		ws := joinRaw(t, p.addr, "one")
		waitUntil(t, 5*time.Second, "the player tracked", func() bool { ids, _ := fake.Players(); return len(ids) == 1 })
		_ = ws.WriteClose(1000, "bye")
		ws.Close()
		if err := p.wait(t, 5*time.Second); err != nil {
			t.Fatalf("gameserver exit: %v, want 0", err)
		}
		ps := callPaths(fake.Calls())
		if ps[len(ps)-1] != "POST /shutdown" {
			t.Errorf("calls %v: want Shutdown last", ps)
		}
		if !slices.Contains(ps, "POST /alpha/player/disconnect") {
			t.Errorf("calls %v: the player never disconnected", ps)
		}
	})

	// -exit-when-empty without Agones just exits 0.
	t.Run("exit when empty alone", func(t *testing.T) {
		t.Parallel()
		p := startGameserver(t, bin, freePort(t), nil, "-exit-when-empty", "-resume-grace", "0")
		ws := joinRaw(t, p.addr, "one")
		_ = ws.WriteClose(1000, "bye")
		ws.Close()
		if err := p.wait(t, 5*time.Second); err != nil {
			t.Fatalf("gameserver exit: %v, want 0", err)
		}
	})
}

// readyProbe passes calls to fake, and on Ready records whether the game
// port takes a connection at that moment.
type readyProbe struct {
	fake   *agonestest.Sidecar
	addr   string
	result *atomic.Int32
}

func (p *readyProbe) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/ready" && p.result.Load() == 0 {
		if c, err := net.DialTimeout("tcp", p.addr, time.Second); err == nil {
			c.Close()
			p.result.Store(1)
		} else {
			p.result.Store(2)
		}
	}
	p.fake.Handler().ServeHTTP(w, r)
}
