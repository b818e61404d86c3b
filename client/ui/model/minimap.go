package model

import "arena/game"

// Minimap maps world points into a screen rectangle that shows the whole
// map at its own proportions, centred in Box when the proportions differ.
type Minimap struct {
	Box   Rect    // where it may draw
	Scale float64 // screen pixels per world unit
	X, Y  float64 // the screen point of world (0, 0)
	W, H  float64 // the map's size on screen
}

// NewMinimap fits a map of size (mapW, mapH) into box.
func NewMinimap(box Rect, mapW, mapH float64) Minimap {
	m := Minimap{Box: box}
	if mapW <= 0 || mapH <= 0 {
		return m
	}
	m.Scale = min(box.W/mapW, box.H/mapH)
	m.W, m.H = mapW*m.Scale, mapH*m.Scale
	m.X = box.X + (box.W-m.W)/2
	m.Y = box.Y + (box.H-m.H)/2
	return m
}

// Point is world point p on screen, clamped to the map's rectangle so
// something just outside (a player extrapolated through the border)
// stays on its edge.
func (m *Minimap) Point(p game.Vec2) (x, y float64) {
	x = min(max(m.X+p.X*m.Scale, m.X), m.X+m.W)
	y = min(max(m.Y+p.Y*m.Scale, m.Y), m.Y+m.H)
	return x, y
}

// Rect is world rectangle r on screen (not clamped).
func (m *Minimap) Rect(r game.Rect) Rect {
	return Rect{X: m.X + r.Min.X*m.Scale, Y: m.Y + r.Min.Y*m.Scale, W: r.W() * m.Scale, H: r.H() * m.Scale}
}

// View is the part of the map the camera shows, a view of size (vw, vh)
// with its top-left at world point cam, on screen, clipped to the map.
func (m *Minimap) View(cam game.Vec2, vw, vh float64) Rect {
	x0, y0 := m.Point(cam)
	x1, y1 := m.Point(game.Vec2{X: cam.X + vw, Y: cam.Y + vh})
	return Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}
