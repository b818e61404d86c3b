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
