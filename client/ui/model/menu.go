package model

// Menus: a list of buttons with one focused, driven the same way by the
// keyboard (arrows, Enter, Esc), a gamepad (d-pad or stick, A, B), the
// mouse (hover, click) and touch (tap). Package ui turns each device into
// one MenuInput an update and draws the buttons where their Rect says.

import "math"

// MenuInput is one update's navigation, from whichever device made it.
// The booleans are presses (edges), not held keys.
type MenuInput struct {
	Up, Down, Left, Right bool
	Activate              bool // Enter, gamepad A
	Back                  bool // Esc, gamepad B
	// Hover: the pointer moved to (X, Y) this update. Click: a mouse
	// button was released or a finger lifted at (X, Y) this update.
	Hover, Click bool
	X, Y         float64
}

// MenuItem is one button.
type MenuItem struct {
	Label    string
	Rect     Rect
	Disabled bool // shown dim, never focused or activated
}

// Menu is a column of buttons, one of them focused.
type Menu struct {
	Items []MenuItem
	Focus int // index in Items
}

// MenuResult is what an update of a Menu asks for. Activated is the
// index of the button chosen (-1: none); Adjust is -1 or +1 when left or
// right was pressed on the focused button (a slider or a toggle); Back is
// set when the player wants out.
type MenuResult struct {
	Activated int
	Adjust    int
	Back      bool
}

// NewMenu returns a Menu of buttons labelled labels, stacked from (x, y)
// down, each w by h with gap between them, the first enabled one focused.
func NewMenu(x, y, w, h, gap float64, labels ...string) *Menu {
	m := &Menu{Items: make([]MenuItem, len(labels))}
	for i, l := range labels {
		m.Items[i] = MenuItem{Label: l, Rect: Rect{X: x, Y: y + float64(i)*(h+gap), W: w, H: h}}
	}
	m.Focus = m.next(-1, 1)
	return m
}

// next returns the enabled item after from in direction dir (±1),
// wrapping around; from when there is none.
func (m *Menu) next(from, dir int) int {
	n := len(m.Items)
	for k := 1; k <= n; k++ {
		i := ((from+dir*k)%n + n) % n
		if !m.Items[i].Disabled {
			return i
		}
	}
	return max(from, 0)
}

// At returns the index of the enabled button under (x, y), or -1.
func (m *Menu) At(x, y float64) int {
	for i, it := range m.Items {
		if !it.Disabled && it.Rect.Contains(x, y) {
			return i
		}
	}
	return -1
}

// Step applies one update's input: arrows move the focus (wrapping, over
// disabled buttons), the pointer focuses what it hovers, a click or tap on
// a button activates it (and focuses it), Enter activates the focused one.
func (m *Menu) Step(in MenuInput) MenuResult {
	r := MenuResult{Activated: -1}
	if len(m.Items) == 0 {
		r.Back = in.Back
		return r
	}
	if in.Hover {
		if i := m.At(in.X, in.Y); i >= 0 {
			m.Focus = i
		}
	}
	switch {
	case in.Up:
		m.Focus = m.next(m.Focus, -1)
	case in.Down:
		m.Focus = m.next(m.Focus, 1)
	case in.Left:
		r.Adjust = -1
	case in.Right:
		r.Adjust = 1
	}
	if in.Click {
		if i := m.At(in.X, in.Y); i >= 0 {
			m.Focus, r.Activated = i, i
		}
	}
	if in.Activate && !m.Items[m.Focus].Disabled {
		r.Activated = m.Focus
	}
	r.Back = in.Back
	return r
}

// SetDisabled enables or disables button i, moving the focus off it when
// it is disabled.
func (m *Menu) SetDisabled(i int, disabled bool) {
	m.Items[i].Disabled = disabled
	if disabled && m.Focus == i {
		m.Focus = m.next(i, 1)
	}
}

// StickArrow returns the arrow a stick out of its dead zone points to:
// 0 up, 1 down, 2 left, 3 right (the nearer axis wins).
func StickArrow(x, y float64) int {
	switch {
	case x == 0 && y == 0:
		return -1
	case math.Abs(y) >= math.Abs(x) && y < 0:
		return 0
	case math.Abs(y) >= math.Abs(x):
		return 1
	case x < 0:
		return 2
	default:
		return 3
	}
}
