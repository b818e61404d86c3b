package model

// Rect is a screen rectangle in pixels: X, Y its top-left corner. The
// HUD's layout and the menus' hit tests share it.
type Rect struct{ X, Y, W, H float64 }

// Contains reports whether the point (x, y) is inside r.
func (r Rect) Contains(x, y float64) bool {
	return x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// Right is the rectangle's right edge.
func (r Rect) Right() float64 { return r.X + r.W }

// Bottom is the rectangle's bottom edge.
func (r Rect) Bottom() float64 { return r.Y + r.H }

// Overlaps reports whether r and o share any area.
func (r Rect) Overlaps(o Rect) bool {
	return r.X < o.Right() && o.X < r.Right() && r.Y < o.Bottom() && o.Y < r.Bottom()
}

// Inside reports whether r lies within a screen of size (w, h).
func (r Rect) Inside(w, h float64) bool {
	return r.X >= 0 && r.Y >= 0 && r.Right() <= w && r.Bottom() <= h
}
