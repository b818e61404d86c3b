package netcode_test

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"arena/game"
	"arena/netcode"
)

// justBelowHalf is the largest float64 below 0.5: floor(x + 0.5) computed
// in floating point rounds it up, which is wrong.
var justBelowHalf = math.Nextafter(0.5, 0)

func TestToFixed(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   float64
		want int32
	}{
		{0, 0},
		{math.Copysign(0, -1), 0},
		{1, 16},
		{-1, -16},
		{1.0 / 16, 1},
		{0.03, 0},  // 0.48 rounds down
		{0.032, 1}, // 0.512 rounds up
		{-0.032, -1},
		{0.5 / 16, 1}, // halves round up
		{-0.5 / 16, 0},
		{1.5 / 16, 2},
		{-1.5 / 16, -1},
		{-2.5 / 16, -2},
		{justBelowHalf / 16, 0},
		{-justBelowHalf / 16, 0},
		{math.Nextafter(1.5, 0) / 16, 1},
		{math.Nextafter(-0.5, -1) / 16, -1},
		{100.5, 1608},
		{-3.0625, -49},
		{1e12, math.MaxInt32},
		{-1e12, math.MinInt32},
		{math.Inf(1), math.MaxInt32},
		{math.Inf(-1), math.MinInt32},
		{math.NaN(), 0},
		{float64(math.MaxInt32) / 16, math.MaxInt32},
		{(float64(math.MaxInt32) + 0.5) / 16, math.MaxInt32},
		{(float64(math.MaxInt32) - 0.5) / 16, math.MaxInt32},
		{(float64(math.MaxInt32) - 1) / 16, math.MaxInt32 - 1},
		{float64(math.MinInt32) / 16, math.MinInt32},
		{(float64(math.MinInt32) - 0.5) / 16, math.MinInt32},
		{(float64(math.MinInt32) + 0.5) / 16, math.MinInt32 + 1},
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
	if got := netcode.FromFixed(-24); got != -1.5 {
		t.Errorf("FromFixed(-24) = %v", got)
	}
	if netcode.PositionScale != game.QuantumPerUnit {
		t.Errorf("PositionScale %d != game.QuantumPerUnit %d: the wire would lose precision", netcode.PositionScale, game.QuantumPerUnit)
	}
	// The World's positions are on the 1/16 grid: exact both ways.
	for _, v := range []float64{game.Quantize(123.456), game.Quantize(-0.03125), game.Quantize(7999.99)} {
		if got := netcode.FromFixed(netcode.ToFixed(v)); got != v {
			t.Errorf("FromFixed(ToFixed(%v)) = %v", v, got)
		}
	}
}

func TestToRemote(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   float64
		want int32
	}{
		{0, 0}, {0.5, 1}, {-0.5, -1}, {0.25, 1}, {-0.25, 0}, {0.24, 0}, {-0.26, -1}, {0.75, 2}, {-0.75, -1},
		{justBelowHalf / 2, 0}, {-justBelowHalf / 2, 0}, {100.25, 201},
		{1e10, math.MaxInt32}, {-1e10, math.MinInt32}, {math.Inf(1), math.MaxInt32}, {math.NaN(), 0},
	}
	for _, c := range cases {
		if got := netcode.ToRemote(c.in); got != c.want {
			t.Errorf("ToRemote(%v) = %d, want %d", c.in, got, c.want)
		}
	}
	if got := netcode.FromRemote(-3); got != -1.5 {
		t.Errorf("FromRemote(-3) = %v", got)
	}
}

// TestRemoteOf: others' positions round halves up to RemoteScale, exactly as
// ToRemote of the world position would; aim rounds to the nearest 1/256 turn
// and wraps; velocities and timers are dropped.
func TestRemoteOf(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		x    int32
		want int32
	}{
		{0, 0}, {3, 0}, {4, 1}, {11, 1}, {12, 2}, {-4, 0}, {-5, -1}, {-12, -1}, {-13, -2},
		{math.MaxInt32, 1 << 28}, {math.MinInt32, -1 << 28}, {math.MinInt32 + 4, -1<<28 + 1},
	} {
		if got := netcode.RemoteOf(&netcode.PlayerState{X: c.x, Y: -c.x}); got.X != c.want {
			t.Errorf("RemoteOf(x %d).X = %d, want %d", c.x, got.X, c.want)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		v := int32(rng.Uint32())
		if rng.IntN(2) == 0 {
			v = rng.Int32N(2001) - 1000
		}
		got := netcode.RemoteOf(&netcode.PlayerState{X: v, Y: v})
		want := netcode.ToRemote(netcode.FromFixed(v))
		ref := int32(math.Floor((float64(v) + 4) / 8))
		if got.X != want || got.Y != want || got.X != ref {
			t.Fatalf("RemoteOf(%d) = %d, ToRemote(FromFixed) = %d, floor((v+4)/8) = %d", v, got.X, want, ref)
		}
	}
	for _, c := range []struct {
		aim  uint16
		want uint8
	}{
		{0, 0}, {127, 0}, {128, 1}, {255, 1}, {383, 1}, {384, 2}, {16384, 64}, {32767, 128},
		{65407, 255}, {65408, 0}, {65535, 0},
	} {
		if got := netcode.RemoteAim(c.aim); got != c.want {
			t.Errorf("RemoteAim(%d) = %d, want %d", c.aim, got, c.want)
		}
	}
	s := netcode.PlayerState{
		ID: 9, X: 100, Y: -100, VX: 5, VY: 6, Aim: 16384, Health: 7, Flags: 255,
		RespawnTicks: 1, CooldownTicks: 2, ProtectTicks: 3, Kills: 4, Deaths: 5, Score: -6,
	}
	want := netcode.RemotePlayer{ID: 9, X: 13, Y: -12, Aim: 64, Health: 7, Flags: 255, Kills: 4, Deaths: 5, Score: -6}
	if got := netcode.RemoteOf(&s); got != want {
		t.Errorf("RemoteOf = %+v, want %+v", got, want)
	}
}

func TestPlayerStateOf(t *testing.T) {
	t.Parallel()
	p := &game.Player{
		ID: 7, Name: "Ada", Pos: game.Vec2{X: 100.5, Y: -3.0625}, Vel: game.Vec2{X: 260, Y: -0.125},
		Aim: 40000, Health: 75, Alive: true, RespawnTicks: 0, CooldownTicks: 12, ProtectTicks: 30,
		Kills: 3, Deaths: 4, Score: -2,
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
	q.Name = "keep"
	want.ApplyTo(&q)
	restored := *p
	restored.Name = "keep"
	if !reflect.DeepEqual(q, restored) {
		t.Errorf("ApplyTo = %+v\nwant %+v", q, restored)
	}
	dead := netcode.PlayerState{ID: 3, Health: 0, Flags: netcode.FlagProtected}
	q = game.Player{Alive: true, Health: 50}
	dead.ApplyTo(&q)
	if q.Alive || q.Health != 0 || q.ID != 3 {
		t.Errorf("ApplyTo(dead) = %+v", q)
	}

	// Out-of-range counters saturate instead of wrapping.
	wild := &game.Player{ID: 1, Health: 1000, RespawnTicks: -5, CooldownTicks: 1 << 20, ProtectTicks: 70000, Kills: -1, Deaths: math.MaxInt32, Score: -40000}
	got := netcode.PlayerStateOf(wild)
	if got.Health != 255 || got.RespawnTicks != 0 || got.CooldownTicks != math.MaxUint16 || got.ProtectTicks != math.MaxUint16 ||
		got.Kills != 0 || got.Deaths != math.MaxUint16 || got.Score != math.MinInt16 || got.Flags != netcode.FlagProtected {
		t.Errorf("PlayerStateOf(wild) = %+v", got)
	}
	wild = &game.Player{ID: 2, Health: -3, ProtectTicks: -1, Score: 40000, Pos: game.Vec2{X: math.NaN(), Y: 1e300}, Vel: game.Vec2{X: math.Inf(-1)}}
	got = netcode.PlayerStateOf(wild)
	if got.Health != 0 || got.Flags != 0 || got.ProtectTicks != 0 || got.Score != math.MaxInt16 ||
		got.X != 0 || got.Y != math.MaxInt32 || got.VX != math.MinInt32 {
		t.Errorf("PlayerStateOf(wild 2) = %+v", got)
	}
}

func TestShotOfAndCapture(t *testing.T) {
	t.Parallel()
	ev := game.Event{Kind: game.EventShot, Actor: 3, Target: 4, From: game.Vec2{X: 10, Y: 20.25}, To: game.Vec2{X: -1.25, Y: 900}}
	shot := netcode.ShotOf(77, ev)
	want := netcode.Event{Kind: netcode.EventShot, Tick: 77, Player: 3, Other: 4, FromX: 20, FromY: 41, ToX: -2, ToY: 1800}
	if shot != want {
		t.Errorf("ShotOf = %+v, want %+v", shot, want)
	}

	players := []*game.Player{{ID: 1, Alive: true, Health: 100}, {ID: 2, Pos: game.Vec2{X: 1, Y: 2}}, {ID: 9}}
	var f netcode.Frame
	netcode.Capture(&f, 10, players)
	if f.Tick != 10 || len(f.Players) != 3 || f.Players[1].X != 16 || f.Players[0].Flags != netcode.FlagAlive {
		t.Fatalf("Capture = %+v", f)
	}
	if p := f.Player(2); p == nil || p.Y != 32 {
		t.Errorf("Player(2) = %+v", p)
	}
	for _, id := range []game.PlayerID{0, 3, 8, 10, 65535} {
		if p := f.Player(id); p != nil {
			t.Errorf("Player(%d) = %+v, want nil", id, p)
		}
	}
	if f.Player(1) != &f.Players[0] || f.Player(9) != &f.Players[2] {
		t.Error("Player does not point into the frame")
	}
	// A second capture reuses the slice and drops what was there.
	pp := &f.Players[0]
	netcode.Capture(&f, 12, players[1:2])
	if f.Tick != 12 || len(f.Players) != 1 || &f.Players[0] != pp || f.Players[0].ID != 2 || f.Player(1) != nil {
		t.Errorf("second Capture = %+v", f)
	}
	netcode.Capture(&f, 13, nil)
	if len(f.Players) != 0 || f.Player(2) != nil {
		t.Errorf("empty Capture = %+v", f)
	}
}

func TestViewOfAndOther(t *testing.T) {
	t.Parallel()
	f := frameOf(40, netcode.PlayerState{ID: 1, X: 80, Aim: 999, Health: 5}, netcode.PlayerState{ID: 2, X: 16}, netcode.PlayerState{ID: 5, Y: -8})
	v := netcode.ViewOf(f, 1, []game.PlayerID{2, 3, 5}, 77) // 3 is not in the frame: left out
	want := netcode.View{Tick: 40, Self: 1, AckSeq: 77, Own: netcode.PlayerState{ID: 1, X: 80, Health: 5},
		Others: []netcode.RemotePlayer{{ID: 2, X: 2}, {ID: 5, Y: -1}}}
	if !sameView(&v, &want) {
		t.Errorf("ViewOf: %s", viewDiff(&v, &want))
	}
	if p := v.Other(5); p == nil || p.Y != -1 || p != &v.Others[1] {
		t.Errorf("Other(5) = %+v", p)
	}
	for _, id := range []game.PlayerID{0, 1, 3, 4, 6, 65535} {
		if p := v.Other(id); p != nil {
			t.Errorf("Other(%d) = %+v", id, p)
		}
	}
	if v := netcode.ViewOf(f, 9, nil, 0); v.Own != (netcode.PlayerState{}) || len(v.Others) != 0 || v.Self != 9 {
		t.Errorf("ViewOf(absent self) = %+v", v)
	}
}

func TestCloseCodeString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code netcode.CloseCode
		want string
	}{
		{netcode.CloseNormal, "normal closure"},
		{netcode.CloseGoingAway, "going away"},
		{netcode.CloseUnsupportedData, "unsupported data"},
		{netcode.ClosePolicyViolation, "policy violation"},
		{netcode.CloseTooBig, "message too big"},
		{netcode.CloseInternalError, "internal error"},
		{netcode.CloseTryAgainLater, "try again later"},
		{netcode.CloseBadMessage, "bad message"},
		{netcode.CloseProtocolViolation, "protocol violation"},
		{netcode.CloseVersionMismatch, "version mismatch"},
		{netcode.CloseSlowConsumer, "slow consumer"},
		{netcode.CloseHelloTimeout, "hello timeout"},
		{netcode.CloseIdleTimeout, "idle timeout"},
		{netcode.CloseResumeRefused, "resume refused"},
		{netcode.CloseReplaced, "replaced"},
		{4999, "unknown"},
		{0, "unknown"},
	}
	for _, tt := range tests {
		if got := tt.code.String(); got != tt.want {
			t.Errorf("CloseCode(%d).String() = %q, want %q", tt.code, got, tt.want)
		}
	}
	if netcode.CloseNormal != 1000 || netcode.CloseBadMessage != 4000 || netcode.CloseHelloTimeout != 4004 || netcode.CloseIdleTimeout != 4005 || netcode.CloseTooBig != 1009 {
		t.Error("close code values changed")
	}
}
