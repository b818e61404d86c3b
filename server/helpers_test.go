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
// server sends.
type client struct {
	t       testing.TB
	ws      *websocket.Conn
	enc     *netcode.Encoder
	welcome netcode.Welcome
	seq     uint32

	mu        sync.Mutex // mu guards the fields below
	snapshots int
	snapTicks []uint32         // Tick of every snapshot received, in order
	last      netcode.Snapshot // deep copy of the latest snapshot
	shots     []netcode.Shot
	events    []netcode.Event
	chats     []netcode.ChatFrom
	errs      []netcode.Error
	pongs     []netcode.Pong
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
			c.mu.Lock()
			c.closeErr = fmt.Errorf("decode: %w", err)
			c.mu.Unlock()
			return
		}
		c.mu.Lock()
		switch m.Type {
		case netcode.MsgSnapshot:
			c.snapshots++
			c.snapTicks = append(c.snapTicks, m.Snapshot.Tick)
			c.last.Tick, c.last.AckSeq = m.Snapshot.Tick, m.Snapshot.AckSeq
			c.last.Players = append(c.last.Players[:0], m.Snapshot.Players...)
			c.shots = append(c.shots, m.Snapshot.Shots...)
		case netcode.MsgEvents:
			c.events = append(c.events, m.Events.Events...)
		case netcode.MsgChatFrom:
			c.chats = append(c.chats, m.Chat)
		case netcode.MsgError:
			c.errs = append(c.errs, m.Error)
		case netcode.MsgPong:
			c.pongs = append(c.pongs, m.Pong)
		}
		c.mu.Unlock()
	}
}

// sendInput sends one input frame with the next sequence number.
func (c *client) sendInput(in game.Input) {
	c.seq++
	m := netcode.Inputs{N: 1}
	m.Frames[0] = netcode.InputFrame{Seq: c.seq, Input: in}
	write(c.t, c.ws, c.enc.Inputs(&m))
}

func (c *client) snapshotCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.snapshots
}

// player returns id's state in the latest snapshot.
func (c *client) player(id game.PlayerID) (netcode.PlayerState, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range c.last.Players {
		if p.ID == id {
			return p, true
		}
	}
	return netcode.PlayerState{}, false
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
