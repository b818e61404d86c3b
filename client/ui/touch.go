package ui

// Drawing the touch controls: two stick rings and a weapon button,
// semi-transparent, once the screen has been touched.

import (
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
)

// Where the touch buttons sit (logical pixels): the weapon button above
// the right stick's usual place, the menu button at the top between the
// match timer (top centre) and the minimap (top right).
var (
	touchWeaponButton = model.Rect{X: ScreenWidth - 150, Y: ScreenHeight - 330, W: 110, H: 64}
	touchMenuButton   = model.Rect{X: 780, Y: 16, W: 80, H: 44}
)

// drawTouchControls draws the sticks where fingers hold them (or where
// they usually are) and the buttons.
func drawTouchControls(v *view, t *model.TouchSticks) {
	if !t.Seen {
		return
	}
	ring := withAlpha(rgb(colorText), 0.25)
	knob := withAlpha(rgb(colorAccent), 0.45)
	stick := func(s *model.VirtualStick, restX, restY float64) {
		cx, cy, kx, ky := restX, restY, restX, restY
		if s.Active {
			cx, cy, kx, ky = s.CenterX, s.CenterY, s.KnobX, s.KnobY
		}
		v.strokeCircle(cx, cy, model.TouchStickRadius, 3, ring)
		v.strokeCircle(cx, cy, model.TouchStickRadius*model.FireThreshold, 1, withAlpha(ring, 0.6))
		v.circle(kx, ky, 32, knob)
	}
	stick(&t.Left, 170, ScreenHeight-150)
	stick(&t.Right, ScreenWidth-170, ScreenHeight-150)
	for _, b := range []struct {
		r     model.Rect
		label string
	}{{t.Button, "weapon"}, {touchMenuButton, "menu"}} {
		v.rect(b.r.X, b.r.Y, b.r.W, b.r.H, withAlpha(rgb(colorPanel), 0.35))
		v.strokeRect(b.r.X, b.r.Y, b.r.W, b.r.H, 2, ring)
		v.text(b.label, v.f.small, b.r.X+b.r.W/2, b.r.Y+b.r.H/2-9, text.AlignCenter, withAlpha(rgb(colorText), 0.7))
	}
}
