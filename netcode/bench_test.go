package netcode_test

import (
	"testing"

	"arena/game"
	"arena/netcode"
)

func snapshot16() *netcode.Snapshot {
	return &netcode.Snapshot{
		Tick: 123456, AckSeq: 123400, Players: playerStates(16),
		Shots: []netcode.Shot{{Tick: 123455, Shooter: 3, Target: 7, FromX: 4000, FromY: 2000, ToX: 9000, ToY: 2500}},
	}
}

func BenchmarkEncodeSnapshot16(b *testing.B) {
	e, m := netcode.NewEncoder(), snapshot16()
	b.ReportAllocs()
	b.SetBytes(int64(len(e.Snapshot(m))))
	for b.Loop() {
		e.Snapshot(m)
	}
}

func BenchmarkDecodeSnapshot16(b *testing.B) {
	frame := append([]byte(nil), netcode.NewEncoder().Snapshot(snapshot16())...)
	d := netcode.NewDecoder()
	var m netcode.ServerMessage
	b.ReportAllocs()
	b.SetBytes(int64(len(frame)))
	for b.Loop() {
		if err := d.DecodeServer(frame, &m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeInputs(b *testing.B) {
	in := inputsMsg(5000, 4995, 9000, netcode.MaxInputWindow)
	frame := append([]byte(nil), netcode.NewEncoder().Inputs(&in)...)
	d := netcode.NewDecoder()
	var m netcode.ClientMessage
	b.ReportAllocs()
	b.SetBytes(int64(len(frame)))
	for b.Loop() {
		if err := d.DecodeClient(frame, &m); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSteadyStateAllocs holds the hot paths to zero allocations: a room
// encodes a snapshot per client per snapshot tick and decodes an Inputs per
// client per tick. Not parallel: AllocsPerRun refuses parallel tests.
func TestSteadyStateAllocs(t *testing.T) {
	e := netcode.NewEncoder()
	snap := snapshot16()
	in := inputsMsg(5000, 4995, 9000, netcode.MaxInputWindow)
	snapFrame := append([]byte(nil), e.Snapshot(snap)...)
	inFrame := append([]byte(nil), e.Inputs(&in)...)
	d := netcode.NewDecoder()
	var sm netcode.ServerMessage
	var cm netcode.ClientMessage
	var f netcode.Frame
	players := make([]*game.Player, 16)
	for i := range players {
		players[i] = &game.Player{ID: game.PlayerID(i + 1), Alive: true}
	}
	cases := map[string]func(){
		"capture":         func() { netcode.Capture(&f, 1, players, snap.Shots) },
		"encode snapshot": func() { e.Snapshot(snap) },
		"encode inputs":   func() { e.Inputs(&in) },
		"decode snapshot": func() { _ = d.DecodeServer(snapFrame, &sm) },
		"decode inputs":   func() { _ = d.DecodeClient(inFrame, &cm) },
	}
	// Warm up: the first decode grows the destination slices.
	for _, f := range cases {
		f()
	}
	for name, f := range cases {
		if allocs := testing.AllocsPerRun(100, f); allocs != 0 {
			t.Errorf("%s: %v allocs/op, want 0", name, allocs)
		}
	}
	ping := append([]byte(nil), e.Ping(&netcode.Ping{ClientTime: 1 << 40})...)
	if allocs := testing.AllocsPerRun(100, func() { _ = d.DecodeClient(ping, &cm) }); allocs != 0 {
		t.Errorf("decode ping: %v allocs/op, want 0", allocs)
	}
	t.Logf("16-player snapshot with 1 shot: %d bytes; 16-input window: %d bytes", len(snapFrame), len(inFrame))
}
