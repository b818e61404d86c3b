package model_test

import (
	"math"
	"testing"

	"arena/client/ui/model"
)

const touchW = 1280

func TestTouchLeftStickMoves(t *testing.T) {
	t.Parallel()
	var ts model.TouchSticks
	if ts.Seen {
		t.Fatal("seen before any touch")
	}
	// Down at (200, 500): the stick is centred there and reads nothing.
	c := ts.Update([]model.Touch{{ID: 1, X: 200, Y: 500}}, touchW)
	if !ts.Seen || !ts.Left.Active || ts.Right.Active || c.MoveX != 0 || c.MoveY != 0 {
		t.Fatalf("after touch down: %+v %+v", ts, c)
	}
	// Within the dead zone: still nothing.
	c = ts.Update([]model.Touch{{ID: 1, X: 200 + model.TouchStickRadius*model.TouchDeadzone*0.9, Y: 500}}, touchW)
	if c.MoveX != 0 {
		t.Fatalf("dead zone: %+v", c)
	}
	// Half way right.
	c = ts.Update([]model.Touch{{ID: 1, X: 200 + model.TouchStickRadius/2, Y: 500}}, touchW)
	if !near(c.MoveX, 0.5) || c.MoveY != 0 {
		t.Fatalf("half right: %+v", c)
	}
	// Far beyond the radius, up: clamped to length 1, knob on the rim.
	c = ts.Update([]model.Touch{{ID: 1, X: 200, Y: 100}}, touchW)
	if !near(c.MoveY, -1) || c.MoveX != 0 || !near(ts.Left.KnobY, 500-model.TouchStickRadius) {
		t.Fatalf("clamped: %+v knob %v", c, ts.Left.KnobY)
	}
	// The finger wanders to the right half: it still owns the left stick.
	c = ts.Update([]model.Touch{{ID: 1, X: 1000, Y: 500}}, touchW)
	if !ts.Left.Active || ts.Right.Active || !near(c.MoveX, 1) || c.AimOK {
		t.Fatalf("wandered: %+v %+v", ts, c)
	}
	// Lifted: released, nothing moves.
	c = ts.Update(nil, touchW)
	if ts.Left.Active || c != (model.TouchControls{}) || !ts.Seen {
		t.Fatalf("released: %+v %+v", ts, c)
	}
}

func TestTouchRightStickAimsAndFires(t *testing.T) {
	t.Parallel()
	var ts model.TouchSticks
	ts.Update([]model.Touch{{ID: 7, X: 1000, Y: 400}}, touchW)
	// Pushed a little down: aims down, does not fire.
	c := ts.Update([]model.Touch{{ID: 7, X: 1000, Y: 400 + model.TouchStickRadius*0.4}}, touchW)
	if !c.AimOK || c.Fire || !near(math.Atan2(c.AimY, c.AimX), math.Pi/2) {
		t.Fatalf("aim down: %+v", c)
	}
	// Past the threshold: fires.
	c = ts.Update([]model.Touch{{ID: 7, X: 1000 - model.TouchStickRadius*0.8, Y: 400}}, touchW)
	if !c.AimOK || !c.Fire || !near(math.Atan2(c.AimY, c.AimX), math.Pi) {
		t.Fatalf("aim left and fire: %+v", c)
	}
}

func TestTouchTwoFingers(t *testing.T) {
	t.Parallel()
	var ts model.TouchSticks
	// Both sticks at once, in either order; a third finger does nothing.
	ts.Update([]model.Touch{{ID: 2, X: 1100, Y: 300}, {ID: 1, X: 100, Y: 300}}, touchW)
	c := ts.Update([]model.Touch{
		{ID: 1, X: 100 + model.TouchStickRadius, Y: 300},
		{ID: 2, X: 1100, Y: 300 - model.TouchStickRadius},
		{ID: 3, X: 120, Y: 320},
	}, touchW)
	if !near(c.MoveX, 1) || !c.Fire || !near(c.AimY, -1) || ts.Left.Owner != 1 || ts.Right.Owner != 2 {
		t.Fatalf("two sticks: %+v %+v", ts, c)
	}
	// The left finger lifts and the third stays: the third does not take
	// over (it went down elsewhere), until it lifts and comes back.
	c = ts.Update([]model.Touch{{ID: 2, X: 1100, Y: 300}, {ID: 3, X: 120, Y: 320}}, touchW)
	if c.MoveX != 0 || c.MoveY != 0 {
		t.Fatalf("third finger moved: %+v", c)
	}
	// A new finger does take the free left stick.
	ts.Update([]model.Touch{{ID: 2, X: 1100, Y: 300}, {ID: 4, X: 300, Y: 300}}, touchW)
	if !ts.Left.Active || ts.Left.Owner != 4 {
		t.Fatalf("new finger: %+v", ts.Left)
	}
}

func TestTouchWeaponButton(t *testing.T) {
	t.Parallel()
	ts := model.TouchSticks{Button: model.Rect{X: 1100, Y: 600, W: 80, H: 80}}
	c := ts.Update([]model.Touch{{ID: 5, X: 1120, Y: 620}}, touchW)
	if !c.SwitchWeapon || ts.Right.Active {
		t.Fatalf("tap on button: %+v %+v", c, ts)
	}
	// Held: one switch per tap, and it does not become a stick.
	for i := 0; i < 3; i++ {
		c = ts.Update([]model.Touch{{ID: 5, X: 1130, Y: 630}}, touchW)
		if c.SwitchWeapon || ts.Right.Active {
			t.Fatalf("held button, update %d: %+v", i, c)
		}
	}
	ts.Update(nil, touchW)
	if c = ts.Update([]model.Touch{{ID: 6, X: 1120, Y: 620}}, touchW); !c.SwitchWeapon {
		t.Fatal("second tap did not switch")
	}
}
