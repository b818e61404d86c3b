package model

// Touch controls for phones: two virtual sticks and a weapon button. A
// finger put down on the left half of the screen becomes the left stick
// (it moves), one on the right half the right stick (it aims, and fires
// when pushed past FireThreshold); a tap on the weapon button switches
// weapons. A stick is centred where its finger went down and follows only
// that finger until it lifts.

import "math"

// Touch stick geometry and feel, in logical pixels and stick units.
const (
	TouchStickRadius = 90   // how far from its centre a stick reads full
	TouchDeadzone    = 0.15 // of the radius: closer to the centre reads nothing
	FireThreshold    = 0.6  // of the radius: the right stick fires beyond it
)

// Touch is one finger on the screen this update (Ebiten's TouchID and
// position, in logical pixels).
type Touch struct {
	ID   int
	X, Y float64
}

// VirtualStick is one on-screen stick while a finger holds it.
type VirtualStick struct {
	Active           bool
	Owner            int     // the touch that holds it
	CenterX, CenterY float64 // where the finger went down
	KnobX, KnobY     float64 // the finger, clamped to TouchStickRadius: where to draw the knob
}

// Value returns the stick's deflection: x, y within the unit circle, the
// dead zone applied; ok is false when inactive or within the dead zone.
func (s *VirtualStick) Value() (x, y float64, ok bool) {
	if !s.Active {
		return 0, 0, false
	}
	x, y = (s.KnobX-s.CenterX)/TouchStickRadius, (s.KnobY-s.CenterY)/TouchStickRadius
	if math.Hypot(x, y) < TouchDeadzone {
		return 0, 0, false
	}
	return x, y, true
}

// TouchControls are the player's intent from the touch screen this update.
type TouchControls struct {
	MoveX, MoveY float64 // the left stick, length <= 1
	AimX, AimY   float64 // the right stick's direction when AimOK
	AimOK        bool
	Fire         bool // the right stick is pushed past FireThreshold
	SwitchWeapon bool // the weapon button was tapped (once per tap)
}

// TouchSticks follows the fingers on the screen.
type TouchSticks struct {
	Left, Right VirtualStick
	// Button is the weapon button's area; the zero Rect has none.
	Button Rect
	// Seen is set once any touch happened: the touch controls are drawn
	// from then on, and not on a desktop that never had one.
	Seen bool

	buttonOwner int  // the touch that pressed the button
	buttonHeld  bool // a touch is on the button
}

// Update applies this update's touches (every finger down, in any order)
// on a screen width wide and returns the intent.
func (t *TouchSticks) Update(touches []Touch, width float64) TouchControls {
	if len(touches) > 0 {
		t.Seen = true
	}
	var c TouchControls
	// Release what lost its finger.
	if t.Left.Active && !hasTouch(touches, t.Left.Owner) {
		t.Left = VirtualStick{}
	}
	if t.Right.Active && !hasTouch(touches, t.Right.Owner) {
		t.Right = VirtualStick{}
	}
	if t.buttonHeld && !hasTouch(touches, t.buttonOwner) {
		t.buttonHeld = false
	}
	for _, tc := range touches {
		switch {
		case t.Left.Active && tc.ID == t.Left.Owner:
			t.Left.follow(tc)
		case t.Right.Active && tc.ID == t.Right.Owner:
			t.Right.follow(tc)
		case t.buttonHeld && tc.ID == t.buttonOwner:
		case t.Button.Contains(tc.X, tc.Y):
			// A new finger on the button: one switch per tap.
			t.buttonHeld, t.buttonOwner = true, tc.ID
			c.SwitchWeapon = true
		case tc.X < width/2 && !t.Left.Active:
			t.Left = VirtualStick{Active: true, Owner: tc.ID, CenterX: tc.X, CenterY: tc.Y, KnobX: tc.X, KnobY: tc.Y}
		case tc.X >= width/2 && !t.Right.Active:
			t.Right = VirtualStick{Active: true, Owner: tc.ID, CenterX: tc.X, CenterY: tc.Y, KnobX: tc.X, KnobY: tc.Y}
		}
		// A third finger on a half whose stick is held does nothing.
	}
	if x, y, ok := t.Left.Value(); ok {
		c.MoveX, c.MoveY = x, y
	}
	if x, y, ok := t.Right.Value(); ok {
		c.AimX, c.AimY, c.AimOK = x, y, true
		c.Fire = math.Hypot(x, y) >= FireThreshold
	}
	return c
}

// follow moves the knob to the finger, clamped to the stick's radius.
func (s *VirtualStick) follow(tc Touch) {
	dx, dy := tc.X-s.CenterX, tc.Y-s.CenterY
	if l := math.Hypot(dx, dy); l > TouchStickRadius {
		dx, dy = dx/l*TouchStickRadius, dy/l*TouchStickRadius
	}
	s.KnobX, s.KnobY = s.CenterX+dx, s.CenterY+dy
}

func hasTouch(touches []Touch, id int) bool {
	for _, t := range touches {
		if t.ID == id {
			return true
		}
	}
	return false
}
