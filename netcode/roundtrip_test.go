package netcode_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"arena/game"
	"arena/netcode"
)

func TestRoundTripClient(t *testing.T) {
	t.Parallel()
	for name, want := range clientSamples() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := netcode.NewEncoder().EncodeClient(&want)
			if len(b) == 0 || len(b) > netcode.MaxClientFrame {
				t.Fatalf("encoded %d bytes, want 1..MaxClientFrame", len(b))
			}
			var got netcode.ClientMessage
			if err := netcode.NewDecoder().DecodeClient(b, &got); err != nil {
				t.Fatalf("decode % x: %v", b, err)
			}
			if !sameClient(&got, &want) {
				t.Errorf("got %+v\nwant %+v", canonClient(&got), canonClient(&want))
			}
			// A client message that reaches a client is of a type it does
			// not know: it decodes with only Type set, to be ignored.
			var sm netcode.ServerMessage
			if err := netcode.NewDecoder().DecodeServer(b, &sm); err != nil || sm.Type != want.Type {
				t.Errorf("DecodeServer: type %d, %v; want type %d, nil", sm.Type, err, want.Type)
			}
		})
	}
}

func TestRoundTripServer(t *testing.T) {
	t.Parallel()
	for name, want := range serverSamples() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := netcode.NewEncoder().EncodeServer(&want)
			if len(b) == 0 || len(b) > netcode.MaxServerFrame {
				t.Fatalf("encoded %d bytes", len(b))
			}
			var got netcode.ServerMessage
			if err := netcode.NewDecoder().DecodeServer(b, &got); err != nil {
				t.Fatalf("decode: %v", err)
			}
			if !sameServer(&got, &want, false) {
				t.Errorf("got %s\nwant %s", short(canonServer(&got, false)), short(canonServer(&want, false)))
			}
			if got.Type == netcode.MsgSnapshot {
				s := got.Snapshot
				if s.SkippedKinds != 0 || s.SkippedEvents != 0 {
					t.Errorf("skipped %d kinds, %d events of a message with none unknown", s.SkippedKinds, s.SkippedEvents)
				}
				if sum := s.Sizes.Header + s.Sizes.Own + s.Sizes.Entities + s.Sizes.Events; sum != len(b) {
					t.Errorf("sizes %+v add up to %d, message is %d bytes", s.Sizes, sum, len(b))
				}
				if s.Sizes.Header < 4 || s.Sizes.Own < 2 || s.Sizes.Entities < 1 || s.Sizes.Events < 1 {
					t.Errorf("sizes %+v: a section is smaller than its smallest encoding", s.Sizes)
				}
			}
			if len(b) <= netcode.MaxClientFrame {
				var cm netcode.ClientMessage
				if err := netcode.NewDecoder().DecodeClient(b, &cm); err != nil || cm.Type != want.Type {
					t.Errorf("DecodeClient: type %d, %v; want type %d, nil", cm.Type, err, want.Type)
				}
			}
		})
	}
}

// TestSnapshotSizes pins how the decoder splits a small snapshot's bytes.
func TestSnapshotSizes(t *testing.T) {
	t.Parallel()
	// [17, 300, 1, [0], [[1, [33, 1, -1]]], [[2, 0, 7]]]
	b := mp(arr(17, 300, 1, arr(0), arr(arr(1, arr(1<<5|int(netcode.PlayerPos), 1, -1))), arr(arr(2, 0, 7))))
	s := decodeSnapshot(t, b)
	want := netcode.SnapshotSizes{Header: 1 + 1 + 3 + 1, Own: 2, Entities: 1 + 1 + 1 + 1 + 3, Events: 1 + 1 + 3}
	if s.Sizes != want {
		t.Errorf("sizes %+v, want %+v (message % x)", s.Sizes, want, b)
	}
}

// TestDecoderReuse decodes different messages into the same ServerMessage
// and ClientMessage with the same Decoder: each result must equal what a
// fresh Decoder gives into a fresh message, so nothing leaks from one
// message into the next.
func TestDecoderReuse(t *testing.T) {
	t.Parallel()
	samples := serverSamples()
	order := []string{
		"snapshot full max", "snapshot delta empty", "snapshot full 16", "snapshot delta", "snapshot full empty",
		"snapshot delta max", "welcome max", "snapshot delta empty", "welcome", "welcome empty", "error max",
		"error empty", "snapshot full max", "snapshot delta", "snapshot full 16",
	}
	e, d := netcode.NewEncoder(), netcode.NewDecoder()
	var got netcode.ServerMessage
	for i, name := range order {
		want := samples[name]
		b := bytes.Clone(e.EncodeServer(&want))
		if err := d.DecodeServer(b, &got); err != nil {
			t.Fatalf("%d %s: %v", i, name, err)
		}
		var fresh netcode.ServerMessage
		if err := netcode.NewDecoder().DecodeServer(b, &fresh); err != nil {
			t.Fatal(err)
		}
		if !sameServer(&got, &fresh, true) {
			t.Errorf("%d %s after %s: reused message\n%s\nfresh\n%s", i, name, order[max(i-1, 0)], short(canonServer(&got, true)), short(canonServer(&fresh, true)))
		}
		if !sameServer(&got, &want, false) {
			t.Errorf("%d %s: got %s, want %s", i, name, short(canonServer(&got, false)), short(canonServer(&want, false)))
		}
	}
	// An unknown type in between decodes with only Type set; the message
	// after it is still whole.
	if err := d.DecodeServer(mp(arr(99, 1, "x")), &got); err != nil || got.Type != 99 {
		t.Fatalf("unknown type: %d, %v", got.Type, err)
	}

	var cm netcode.ClientMessage
	csamples := clientSamples()
	for i, name := range []string{"inputs max", "inputs 1", "hello max", "hello", "inputs lags", "chat max", "chat empty", "ping max", "ping 0", "hello empty", "inputs ack 0", "leave", "inputs last 1"} {
		want := csamples[name]
		b := bytes.Clone(e.EncodeClient(&want))
		if err := d.DecodeClient(b, &cm); err != nil {
			t.Fatalf("%d %s: %v", i, name, err)
		}
		if !sameClient(&cm, &want) {
			t.Errorf("%d %s: got %+v, want %+v", i, name, canonClient(&cm), canonClient(&want))
		}
	}
}

// TestEncoderCutsToLimits checks that over-long strings and lists are cut so
// that what the Encoder writes always decodes, strings on rune boundaries.
func TestEncoderCutsToLimits(t *testing.T) {
	t.Parallel()
	e, d := netcode.NewEncoder(), netcode.NewDecoder()
	// Each long string is cut to the longest prefix of whole runes that
	// fits: the rune straddling the limit goes entirely.
	long2 := "a" + strings.Repeat("é", 300) // two-byte runes at odd offsets
	long4 := "ab" + strings.Repeat("🚀", 100)
	long3 := strings.Repeat("€", 200)
	cut := func(s string, limit int) string {
		for len(s) > limit {
			_, n := utf8.DecodeLastRuneInString(s)
			s = s[:len(s)-n]
		}
		return s
	}
	check := func(field, got, full string, limit int) {
		t.Helper()
		if want := cut(full, limit); got != want {
			t.Errorf("%s: cut to %d bytes %q, want %d bytes", field, len(got), got, len(want))
		}
		if !utf8.ValidString(got) {
			t.Errorf("%s: cut splits a rune", field)
		}
	}

	// CutString is the same cut, for callers.
	for _, s := range []string{long2, long4, long3, "", "abc", name64} {
		for _, limit := range []int{0, 1, 2, 3, 4, 5, 63, 64, 65, 200, 1000} {
			if got, want := netcode.CutString(s, limit), cut(s, limit); got != want {
				t.Errorf("CutString(%d bytes, %d) = %d bytes, want %d", len(s), limit, len(got), len(want))
			}
		}
	}

	var cm netcode.ClientMessage
	for _, s := range []string{long2, long4, long3} {
		if err := d.DecodeClient(e.Hello(&netcode.Hello{Version: 2, Name: s, Room: s, ResumeToken: make([]byte, 100)}), &cm); err != nil {
			t.Fatal(err)
		}
		check("name", cm.Hello.Name, s, netcode.MaxNameBytes)
		check("room", cm.Hello.Room, s, netcode.MaxRoomBytes)
		if n := len(cm.Hello.ResumeToken); n != netcode.MaxTokenBytes {
			t.Errorf("token cut to %d bytes, want %d", n, netcode.MaxTokenBytes)
		}
		if err := d.DecodeClient(e.Chat(&netcode.Chat{Text: s + s}), &cm); err != nil {
			t.Fatal(err)
		}
		check("chat", cm.Chat.Text, s+s, netcode.MaxChatBytes)
	}
	// A string exactly at its limit is not cut.
	if err := d.DecodeClient(e.Hello(&netcode.Hello{Version: 2, Name: name64}), &cm); err != nil || cm.Hello.Name != name64 {
		t.Errorf("name at the limit: %q, %v", cm.Hello.Name, err)
	}

	// Inputs: at most MaxInputWindow frames.
	in := inputsMsg(100, 7, netcode.MaxInputWindow, 3)
	in.N = netcode.MaxInputWindow + 4
	if err := d.DecodeClient(e.Inputs(&in), &cm); err != nil {
		t.Fatal(err)
	}
	if cm.Input.N != netcode.MaxInputWindow || cm.Input.Frames[netcode.MaxInputWindow-1] != in.Frames[netcode.MaxInputWindow-1] {
		t.Errorf("inputs: %d frames, want the first %d", cm.Input.N, netcode.MaxInputWindow)
	}
	// Render ticks too far from the ack are clamped to the render_lag range.
	in = inputsMsg(1000, 7, 3)
	in.Frames[0].RenderTick, in.Frames[1].RenderTick, in.Frames[2].RenderTick = 0, 5000, 1000
	if err := d.DecodeClient(e.Inputs(&in), &cm); err != nil {
		t.Fatal(err)
	}
	if r := []uint32{cm.Input.Frames[0].RenderTick, cm.Input.Frames[1].RenderTick, cm.Input.Frames[2].RenderTick}; !slices.Equal(r, []uint32{1000 - 127, 1000 + 128, 1000}) {
		t.Errorf("render ticks %v, want clamped to [873 1128 1000]", r)
	}

	// Welcome: rules, roster and strings.
	var sm netcode.ServerMessage
	w := welcomeMax()
	w.RoomID, w.Map, w.Mode = long4, long2, long3
	for i := range 10 {
		w.Rules = append(w.Rules, netcode.Rule{Name: fmt.Sprint("extra", i), Value: 1})
		w.Roster = append(w.Roster, netcode.RosterEntry{ID: game.PlayerID(i + 1), Name: "extra"})
	}
	w.Rules[0].Name, w.Roster[0].Name = long2, long4
	w.ResumeToken = make([]byte, 1000)
	if err := d.DecodeServer(e.Welcome(&w), &sm); err != nil {
		t.Fatal(err)
	}
	got := sm.Welcome
	check("room_id", got.RoomID, long4, netcode.MaxRoomBytes)
	check("map", got.Map, long2, netcode.MaxMapBytes)
	check("mode", got.Mode, long3, netcode.MaxModeBytes)
	check("rule name", got.Rules[0].Name, long2, netcode.MaxRuleName)
	check("roster name", got.Roster[0].Name, long4, netcode.MaxNameBytes)
	if len(got.Rules) != netcode.MaxRules || len(got.Roster) != netcode.MaxPlayers || len(got.ResumeToken) != netcode.MaxTokenBytes {
		t.Errorf("%d rules, %d roster entries, %d token bytes; want %d, %d, %d",
			len(got.Rules), len(got.Roster), len(got.ResumeToken), netcode.MaxRules, netcode.MaxPlayers, netcode.MaxTokenBytes)
	}
	if !slices.Equal(got.Rules[1:], w.Rules[1:netcode.MaxRules]) || !slices.Equal(got.Roster[1:], w.Roster[1:netcode.MaxPlayers]) {
		t.Error("the first rules and roster entries are not the ones kept")
	}

	// Error message.
	if err := d.DecodeServer(e.Error(&netcode.Error{Code: 2, Message: long3 + long3}), &sm); err != nil {
		t.Fatal(err)
	}
	check("error message", sm.Error.Message, long3+long3, netcode.MaxErrorBytes)

	// Snapshot events: at most MaxEvents (the oldest first), texts cut.
	snap := netcode.Snapshot{Tick: 1000, Own: ownFull(1)}
	for i := range netcode.MaxEvents + 20 {
		snap.Events = append(snap.Events, netcode.Event{Kind: netcode.EventChat, Tick: uint32(i), Player: 1, Text: long4})
	}
	snap.Events[1] = netcode.Event{Kind: netcode.EventJoin, Tick: 1, Player: 2, Text: long2}
	if err := d.DecodeServer(e.Snapshot(&snap), &sm); err != nil {
		t.Fatal(err)
	}
	evs := sm.Snapshot.Events
	if len(evs) != netcode.MaxEvents || evs[0].Tick != 0 || evs[len(evs)-1].Tick != netcode.MaxEvents-1 {
		t.Fatalf("%d events from tick %d; want %d from tick 0", len(evs), evs[0].Tick, netcode.MaxEvents)
	}
	check("chat event", evs[0].Text, long4, netcode.MaxChatBytes)
	check("join event", evs[1].Text, long2, netcode.MaxNameBytes)

	// An own section whose steps do not cover the baseline is sent without
	// the inputs group rather than undecodable.
	snap = netcode.Snapshot{Tick: 10, Baseline: 3, Own: netcode.OwnUpdate{Mask: netcode.OwnInputs | netcode.OwnVitals, Health: 5, AckSeq: 9, Steps: []uint32{1, 1}}}
	if err := d.DecodeServer(e.Snapshot(&snap), &sm); err != nil {
		t.Fatal(err)
	}
	if o := sm.Snapshot.Own; o.Mask != netcode.OwnVitals || o.Health != 5 || len(o.Steps) != 0 {
		t.Errorf("own %+v, want only the vitals group", o)
	}
	// A full snapshot carries no steps, whatever Steps holds.
	snap = netcode.Snapshot{Tick: 10, Own: ownFull(9)}
	snap.Own.Steps = []uint32{1, 2, 3}
	if err := d.DecodeServer(e.Snapshot(&snap), &sm); err != nil {
		t.Fatal(err)
	}
	if o := sm.Snapshot.Own; o.Mask != netcode.OwnFull || o.AckSeq != 9 || len(o.Steps) != 0 {
		t.Errorf("own %+v, want the full groups and no steps", o)
	}
	// An event kind this version does not know is written as
	// [kind, ticks_back], which receivers skip.
	snap.Events = []netcode.Event{{Kind: 99, Tick: 8, Player: 1, Text: "dropped"}, {Kind: netcode.EventLeave, Tick: 9, Player: 3}}
	b := e.Snapshot(&snap)
	if !bytes.HasSuffix(b, mp(arr(arr(99, 2), arr(2, 1, 3)))) {
		t.Errorf("events encoded as % x", b)
	}
	if err := d.DecodeServer(b, &sm); err != nil {
		t.Fatal(err)
	}
	if s := sm.Snapshot; s.SkippedEvents != 1 || len(s.Events) != 1 || s.Events[0] != snap.Events[1] {
		t.Errorf("events %+v, skipped %d; want the leave only, 1 skipped", s.Events, s.SkippedEvents)
	}
}

// TestEncoding pins a few encodings byte for byte, so the wire cannot change
// unnoticed.
func TestEncoding(t *testing.T) {
	t.Parallel()
	enc := netcode.NewEncoder()
	e := cloningEncoder{enc}
	in := netcode.Inputs{AckTick: 1200, N: 2}
	in.Frames[0] = netcode.InputFrame{Seq: 41, RenderTick: 1194, Input: game.Input{MoveX: 127, Aim: 16384}}
	in.Frames[1] = netcode.InputFrame{Seq: 42, RenderTick: 1300, Input: game.Input{MoveX: -90, MoveY: -90, Buttons: game.ButtonFire}}
	cases := []struct {
		name string
		got  []byte
		want []byte
	}{
		{"hello", e.Hello(&netcode.Hello{Version: 2, Name: "Ada"}), mp(arr(1, 2, "Ada", "", []byte{}))},
		{"hello private", e.Hello(&netcode.Hello{Version: 2, Name: "Ada", Flags: netcode.HelloPrivate}), mp(arr(1, 2, "Ada", "", []byte{}, 1))},
		{"inputs", e.Inputs(&in), mp(arr(2, 1200, 41, arr(arr(127, 0, 16384, 0, 6), arr(-90, -90, 0, 1, -100))))},
		{"ping", e.Ping(&netcode.Ping{ClientTime: math.MaxUint64}), mp(arr(3, uint64(math.MaxUint64)))},
		{"chat", e.Chat(&netcode.Chat{Text: "gg"}), mp(arr(4, "gg"))},
		{"leave", e.Leave(), mp(arr(5))},
		{"welcome", e.Welcome(&netcode.Welcome{PlayerID: 3, RoomID: "r1", Map: "arena", Mode: "ffa", TickRate: 60, SnapshotRate: 30, ServerTick: 1190,
			ResumeToken: []byte{0xde, 0xad}, ViewWidth: 1600, ViewHeight: 1040, Rules: []netcode.Rule{{Name: "hp", Value: -1}}, Roster: []netcode.RosterEntry{{ID: 3, Name: "Ada"}}}),
			mp(arr(16, 3, "r1", "arena", "ffa", 60, 30, 1190, []byte{0xde, 0xad}, 1600, 1040, arr(arr("hp", -1)), arr(arr(3, "Ada"))))},
		{"welcome private", e.Welcome(&netcode.Welcome{PlayerID: 3, RoomID: "K7M2QX", Map: "arena", Mode: "ffa", TickRate: 60, SnapshotRate: 30,
			ViewWidth: 1600, ViewHeight: 1040, RoomFlags: netcode.RoomPrivate}),
			mp(arr(16, 3, "K7M2QX", "arena", "ffa", 60, 30, 0, []byte{}, 1600, 1040, arr(), arr(), 1))},
		{"error", e.Error(&netcode.Error{Code: 1, Message: "slow"}), mp(arr(21, 1, "slow"))},
		{"snapshot", e.Snapshot(&netcode.Snapshot{
			Tick: 1210, Baseline: 2,
			Own: netcode.OwnUpdate{Mask: netcode.OwnPos | netcode.OwnInputs | netcode.OwnPong, X: 3, Y: -4, AckSeq: 44, Steps: []uint32{0, 2},
				Pong: netcode.Pong{ClientTime: 9, HoldMicros: 300}},
			Players: []netcode.PlayerUpdate{
				{ID: 2, Mask: netcode.PlayerGone},
				{ID: 5, Mask: netcode.PlayerPos | netcode.PlayerAim, X: 1, Y: -1, DAim: -3},
				{ID: 300, Mask: netcode.PlayerEnter, X: 10, Y: 20, Aim: 30, Health: 100, Flags: 1, Kills: 2, Deaths: 3, Score: -4},
			},
			Events: []netcode.Event{{Kind: netcode.EventKill, Tick: 1209, Player: 5, Other: 2}},
		}), mp(arr(17, 1210, 2,
			arr(int(netcode.OwnPos|netcode.OwnInputs|netcode.OwnPong), 3, -4, 44, 0, 2, 9, 300),
			arr(arr(1, arr(2<<5, 3<<5|3, 1, -1, -3, 295<<5|16, 10, 20, 30, 100, 1, 2, 3, -4))),
			arr(arr(3, 1, 5, 2))))},
	}
	for _, c := range cases {
		if !bytes.Equal(c.got, c.want) {
			t.Errorf("%s:\n got % x\nwant % x", c.name, c.got, c.want)
		}
	}
}

// cloningEncoder returns copies, so that results outlive the next call.
type cloningEncoder struct{ e *netcode.Encoder }

func (c cloningEncoder) Hello(m *netcode.Hello) []byte       { return bytes.Clone(c.e.Hello(m)) }
func (c cloningEncoder) Inputs(m *netcode.Inputs) []byte     { return bytes.Clone(c.e.Inputs(m)) }
func (c cloningEncoder) Ping(m *netcode.Ping) []byte         { return bytes.Clone(c.e.Ping(m)) }
func (c cloningEncoder) Chat(m *netcode.Chat) []byte         { return bytes.Clone(c.e.Chat(m)) }
func (c cloningEncoder) Leave() []byte                       { return bytes.Clone(c.e.Leave()) }
func (c cloningEncoder) Welcome(m *netcode.Welcome) []byte   { return bytes.Clone(c.e.Welcome(m)) }
func (c cloningEncoder) Error(m *netcode.Error) []byte       { return bytes.Clone(c.e.Error(m)) }
func (c cloningEncoder) Snapshot(m *netcode.Snapshot) []byte { return bytes.Clone(c.e.Snapshot(m)) }

// TestNonCanonicalIntegers checks that integers in any msgpack encoding are
// accepted, as encoders in other languages may pick wider ones.
func TestNonCanonicalIntegers(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		dir  direction
		b    []byte
	}{
		{"uint8 type, uint64 time", toServer, mp(arr(raw{0xcc, 3}, raw{0xcf, 0, 0, 0, 0, 0, 0, 0, 9}))},
		{"int64 time", toServer, mp(arr(3, raw{0xd3, 0, 0, 0, 0, 0, 0, 0, 9}))},
		{"int16 time", toServer, mp(arr(3, raw{0xd1, 0, 9}))},
		{"uint32 type", toServer, mp(arr(raw{0xce, 0, 0, 0, 3}, 9))},
		{"negative ints", toServer, mp(arr(2, 5, 1, arr(arr(raw{0xd2, 0xff, 0xff, 0xff, 0x81}, raw{0xd0, 0x81}, raw{0xd3, 0, 0, 0, 0, 0, 0, 0, 1}, 0, raw{0xd1, 0xff, 0xfb}))))},
		{"uint64 in signed field", toClient, mp(arr(17, 5, 1, arr(1, raw{0xcf, 0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff}, raw{0xd0, 0}), arr(), arr()))},
		{"wide key", toClient, mp(arr(17, 5, 1, arr(0), arr(arr(raw{0xd3, 0, 0, 0, 0, 0, 0, 0, 1}, arr(raw{0xcf, 0, 0, 0, 0, 0, 0, 0, 32}))), arr()))},
	}
	for _, c := range cases {
		if err := decode(c.dir, c.b); err != nil {
			t.Errorf("%s: % x: %v", c.name, c.b, err)
		}
	}
	// The value survives: -5 as int16 is -5.
	var cm netcode.ClientMessage
	if err := netcode.NewDecoder().DecodeClient(cases[4].b, &cm); err != nil {
		t.Fatal(err)
	}
	if f := cm.Input.Frames[0]; f.Input.MoveX != -127 || f.Input.MoveY != -127 || f.Input.Aim != 1 || f.RenderTick != 10 {
		t.Errorf("frame %+v", f)
	}
}

// TestForwardCompatibility: what a later version may add decodes and is
// ignored: unknown message types in both directions, unknown entity kind
// blocks with any content, and unknown event kinds with extra elements.
func TestForwardCompatibility(t *testing.T) {
	t.Parallel()
	anything := arr(1, -1, "x", []byte{1}, nil, true, false, 1.5, raw{0xca, 0, 0, 0, 0}, arr(), arr(arr(arr(2))),
		mapOf("k", arr(1, mapOf(1, 2))), raw{0x80}, raw{0xd4, 1, 1}, raw{0xd8, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
		raw{0xc7, 2, 9, 1, 2}, raw{0xc8, 0, 1, 9, 0}, raw{0xc9, 0, 0, 0, 0, 9}, uint64(math.MaxUint64), int64(math.MinInt64))
	for _, c := range []struct {
		dir  direction
		b    []byte
		want netcode.MsgType
	}{
		{toServer, mp(arr(6)), 6},
		{toServer, mp(arr(255, anything, "tail")), 255},
		{toServer, mp(arr(16, 1, "r", "m", "x", 60, 30, 1, []byte{}, 1, 1, arr(), arr())), 16}, // a server type
		{toServer, mp(append(arr(99), make([]any, 254)...)), 99},                               // 255 elements
		{toClient, mp(arr(18, 1, 2)), 18},                                                      // protocol 1's Pong
		{toClient, mp(arr(200, anything)), 200},
		{toClient, mp(arr(2, 1, 1, "not even an input")), 2}, // a client type
	} {
		got, err := decodeType(c.dir, c.b)
		if err != nil || got != c.want {
			t.Errorf("%v % x: type %d, %v; want %d, nil", c.dir, c.b, got, err, c.want)
		}
	}

	own := arr(int(netcode.OwnFull), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)
	players := arr(1, arr(1<<5|16, 10, 20, 30, 40, 1, 2, 3, 4, 3<<5|16, 0, 0, 0, 0, 0, 0, 0, 0))
	b := mp(arr(17, 100, 0, own,
		arr(arr(0, 1), arr(9, anything), players, arr(255, nested(netcode.MaxMessageDepth, 1)), arr(12, raw{0xdd, 0, 0, 0, 0})),
		arr(
			arr(77, 0),
			arr(1, 0, 1, "Ada"),
			arr(0, 5, anything, "more", nested(netcode.MaxMessageDepth, "deep")),
			arr(60, 100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16),
			arr(3, 1, 1, 4),
		)))
	s := decodeSnapshot(t, b)
	if s.SkippedKinds != 4 || s.SkippedEvents != 3 {
		t.Errorf("skipped %d kinds, %d events; want 4, 3", s.SkippedKinds, s.SkippedEvents)
	}
	wantPlayers := []netcode.PlayerUpdate{
		{ID: 1, Mask: netcode.PlayerEnter, X: 10, Y: 20, Aim: 30, Health: 40, Flags: 1, Kills: 2, Deaths: 3, Score: 4},
		{ID: 4, Mask: netcode.PlayerEnter},
	}
	wantEvents := []netcode.Event{
		{Kind: netcode.EventJoin, Tick: 100, Player: 1, Text: "Ada"},
		{Kind: netcode.EventKill, Tick: 99, Player: 1, Other: 4},
	}
	if !slices.Equal(s.Players, wantPlayers) || !slices.Equal(s.Events, wantEvents) {
		t.Errorf("players %+v\nevents %+v", s.Players, s.Events)
	}
	// The same snapshot applies to a View as if the unknown parts were not there.
	v := netcode.View{Self: 7}
	if err := v.Apply(s); err != nil || len(v.Others) != 2 {
		t.Errorf("apply: %v, others %+v", err, v.Others)
	}

	// Unknown does not mean unchecked: what is skipped must still be
	// well-formed msgpack within the frame.
	for name, b := range map[string][]byte{
		"unknown type, trailing bytes":   mp(arr(99, 1), 0),
		"unknown type, missing element":  msg(3, 99, 1),
		"unknown type, 4G string":        mp(arr(99, raw{0xdb, 0xff, 0xff, 0xff, 0xff})),
		"unknown type, 4G array":         mp(arr(99, 1, raw{0xdd, 0xff, 0xff, 0xff, 0xff})),
		"unknown type, 256 elements":     mp(append(arr(99), make([]any, 255)...)),
		"unknown kind, 4G array":         mp(arr(17, 100, 0, own, arr(arr(9, raw{0xdd, 0xff, 0xff, 0xff, 0xff})), arr())),
		"unknown kind, 4G map":           mp(arr(17, 100, 0, own, arr(arr(9, raw{0xdf, 0xff, 0xff, 0xff, 0xff})), arr())),
		"unknown kind, 2G map":           mp(arr(17, 100, 0, own, arr(arr(9, raw{0xdf, 0x7f, 0xff, 0xff, 0xff})), arr())),
		"unknown kind, map of 2 in 3":    mp(arr(17, 100, 0, own, arr(arr(9, raw{0x82, 1, 2, 3})), arr())),
		"unknown kind, 4G ext":           mp(arr(17, 100, 0, own, arr(arr(9, raw{0xc9, 0xff, 0xff, 0xff, 0xff, 1})), arr())),
		"unknown kind, ext short":        mp(arr(17, 100, 0, own, arr(arr(9, raw{0xd8, 1, 2})), arr())),
		"unknown kind, c1":               mp(arr(17, 100, 0, own, arr(arr(9, raw{0xc1})), arr())),
		"unknown kind, block of 3":       mp(arr(17, 100, 0, own, arr(arr(9, 1, 2)), arr())),
		"unknown kind, kind 256":         mp(arr(17, 100, 0, own, arr(arr(256, 1)), arr())),
		"unknown event, 4G bin":          mp(arr(17, 100, 0, own, arr(), arr(arr(77, 0, raw{0xc6, 0xff, 0xff, 0xff, 0xff})))),
		"unknown event, ticks_back":      mp(arr(17, 100, 0, own, arr(), arr(arr(77, 101)))),
		"unknown event, only kind":       mp(arr(17, 100, 0, own, arr(), arr(arr(77)))),
		"unknown event, truncated float": mp(arr(17, 100, 0, own, arr(), arr(arr(77, 0, raw{0xcb, 0, 0})))),
	} {
		dirs := []direction{toClient}
		if strings.HasPrefix(name, "unknown type") {
			dirs = append(dirs, toServer)
		}
		for _, dir := range dirs {
			if msg := checkDecodeError(decode(dir, b)); msg != "" {
				t.Errorf("%s (%v): % x: %s", name, dir, b, msg)
			}
		}
	}
}

// TestSkipDepth: a skipped value (an element of an unknown message, the
// content of an unknown kind block, an extra element of an unknown event)
// may nest MaxMessageDepth arrays or maps deep, whatever the innermost one
// holds, and no deeper.
func TestSkipDepth(t *testing.T) {
	t.Parallel()
	own := arr(int(netcode.OwnFull), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)
	contexts := []struct {
		name string
		dir  direction
		wrap func(v any) []byte
	}{
		{"unknown message to server", toServer, func(v any) []byte { return mp(arr(99, 1, v)) }},
		{"unknown message to client", toClient, func(v any) []byte { return mp(arr(99, v, 2)) }},
		{"unknown kind", toClient, func(v any) []byte { return mp(arr(17, 9, 0, own, arr(arr(9, v)), arr())) }},
		{"unknown event", toClient, func(v any) []byte { return mp(arr(17, 9, 0, own, arr(), arr(arr(99, 0, 1, v)))) }},
	}
	mapNested := func(depth int, inner any) any { // maps and arrays alternating
		for i := range depth {
			if i%2 == 0 {
				inner = mapOf("k", inner)
			} else {
				inner = arr(1, inner)
			}
		}
		return inner
	}
	const depth = netcode.MaxMessageDepth
	for _, c := range contexts {
		for name, v := range map[string]any{
			"arrays, scalar inside": nested(depth, 1),
			"arrays, empty inside":  nested(depth-1, arr()),
			"maps, scalar inside":   mapNested(depth, "x"),
			"maps, empty inside":    mapNested(depth-1, raw{0x80}),
			"map key nested":        raw(mp(raw{0x81}, nested(depth-1, 1), 2)),
		} {
			if err := decode(c.dir, c.wrap(v)); err != nil {
				t.Errorf("%s, %d deep, %s: %v", c.name, depth, name, err)
			}
		}
		for name, v := range map[string]any{
			"arrays, scalar inside": nested(depth+1, 1),
			"arrays, empty inside":  nested(depth, arr()),
			"maps, scalar inside":   mapNested(depth+1, "x"),
			"maps, empty inside":    mapNested(depth, raw{0x80}),
			"map key nested":        raw(mp(raw{0x81}, nested(depth, 1), 2)),
			"very deep":             nested(1000, 1),
		} {
			err := decode(c.dir, c.wrap(v))
			if err == nil {
				t.Errorf("%s, %s deeper than %d: decoded", c.name, name, depth)
				continue
			}
			wantDecodeError(t, err, fmt.Sprintf("nested more than %d deep", depth))
		}
	}
}

func TestCloseReason(t *testing.T) {
	t.Parallel()
	err := decode(toServer, []byte{0x91, 0})
	if got := netcode.CloseReason(fmt.Errorf("conn 7: %w", err)); got != "message: type is 0" {
		t.Errorf("CloseReason(wrapped) = %q", got)
	}
	if got := netcode.CloseReason(errors.New("eof")); got != "bad message" {
		t.Errorf("CloseReason(other) = %q", got)
	}
	if got := netcode.CloseReason(nil); got != "bad message" {
		t.Errorf("CloseReason(nil) = %q", got)
	}
	de := &netcode.DecodeError{Reason: "x"}
	if de.Error() != "netcode: bad message: x" {
		t.Errorf("Error() = %q", de.Error())
	}
	for _, typ := range []netcode.MsgType{netcode.MsgWelcome, netcode.MsgSnapshot, netcode.MsgError, 0, 99} {
		if b := netcode.NewEncoder().EncodeClient(&netcode.ClientMessage{Type: typ}); b != nil {
			t.Errorf("EncodeClient(type %d) = % x, want nil", typ, b)
		}
	}
	for _, typ := range []netcode.MsgType{netcode.MsgHello, netcode.MsgInput, netcode.MsgPing, netcode.MsgChat, netcode.MsgLeave, 0, 18} {
		if b := netcode.NewEncoder().EncodeServer(&netcode.ServerMessage{Type: typ}); b != nil {
			t.Errorf("EncodeServer(type %d) = % x, want nil", typ, b)
		}
	}
}

func TestMsgTypeKnown(t *testing.T) {
	t.Parallel()
	known := map[netcode.MsgType]bool{1: true, 2: true, 3: true, 4: true, 5: true, 16: true, 17: true, 21: true}
	for typ := range 256 {
		if got := netcode.MsgType(typ).Known(); got != known[netcode.MsgType(typ)] {
			t.Errorf("MsgType(%d).Known() = %v", typ, got)
		}
	}
	if netcode.Version != 3 || netcode.Subprotocol != "arena.v3" {
		t.Errorf("version %d, subprotocol %q", netcode.Version, netcode.Subprotocol)
	}
}

// TestRenderLag checks the render_lag an Encoder writes.
func TestRenderLag(t *testing.T) {
	t.Parallel()
	cases := []struct {
		ack, render uint32
		want        int64
	}{
		{0, 0, 0}, {0, 500, 0}, {10, 10, 0}, {10, 0, 10}, {1000, 0, 127}, {1000, 873, 127}, {1000, 872, 127},
		{1000, 1128, -128}, {1000, 1129, -128}, {1, math.MaxUint32, -128}, {math.MaxUint32, 0, 127}, {math.MaxUint32, math.MaxUint32, 0},
	}
	for _, c := range cases {
		if got := netcode.RenderLag(c.ack, c.render); got != c.want {
			t.Errorf("RenderLag(%d, %d) = %d, want %d", c.ack, c.render, got, c.want)
		}
	}
}
