package ui

// Art of the second weapon and the pickups: a rocket with its smoke
// trail, the blast, and pickups that breathe while available and wait
// faded while taken.

import (
	"image/color"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"arena/client/ui/model"
	"arena/game"
)

// Colours of rockets, blasts and pickups.
const (
	colorRocketBody = 0xe8ecf4
	colorFlame      = 0xffb347
	colorBlast      = 0xff8c42
	colorHealth     = 0x5ee07a
	colorRocketPick = 0xffc857
)

// pickupKind is a pickup as drawn.
type pickupKind uint8

const (
	pickupHealth pickupKind = iota + 1
	pickupRocket
)

// drawTrail draws a projectile's smoke: fading dots along where it was,
// thinner toward the oldest.
func drawTrail(v *view, pts []model.TrailPoint, toScreen func(game.Vec2) (float32, float32), c color.NRGBA, now time.Time) {
	for i := range pts {
		p := &pts[i]
		a := model.TrailAlpha(p, now)
		x, y := toScreen(p.At)
		r := 2 + 4*float32(i+1)/float32(len(pts))
		v.circlef(x, y, r, withAlpha(c, 0.45*a), true)
	}
}

// drawRocket draws a rocket at (x, y) heading along (dx, dy) (a unit
// vector), in its owner's colour: a light body, a coloured nose, fins.
func drawRocket(v *view, x, y, dx, dy float32, owner color.NRGBA) {
	const l = 9
	bx, by := x-dx*l, y-dy*l
	v.linef(bx, by, x+dx*l, y+dy*l, 6, rgb(0x0b0d12), true)
	v.linef(bx, by, x+dx*(l-2), y+dy*(l-2), 4, rgb(colorRocketBody), true)
	v.circlef(x+dx*(l-1), y+dy*(l-1), 3, owner, true)
	// Fins: across the tail.
	v.linef(bx-dy*5, by+dx*5, bx+dy*5, by-dx*5, 3, owner, true)
}

// drawRocketFlame adds the exhaust's glow behind a rocket (a plain draw:
// call it after the anti-aliased shapes).
func drawRocketFlame(v *view, glow *ebiten.Image, x, y, dx, dy float32) {
	v.glow(glow, x-dx*12, y-dy*12, 16, rgb(colorFlame), 0.9)
}

// drawBlast draws an explosion's ring and fill, radius r (screen
// pixels), at opacity a.
func drawBlast(v *view, x, y, r, a float32) {
	v.circlef(x, y, r, withAlpha(rgb(colorBlast), 0.25*a), true)
	v.strokeCirclef(x, y, r, 3+6*a, withAlpha(rgb(colorFlame), a), true)
	v.circlef(x, y, r*0.45*a, withAlpha(rgb(0xfff1c1), a), true)
}

// drawPickup draws a pickup of kind at (x, y) scaled by k: a ring and an
// icon, bright while available, faint and grey while it waits to respawn.
func drawPickup(v *view, kind pickupKind, x, y, k float32, available bool) {
	c := rgb(colorHealth)
	if kind == pickupRocket {
		c = rgb(colorRocketPick)
	}
	a := float32(1)
	if !available {
		c, a = rgb(colorDim), 0.35
	}
	r := 16 * k
	v.circlef(x, y, r, withAlpha(darken(c, 0.75), 0.8*a), true)
	v.strokeCirclef(x, y, r, 2.5, withAlpha(c, a), true)
	switch kind {
	case pickupRocket:
		drawRocket(v, x, y, 0.7071, -0.7071, withAlpha(c, a))
	default:
		s := 9 * k
		v.rectf(x-s, y-s/3, 2*s, 2*s/3, withAlpha(c, a), true)
		v.rectf(x-s/3, y-s, 2*s/3, 2*s, withAlpha(c, a), true)
	}
}
