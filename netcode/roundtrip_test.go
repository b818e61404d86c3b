package netcode_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"arena/netcode"
)

func TestRoundTripClient(t *testing.T) {
	t.Parallel()
	for name, want := range clientSamples() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := netcode.NewEncoder().EncodeClient(&want)
			if len(b) > netcode.MaxClientFrame {
				t.Fatalf("encoded %d bytes > MaxClientFrame", len(b))
			}
			var got netcode.ClientMessage
			if err := netcode.NewDecoder().DecodeClient(b, &got); err != nil {
				t.Fatalf("decode % x: %v", b, err)
			}
			if !sameClient(&got, &want) {
				t.Errorf("got %+v\nwant %+v", normalizeClient(&got), normalizeClient(&want))
			}
			// The server must not take a server message from a client.
			wantDecodeError(t, decode(toClient, b), "unknown message type")
		})
	}
}

func TestRoundTripServer(t *testing.T) {
	t.Parallel()
	for name, want := range serverSamples() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := netcode.NewEncoder().EncodeServer(&want)
			var got netcode.ServerMessage
			if err := netcode.NewDecoder().DecodeServer(b, &got); err != nil {
				t.Fatalf("decode: %v", err)
			}
			if !sameServer(&got, &want) {
				t.Errorf("got %+v\nwant %+v", normalizeServer(&got), normalizeServer(&want))
			}
			wantDecodeError(t, decode(toServer, b), "")
		})
	}
}

// TestDecoderReuse decodes different messages into the same ServerMessage
// with the same Decoder: the slices are reused and nothing leaks from one
// message into the next.
func TestDecoderReuse(t *testing.T) {
	t.Parallel()
	samples := serverSamples()
	order := []string{"snapshot max", "snapshot 16", "events max", "snapshot 0", "events", "welcome", "snapshot 16"}
	e, d := netcode.NewEncoder(), netcode.NewDecoder()
	var got netcode.ServerMessage
	for _, name := range order {
		want := samples[name]
		if err := d.DecodeServer(e.EncodeServer(&want), &got); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !sameServer(&got, &want) {
			t.Fatalf("%s: got %+v, want %+v", name, normalizeServer(&got), normalizeServer(&want))
		}
	}
	var cm netcode.ClientMessage
	csamples := clientSamples()
	for _, name := range []string{"inputs max", "inputs 1", "hello max", "hello", "inputs 3"} {
		want := csamples[name]
		if err := d.DecodeClient(e.EncodeClient(&want), &cm); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !sameClient(&cm, &want) {
			t.Fatalf("%s: got %+v, want %+v", name, normalizeClient(&cm), normalizeClient(&want))
		}
	}
}

// TestEncoderCutsToLimits checks that oversized values are cut so that what
// the Encoder writes always decodes, and strings are cut on rune boundaries.
func TestEncoderCutsToLimits(t *testing.T) {
	t.Parallel()
	e, d := netcode.NewEncoder(), netcode.NewDecoder()
	name := "a" + string(bytes.Repeat([]byte("é"), netcode.MaxNameBytes)) // 129 bytes
	var cm netcode.ClientMessage
	if err := d.DecodeClient(e.Hello(&netcode.Hello{Version: 1, Name: name, ResumeToken: make([]byte, 100)}), &cm); err != nil {
		t.Fatal(err)
	}
	if n := len(cm.Hello.Name); n != netcode.MaxNameBytes-1 {
		t.Errorf("name cut to %d bytes, want %d (rune boundary)", n, netcode.MaxNameBytes-1)
	}
	if n := len(cm.Hello.ResumeToken); n != netcode.MaxTokenBytes {
		t.Errorf("token cut to %d bytes, want %d", n, netcode.MaxTokenBytes)
	}

	shots := make([]netcode.Shot, netcode.MaxShots+10)
	for i := range shots {
		shots[i] = netcode.Shot{Tick: uint32(i), Shooter: 1}
	}
	snap := netcode.Snapshot{Tick: 1, Players: playerStates(netcode.MaxPlayers + 5), Shots: shots}
	var sm netcode.ServerMessage
	if err := d.DecodeServer(e.Snapshot(&snap), &sm); err != nil {
		t.Fatal(err)
	}
	if len(sm.Snapshot.Players) != netcode.MaxPlayers || len(sm.Snapshot.Shots) != netcode.MaxShots {
		t.Errorf("got %d players, %d shots; want %d, %d", len(sm.Snapshot.Players), len(sm.Snapshot.Shots), netcode.MaxPlayers, netcode.MaxShots)
	}
	if first := sm.Snapshot.Shots[0].Tick; first != 10 {
		t.Errorf("first shot kept has tick %d, want 10 (the newest are kept)", first)
	}
}

// TestEmptyWindowNotEncodable checks that an Inputs with N = 0 encodes an
// empty window, which the server rejects: a client must send at least one.
func TestEmptyWindowRejected(t *testing.T) {
	t.Parallel()
	b := netcode.NewEncoder().Inputs(&netcode.Inputs{AckTick: 1})
	wantDecodeError(t, decode(toServer, b), "inputs: window length 0 < 1")
}

// TestNonCanonicalIntegers checks that integers in any msgpack encoding are
// accepted, as encoders in other languages may pick wider ones.
func TestNonCanonicalIntegers(t *testing.T) {
	t.Parallel()
	cases := map[string][]byte{
		"uint8 type":   mp(arr(raw{0xcc, 3}, raw{0xcf, 0, 0, 0, 0, 0, 0, 0, 9})),
		"int64 time":   mp(arr(3, raw{0xd3, 0, 0, 0, 0, 0, 0, 0, 9})),
		"int16 time":   mp(arr(3, raw{0xd1, 0, 9})),
		"uint32 type":  mp(arr(raw{0xce, 0, 0, 0, 3}, 9)),
		"negative int": mp(arr(2, 0, 0, arr(arr(1, 0, raw{0xd2, 0xff, 0xff, 0xff, 0x81}, raw{0xd0, 0x81}, 0, 0)))),
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if err := decode(toServer, b); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestCloseReason(t *testing.T) {
	t.Parallel()
	err := decode(toServer, []byte{0x91, 99})
	if got := netcode.CloseReason(fmt.Errorf("conn 7: %w", err)); got != "unknown message type 99" {
		t.Errorf("CloseReason(wrapped) = %q", got)
	}
	if got := netcode.CloseReason(errors.New("eof")); got != "bad message" {
		t.Errorf("CloseReason(other) = %q", got)
	}
	if b := netcode.NewEncoder().EncodeClient(&netcode.ClientMessage{Type: netcode.MsgWelcome}); b != nil {
		t.Errorf("EncodeClient(Welcome) = % x, want nil", b)
	}
	if b := netcode.NewEncoder().EncodeServer(&netcode.ServerMessage{Type: netcode.MsgHello}); b != nil {
		t.Errorf("EncodeServer(Hello) = % x, want nil", b)
	}
}
