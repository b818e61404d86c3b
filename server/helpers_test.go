package server_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/game"
	"arena/game/gametest"
	"arena/netcode"
	"arena/server"
)

func testMaps() fs.FS {
	return gametest.MapFS("test", gametest.DuelJSON())
}

// startServer starts a Server on the test map behind an httptest server and
// returns it with its ws:// URL. Both stop at the end of the test.
func startServer(t *testing.T, mod func(*server.Config)) (*server.Server, *httptest.Server, string) {
	t.Helper()
	cfg := server.Config{Maps: testMaps(), MapName: "test"}
	if mod != nil {
		mod(&cfg)
	}
	srv, err := server.New(cfg)
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		hs.Close()
	})
	return srv, hs, "ws" + strings.TrimPrefix(hs.URL, "http") + "/ws"
}

func dialWS(t testing.TB, url string, opts *websocket.DialOptions) *websocket.Conn {
	t.Helper()
	if opts == nil {
		opts = &websocket.DialOptions{Subprotocols: []string{netcode.Subprotocol}}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ws, _, err := websocket.Dial(ctx, url, opts)
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	ws.SetReadLimit(netcode.MaxServerFrame)
	t.Cleanup(func() { _ = ws.CloseNow() })
	return ws
}

func write(t testing.TB, ws *websocket.Conn, b []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := ws.Write(ctx, websocket.MessageBinary, b); err != nil {
		t.Fatalf("write: %v", err)
	}
}

func hello(name string) []byte {
	return netcode.NewEncoder().Hello(&netcode.Hello{Version: netcode.Version, Name: name})
}

// readWelcome reads messages until Welcome.
func readWelcome(ctx context.Context, ws *websocket.Conn) (netcode.Welcome, error) {
	dec := netcode.NewDecoder()
	var m netcode.ServerMessage
	for {
		_, b, err := ws.Read(ctx)
		if err != nil {
			return netcode.Welcome{}, err
		}
		if err := dec.DecodeServer(b, &m); err != nil {
			return netcode.Welcome{}, err
		}
		if m.Type == netcode.MsgWelcome {
			return m.Welcome, nil
		}
	}
}

// expectClose reads until the connection ends and returns its close code
// and reason.
func expectClose(t testing.TB, ws *websocket.Conn, timeout time.Duration) (websocket.StatusCode, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for {
		_, _, err := ws.Read(ctx)
		if err == nil {
			continue
		}
		var ce websocket.CloseError
		if errors.As(err, &ce) {
			return ce.Code, ce.Reason
		}
		return websocket.CloseStatus(err), err.Error()
	}
}

// client is a joined test client whose reader goroutine records what the
// server sends, applying every snapshot to a View as a real client must.
type client struct {
	t       testing.TB
	ws      *websocket.Conn
	enc     *netcode.Encoder
	welcome netcode.Welcome
	seq     uint32

	mu        sync.Mutex // mu guards the fields below
	snapshots int
	full      int      // full snapshots among them
	snapTicks []uint32 // Tick of every snapshot received, in order
	view      netcode.View
	last      netcode.Snapshot // deep copy of the latest snapshot as decoded
	steps     []uint32         // every input step received, in tick order (after the first full snapshot)
	events    []netcode.Event
	errs      []netcode.Error
	pongs     []netcode.Pong
	bytes     int
	closeErr  error
	done      chan struct{}
}

// join dials url, says Hello as name, waits for Welcome and starts recording.
func join(t testing.TB, url, name string) *client {
	t.Helper()
	ws := dialWS(t, url, nil)
	write(t, ws, hello(name))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	w, err := readWelcome(ctx, ws)
	if err != nil {
		t.Fatalf("%s: waiting for Welcome: %v", name, err)
	}
	c := &client{t: t, ws: ws, enc: netcode.NewEncoder(), welcome: w, done: make(chan struct{})}
	c.view.Self = w.PlayerID
	go c.readLoop()
	return c
}

func (c *client) readLoop() {
	defer close(c.done)
	dec := netcode.NewDecoder()
	var m netcode.ServerMessage
	for {
		_, b, err := c.ws.Read(context.Background())
		if err != nil {
			c.mu.Lock()
			c.closeErr = err
			c.mu.Unlock()
			return
		}
		if err := dec.DecodeServer(b, &m); err != nil {
			c.fail(fmt.Errorf("decode: %w", err))
			return
		}
		c.mu.Lock()
		c.bytes += len(b)
		switch m.Type {
		case netcode.MsgSnapshot:
			s := &m.Snapshot
			if err := c.view.Apply(s); err != nil {
				c.mu.Unlock()
				c.fail(err)
				return
			}
			c.snapshots++
			if s.Baseline == 0 {
				c.full++
			} else {
				st := s.Own.Steps
				if s.Own.Mask&netcode.OwnInputs == 0 {
					st = nil
					for range s.Baseline {
						st = append(st, 1)
					}
				}
				c.steps = append(c.steps, st...)
			}
			c.snapTicks = append(c.snapTicks, s.Tick)
			c.last = *s
			c.last.Players = append([]netcode.PlayerUpdate(nil), s.Players...)
			c.last.Events = append([]netcode.Event(nil), s.Events...)
			c.last.Own.Steps = append([]uint32(nil), s.Own.Steps...)
			c.events = append(c.events, s.Events...)
			if s.Own.Mask&netcode.OwnPong != 0 {
				c.pongs = append(c.pongs, s.Own.Pong)
			}
		case netcode.MsgError:
			c.errs = append(c.errs, m.Error)
		}
		c.mu.Unlock()
	}
}

// fail records a broken stream and closes the connection.
func (c *client) fail(err error) {
	c.mu.Lock()
	c.closeErr = err
	c.mu.Unlock()
	c.ws.CloseNow()
}

// sendInput sends one input with the next sequence number, acknowledging
// the newest snapshot received.
func (c *client) sendInput(in game.Input) {
	c.seq++
	m := netcode.Inputs{AckTick: c.ackTick(), N: 1}
	m.Frames[0] = netcode.InputFrame{Seq: c.seq, RenderTick: m.AckTick, Input: in}
	write(c.t, c.ws, c.enc.Inputs(&m))
}

func (c *client) ackTick() uint32 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.view.Tick
}

func (c *client) snapshotCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.snapshots
}

// own returns the client's own player as of the latest snapshot.
func (c *client) own() netcode.PlayerState {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.view.Own
}

// other returns id's state in the latest snapshot, if it is in view.
func (c *client) other(id game.PlayerID) (netcode.RemotePlayer, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := c.view.Other(id); p != nil {
		return *p, true
	}
	return netcode.RemotePlayer{}, false
}

// eventsOf returns the events of kind received so far.
func (c *client) eventsOf(kind netcode.EventKind) []netcode.Event {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []netcode.Event
	for _, e := range c.events {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}

// snapshotTicks returns the ticks of snapshots number from..to-1.
func (c *client) snapshotTicks(from, to int) []uint32 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]uint32(nil), c.snapTicks[from:to]...)
}

// checkSnapshotRate checks that c received snapshots from..to-1 over
// elapsed at about want per second (0.7x to 1.3x). On a machine so loaded
// that the server itself could not tick in real time, the wall-clock check
// is replaced by the check per server second, which still catches dropped
// or missing snapshots.
func checkSnapshotRate(t *testing.T, name string, c *client, from, to int, elapsed time.Duration, tickRate, want int) {
	t.Helper()
	ticks := c.snapshotTicks(from, to)
	n := len(ticks)
	if n < 2 {
		t.Errorf("%s received %d snapshots in %v", name, n, elapsed)
		return
	}
	span := float64(ticks[n-1]-ticks[0]) / float64(tickRate) // server seconds
	perServerSecond := float64(n-1) / span
	wall := float64(n) / elapsed.Seconds()
	lo, hi := 0.7*float64(want), 1.3*float64(want)
	if perServerSecond < lo || perServerSecond > hi {
		t.Errorf("%s received %.1f snapshots per server second, want about %d", name, perServerSecond, want)
	}
	if wall >= lo && wall <= hi {
		return
	}
	if span < 0.7*elapsed.Seconds() {
		t.Logf("%s: %.1f snapshots/s by the wall clock, but the overloaded machine let the server run only %.2fs of ticks in %v",
			name, wall, span, elapsed)
		return
	}
	t.Errorf("%s received %.1f snapshots/s, want about %d", name, wall, want)
}

func (c *client) closed() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closeErr
}

// waitFor polls cond until it holds or timeout passes.
func waitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
