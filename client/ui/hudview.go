package ui

// The view's drawing in float32 and the HUD's other shapes: the match's
// HUD is drawn through a view (view.go), at the device's pixels, so its
// text and bars stay sharp at any window size and DPI; the world under
// it is drawn at the logical size and scaled.

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"arena/client/ui/model"
	"arena/game"
)

// panel draws a translucent black box behind HUD text.
func (v *view) panel(x, y, w, h float64) {
	v.rect(x, y, w, h, withAlpha(rgb(colorPanel), 0.55))
}

// rectf is rect in float32, as vector's calls take it; aa is ignored (a
// scaled view always anti-aliases).
func (v *view) rectf(x, y, w, h float32, c color.Color, aa bool) {
	v.rect(float64(x), float64(y), float64(w), float64(h), c)
}

// circlef fills a circle; aa is ignored (always anti-aliased).
func (v *view) circlef(x, y, r float32, c color.Color, aa bool) {
	v.circle(float64(x), float64(y), float64(r), c)
}

// strokeCirclef outlines a circle; aa is ignored.
func (v *view) strokeCirclef(x, y, r, width float32, c color.Color, aa bool) {
	v.strokeCircle(float64(x), float64(y), float64(r), float64(width), c)
}

// strokeRectf outlines a rectangle; aa is ignored.
func (v *view) strokeRectf(x, y, w, h, width float32, c color.Color, aa bool) {
	v.strokeRect(float64(x), float64(y), float64(w), float64(h), float64(width), c)
}

// linef draws a line width wide; aa is ignored.
func (v *view) linef(x0, y0, x1, y1, width float32, c color.Color, aa bool) {
	px0, py0 := v.pt(float64(x0), float64(y0))
	px1, py1 := v.pt(float64(x1), float64(y1))
	vector.StrokeLine(v.dst, px0, py0, px1, py1, v.len(float64(width)), c, true)
}

// image draws img with its top-left at (x, y), k logical pixels per
// image pixel, at opacity a.
func (v *view) image(img *ebiten.Image, x, y, k float64, a float32) {
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.GeoM.Scale(k*v.vp.Scale, k*v.vp.Scale)
	px, py := v.pt(x, y)
	op.GeoM.Translate(float64(px), float64(py))
	op.ColorScale.ScaleAlpha(a)
	v.dst.DrawImage(img, op)
}

// hudPanel draws the box behind a HUD panel at r: fainter while the local
// player is under it (the camera stops at the map's edge, so a player at
// the edge walks under the corners' panels and must stay visible).
func (s *playScene) hudPanel(v *view, r model.Rect) {
	a := float32(0.55)
	if s.local >= 0 {
		x, y := s.toScreen(s.players[s.local].Pos)
		const near = game.PlayerRadius + 24 // the body and its name tag
		if float64(x) > r.X-near && float64(x) < r.Right()+near && float64(y) > r.Y-near && float64(y) < r.Bottom()+near {
			a = 0.2
		}
	}
	v.rect(r.X, r.Y, r.W, r.H, withAlpha(rgb(colorPanel), a))
}
