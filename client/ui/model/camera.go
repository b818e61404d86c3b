package model

import "arena/game"

// CameraOrigin returns the world point shown at the top-left corner of a view
// of size (vw, vh) centered on focus, clamped so the view stays inside a map
// of size (mw, mh). Along an axis where the map is smaller than the view, the
// map is centered instead.
func CameraOrigin(focus game.Vec2, vw, vh, mw, mh float64) game.Vec2 {
	return game.Vec2{X: clampAxis(focus.X, vw, mw), Y: clampAxis(focus.Y, vh, mh)}
}

func clampAxis(center, view, world float64) float64 {
	if world <= view {
		return (world - view) / 2
	}
	return min(max(center-view/2, 0), world-view)
}

// InView reports whether r overlaps the view of size (vw, vh) at origin.
func InView(r game.Rect, origin game.Vec2, vw, vh float64) bool {
	return r.Max.X > origin.X && r.Min.X < origin.X+vw && r.Max.Y > origin.Y && r.Min.Y < origin.Y+vh
}

// FirstGridLine returns the first multiple of step at or after from.
func FirstGridLine(from, step float64) float64 {
	n := int(from / step)
	v := float64(n) * step
	if v < from {
		v += step
	}
	return v
}
