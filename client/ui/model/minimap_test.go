package model_test

import (
	"testing"

	"arena/client/ui/model"
	"arena/game"
)

func TestMinimapFitsAndCentres(t *testing.T) {
	t.Parallel()
	box := model.Rect{X: 1000, Y: 20, W: 240, H: 180}
	// A 3200 x 2400 map has the box's proportions: it fills it.
	m := model.NewMinimap(box, 3200, 2400)
	if m.Scale != 0.075 || m.X != 1000 || m.Y != 20 || m.W != 240 || m.H != 180 {
		t.Fatalf("3200x2400 in 240x180: %+v", m)
	}
	x, y := m.Point(game.Vec2{X: 1600, Y: 1200})
	if x != 1120 || y != 110 {
		t.Errorf("map centre at (%v, %v), want (1120, 110)", x, y)
	}
	// A wide map is letterboxed, centred vertically.
	m = model.NewMinimap(box, 2400, 600)
	if m.Scale != 0.1 || m.W != 240 || m.H != 60 || m.Y != 20+60 {
		t.Errorf("2400x600 in 240x180: %+v", m)
	}
	// A tall one is centred horizontally.
	m = model.NewMinimap(box, 900, 1800)
	if m.Scale != 0.1 || m.W != 90 || m.X != 1000+75 {
		t.Errorf("900x1800 in 240x180: %+v", m)
	}
}

func TestMinimapPointClampsToTheMap(t *testing.T) {
	t.Parallel()
	m := model.NewMinimap(model.Rect{X: 10, Y: 10, W: 100, H: 100}, 1000, 1000)
	x, y := m.Point(game.Vec2{X: -50, Y: 5000})
	if x != 10 || y != 110 {
		t.Errorf("a point outside the map at (%v, %v), want clamped to (10, 110)", x, y)
	}
}

func TestMinimapRectAndView(t *testing.T) {
	t.Parallel()
	m := model.NewMinimap(model.Rect{X: 0, Y: 0, W: 200, H: 100}, 2000, 1000)
	r := m.Rect(game.Rect{Min: game.Vec2{X: 100, Y: 200}, Max: game.Vec2{X: 300, Y: 250}})
	if r != (model.Rect{X: 10, Y: 20, W: 20, H: 5}) {
		t.Errorf("wall on the minimap %+v", r)
	}
	// The view is clipped where it runs past the map.
	v := m.View(game.Vec2{X: 1500, Y: 500}, 1280, 720)
	if v != (model.Rect{X: 150, Y: 50, W: 50, H: 50}) {
		t.Errorf("view on the minimap %+v", v)
	}
}

func TestMinimapEmptyMap(t *testing.T) {
	t.Parallel()
	m := model.NewMinimap(model.Rect{W: 100, H: 100}, 0, 0)
	if x, y := m.Point(game.Vec2{X: 5, Y: 5}); x != 0 || y != 0 {
		t.Errorf("an empty map maps to (%v, %v)", x, y)
	}
}
