package client

// Interpolation is tested inside the package: arrival times are chosen, not
// measured.

import (
	"math"
	"testing"
	"time"

	"arena/game"
	"arena/netcode"
)

func TestInterpolationLerpsBetweenBracketingSnapshots(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	interval := time.Second / 30
	var b snapshotBuffer
	snap := func(tick uint32, x, y float64, aim float64, flags uint8) *netcode.View {
		return &netcode.View{Tick: tick, Self: 1,
			Own: netcode.PlayerState{ID: 1, X: netcode.ToFixed(500), Y: netcode.ToFixed(500), Flags: netcode.FlagAlive, Health: 100},
			Others: []netcode.RemotePlayer{
				{ID: 2, X: netcode.ToRemote(x), Y: netcode.ToRemote(y), Aim: netcode.RemoteAim(game.AngleToAim(aim)), Flags: flags, Health: 50},
			}}
	}
	alive := netcode.FlagAlive
	b.push(snap(10, 100, 200, 350*math.Pi/180, alive), t0)
	b.push(snap(12, 110, 180, 10*math.Pi/180, alive), t0.Add(interval))
	b.push(snap(14, 120, 160, 30*math.Pi/180, alive), t0.Add(2*interval))
	names := map[game.PlayerID]string{1: "me", 2: "you"}

	tests := []struct {
		name     string
		at       time.Time
		wantX    float64
		wantY    float64
		wantAim  float64 // degrees
		wantTick uint32
	}{
		{"quarter between first two", t0.Add(interval / 4), 102.5, 195, 355, 10},
		{"half between first two (aim wraps through 0)", t0.Add(interval / 2), 105, 190, 0, 11},
		{"half between last two", t0.Add(interval + interval/2), 115, 170, 20, 13},
		{"before the oldest clamps to it", t0.Add(-time.Second), 100, 200, 350, 10},
		{"after the newest clamps to it (no extrapolation)", t0.Add(time.Hour), 120, 160, 30, 14},
	}
	delay := 2 * interval
	for _, tt := range tests {
		views, tick := b.appendViews(nil, tt.at.Add(delay), delay, 1, names, 60)
		if len(views) != 2 {
			t.Fatalf("%s: %d views", tt.name, len(views))
		}
		me, you := views[0], views[1]
		if !me.Local || me.Name != "me" || me.Pos != (game.Vec2{X: 500, Y: 500}) {
			t.Errorf("%s: local %+v", tt.name, me)
		}
		if you.Local || you.Name != "you" {
			t.Errorf("%s: other %+v", tt.name, you)
		}
		if math.Abs(you.Pos.X-tt.wantX) > 1e-6 || math.Abs(you.Pos.Y-tt.wantY) > 1e-6 {
			t.Errorf("%s: pos %v, want (%v, %v)", tt.name, you.Pos, tt.wantX, tt.wantY)
		}
		wantAim := math.Mod(tt.wantAim+360, 360) * math.Pi / 180
		if d := math.Abs(math.Remainder(you.Aim-wantAim, 2*math.Pi)); d > 2*math.Pi/256 { // sent in 1/256 turn
			t.Errorf("%s: aim %.2f°, want %.2f°", tt.name, you.Aim*180/math.Pi, tt.wantAim)
		}
		if you.Aim < 0 || you.Aim >= 2*math.Pi {
			t.Errorf("%s: aim %v outside [0, 2π)", tt.name, you.Aim)
		}
		if tick != tt.wantTick {
			t.Errorf("%s: render tick %d, want %d", tt.name, tick, tt.wantTick)
		}
	}
}

func TestInterpolationDoesNotSmoothTeleports(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	var b snapshotBuffer
	b.push(&netcode.View{Tick: 10, Others: []netcode.RemotePlayer{{ID: 2, X: netcode.ToRemote(100), Flags: netcode.FlagAlive}}}, t0)
	b.push(&netcode.View{Tick: 12, Others: []netcode.RemotePlayer{{ID: 2, X: netcode.ToRemote(1000), Flags: netcode.FlagAlive}}}, t0.Add(time.Second/30))
	views, _ := b.appendViews(nil, t0.Add(time.Second/120), 0, 1, nil, 60)
	if len(views) != 1 || (views[0].Pos.X != 100 && views[0].Pos.X != 1000) {
		t.Fatalf("teleport interpolated: %+v", views)
	}
}

func TestLerpAngleShortWay(t *testing.T) {
	t.Parallel()
	deg := math.Pi / 180
	tests := []struct{ a, b, t, want float64 }{
		{350 * deg, 10 * deg, 0.5, 0},
		{10 * deg, 350 * deg, 0.5, 0},
		{10 * deg, 350 * deg, 0.75, 355 * deg},
		{90 * deg, 180 * deg, 0.5, 135 * deg},
		{0, math.Pi - 0.01, 1, math.Pi - 0.01},
	}
	for _, tt := range tests {
		got := lerpAngle(tt.a, tt.b, tt.t)
		if d := math.Abs(math.Remainder(got-tt.want, 2*math.Pi)); d > 1e-9 {
			t.Errorf("lerpAngle(%.1f°, %.1f°, %v) = %.3f°, want %.3f°", tt.a/deg, tt.b/deg, tt.t, got/deg, tt.want/deg)
		}
	}
}
