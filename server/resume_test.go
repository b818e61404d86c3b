package server_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/game"
	"arena/netcode"
	"arena/server"
)

// helloWith dials url and says Hello with token (and name).
func helloWith(t *testing.T, url, name string, token []byte) *websocket.Conn {
	t.Helper()
	ws := dialWS(t, url, nil)
	write(t, ws, netcode.NewEncoder().Hello(&netcode.Hello{Version: netcode.Version, Name: name, ResumeToken: token}))
	return ws
}

// resume dials url with token and returns the recording client of the
// resumed seat.
func resume(t *testing.T, url string, token []byte) *client {
	t.Helper()
	ws := helloWith(t, url, "ignored", token)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	w, err := readWelcome(ctx, ws)
	if err != nil {
		t.Fatalf("resume: waiting for Welcome: %v", err)
	}
	c := &client{t: t, ws: ws, enc: netcode.NewEncoder(), welcome: w, done: make(chan struct{})}
	c.view.Self = w.PlayerID
	go c.readLoop()
	return c
}

// expectRefused checks that a Hello with token is closed with 4006.
func expectRefused(t *testing.T, url, what string, token []byte) {
	t.Helper()
	code, reason := expectClose(t, helloWith(t, url, "Eve", token), 5*time.Second)
	if code != websocket.StatusCode(netcode.CloseResumeRefused) || reason != "resume token not valid: join again" {
		t.Errorf("%s: closed %d %q, want 4006 %q", what, code, reason, "resume token not valid: join again")
	}
}

// walk sends n inputs moving right and waits until the server consumed them.
func walk(t *testing.T, c *client, n int) {
	t.Helper()
	for range n {
		c.sendInput(game.Input{MoveX: 1})
	}
	want := c.seq
	waitFor(t, 5*time.Second, "inputs consumed", func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.view.AckSeq == want
	})
}

func rule(w netcode.Welcome, name string) (int64, bool) {
	for _, r := range w.Rules {
		if r.Name == name {
			return r.Value, true
		}
	}
	return 0, false
}

// TestResumeKeepsSeat: a player whose socket is cut resumes with its token
// into the same seat, where it stood, with its score; the token works once;
// the others never see it leave; its input seqs go on.
func TestResumeKeepsSeat(t *testing.T) {
	srv, _, url := startServer(t, nil)
	a := join(t, url, "Ada")
	b := join(t, url, "Bob")
	if n := len(a.welcome.ResumeToken); n != 16 {
		t.Fatalf("Welcome's resume token has %d bytes, want 16", n)
	}
	if v, ok := rule(a.welcome, netcode.RuleResumeGraceTicks); !ok || v != int64(server.DefaultResumeGrace.Seconds()*server.DefaultTickRate) {
		t.Errorf("Welcome rule %s = %d (present %v), want %v of ticks", netcode.RuleResumeGraceTicks, v, ok, server.DefaultResumeGrace)
	}
	walk(t, a, 20)
	before := a.own()
	_ = a.ws.CloseNow() // no close frame: the connection is lost, not left
	waitFor(t, 5*time.Second, "the server to hold the seat", func() bool { return srv.Metrics().SeatsHeld.Load() == 1 })

	r := resume(t, url, a.welcome.ResumeToken)
	w := r.welcome
	if w.PlayerID != a.welcome.PlayerID || w.RoomID != a.welcome.RoomID {
		t.Fatalf("resumed as player %d in %s, want %d in %s", w.PlayerID, w.RoomID, a.welcome.PlayerID, a.welcome.RoomID)
	}
	if len(w.ResumeToken) != 16 || bytes.Equal(w.ResumeToken, a.welcome.ResumeToken) {
		t.Errorf("the resumed Welcome's token %x: want 16 new bytes (old %x)", w.ResumeToken, a.welcome.ResumeToken)
	}
	if len(w.Roster) != 2 {
		t.Errorf("roster %v, want Ada and Bob", w.Roster)
	}
	waitFor(t, 5*time.Second, "a snapshot after the resume", func() bool { return r.snapshotCount() > 0 })
	r.mu.Lock()
	full, after := r.full, r.view.Own
	r.mu.Unlock()
	if full != 1 {
		t.Errorf("the first snapshot after a resume was a delta: want a full one")
	}
	if after.X != before.X || after.Y != before.Y || after.Score != before.Score || after.Health != before.Health || after.Kills != before.Kills {
		t.Errorf("resumed at %+v, want the seat as it was: %+v", after, before)
	}

	// The inputs go on from the seq the old connection reached; a resend of
	// ones the server had is skipped, not refused.
	r.seq = a.seq - 3
	walk(t, r, 10)
	if p := r.own(); p.X <= before.X {
		t.Errorf("after 7 new inputs right the player is at x=%d, was at x=%d", p.X, before.X)
	}
	if err := r.closed(); err != nil {
		t.Fatalf("resumed connection ended: %v", err)
	}
	for _, e := range b.eventsOf(netcode.EventLeave) {
		t.Errorf("Bob saw player %d leave at tick %d: a resumed player never left", e.Player, e.Tick)
	}
	if _, ok := b.other(a.welcome.PlayerID); !ok {
		t.Errorf("Bob does not see Ada after her resume")
	}
	if got := srv.Metrics().Resumes.Load(); got != 1 {
		t.Errorf("Resumes = %d, want 1", got)
	}

	expectRefused(t, url, "a used token", a.welcome.ResumeToken)
	forged := make([]byte, 16)
	_, _ = rand.Read(forged)
	expectRefused(t, url, "a forged token", forged)
	expectRefused(t, url, "a token of the wrong length", w.ResumeToken[:8])
	if got := srv.Metrics().ResumesRefused.Load(); got != 3 {
		t.Errorf("ResumesRefused = %d, want 3", got)
	}
	if err := r.closed(); err != nil {
		t.Errorf("the refused tokens disturbed the seat's connection: %v", err)
	}
}

// TestResumeReplacesLiveConnection: a resume of a seat whose connection the
// server still holds (it has not noticed the drop) closes that one with
// 4007 and carries on on the new one.
func TestResumeReplacesLiveConnection(t *testing.T) {
	_, _, url := startServer(t, nil)
	a := join(t, url, "Ada")
	r := resume(t, url, a.welcome.ResumeToken)
	if r.welcome.PlayerID != a.welcome.PlayerID {
		t.Fatalf("resumed as %d, want %d", r.welcome.PlayerID, a.welcome.PlayerID)
	}
	<-a.done
	var ce websocket.CloseError
	if err := a.closed(); !asCloseError(err, &ce) || ce.Code != websocket.StatusCode(netcode.CloseReplaced) ||
		ce.Reason != "session resumed on another connection" {
		t.Errorf("the replaced connection ended with %v, want 4007 \"session resumed on another connection\"", err)
	}
	waitFor(t, 5*time.Second, "snapshots on the new connection", func() bool { return r.snapshotCount() > 3 })
	walk(t, r, 4)
	if err := r.closed(); err != nil {
		t.Errorf("the new connection ended: %v", err)
	}
}

// TestSeatExpires: a dropped seat waits for the grace period, then is
// freed: the others see the player leave, its token is refused.
func TestSeatExpires(t *testing.T) {
	srv, _, url := startServer(t, func(c *server.Config) { c.ResumeGrace = 300 * time.Millisecond })
	a := join(t, url, "Ada")
	b := join(t, url, "Bob")
	_ = a.ws.CloseNow()
	start := time.Now()
	waitFor(t, 5*time.Second, "Ada's seat to be freed", func() bool { return len(b.eventsOf(netcode.EventLeave)) == 1 })
	if d := time.Since(start); d < 250*time.Millisecond {
		t.Errorf("the seat was freed after %v, before the 300ms grace", d)
	}
	if got := srv.Metrics().SeatsExpired.Load(); got != 1 {
		t.Errorf("SeatsExpired = %d, want 1", got)
	}
	expectRefused(t, url, "the token of an expired seat", a.welcome.ResumeToken)
	if rooms := srv.Rooms(); len(rooms) != 1 || rooms[0].Players != 1 {
		t.Errorf("rooms %+v, want one with Bob alone", rooms)
	}
}

// TestLeavingFreesSeat: a player that leaves (Leave, or close 1000) frees
// its seat at once; its token is dead.
func TestLeavingFreesSeat(t *testing.T) {
	_, _, url := startServer(t, nil)
	b := join(t, url, "Bob")
	a := join(t, url, "Ada")
	write(t, a.ws, netcode.NewEncoder().Leave())
	c := join(t, url, "Cy")
	_ = c.ws.Close(websocket.StatusNormalClosure, "bye")
	waitFor(t, 5*time.Second, "both to leave", func() bool { return len(b.eventsOf(netcode.EventLeave)) == 2 })
	expectRefused(t, url, "the token of a player that sent Leave", a.welcome.ResumeToken)
	expectRefused(t, url, "the token of a player that closed 1000", c.welcome.ResumeToken)
}

// TestResumeOff: with resumable seats off, Welcome has no token, the rule
// says 0, and a dropped player leaves at once.
func TestResumeOff(t *testing.T) {
	_, _, url := startServer(t, func(c *server.Config) { c.ResumeGrace = server.ResumeOff })
	a := join(t, url, "Ada")
	b := join(t, url, "Bob")
	if len(a.welcome.ResumeToken) != 0 {
		t.Errorf("token %x with resume off", a.welcome.ResumeToken)
	}
	if v, ok := rule(a.welcome, netcode.RuleResumeGraceTicks); !ok || v != 0 {
		t.Errorf("rule %s = %d (present %v), want 0", netcode.RuleResumeGraceTicks, v, ok)
	}
	_ = a.ws.CloseNow()
	waitFor(t, 5*time.Second, "Ada to leave", func() bool { return len(b.eventsOf(netcode.EventLeave)) == 1 })
	expectRefused(t, url, "any token with resume off", bytes.Repeat([]byte{1}, 16))
}

func asCloseError(err error, ce *websocket.CloseError) bool { return errors.As(err, ce) }
