package model_test

import (
	"testing"

	"arena/client/ui/model"
)

func newTestMenu() *model.Menu {
	// Three buttons 100x40 at x 10, y 0, 50, 100.
	return model.NewMenu(10, 0, 100, 40, 10, "a", "b", "c")
}

func TestMenuKeysMoveFocusAndWrap(t *testing.T) {
	t.Parallel()
	m := newTestMenu()
	if m.Focus != 0 {
		t.Fatalf("initial focus %d", m.Focus)
	}
	steps := []struct {
		in   model.MenuInput
		want int
	}{
		{model.MenuInput{Down: true}, 1},
		{model.MenuInput{Down: true}, 2},
		{model.MenuInput{Down: true}, 0}, // wraps
		{model.MenuInput{Up: true}, 2},   // wraps back
		{model.MenuInput{Up: true}, 1},
	}
	for i, s := range steps {
		if r := m.Step(s.in); r.Activated != -1 || m.Focus != s.want {
			t.Fatalf("step %d: focus %d activated %d, want focus %d", i, m.Focus, r.Activated, s.want)
		}
	}
	if r := m.Step(model.MenuInput{Activate: true}); r.Activated != 1 {
		t.Fatalf("Enter activated %d, want 1", r.Activated)
	}
	if r := m.Step(model.MenuInput{Back: true}); !r.Back || r.Activated != -1 {
		t.Fatalf("Esc: %+v", r)
	}
}

func TestMenuSkipsDisabled(t *testing.T) {
	t.Parallel()
	m := newTestMenu()
	m.SetDisabled(1, true)
	m.Step(model.MenuInput{Down: true})
	if m.Focus != 2 {
		t.Fatalf("down over a disabled button: focus %d, want 2", m.Focus)
	}
	m.Step(model.MenuInput{Up: true})
	if m.Focus != 0 {
		t.Fatalf("up over a disabled button: focus %d, want 0", m.Focus)
	}
	// Clicking or hovering a disabled button does nothing.
	if r := m.Step(model.MenuInput{Hover: true, Click: true, X: 20, Y: 60}); r.Activated != -1 || m.Focus != 0 {
		t.Fatalf("click on disabled: %+v focus %d", r, m.Focus)
	}
	// Disabling the focused button moves the focus.
	m.SetDisabled(0, true)
	if m.Focus != 2 {
		t.Fatalf("focus after disabling it: %d", m.Focus)
	}
	// A menu whose first button is disabled starts on the next.
	m2 := model.NewMenu(0, 0, 10, 10, 0, "x")
	if m2.Focus != 0 {
		t.Fatal(m2.Focus)
	}
}

func TestMenuPointer(t *testing.T) {
	t.Parallel()
	m := newTestMenu()
	// Hovering focuses, does not activate.
	if r := m.Step(model.MenuInput{Hover: true, X: 50, Y: 110}); r.Activated != -1 || m.Focus != 2 {
		t.Fatalf("hover: %+v focus %d", r, m.Focus)
	}
	// Hovering the gap between buttons keeps the focus.
	m.Step(model.MenuInput{Hover: true, X: 50, Y: 45})
	if m.Focus != 2 {
		t.Fatalf("hover on a gap moved focus to %d", m.Focus)
	}
	// A click (or tap) on a button activates that button even without hover.
	if r := m.Step(model.MenuInput{Click: true, X: 12, Y: 51}); r.Activated != 1 || m.Focus != 1 {
		t.Fatalf("click: %+v focus %d", r, m.Focus)
	}
	// A click outside every button activates nothing.
	if r := m.Step(model.MenuInput{Click: true, X: 500, Y: 51}); r.Activated != -1 {
		t.Fatalf("click outside: %+v", r)
	}
	// The right edge is outside (half-open rectangles).
	if m.At(110, 10) != -1 || m.At(109.9, 10) != 0 {
		t.Fatal("Rect.Contains edges")
	}
}

func TestMenuAdjust(t *testing.T) {
	t.Parallel()
	m := newTestMenu()
	if r := m.Step(model.MenuInput{Right: true}); r.Adjust != 1 || m.Focus != 0 {
		t.Fatalf("right: %+v", r)
	}
	if r := m.Step(model.MenuInput{Left: true}); r.Adjust != -1 {
		t.Fatalf("left: %+v", r)
	}
	var empty model.Menu
	if r := empty.Step(model.MenuInput{Activate: true, Down: true, Back: true}); r.Activated != -1 || !r.Back {
		t.Fatalf("empty menu: %+v", r)
	}
}

func TestStickArrow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		x, y float64
		want int
	}{{0, 0, -1}, {0.1, -0.9, 0}, {-0.2, 0.8, 1}, {-0.9, 0.3, 2}, {0.7, -0.5, 3}}
	for _, tt := range tests {
		if got := model.StickArrow(tt.x, tt.y); got != tt.want {
			t.Errorf("StickArrow(%v, %v) = %d, want %d", tt.x, tt.y, got, tt.want)
		}
	}
}
