package model_test

import (
	"math"
	"slices"
	"testing"
	"time"

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

func TestKeyRepeatGoesByTheClock(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	ms := time.Millisecond
	// Updates every 10 ms (a 100 Hz display) while the key is held for
	// 560 ms: the press, then repeats at 400, 450, 500 and 550 ms.
	var k model.KeyRepeat
	var acted []time.Duration
	for d := time.Duration(0); d <= 560*ms; d += 10 * ms {
		if k.Update(true, t0.Add(d)) {
			acted = append(acted, d)
		}
	}
	want := []time.Duration{0, 400 * ms, 450 * ms, 500 * ms, 550 * ms}
	if !slices.Equal(acted, want) {
		t.Fatalf("acted at %v, want %v", acted, want)
	}

	// The same hold seen at 25 Hz repeats at the same pace.
	var slow model.KeyRepeat
	n := 0
	for d := time.Duration(0); d <= 560*ms; d += 40 * ms {
		if slow.Update(true, t0.Add(d)) {
			n++
		}
	}
	if n != len(want) {
		t.Fatalf("at 25 Hz the key acted %d times, want %d", n, len(want))
	}

	// Released and pressed again: it acts at once, and a stall of a
	// second while held makes one repeat, not twelve.
	k.Update(false, t0.Add(600*ms))
	if !k.Update(true, t0.Add(700*ms)) {
		t.Fatal("a new press did not act")
	}
	if k.Update(true, t0.Add(750*ms)) {
		t.Fatal("repeated before the delay")
	}
	if !k.Update(true, t0.Add(1700*ms)) || k.Update(true, t0.Add(1700*ms)) {
		t.Fatal("a stalled frame should act exactly once")
	}
}

func TestAimTrackerSensitivityTurnsByTheClock(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	for _, sens := range []float64{0.5, 1, 2} {
		a := model.AimTracker{Sensitivity: sens}
		// The stick takes over from the mouse: at once, pointing right.
		if got := a.UpdateAt(t0, 0, 0, 0, 0, 1, 0, true); !near(got, 0) {
			t.Fatalf("sens %v: take over: %v", sens, got)
		}
		// Pushed fully down for 50 ms: turns StickTurnRate*sens*0.05 rad.
		got := a.UpdateAt(t0.Add(50*time.Millisecond), 0, 0, 0, 0, 0, 1, true)
		want := min(model.StickTurnRate*sens*0.05, math.Pi/2)
		if !near(got, want) {
			t.Fatalf("sens %v: after 50 ms %v, want %v", sens, got, want)
		}
		// Held long enough, it arrives and stays there.
		got = a.UpdateAt(t0.Add(2*time.Second), 0, 0, 0, 0, 0, 1, true)
		if !near(got, math.Pi/2) {
			t.Fatalf("sens %v: arrived at %v", sens, got)
		}
	}
	// Half pushed turns half as fast; the short way round across ±π.
	a := model.AimTracker{Sensitivity: 1}
	a.UpdateAt(t0, 0, 0, 0, 0, -1, 0.01, true) // just below π
	got := a.UpdateAt(t0.Add(10*time.Millisecond), 0, 0, 0, 0, -0.3, -0.2, true)
	want := math.Remainder(math.Atan2(0.01, -1)+model.StickTurnRate*math.Hypot(0.3, 0.2)*0.01, 2*math.Pi)
	if !near(got, want) || got > 0 {
		t.Fatalf("across π: %v, want %v (the short way)", got, want)
	}
}

func TestWeaponPicker(t *testing.T) {
	t.Parallel()
	var w model.WeaponPicker
	if b := w.Buttons(0, 0); b != 0 {
		t.Fatalf("no press: %v", b)
	}
	// A switch from the blaster asks for the rocket, the next for the blaster.
	if b := w.Buttons(1, 0); b != game.ButtonRocket {
		t.Fatalf("switch from blaster: %v", b)
	}
	if b := w.Buttons(-1, 0); b != game.ButtonBlaster {
		t.Fatalf("switch back: %v", b)
	}
	// The game says the rocket launcher ran dry: the player holds the
	// blaster, so a switch asks for the rocket again.
	w.Observe(game.WeaponRocket)
	w.Observe(game.WeaponBlaster)
	if b := w.Buttons(1, 0); b != game.ButtonRocket {
		t.Fatalf("switch after observing the blaster: %v", b)
	}
	// Picks by number win over a switch.
	if b := w.Buttons(1, 2); b != game.ButtonRocket {
		t.Fatalf("pick 2: %v", b)
	}
	if b := w.Buttons(0, 1); b != game.ButtonBlaster {
		t.Fatalf("pick 1: %v", b)
	}
	// The buttons reach the input; other bits of WeaponButtons do not.
	in := model.Controls{WeaponButtons: game.ButtonRocket | game.ButtonFire}.Input(0)
	if in.Buttons != game.ButtonRocket {
		t.Fatalf("input buttons %v, want only the rocket's", in.Buttons)
	}
	in = model.Controls{Fire: true, WeaponButtons: game.ButtonBlaster}.Input(0)
	if !in.Fire() || in.Buttons&game.ButtonBlaster == 0 {
		t.Fatalf("fire and blaster: %v", in.Buttons)
	}
}
