package server_test

import (
	"bytes"
	"context"
	"io"
	"strings"
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
	inputs := func(ack, first uint32) []byte {
		m := netcode.Inputs{AckTick: ack, N: 1}
		m.Frames[0] = netcode.InputFrame{Seq: first, RenderTick: ack}
		return append([]byte(nil), enc.Inputs(&m)...)
	}
	wrongVersion := append([]byte(nil), enc.Hello(&netcode.Hello{Version: netcode.Version + 1, Name: "x"})...)

	cases := []struct {
		name     string
		noSubpro bool   // dial without offering the subprotocol
		hello    bool   // join first
		text     bool   // send payload as a text frame
		payload  []byte // nil: send nothing
		want     websocket.StatusCode
		reason   string // the close reason docs/protocol.md gives (a prefix when it ends in a number)
	}{
		{name: "text frame", hello: true, text: true, payload: []byte("hi"), want: 1003, reason: `text frames are not supported`},
		{name: "oversized frame", hello: true, payload: bytes.Repeat([]byte{0x90}, netcode.MaxClientFrame+100), want: 1009, reason: `message over 4096 bytes`},
		{name: "oversized frame before hello", payload: bytes.Repeat([]byte{0x90}, 1<<20), want: 1009, reason: `message over 4096 bytes`},
		{name: "garbage bytes", hello: true, payload: []byte{0xc1, 0xff, 0x00, 0x13}, want: 4000, reason: `message array: is invalid code 0xc1, want array`},
		{name: "garbage before hello", payload: []byte("GET / HTTP/1.1"), want: 4000, reason: `message array: is integer, want array`},
		{name: "empty message", hello: true, payload: []byte{}, want: 4000, reason: `empty message`},
		{name: "message type 0", hello: true, payload: []byte{0x91, 0x00}, want: 4000, reason: `message: type is 0`},
		{name: "unknown type before hello", payload: []byte{0x91, 0x63}, want: 4001, reason: `message type 99 before Hello`},
		{name: "wrong array length", hello: true, payload: []byte{0x93, byte(netcode.MsgPing), 0x01, 0x02}, want: 4000, reason: `ping: array length 3, want 2`},
		// Hello whose version is a string.
		{name: "wrong field type", payload: []byte{0x95, 0x01, 0xa1, 'x', 0xa1, 'n', 0xa0, 0xc4, 0x00}, want: 4000, reason: `hello: version is string, want integer`},
		// Inputs with move_x = 200 (range -127..127).
		{name: "out-of-range number", hello: true,
			payload: []byte{0x94, 0x02, 0x00, 0x01, 0x91, 0x95, 0xcc, 0xc8, 0x00, 0x00, 0x00, 0x00}, want: 4000,
			reason: `inputs: inputs[0].move_x 200 out of range -127..127`},
		// Hello whose version is 70000 (a uint16 on the wire).
		{name: "out-of-range version", payload: []byte{0x95, 0x01, 0xce, 0x00, 0x01, 0x11, 0x70, 0xa1, 'n', 0xa0, 0xc4, 0x00}, want: 4000, reason: `hello: version 70000 > 65535`},
		// NaN where an integer is expected.
		{name: "NaN", hello: true, payload: []byte{0x92, 0x03, 0xcb, 0x7f, 0xf8, 0, 0, 0, 0, 0, 0}, want: 4000, reason: `ping: client_time is float, want integer`},
		{name: "array32 header claiming 4G elements", hello: true, payload: []byte{0xdd, 0xff, 0xff, 0xff, 0xff}, want: 4000, reason: `message array: length 4294967295 > 255`},
		{name: "str32 header claiming 4G bytes", payload: []byte{0x95, 0x01, 0x01, 0xdb, 0xff, 0xff, 0xff, 0xff}, want: 4000, reason: `hello: name is 4294967295 bytes > 64`},
		{name: "input before hello", payload: inputs(0, 1), want: 4001, reason: `Inputs before Hello`},
		{name: "ack of a snapshot never sent", hello: true, payload: inputs(1_000_000, 1), want: 4001, reason: `inputs: ack_tick 1000000 is ahead of the newest snapshot sent (`},
		{name: "inputs skipping seqs", hello: true, payload: inputs(0, 5), want: 4001, reason: `inputs: first_seq 5 skips ahead of 1`},
		{name: "ping before hello", payload: ping, want: 4001, reason: `Ping before Hello`},
		{name: "second hello", hello: true, payload: hello("again"), want: 4001, reason: `second Hello`},
		{name: "wrong version", payload: wrongVersion, want: 4002, reason: `protocol version 4 not supported: this server speaks 3`},
		{name: "no subprotocol", noSubpro: true, want: 4002, reason: `subprotocol "arena.v3" required`},
		{name: "no hello in time", want: 4004, reason: `no Hello within 500ms`},
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
				if !strings.HasPrefix(reason, tc.reason) || (!strings.HasSuffix(tc.reason, "(") && reason != tc.reason) {
					t.Errorf("close reason %q, want %q", reason, tc.reason)
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

// TestForwardCompatibleMessages: after Hello, a well-formed message of a
// type this version does not know, even one of the server's own types, is
// ignored and the session goes on.
func TestForwardCompatibleMessages(t *testing.T) {
	t.Parallel()
	srv, _, url := startServer(t, nil)
	c := join(t, url, "newer")
	write(t, c.ws, []byte{0x92, 0x63, 0x91, 0xa1, 'x'})                       // [99, ["x"]]
	write(t, c.ws, []byte{0x91, byte(netcode.MsgWelcome)})                    // [16]
	write(t, c.ws, netcode.NewEncoder().Ping(&netcode.Ping{ClientTime: 777})) // still answered
	waitFor(t, 2*time.Second, "the Pong after the unknown messages", func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return len(c.pongs) == 1 && c.pongs[0].ClientTime == 777
	})
	if err := c.closed(); err != nil {
		t.Fatalf("closed: %v", err)
	}
	if n := srv.Metrics().MessagesIgnored.Load(); n != 2 {
		t.Errorf("MessagesIgnored = %d, want 2", n)
	}
}

// TestOtherSubprotocolRefused: a client that offers subprotocols, none of
// them ours, gets an HTTP 400 that names the one required instead of a 101
// it would have to fail itself.
func TestOtherSubprotocolRefused(t *testing.T) {
	t.Parallel()
	_, _, url := startServer(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, resp, err := websocket.Dial(ctx, url, &websocket.DialOptions{Subprotocols: []string{"arena.v1"}})
	if err == nil {
		t.Fatal("handshake offering only arena.v1 succeeded")
	}
	if resp == nil || resp.StatusCode != 400 {
		t.Fatalf("response %v, err %v: want HTTP 400", resp, err)
	}
	body, _ := io.ReadAll(resp.Body)
	if want := `subprotocol "arena.v3" required (offered: arena.v1)`; !strings.Contains(string(body), want) {
		t.Errorf("body %q, want it to say %q", body, want)
	}
}
