package ui

// Drawing at the device's pixels: a view draws in the logical screen's
// coordinates (ScreenWidth x ScreenHeight) onto a screen Layout made as
// large as the window's device pixels (model.Viewport), with the faces at
// the scaled size, so text and shapes are sharp at any window size and
// DPI instead of drawn small and stretched.

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"arena/client/ui/model"
)

// view draws onto dst through vp; f has the faces at vp.Scale.
type view struct {
	dst *ebiten.Image
	vp  model.Viewport
	f   *fonts
}

// viewDrawer is implemented by scenes that draw through a view, at the
// device's pixels. A scene that does not is drawn on a logical-size image
// that is then scaled onto the screen (Game.Draw).
type viewDrawer interface {
	drawView(v *view)
}

// newView returns a view of dst through vp with f's faces scaled to it.
func newView(dst *ebiten.Image, vp model.Viewport, f *fonts) *view {
	return &view{dst: dst, vp: vp, f: f.scaledTo(vp.Scale)}
}

// unitView draws on dst as it is: a logical-size image.
func unitView(dst *ebiten.Image, f *fonts) *view {
	return newView(dst, model.UnitViewport(ScreenWidth, ScreenHeight), f)
}

func (v *view) pt(x, y float64) (float32, float32) {
	dx, dy := v.vp.ToDevice(x, y)
	return float32(dx), float32(dy)
}

func (v *view) len(l float64) float32 { return float32(l * v.vp.Scale) }

// fill fills the whole screen, bars included.
func (v *view) fill(c color.Color) { v.dst.Fill(c) }

// text draws s with its top at y, aligned on x; face is one of v.f's.
func (v *view) text(s string, face text.Face, x, y float64, align text.Align, c color.Color) {
	dx, dy := v.vp.ToDevice(x, y)
	drawText(v.dst, s, face, dx, dy, align, c)
}

// advance is how wide s is in face (one of v.f's), in logical pixels.
func (v *view) advance(s string, face text.Face) float64 {
	return text.Advance(s, face) / v.vp.Scale
}

// rect fills a rectangle.
func (v *view) rect(x, y, w, h float64, c color.Color) {
	px, py := v.pt(x, y)
	vector.DrawFilledRect(v.dst, px, py, v.len(w), v.len(h), c, v.vp.Scale != 1)
}

// strokeRect outlines a rectangle with lines width wide.
func (v *view) strokeRect(x, y, w, h, width float64, c color.Color) {
	px, py := v.pt(x, y)
	vector.StrokeRect(v.dst, px, py, v.len(w), v.len(h), v.len(width), c, true)
}

// circle fills a circle.
func (v *view) circle(x, y, r float64, c color.Color) {
	px, py := v.pt(x, y)
	vector.DrawFilledCircle(v.dst, px, py, v.len(r), c, true)
}

// strokeCircle outlines a circle with a line width wide.
func (v *view) strokeCircle(x, y, r, width float64, c color.Color) {
	px, py := v.pt(x, y)
	vector.StrokeCircle(v.dst, px, py, v.len(r), v.len(width), c, true)
}
