package netcode_test

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"arena/game"
	"arena/netcode"
)

// room16 is a 16-player room at two consecutive snapshot ticks, as a typical
// snapshot sees it: everyone moved a little, half turned, one got hurt, and
// player 1 (the recipient) sees the other 15.
type room16 struct {
	f1, f2  *netcode.Frame
	visible []game.PlayerID
	r       *netcode.Recipient // the delta from f1 to f2
	full    *netcode.Recipient // a full snapshot of f2
}

func newRoom16() *room16 {
	f1 := &netcode.Frame{Tick: 123456}
	for i := range 16 {
		f1.Players = append(f1.Players, netcode.PlayerState{
			ID: game.PlayerID(i + 1), X: int32(1000+211*i) * 16, Y: int32(700+97*i) * 16,
			VX: 4160, VY: -2080, Aim: uint16(4099 * i), Health: 100, Flags: netcode.FlagAlive,
			CooldownTicks: uint16(i % 3 * 7), Kills: uint16(i), Deaths: uint16(i / 2), Score: int16(i - 4),
		})
	}
	f2 := cloneFrame(f1)
	f2.Tick += 2
	for i := range f2.Players {
		p := &f2.Players[i]
		p.X += int32(8 + 5*i)
		p.Y -= int32(3 * i)
		p.CooldownTicks = netcode.CountDown(p.CooldownTicks, 2)
		if i%2 == 0 {
			p.Aim += 700
		}
	}
	f2.Players[0].VY = 0
	f2.Players[5].Health = 80
	visible := make([]game.PlayerID, 15)
	for i := range visible {
		visible[i] = game.PlayerID(i + 2)
	}
	return &room16{
		f1: f1, f2: f2, visible: visible,
		r:    &netcode.Recipient{Self: 1, Visible: visible, Base: f1, BaseVisible: visible, AckSeq: 5002, Steps: []uint32{1, 1}},
		full: &netcode.Recipient{Self: 1, Visible: visible, AckSeq: 5002},
	}
}

func (rm *room16) snapshots() (delta, full *netcode.Snapshot) {
	delta, full = &netcode.Snapshot{}, &netcode.Snapshot{}
	delta.Build(rm.f2, rm.r)
	full.Build(rm.f2, rm.full)
	return delta, full
}

func BenchmarkEncodeSnapshotDelta16(b *testing.B) {
	delta, _ := newRoom16().snapshots()
	e := netcode.NewEncoder()
	b.ReportAllocs()
	for b.Loop() {
		e.Snapshot(delta)
	}
	b.ReportMetric(float64(len(e.Snapshot(delta))), "wire-bytes")
}

func BenchmarkEncodeSnapshotFull16(b *testing.B) {
	_, full := newRoom16().snapshots()
	e := netcode.NewEncoder()
	b.ReportAllocs()
	for b.Loop() {
		e.Snapshot(full)
	}
	b.ReportMetric(float64(len(e.Snapshot(full))), "wire-bytes")
}

// decodeApply holds a client in front of the room's delta: each round
// resets the View to the baseline (copying, not allocating), then decodes
// and applies the delta.
type decodeApply struct {
	frame []byte
	d     *netcode.Decoder
	m     netcode.ServerMessage
	base  netcode.View
	v     netcode.View
}

func newDecodeApply(tb testing.TB) *decodeApply {
	rm := newRoom16()
	delta, _ := rm.snapshots()
	da := &decodeApply{frame: bytes.Clone(netcode.NewEncoder().Snapshot(delta)), d: netcode.NewDecoder()}
	da.base = fullView(tb, rm.f1, 1, rm.visible, 5000)
	da.v = cloneView(&da.base)
	da.run(tb)
	wantView(tb, &da.v, rm.f2, 1, rm.visible, 5002)
	return da
}

func (da *decodeApply) run(tb testing.TB) {
	da.v.Tick, da.v.Own, da.v.AckSeq = da.base.Tick, da.base.Own, da.base.AckSeq
	da.v.Others = append(da.v.Others[:0], da.base.Others...)
	if err := da.d.DecodeServer(da.frame, &da.m); err != nil {
		tb.Fatal(err)
	}
	if err := da.v.Apply(&da.m.Snapshot); err != nil {
		tb.Fatal(err)
	}
}

func BenchmarkDecodeApplyDelta16(b *testing.B) {
	da := newDecodeApply(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(da.frame)))
	for b.Loop() {
		da.run(b)
	}
}

func BenchmarkBuild16(b *testing.B) {
	rm := newRoom16()
	var s netcode.Snapshot
	s.Build(rm.f2, rm.r)
	b.ReportAllocs()
	for b.Loop() {
		s.Build(rm.f2, rm.r)
	}
}

// interestRoom is n players spread over a large map, each with its view of
// the previous round as history.
type interestRoom struct {
	in         *netcode.Interest
	f          *netcode.Frame
	prev, next [][]game.PlayerID
}

func newInterestRoom(n int) *interestRoom {
	rng := rand.New(rand.NewPCG(uint64(n), 3))
	ir := &interestRoom{in: netcode.NewInterest(bigMap, bigMap, viewW, viewH, viewHysteresis), f: &netcode.Frame{Tick: 1}}
	for i := range n {
		ir.f.Players = append(ir.f.Players, at(game.PlayerID(i+1), rng.Float64()*bigMap, rng.Float64()*bigMap))
	}
	ir.prev, ir.next = make([][]game.PlayerID, n), make([][]game.PlayerID, n)
	ir.run()
	ir.run()
	return ir
}

// run indexes the frame and asks every player's view, as a room does per
// snapshot tick; the results become the next round's history.
func (ir *interestRoom) run() {
	ir.in.Index(ir.f)
	for i := range ir.f.Players {
		ir.next[i] = ir.in.Visible(ir.next[i][:0], ir.f.Players[i].ID, ir.prev[i])
	}
	ir.prev, ir.next = ir.next, ir.prev
}

func benchmarkInterest(b *testing.B, n int) {
	ir := newInterestRoom(n)
	seen := 0
	for _, v := range ir.prev {
		seen += len(v)
	}
	b.ReportAllocs()
	for b.Loop() {
		ir.run()
	}
	b.ReportMetric(float64(seen)/float64(n), "visible/player")
}

func BenchmarkInterest16(b *testing.B)  { benchmarkInterest(b, 16) }
func BenchmarkInterest256(b *testing.B) { benchmarkInterest(b, 256) }

func inputsFrame() []byte {
	in := inputsMsg(5000, 4995, netcode.MaxInputWindow, 3, 4)
	return bytes.Clone(netcode.NewEncoder().Inputs(&in))
}

func BenchmarkDecodeInputs(b *testing.B) {
	frame := inputsFrame()
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

// TestSteadyStateAllocs holds the hot paths to zero allocations: per
// snapshot tick a room captures its World, indexes it and builds and encodes
// a snapshot per client; a client decodes and applies each snapshot; the
// server decodes an Inputs per client per tick.
//
// Not parallel: testing.AllocsPerRun refuses parallel tests.
func TestSteadyStateAllocs(t *testing.T) {
	rm := newRoom16()
	e := netcode.NewEncoder()
	var delta, full netcode.Snapshot
	da := newDecodeApply(t)
	ir16, ir256 := newInterestRoom(16), newInterestRoom(256)
	inFrame := inputsFrame()
	in := inputsMsg(5000, 4995, netcode.MaxInputWindow, 3)
	d := netcode.NewDecoder()
	var cm netcode.ClientMessage
	ping := bytes.Clone(e.Ping(&netcode.Ping{ClientTime: 1 << 40}))
	var f netcode.Frame
	players := make([]*game.Player, 16)
	for i := range players {
		players[i] = &game.Player{ID: game.PlayerID(i + 1), Alive: true, Health: 100}
	}
	cases := []struct {
		name string
		f    func()
	}{
		{"build+encode delta", func() { delta.Build(rm.f2, rm.r); e.Snapshot(&delta) }},
		{"build+encode full", func() { full.Build(rm.f2, rm.full); e.Snapshot(&full) }},
		{"decode+apply delta", func() { da.run(t) }},
		{"interest 16", ir16.run},
		{"interest 256", ir256.run},
		{"capture", func() { netcode.Capture(&f, 1, players) }},
		{"encode inputs", func() { e.Inputs(&in) }},
		{"decode inputs", func() {
			if err := d.DecodeClient(inFrame, &cm); err != nil {
				t.Fatal(err)
			}
		}},
		{"decode ping", func() { _ = d.DecodeClient(ping, &cm) }},
	}
	for _, c := range cases { // warm up: the first runs grow the buffers
		c.f()
		c.f()
	}
	for _, c := range cases {
		if allocs := testing.AllocsPerRun(100, c.f); allocs != 0 {
			t.Errorf("%s: %v allocs/op, want 0", c.name, allocs)
		}
	}
	dBytes := len(e.Snapshot(&delta))
	fBytes := len(e.Snapshot(&full))
	t.Logf("16-player snapshot: full %d bytes, delta %d bytes; 16-input Inputs %d bytes", fBytes, dBytes, len(inFrame))
	if dBytes >= fBytes/2 {
		t.Errorf("the typical delta (%d bytes) is not much smaller than the full snapshot (%d bytes)", dBytes, fBytes)
	}
}
