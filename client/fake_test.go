package client_test

// A minimal fake game server for tests where the real server is not the
// point: it accepts the WebSocket, reads Hello and hands the connection to a
// script.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/game"
	"arena/netcode"
)

// fakeConn is the server side of one fake connection.
type fakeConn struct {
	t     *testing.T
	ctx   context.Context
	c     *websocket.Conn
	enc   *netcode.Encoder
	dec   *netcode.Decoder
	hello netcode.Hello
	self  game.PlayerID

	// The last frame sent and who it showed, the baseline of the next.
	base        *netcode.Frame
	baseVisible []game.PlayerID
	snap        netcode.Snapshot
}

// send writes one encoded message.
func (f *fakeConn) send(b []byte) {
	if err := f.c.Write(f.ctx, websocket.MessageBinary, b); err != nil {
		f.t.Logf("fake server: write: %v", err)
	}
}

// welcome sends a Welcome for player id, with the arena's rules and roster.
func (f *fakeConn) welcome(id uint16, roster ...netcode.RosterEntry) {
	f.self = game.PlayerID(id)
	f.send(f.enc.Welcome(&netcode.Welcome{
		PlayerID: game.PlayerID(id), RoomID: "r1", Map: "arena", Mode: game.ModeArena,
		TickRate: 60, SnapshotRate: 30, ServerTick: 100, ViewWidth: 1600, ViewHeight: 1040,
		Rules: arenaRules(), Roster: roster,
	}))
}

func arenaRules() []netcode.Rule {
	var rules []netcode.Rule
	for _, p := range game.ArenaParams(60) {
		rules = append(rules, netcode.Rule{Name: p.Name, Value: p.Value})
	}
	return rules
}

// frame sends the snapshot of fr: a delta against the previous one sent, or
// a full one first, showing every player but self, with events and pong
// (which may be nil) and one new input applied per tick.
func (f *fakeConn) frame(fr *netcode.Frame, ackSeq uint32, events []netcode.Event, pong *netcode.Pong) {
	var visible []game.PlayerID
	for _, p := range fr.Players {
		if p.ID != f.self {
			visible = append(visible, p.ID)
		}
	}
	r := netcode.Recipient{Self: f.self, Visible: visible, AckSeq: ackSeq, Pong: pong}
	if f.base != nil {
		r.Base, r.BaseVisible = f.base, f.baseVisible
		for range fr.Tick - f.base.Tick {
			r.Steps = append(r.Steps, 1)
		}
	}
	f.snap.Build(fr, &r)
	f.snap.Events = append(f.snap.Events, events...)
	f.send(f.enc.Snapshot(&f.snap))
	f.base, f.baseVisible = fr, visible
}

// recv reads and decodes one client message.
func (f *fakeConn) recv(m *netcode.ClientMessage) error {
	_, b, err := f.c.Read(f.ctx)
	if err != nil {
		return err
	}
	return f.dec.DecodeClient(b, m)
}

// newFakeServer starts a fake server running script for every connection and
// returns its ws:// URL. The script's return closes the connection.
func newFakeServer(t *testing.T, script func(f *fakeConn)) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, &websocket.AcceptOptions{Subprotocols: []string{netcode.Subprotocol}})
		if err != nil {
			t.Logf("fake server: accept: %v", err)
			return
		}
		defer c.CloseNow()
		ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
		defer cancel()
		f := &fakeConn{t: t, ctx: ctx, c: c, enc: netcode.NewEncoder(), dec: netcode.NewDecoder()}
		var m netcode.ClientMessage
		if err := f.recv(&m); err != nil || m.Type != netcode.MsgHello {
			t.Errorf("fake server: want Hello, got type %d, err %v", m.Type, err)
			return
		}
		f.hello = m.Hello
		script(f)
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http") + "/ws"
}
