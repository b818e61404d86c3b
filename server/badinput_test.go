package server_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/netcode"
	"arena/server"
)

// TestBadInputClosesOnlyTheSender sends every kind of bad input from its own
// connection and checks the close code and reason each gets, while an honest
// client in the same room keeps receiving snapshots.
func TestBadInputClosesOnlyTheSender(t *testing.T) {
	t.Parallel()
	srv, _, url := startServer(t, func(c *server.Config) {
		c.HelloTimeout = 500 * time.Millisecond
	})
	honest := join(t, url, "honest")

	enc := netcode.NewEncoder()
	ping := append([]byte(nil), enc.Ping(&netcode.Ping{ClientTime: 1})...)
	inputs := func() []byte {
		m := netcode.Inputs{N: 1}
		m.Frames[0] = netcode.InputFrame{Seq: 1}
		return append([]byte(nil), enc.Inputs(&m)...)
	}()
	wrongVersion := append([]byte(nil), enc.Hello(&netcode.Hello{Version: netcode.Version + 1, Name: "x"})...)

	cases := []struct {
		name     string
		noSubpro bool   // dial without offering the subprotocol
		hello    bool   // join first
		text     bool   // send payload as a text frame
		payload  []byte // nil: send nothing
		want     websocket.StatusCode
	}{
		{name: "text frame", hello: true, text: true, payload: []byte("hi"), want: 1003},
		{name: "oversized frame", hello: true, payload: bytes.Repeat([]byte{0x90}, netcode.MaxClientFrame+100), want: 1009},
		{name: "garbage bytes", hello: true, payload: []byte{0xc1, 0xff, 0x00, 0x13}, want: 4000},
		{name: "garbage before hello", payload: []byte("GET / HTTP/1.1"), want: 4000},
		{name: "empty message", hello: true, payload: []byte{}, want: 4000},
		{name: "unknown type", hello: true, payload: []byte{0x91, 0x63}, want: 4000},
		{name: "server message type", hello: true, payload: []byte{0x91, byte(netcode.MsgWelcome)}, want: 4000},
		{name: "wrong array length", hello: true, payload: []byte{0x93, byte(netcode.MsgPing), 0x01, 0x02}, want: 4000},
		// Hello whose version is a string.
		{name: "wrong field type", payload: []byte{0x95, 0x01, 0xa1, 'x', 0xa1, 'n', 0xa0, 0xc4, 0x00}, want: 4000},
		// Input with move_x = 200 (range -127..127).
		{name: "out-of-range number", hello: true,
			payload: []byte{0x94, 0x02, 0x00, 0x00, 0x91, 0x96, 0x01, 0x00, 0xcc, 0xc8, 0x00, 0x00, 0x00}, want: 4000},
		// Hello whose version is 70000 (a uint16 on the wire).
		{name: "out-of-range version", payload: []byte{0x95, 0x01, 0xce, 0x00, 0x01, 0x11, 0x70, 0xa1, 'n', 0xa0, 0xc4, 0x00}, want: 4000},
		// NaN where an integer is expected.
		{name: "NaN", hello: true, payload: []byte{0x92, 0x03, 0xcb, 0x7f, 0xf8, 0, 0, 0, 0, 0, 0}, want: 4000},
		{name: "array32 header claiming 4G elements", hello: true, payload: []byte{0xdd, 0xff, 0xff, 0xff, 0xff}, want: 4000},
		{name: "str32 header claiming 4G bytes", payload: []byte{0x95, 0x01, 0x01, 0xdb, 0xff, 0xff, 0xff, 0xff}, want: 4000},
		{name: "input before hello", payload: inputs, want: 4001},
		{name: "ping before hello", payload: ping, want: 4001},
		{name: "second hello", hello: true, payload: hello("again"), want: 4001},
		{name: "wrong version", payload: wrongVersion, want: 4002},
		{name: "no subprotocol", noSubpro: true, want: 4002},
		{name: "no hello in time", want: 4004},
	}

	t.Run("cases", func(t *testing.T) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				var opts *websocket.DialOptions
				if tc.noSubpro {
					opts = &websocket.DialOptions{}
				}
				ws := dialWS(t, url, opts)
				if tc.hello {
					write(t, ws, hello("bad"))
					ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
					w, err := readWelcome(ctx, ws)
					cancel()
					if err != nil {
						t.Fatalf("Welcome: %v", err)
					}
					if w.RoomID != honest.welcome.RoomID {
						t.Fatalf("joined room %s, honest client is in %s", w.RoomID, honest.welcome.RoomID)
					}
				}
				if tc.payload != nil {
					typ := websocket.MessageBinary
					if tc.text {
						typ = websocket.MessageText
					}
					ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
					err := ws.Write(ctx, typ, tc.payload)
					cancel()
					if err != nil {
						t.Fatalf("write: %v", err)
					}
				}
				code, reason := expectClose(t, ws, 10*time.Second)
				if code != tc.want {
					t.Errorf("closed with %d %q, want %d", code, reason, tc.want)
				}
				if reason == "" {
					t.Errorf("close %d without a reason", code)
				}
				t.Logf("closed %d %q", code, reason)
			})
		}
	})

	// The honest client noticed nothing: still connected, still receiving.
	n := honest.snapshotCount()
	waitFor(t, 2*time.Second, "more snapshots for the honest client", func() bool {
		return honest.snapshotCount() >= n+10
	})
	if err := honest.closed(); err != nil {
		t.Fatalf("honest client closed: %v", err)
	}
	m := srv.Metrics()
	if got := m.BadMessages.Snapshot(); got["decode"] == 0 || got["protocol"] == 0 || got["hello_timeout"] == 0 {
		t.Errorf("BadMessages = %v", got)
	}
	if got := m.Disconnects.Get("4000"); got == 0 {
		t.Errorf("Disconnects[4000] = %d", got)
	}
}
