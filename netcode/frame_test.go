package netcode_test

import (
	"math"
	"reflect"
	"testing"

	"arena/game"
	"arena/netcode"
)

func TestToFixed(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   float64
		want int32
	}{
		{0, 0},
		{1, 16},
		{-1, -16},
		{1.0 / 16, 1},
		{0.03, 0},  // 0.48 rounds down
		{0.032, 1}, // 0.512 rounds up
		{-0.032, -1},
		{1.5 / 16, 2}, // halves round away from zero
		{-1.5 / 16, -2},
		{1e12, math.MaxInt32},
		{-1e12, math.MinInt32},
		{math.Inf(1), math.MaxInt32},
		{math.Inf(-1), math.MinInt32},
		{math.NaN(), 0},
		{float64(math.MaxInt32) / 16, math.MaxInt32},
	}
	for _, c := range cases {
		if got := netcode.ToFixed(c.in); got != c.want {
			t.Errorf("ToFixed(%v) = %d, want %d", c.in, got, c.want)
		}
	}
	for _, v := range []int32{0, 1, -1, 12345, -98765, math.MaxInt32, math.MinInt32} {
		if got := netcode.ToFixed(netcode.FromFixed(v)); got != v {
			t.Errorf("ToFixed(FromFixed(%d)) = %d", v, got)
		}
	}
	if netcode.PositionScale != game.QuantumPerUnit {
		t.Errorf("PositionScale %d != game.QuantumPerUnit %d: the wire would lose precision", netcode.PositionScale, game.QuantumPerUnit)
	}
}

func TestPlayerStateOf(t *testing.T) {
	t.Parallel()
	p := &game.Player{
		ID: 7, Name: "Ada", Pos: game.Vec2{X: 100.5, Y: -3.0625}, Vel: game.Vec2{X: 260, Y: -0.125},
		Aim: 40000, Health: 75, Alive: true, RespawnTicks: 0, CooldownTicks: 12, ProtectTicks: 30,
		Kills: 3, Deaths: 4, Score: -2, LastSeq: 99,
	}
	want := netcode.PlayerState{
		ID: 7, X: 1608, Y: -49, VX: 4160, VY: -2, Aim: 40000, Health: 75,
		Flags: netcode.FlagAlive | netcode.FlagProtected, CooldownTicks: 12, ProtectTicks: 30,
		Kills: 3, Deaths: 4, Score: -2,
	}
	if got := netcode.PlayerStateOf(p); got != want {
		t.Errorf("PlayerStateOf = %+v\nwant %+v", got, want)
	}

	// ApplyTo restores every field the state carries and leaves the others.
	var q game.Player
	q.Name, q.LastSeq = "keep", 5
	want.ApplyTo(&q)
	restored := *p
	restored.Name, restored.LastSeq = "keep", 5
	if !reflect.DeepEqual(q, restored) {
		t.Errorf("ApplyTo = %+v\nwant %+v", q, restored)
	}

	// Out-of-range counters saturate instead of wrapping.
	wild := &game.Player{ID: 1, Health: 1000, RespawnTicks: -5, CooldownTicks: 1 << 20, ProtectTicks: 70000, Kills: -1, Deaths: math.MaxInt32, Score: -40000}
	got := netcode.PlayerStateOf(wild)
	if got.Health != 255 || got.RespawnTicks != 0 || got.CooldownTicks != math.MaxUint16 || got.ProtectTicks != math.MaxUint16 ||
		got.Kills != 0 || got.Deaths != math.MaxUint16 || got.Score != math.MinInt16 || got.Flags != netcode.FlagProtected {
		t.Errorf("PlayerStateOf(wild) = %+v", got)
	}
	dead := netcode.PlayerStateOf(&game.Player{ID: 2, Health: -3})
	if dead.Health != 0 || dead.Flags != 0 {
		t.Errorf("dead player: %+v", dead)
	}
}

func TestShotOfAndCapture(t *testing.T) {
	t.Parallel()
	ev := game.Event{Kind: game.EventShot, Actor: 3, Target: 4, From: game.Vec2{X: 10, Y: 20}, To: game.Vec2{X: -1.25, Y: 900}}
	shot := netcode.ShotOf(77, ev)
	want := netcode.Shot{Tick: 77, Shooter: 3, Target: 4, FromX: 160, FromY: 320, ToX: -20, ToY: 14400}
	if shot != want {
		t.Errorf("ShotOf = %+v, want %+v", shot, want)
	}

	players := []*game.Player{{ID: 1, Alive: true, Health: 100}, {ID: 2, Pos: game.Vec2{X: 1, Y: 2}}}
	var f netcode.Frame
	netcode.Capture(&f, 10, players, []netcode.Shot{shot})
	if f.Tick != 10 || len(f.Players) != 2 || f.Players[1].X != 16 || len(f.Shots) != 1 || f.Shots[0] != want {
		t.Fatalf("Capture = %+v", f)
	}
	// A second capture reuses the slices and drops what was there.
	pp, sp := &f.Players[0], &f.Shots[0]
	netcode.Capture(&f, 12, players[:1], nil)
	if f.Tick != 12 || len(f.Players) != 1 || len(f.Shots) != 0 || &f.Players[0] != pp || &f.Shots[:1][0] != sp {
		t.Errorf("second Capture = %+v (reused: %v)", f, &f.Players[0] == pp)
	}
	s := f.Snapshot(9)
	if s.Tick != 12 || s.AckSeq != 9 || len(s.Players) != 1 {
		t.Errorf("Frame.Snapshot = %+v", s)
	}
}
