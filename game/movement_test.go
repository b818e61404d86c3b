package game_test

import (
	"math"
	"testing"

	"arena/game"
)

const dt = 1.0 / game.DefaultTickRate

func TestMoveAccelerates(t *testing.T) {
	t.Parallel()
	m := openMap(t)
	tests := []struct {
		name      string
		in        game.Input
		wantSpeed float64 // after half a second
		wantDir   game.Vec2
	}{
		{"right", game.Input{MoveX: 127}, game.MaxSpeed, game.Vec2{X: 1}},
		{"up", game.Input{MoveY: -127}, game.MaxSpeed, game.Vec2{Y: -1}},
		{"diagonal clamped", game.Input{MoveX: 127, MoveY: 127}, game.MaxSpeed, game.Vec2{X: math.Sqrt2 / 2, Y: math.Sqrt2 / 2}},
		{"half stick", game.Input{MoveX: -64}, game.MaxSpeed * 64 / 127, game.Vec2{X: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &game.Player{Pos: game.Vec2{X: 320, Y: 160}}
			game.MovePlayer(m, p, tt.in, dt)
			if got, want := p.Vel.Len(), game.Acceleration*dt; math.Abs(got-want) > 0.1 {
				t.Errorf("speed after one tick = %v, want %v", got, want)
			}
			prev := p.Vel.Len()
			for range 29 {
				game.MovePlayer(m, p, tt.in, dt)
				if s := p.Vel.Len(); s < prev-1e-9 || s > game.MaxSpeed+0.1 {
					t.Fatalf("speed went %v -> %v (max %v)", prev, s, game.MaxSpeed)
				}
				prev = p.Vel.Len()
			}
			if got := p.Vel.Len(); math.Abs(got-tt.wantSpeed) > 0.1 {
				t.Errorf("speed after half a second = %v, want %v", got, tt.wantSpeed)
			}
			if dir := p.Vel.Scale(1 / p.Vel.Len()); dir.Dist(tt.wantDir) > 1e-3 {
				t.Errorf("direction = %v, want %v", dir, tt.wantDir)
			}
			if p.Pos == (game.Vec2{X: 320, Y: 160}) {
				t.Error("did not move")
			}
		})
	}
}

func TestMoveFrictionStops(t *testing.T) {
	t.Parallel()
	m := openMap(t)
	p := &game.Player{Pos: game.Vec2{X: 100, Y: 160}, Vel: game.Vec2{X: game.MaxSpeed}}
	for range 60 {
		game.MovePlayer(m, p, game.Input{}, dt)
	}
	if p.Vel != (game.Vec2{}) {
		t.Fatalf("velocity after a second idle = %v, want 0", p.Vel)
	}
	pos := p.Pos
	game.MovePlayer(m, p, game.Input{}, dt)
	if p.Pos != pos {
		t.Errorf("idle player moved from %v to %v", pos, p.Pos)
	}
	if p.Pos.X <= 100 || p.Pos.X > 100+game.MaxSpeed {
		t.Errorf("slid to x=%v, want a short glide from 100", p.Pos.X)
	}
}

func TestMoveQuantized(t *testing.T) {
	t.Parallel()
	m := openMap(t)
	p := &game.Player{Pos: game.Vec2{X: 100, Y: 160}}
	for i := range 200 {
		game.MovePlayer(m, p, game.MakeInput(math.Cos(float64(i)), math.Sin(float64(i)*0.7), 0, false), dt)
		for _, v := range []float64{p.Pos.X, p.Pos.Y, p.Vel.X, p.Vel.Y} {
			if game.Quantize(v) != v {
				t.Fatalf("tick %d: %v is off the 1/%d grid", i, v, game.QuantumPerUnit)
			}
		}
	}
}

// TestMoveCannotLeaveEnclosure runs a player into a closed ring of 32-unit
// walls at every angle and at tick lengths up to a full second (260 units per
// step, eight wall thicknesses): it must never overlap a wall or get out.
func TestMoveCannotLeaveEnclosure(t *testing.T) {
	t.Parallel()
	m := parse(t,
		"............",
		"............",
		"............",
		"...######...",
		"...#....#...",
		"...#.S..#...",
		"...#....#...",
		"...#....#...",
		"...######...",
		"............",
		"............",
		"............",
	)
	inside := game.Rect{Min: game.Vec2{X: 4*32 + game.PlayerRadius, Y: 4*32 + game.PlayerRadius}, Max: game.Vec2{X: 8*32 - game.PlayerRadius, Y: 8*32 - game.PlayerRadius}}
	for _, step := range []float64{dt, 0.1, 0.5, 1} {
		for deg := 0; deg < 360; deg += 5 {
			a := float64(deg) * math.Pi / 180
			p := &game.Player{Pos: m.Spawns[0]}
			in := game.MakeInput(math.Cos(a), math.Sin(a), 0, false)
			for tick := range 90 {
				if tick == 45 { // turn around the other way, along the walls
					in = game.MakeInput(math.Sin(a), -math.Cos(a), 0, false)
				}
				game.MovePlayer(m, p, in, step)
				if m.Blocked(p.Pos, game.PlayerRadius) ||
					p.Pos.X < inside.Min.X || p.Pos.X > inside.Max.X || p.Pos.Y < inside.Min.Y || p.Pos.Y > inside.Max.Y {
					t.Fatalf("dt %v angle %d° tick %d: player at %v, want inside %v and clear of walls", step, deg, tick, p.Pos, inside)
				}
			}
		}
	}
}

func TestMoveSlidesAlongWall(t *testing.T) {
	t.Parallel()
	m := parse(t,
		"....................",
		"....................",
		"....................",
		"####################",
		"....................",
		"...S................",
		"....................",
	)
	wallBottom := 4.0 * 32
	tests := []struct {
		name string
		in   game.Input
		dirX float64
	}{
		{"up-right", game.Input{MoveX: 90, MoveY: -90}, 1},
		{"up-left", game.Input{MoveX: -90, MoveY: -90}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &game.Player{Pos: game.Vec2{X: 320, Y: wallBottom + 40}}
			for range 30 {
				game.MovePlayer(m, p, tt.in, dt)
			}
			if want := wallBottom + game.PlayerRadius; p.Pos.Y != want {
				t.Errorf("y = %v, want resting against the wall at %v", p.Pos.Y, want)
			}
			if p.Vel.Y != 0 {
				t.Errorf("vel.y = %v against the wall, want 0", p.Vel.Y)
			}
			x := p.Pos.X
			for range 10 {
				game.MovePlayer(m, p, tt.in, dt)
			}
			if moved := (p.Pos.X - x) * tt.dirX; moved < 20 {
				t.Errorf("slid %v units along the wall in 10 ticks, want > 20", moved)
			}
		})
	}
}

func TestMoveMapBounds(t *testing.T) {
	t.Parallel()
	m := openMap(t)
	r := game.PlayerRadius
	tests := []struct {
		name string
		in   game.Input
		want func(game.Vec2) bool
	}{
		{"left", game.Input{MoveX: -127}, func(p game.Vec2) bool { return p.X == r }},
		{"right", game.Input{MoveX: 127}, func(p game.Vec2) bool { return p.X == m.Width-r }},
		{"up", game.Input{MoveY: -127}, func(p game.Vec2) bool { return p.Y == r }},
		{"down", game.Input{MoveY: 127}, func(p game.Vec2) bool { return p.Y == m.Height-r }},
		{"corner", game.Input{MoveX: -127, MoveY: 127}, func(p game.Vec2) bool { return p.X == r && p.Y == m.Height-r }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &game.Player{Pos: game.Vec2{X: 320, Y: 160}}
			for range 300 {
				game.MovePlayer(m, p, tt.in, dt)
				if m.Blocked(p.Pos, r) {
					t.Fatalf("player at %v is outside the map", p.Pos)
				}
			}
			if !tt.want(p.Pos) {
				t.Errorf("stopped at %v, want against the edge", p.Pos)
			}
		})
	}
}

func TestQuantize(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want float64 }{
		{0, 0}, {1, 1}, {1.03, 1}, {1.04, 1.0625}, {-1.04, -1.0625}, {100.5, 100.5}, {1.0 / 32, 0.0625},
	}
	for _, tt := range tests {
		if got := game.Quantize(tt.in); got != tt.want {
			t.Errorf("Quantize(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
