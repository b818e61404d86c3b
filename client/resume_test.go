//go:build !js

package client_test

// Resuming a session after its connection is cut, against the real server
// on 127.0.0.1: the cuts are TCP resets (impair.Reset) of the client's
// socket, which the server takes as a lost connection and keeps the seat.

import (
	"context"
	"errors"
	"net"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"arena/client"
	"arena/game"
	"arena/game/gametest"
	"arena/netcode"
	"arena/netcode/impair"
	"arena/server"
)

// cutter dials TCP for a Session, keeps the connections, and cuts them on
// demand; while refusing, it fails every dial.
type cutter struct {
	mu      sync.Mutex
	conns   []net.Conn
	refuse  bool
	dials   int
	dialled []time.Time
}

func (c *cutter) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	c.mu.Lock()
	c.dials++
	c.dialled = append(c.dialled, time.Now())
	refuse := c.refuse
	c.mu.Unlock()
	if refuse {
		return nil, errors.New("test: dial refused")
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.conns = append(c.conns, conn)
	c.mu.Unlock()
	return conn, nil
}

// cut resets every connection dialled so far.
func (c *cutter) cut() {
	c.mu.Lock()
	conns := c.conns
	c.conns = nil
	c.mu.Unlock()
	for _, conn := range conns {
		impair.Reset(conn)
	}
}

func (c *cutter) setRefuse(v bool) {
	c.mu.Lock()
	c.refuse = v
	c.mu.Unlock()
}

// startResumeServer runs the real server on the open map with the given
// resume grace and returns its ws:// URL.
func startResumeServer(t *testing.T, grace time.Duration) string {
	t.Helper()
	srv, err := server.New(server.Config{
		Maps:        gametest.MapFS("open", gametest.DuelJSON()),
		MapName:     "open",
		ResumeGrace: grace,
	})
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		hs.Close()
	})
	return "ws" + strings.TrimPrefix(hs.URL, "http") + "/ws"
}

// dialCut dials url through c.
func dialCut(t *testing.T, url string, c *cutter, opts client.Options) *client.Session {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	opts.Name, opts.Maps, opts.Dialer = "walker", testMaps, c.dial
	s, err := client.Dial(ctx, url, &opts)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// walk drives s with Update like a game's frames (every 4 ms) for d,
// walking back and forth on the open map, and returns how many inputs it
// made.
func walk(t *testing.T, s *client.Session, d time.Duration) int {
	t.Helper()
	made := 0
	end := time.Now().Add(d)
	for now := time.Now(); now.Before(end); now = time.Now() {
		dir := 1.0
		if now.UnixMilli()/700%2 == 0 {
			dir = -1
		}
		n, err := s.Update(now, game.MakeInput(dir, 0.3, 0, false))
		if err != nil {
			t.Fatalf("Update: %v", err)
		}
		made += n
		time.Sleep(4 * time.Millisecond)
	}
	return made
}

// sessionGoroutines counts the goroutines running a Session's reader
// supervisor, writer and pinger.
func sessionGoroutines() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	n := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		for _, f := range []string{"client.(*Session).run(", "client.(*Session).writeLoop(", "client.(*Session).pingLoop("} {
			if strings.Contains(g, f) {
				n++
			}
		}
	}
	return n
}

// TestResumeAfterCut: a lone walker whose socket is reset resumes on a new
// connection as the same player, the resume itself mispredicts nothing,
// Update makes no inputs while no link is up, and the old link's
// goroutines are gone (one reader, one writer, one pinger remain; none
// after Close). Not parallel: it counts goroutines.
func TestResumeAfterCut(t *testing.T) {
	base := sessionGoroutines()
	url := startResumeServer(t, 5*time.Second)
	c := &cutter{}
	s := dialCut(t, url, c, client.Options{})
	id := s.LocalID()
	if len(s.Welcome().ResumeToken) != 16 {
		t.Fatalf("Welcome's resume token has %d bytes, want 16", len(s.Welcome().ResumeToken))
	}
	token := string(s.Welcome().ResumeToken)
	waitFor(t, "the first snapshot", func() bool { return s.Stats().SnapshotsReceived > 0 })
	if made := walk(t, s, time.Second); made < 40 {
		t.Fatalf("made %d inputs in a second of walking, want about 60", made)
	}
	if got := sessionGoroutines() - base; got != 3 {
		t.Fatalf("%d session goroutines while connected, want 3", got)
	}

	c.setRefuse(true) // hold the reconnect so the state in between is seen
	c.cut()
	waitFor(t, "the session to notice the cut", s.Reconnecting)
	if n, err := s.Update(time.Now(), game.MakeInput(1, 0, 0, true)); n != 0 || err != nil {
		t.Errorf("Update while reconnecting = %d, %v; want 0 inputs, no error", n, err)
	}
	if ps := s.Players(time.Now(), nil); len(ps) != 1 || ps[0].ID != id || !ps[0].Local {
		t.Errorf("Players while reconnecting = %+v, want the local player still drawn", ps)
	}
	waitFor(t, "a refused reconnect attempt", func() bool { return s.Stats().ResumeAttempts > 0 })
	if got := sessionGoroutines() - base; got != 1 {
		t.Errorf("%d session goroutines while reconnecting, want 1 (the supervisor): the old link's did not end", got)
	}
	c.setRefuse(false)
	waitFor(t, "the resume", func() bool { return s.Stats().Resumes == 1 })
	if s.LocalID() != id || s.Info().PlayerID != id {
		t.Errorf("player %d after the resume, want %d", s.LocalID(), id)
	}
	if string(s.Welcome().ResumeToken) == token {
		t.Error("the resume token was not rotated")
	}
	checked := s.Stats().PredictionsChecked
	walk(t, s, time.Second)
	st := s.Stats()
	if st.PredictionsChecked < checked+20 {
		t.Errorf("%d predictions checked in a second after the resume, want about 30", st.PredictionsChecked-checked)
	}
	if st.Mispredictions != 0 {
		t.Errorf("%d mispredictions of a lone walker across a resume, want 0", st.Mispredictions)
	}
	if st.Reconnecting || st.ResumeFailures != 0 || st.LastResume <= 0 || st.LastResume > 5*time.Second {
		t.Errorf("Stats after the resume: reconnecting %v, failures %d, last resume %v", st.Reconnecting, st.ResumeFailures, st.LastResume)
	}
	if got := sessionGoroutines() - base; got != 3 {
		t.Errorf("%d session goroutines after the resume, want 3", got)
	}
	if err := s.Close(); err != nil || s.Err() != nil {
		t.Errorf("Close = %v, Err = %v", err, s.Err())
	}
	if got := sessionGoroutines() - base; got != 0 {
		t.Errorf("%d session goroutines after Close, want 0", got)
	}
}

// TestResumeRefusedEndsSession: when the seat is gone by the time the
// session dials again, the server's 4006 ends the session (Err).
func TestResumeRefusedEndsSession(t *testing.T) {
	t.Parallel()
	url := startResumeServer(t, 100*time.Millisecond)
	c := &cutter{}
	s := dialCut(t, url, c, client.Options{})
	waitFor(t, "the first snapshot", func() bool { return s.Stats().SnapshotsReceived > 0 })
	c.setRefuse(true)
	c.cut()
	waitFor(t, "the session to notice the cut", s.Reconnecting)
	time.Sleep(500 * time.Millisecond) // let the 100 ms grace pass: this sleep is what the test is about
	c.setRefuse(false)
	select {
	case <-s.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the session did not end after its seat expired")
	}
	var ce *client.CloseError
	if err := s.Err(); !errors.As(err, &ce) || ce.Code != netcode.CloseResumeRefused {
		t.Fatalf("Err = %v, want *CloseError 4006", err)
	}
	if st := s.Stats(); st.ResumeFailures != 1 || st.Resumes != 0 {
		t.Errorf("resume failures %d, resumes %d; want 1, 0", st.ResumeFailures, st.Resumes)
	}
}

// TestCloseDuringReconnect: Close while the session is reconnecting ends
// it at once, with no error.
func TestCloseDuringReconnect(t *testing.T) {
	t.Parallel()
	url := startResumeServer(t, 10*time.Second)
	c := &cutter{}
	s := dialCut(t, url, c, client.Options{})
	c.setRefuse(true)
	c.cut()
	waitFor(t, "the session to notice the cut", s.Reconnecting)
	start := time.Now()
	if err := s.Close(); err != nil {
		t.Errorf("Close = %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Close during a reconnect took %v, want it prompt", d)
	}
	select {
	case <-s.Done():
	default:
		t.Fatal("Done not closed after Close")
	}
	if err := s.Err(); err != nil {
		t.Errorf("Err after Close during a reconnect = %v, want nil", err)
	}
}

// TestReconnectGivesUp: a session that cannot dial again gives up once the
// server's grace (Welcome's rule) plus a margin has passed, with attempts
// spread by the backoff (no tight loop), and says so in Err.
func TestReconnectGivesUp(t *testing.T) {
	t.Parallel()
	url := startResumeServer(t, 500*time.Millisecond)
	c := &cutter{}
	s := dialCut(t, url, c, client.Options{})
	c.setRefuse(true)
	lost := time.Now()
	c.cut()
	select {
	case <-s.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the session kept reconnecting past the grace period")
	}
	took := time.Since(lost)
	// grace 0.5 s + margin 2 s; the last attempt is at that deadline.
	if took < 2500*time.Millisecond || took > 4*time.Second {
		t.Errorf("gave up after %v, want about 2.5 s (grace plus margin)", took)
	}
	if err := s.Err(); err == nil || !strings.Contains(err.Error(), "gave up") {
		t.Errorf("Err = %v, want one that says the resume gave up", err)
	}
	c.mu.Lock()
	dials := c.dials - 1 // the first was Dial's
	c.mu.Unlock()
	// Waits of up to 0.1, 0.2, 0.4, 0.8, 1.6, 2, 2 s: at most a handful of dials
	// in 2.5 s, at least two.
	if dials < 2 || dials > 40 {
		t.Errorf("%d reconnect dials in %v, want a few (backoff)", dials, took)
	}
	if st := s.Stats(); st.ResumeFailures != 1 || st.ResumeAttempts < uint64(dials) || st.ResumeAttempts > uint64(dials)+1 {
		t.Errorf("resume failures %d, attempts %d; want 1, %d", st.ResumeFailures, st.ResumeAttempts, dials)
	}
}

// TestNoReconnect: with Options.NoReconnect a cut ends the session.
func TestNoReconnect(t *testing.T) {
	t.Parallel()
	url := startResumeServer(t, 10*time.Second)
	c := &cutter{}
	s := dialCut(t, url, c, client.Options{NoReconnect: true})
	c.cut()
	select {
	case <-s.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the session did not end on a cut with NoReconnect")
	}
	if s.Err() == nil || s.Stats().ResumeAttempts != 0 {
		t.Errorf("Err = %v, attempts %d; want an error and no attempt", s.Err(), s.Stats().ResumeAttempts)
	}
}

// TestChatSentWhileReconnectingArrives: a chat line typed while the
// session is reconnecting goes out once it has resumed, and the room sees
// it once.
func TestChatSentWhileReconnectingArrives(t *testing.T) {
	t.Parallel()
	url := startResumeServer(t, 10*time.Second)
	c := &cutter{}
	a := dialCut(t, url, c, client.Options{})
	b := dialCut(t, url, &cutter{}, client.Options{})
	c.setRefuse(true)
	c.cut()
	waitFor(t, "the session to notice the cut", a.Reconnecting)
	if err := a.SendChat("typed while down"); err != nil {
		t.Fatalf("SendChat while reconnecting: %v", err)
	}
	c.setRefuse(false)
	waitFor(t, "the resume", func() bool { return !a.Reconnecting() })
	got := 0
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		for _, e := range b.DrainEvents(nil) {
			if e.Kind == client.EventChat && e.Text == "typed while down" && e.Player == a.LocalID() {
				got++
			}
		}
		if got > 0 && time.Until(deadline) > time.Second {
			deadline = time.Now().Add(time.Second) // a second more, to catch a duplicate
		}
		time.Sleep(10 * time.Millisecond)
	}
	if got != 1 {
		t.Fatalf("the other player saw the chat line %d times, want once", got)
	}
}
