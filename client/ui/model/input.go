package model

// The player's intent from raw device state (Ebiten's examples/2048 input.go
// style); package ui reads the devices and calls these.

import (
	"math"
	"time"

	"arena/game"
)

// StickDeadzone is how far a gamepad stick must move before it counts.
const StickDeadzone = 0.25

// Controls is one tick of the player's intent, before quantization.
type Controls struct {
	MoveX, MoveY float64 // each in [-1, 1], length <= 1
	Fire         bool
	// SwitchWeapon is +1 for the next weapon, -1 for the previous, 0 to
	// keep (gamepad bumpers, the touch weapon button, Q and E); a
	// WeaponPicker turns it into WeaponButtons.
	SwitchWeapon int
	// WeaponButtons are the game's weapon buttons for this input
	// (game.ButtonBlaster, game.ButtonRocket), from a WeaponPicker.
	WeaponButtons game.Buttons
}

// Input returns c as a game.Input aiming at aim radians.
func (c Controls) Input(aim float64) game.Input {
	in := game.MakeInput(c.MoveX, c.MoveY, aim, c.Fire)
	in.Buttons |= c.WeaponButtons & (game.ButtonBlaster | game.ButtonRocket)
	return in
}

// WeaponPicker turns weapon presses into the game's weapon buttons: a
// switch (next or previous: with two weapons, the other one) or a pick by
// number (1 the blaster, 2 the rocket launcher) becomes the button of that
// weapon on one input, which the game keeps as the weapon from then on
// (game.ButtonRocket is ignored without rockets). Which weapon is held is
// what Observe last said (the match tells it the local player's weapon
// every frame), or else the last one picked.
type WeaponPicker struct {
	current game.Weapon
}

// Observe tells the picker the weapon the player holds, as the game says.
func (w *WeaponPicker) Observe(current game.Weapon) { w.current = current }

// Buttons returns this input's weapon buttons for a switch by dir (+1,
// -1, 0) or a pick of weapon slot pick (1, 2; 0 none; a pick wins).
func (w *WeaponPicker) Buttons(dir, pick int) game.Buttons {
	want := w.current
	switch {
	case pick == 1:
		want = game.WeaponBlaster
	case pick == 2:
		want = game.WeaponRocket
	case dir != 0 && w.current == game.WeaponRocket:
		want = game.WeaponBlaster
	case dir != 0:
		want = game.WeaponRocket
	default:
		return 0
	}
	w.current = want
	if want == game.WeaponRocket {
		return game.ButtonRocket
	}
	return game.ButtonBlaster
}

// MoveVector returns the unit movement direction for the held direction keys;
// opposite keys cancel, diagonals are normalized.
func MoveVector(up, down, left, right bool) (x, y float64) {
	if left {
		x--
	}
	if right {
		x++
	}
	if up {
		y--
	}
	if down {
		y++
	}
	if x != 0 && y != 0 {
		x, y = x*math.Sqrt2/2, y*math.Sqrt2/2
	}
	return x, y
}

// Stick applies the dead zone to a stick's axes and caps its length at 1;
// ok is false inside the dead zone.
func Stick(x, y float64) (sx, sy float64, ok bool) {
	l := math.Hypot(x, y)
	if l < StickDeadzone || math.IsNaN(l) {
		return 0, 0, false
	}
	if l > 1 {
		x, y = x/l, y/l
	}
	return x, y, true
}

// AddMove adds two movement vectors and caps the length at 1.
func AddMove(ax, ay, bx, by float64) (x, y float64) {
	x, y = ax+bx, ay+by
	if l := math.Hypot(x, y); l > 1 {
		x, y = x/l, y/l
	}
	return x, y
}

// AimAngle returns the screen-space angle from the player at (px, py) to the
// point (cx, cy); ok is false when they coincide (keep the previous aim).
func AimAngle(px, py, cx, cy float64) (rad float64, ok bool) {
	dx, dy := cx-px, cy-py
	if dx == 0 && dy == 0 {
		return 0, false
	}
	return math.Atan2(dy, dx), true
}

// aimDevice says which device aims.
type aimDevice uint8

const (
	aimMouse aimDevice = iota
	aimStick
)

// AimTracker follows whichever device the player last used to aim: the mouse
// aims from the player's screen position every tick (the player moves under
// a still cursor), a gamepad's right stick aims while it is pushed and keeps
// its last angle after.
//
// Sensitivity, when not 0, makes a stick turn the aim toward where it
// points at StickTurnRate times Sensitivity times how far it is pushed
// instead of at once (UpdateAt): fine aim with a half-pushed stick.
type AimTracker struct {
	Sensitivity float64

	device     aimDevice
	angle      float64
	cx, cy     float64 // last cursor position
	seenCursor bool
	last       time.Time // the previous UpdateAt's instant
}

// StickTurnRate is how fast, in radians a second, a fully pushed stick
// turns the aim at Sensitivity 1: half a turn in a quarter of a second.
const StickTurnRate = 4 * math.Pi

// Update returns the aim for this tick given the cursor and the player's
// screen position and the right stick (stickOK when out of its dead zone).
// A stick sets the angle at once.
func (a *AimTracker) Update(px, py, cx, cy float64, sx, sy float64, stickOK bool) float64 {
	return a.UpdateAt(time.Time{}, px, py, cx, cy, sx, sy, stickOK)
}

// UpdateAt is Update at the instant now, so that with a Sensitivity a
// stick turns the aim by the time since the previous update. The zero now
// sets the angle at once, as Update does.
func (a *AimTracker) UpdateAt(now time.Time, px, py, cx, cy float64, sx, sy float64, stickOK bool) float64 {
	moved := !a.seenCursor || cx != a.cx || cy != a.cy
	a.cx, a.cy, a.seenCursor = cx, cy, true
	dt := now.Sub(a.last).Seconds()
	if a.last.IsZero() || now.IsZero() || dt < 0 {
		dt = -1 // no previous instant: turn at once
	}
	a.last = now
	switch {
	case stickOK:
		target := math.Atan2(sy, sx)
		if a.device != aimStick || a.Sensitivity <= 0 || dt < 0 {
			a.angle = target // taking over from the mouse: aim at once
		} else {
			a.angle = turnToward(a.angle, target, StickTurnRate*a.Sensitivity*min(math.Hypot(sx, sy), 1)*dt)
		}
		a.device = aimStick
	case moved:
		a.device = aimMouse
	}
	if a.device == aimMouse {
		if rad, ok := AimAngle(px, py, cx, cy); ok {
			a.angle = rad
		}
	}
	return a.angle
}

// turnToward returns from turned toward to by at most step radians, the
// short way round, in (-π, π].
func turnToward(from, to, step float64) float64 {
	d := math.Remainder(to-from, 2*math.Pi)
	if math.Abs(d) <= step {
		return to
	}
	return math.Remainder(from+math.Copysign(step, d), 2*math.Pi)
}

// Key repeat of a held key (Backspace on the desktop; the browser repeats
// keys itself): it acts at once, then after KeyRepeatDelay every
// KeyRepeatInterval. It goes by the clock, not by counting updates, so it
// repeats at the same pace on a 60 Hz and a 144 Hz display.
const (
	KeyRepeatDelay    = 400 * time.Millisecond
	KeyRepeatInterval = 50 * time.Millisecond
)

// KeyRepeat follows one key's presses and repeats.
type KeyRepeat struct {
	held  bool
	since time.Time // when it went down
	acted int       // repeats due since, counting the press
}

// Update says whether a key that is held (or not) acts at now: on the
// update it goes down, then at each repeat. It acts at most once per
// update, so a stalled frame does not make a burst of repeats.
func (k *KeyRepeat) Update(held bool, now time.Time) bool {
	switch {
	case !held:
		k.held = false
		return false
	case !k.held:
		k.held, k.since, k.acted = true, now, 1
		return true
	}
	due := 1
	if d := now.Sub(k.since); d >= KeyRepeatDelay {
		due += 1 + int((d-KeyRepeatDelay)/KeyRepeatInterval)
	}
	if due <= k.acted {
		return false
	}
	k.acted = due
	return true
}
