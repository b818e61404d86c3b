package model_test

import (
	"math"
	"testing"

	"arena/client/ui/model"
	"arena/game"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestMoveVector(t *testing.T) {
	t.Parallel()
	d := math.Sqrt2 / 2
	tests := []struct {
		name                  string
		up, down, left, right bool
		x, y                  float64
	}{
		{"none", false, false, false, false, 0, 0},
		{"up", true, false, false, false, 0, -1},
		{"down", false, true, false, false, 0, 1},
		{"left", false, false, true, false, -1, 0},
		{"right", false, false, false, true, 1, 0},
		{"up right", true, false, false, true, d, -d},
		{"down left", false, true, true, false, -d, d},
		{"opposite cancel", true, true, false, false, 0, 0},
		{"three keys", true, true, false, true, 1, 0},
		{"all four", true, true, true, true, 0, 0},
	}
	for _, tt := range tests {
		x, y := model.MoveVector(tt.up, tt.down, tt.left, tt.right)
		if !near(x, tt.x) || !near(y, tt.y) {
			t.Errorf("%s: MoveVector = (%v, %v), want (%v, %v)", tt.name, x, y, tt.x, tt.y)
		}
	}
}

func TestMoveVectorMakesFullSpeedInput(t *testing.T) {
	t.Parallel()
	x, y := model.MoveVector(false, false, false, true)
	in := model.Controls{MoveX: x, MoveY: y, Fire: true}.Input(0)
	if in.MoveX != 127 || in.MoveY != 0 || !in.Fire() {
		t.Errorf("input = %+v, want MoveX 127, MoveY 0, fire", in)
	}
}

func TestAimAngle(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		px, py, cx, cy float64
		want           float64
		ok             bool
	}{
		{"right", 100, 100, 200, 100, 0, true},
		{"down (screen +Y)", 100, 100, 100, 300, math.Pi / 2, true},
		{"left", 100, 100, 0, 100, math.Pi, true},
		{"up", 100, 100, 100, 0, -math.Pi / 2, true},
		{"on the player", 100, 100, 100, 100, 0, false},
	}
	for _, tt := range tests {
		got, ok := model.AimAngle(tt.px, tt.py, tt.cx, tt.cy)
		if ok != tt.ok || (ok && !near(got, tt.want)) {
			t.Errorf("%s: AimAngle = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
	// Up is a quarter turn counter-clockwise on screen: 3/4 of a turn in the wire's encoding.
	rad, _ := model.AimAngle(0, 0, 0, -10)
	if got := game.AngleToAim(rad); got != 49152 {
		t.Errorf("AngleToAim(up) = %d, want 49152", got)
	}
}

func TestStick(t *testing.T) {
	t.Parallel()
	if _, _, ok := model.Stick(0.1, -0.1); ok {
		t.Error("a stick inside the dead zone counted")
	}
	if x, y, ok := model.Stick(0.5, 0); !ok || x != 0.5 || y != 0 {
		t.Errorf("model.Stick(0.5, 0) = %v, %v, %v", x, y, ok)
	}
	if x, y, ok := model.Stick(1, 1); !ok || !near(math.Hypot(x, y), 1) {
		t.Errorf("model.Stick(1, 1) = %v, %v, %v; want length 1", x, y, ok)
	}
	if _, _, ok := model.Stick(math.NaN(), 0); ok {
		t.Error("NaN axis counted")
	}
	if x, y := model.AddMove(1, 0, 0, 1); !near(math.Hypot(x, y), 1) {
		t.Errorf("AddMove length = %v, want 1", math.Hypot(x, y))
	}
}

func TestAimTracker(t *testing.T) {
	t.Parallel()
	var a model.AimTracker
	// The mouse aims from the player.
	if got := a.Update(100, 100, 200, 100, 0, 0, false); !near(got, 0) {
		t.Fatalf("mouse right: %v", got)
	}
	// The player moves under a still cursor: the aim follows.
	if got := a.Update(200, 200, 200, 100, 0, 0, false); !near(got, -math.Pi/2) {
		t.Fatalf("player below a still cursor: %v, want -π/2", got)
	}
	// The stick takes over while pushed.
	if got := a.Update(200, 200, 200, 100, -1, 0, true); !near(got, math.Pi) {
		t.Fatalf("stick left: %v, want π", got)
	}
	// Released stick, still mouse: the stick's angle stays even as the player moves.
	if got := a.Update(300, 300, 200, 100, 0, 0, false); !near(got, math.Pi) {
		t.Fatalf("after stick: %v, want π kept", got)
	}
	// Moving the mouse gives it back the aim.
	if got := a.Update(300, 300, 400, 300, 0, 0, false); !near(got, 0) {
		t.Fatalf("mouse moved: %v, want 0", got)
	}
	// Cursor on the player: the last aim stays.
	if got := a.Update(400, 300, 400, 300, 0, 0, false); !near(got, 0) {
		t.Fatalf("cursor on player: %v, want 0 kept", got)
	}
}

func TestKeyRepeats(t *testing.T) {
	t.Parallel()
	var fired []int
	for d := 0; d <= 33; d++ {
		if model.KeyRepeats(d) {
			fired = append(fired, d)
		}
	}
	want := []int{1, 24, 27, 30, 33}
	if len(fired) != len(want) {
		t.Fatalf("repeats at %v, want %v", fired, want)
	}
	for i := range want {
		if fired[i] != want[i] {
			t.Fatalf("repeats at %v, want %v", fired, want)
		}
	}
}
