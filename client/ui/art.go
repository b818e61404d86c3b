package ui

// The world's art, drawn with Ebiten's vector API: the map (a tiled floor,
// walls with a lit top edge and a cast shadow), players (a body in their
// colour, a barrel where they aim, a shield while protected), tracers with
// a glow. Only drawing; the play scene decides what to draw.

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"arena/client"
	"arena/game"
)

// Colours of the world.
const (
	colorFloorTint   = 0x1b2029 // what the floor tile averages to
	colorWallTop     = 0x3a4560
	colorWallLit     = 0x7f90b5 // the wall's top-left edges, lit
	colorWallDark    = 0x222938 // its bottom-right edges
	colorWallShadow  = 0x07090d
	colorBorderGlow  = 0x4cc9f0
	wallShadowOffset = 7 // world units the walls' shadows fall down and right
)

// drawMapLayer draws m's floor, walls and border into dst at scale
// pixels per world unit, once per map (and screen scale): the floor tile (art.FloorPNG, tinted), a faint line every
// 128 units, the walls' shadows, then the walls.
func drawMapLayer(dst *ebiten.Image, m *game.Map, floor *ebiten.Image, scale float64) {
	k := float32(scale)
	W, H := float32(m.Width), float32(m.Height)
	tileFloor(dst, floor, m.Width, m.Height, scale, rgb(colorFloorTint))
	// A faint line every four tiles, so distances read.
	major := withAlpha(rgb(colorGrid), 0.8)
	for x := float32(0); x < W; x += 128 {
		vector.StrokeLine(dst, x*k, 0, x*k, H*k, 1*k, major, false)
	}
	for y := float32(0); y < H; y += 128 {
		vector.StrokeLine(dst, 0, y*k, W*k, y*k, 1*k, major, false)
	}

	shadow := withAlpha(rgb(colorWallShadow), 0.55)
	for _, r := range m.Walls {
		vector.DrawFilledRect(dst, (float32(r.Min.X)+wallShadowOffset)*k, (float32(r.Min.Y)+wallShadowOffset)*k, float32(r.W())*k, float32(r.H())*k, shadow, false)
	}
	top, lit, dark := rgb(colorWallTop), rgb(colorWallLit), rgb(colorWallDark)
	for _, r := range m.Walls {
		x, y := float32(r.Min.X), float32(r.Min.Y)
		w, h := float32(r.W()), float32(r.H())
		vector.DrawFilledRect(dst, x*k, y*k, w*k, h*k, top, false)
		// A bevel: dark bottom and right, lit top and left, a faint inner plate.
		vector.DrawFilledRect(dst, x*k, (y+h-4)*k, w*k, 4*k, dark, false)
		vector.DrawFilledRect(dst, (x+w-4)*k, y*k, 4*k, h*k, dark, false)
		vector.DrawFilledRect(dst, x*k, y*k, w*k, 2*k, lit, false)
		vector.DrawFilledRect(dst, x*k, y*k, 2*k, h*k, lit, false)
		if w > 24 && h > 24 {
			vector.StrokeRect(dst, (x+8)*k, (y+8)*k, (w-16)*k, (h-16)*k, k, withAlpha(rgb(colorWallLit), 0.18), false)
		}
	}
	// The arena's edge: a thin glowing line just inside the border.
	vector.StrokeRect(dst, 1.5*k, 1.5*k, (W-3)*k, (H-3)*k, 3*k, withAlpha(rgb(colorBorderGlow), 0.35), false)
}

// drawTracer draws a shot from (x0, y0) to (x1, y1) in the shooter's
// colour at opacity a: a wide faint glow under a bright core, a spark
// where it hit someone.
func drawTracer(v *view, x0, y0, x1, y1 float32, c color.NRGBA, a float32, hit bool) {
	v.linef(x0, y0, x1, y1, 7, withAlpha(c, 0.22*a), true)
	v.linef(x0, y0, x1, y1, 2, withAlpha(lighten(c, 0.5), a), true)
	if hit {
		v.circlef(x1, y1, 7, withAlpha(c, 0.5*a), true)
		v.circlef(x1, y1, 3.5, withAlpha(rgb(0xffffff), a), true)
	}
}

// drawPlayerArt draws a living player at screen point (x, y): a shadow, the
// barrel toward the aim, the body in the player's colour with a darker rim
// and a highlight, a ring for the local player, a pulsing shield while
// protected. pulse is 0..1, the shield's phase.
func drawPlayerArt(v *view, p *client.PlayerView, x, y float32, pulse float32) {
	const r = float32(game.PlayerRadius)
	col := playerColor(p.ID)
	alpha := playerAlpha(p)
	v.circlef(x+3, y+4, r, withAlpha(rgb(colorWallShadow), 0.45*alpha), true)

	dir := game.FromAngle(p.Aim)
	dx, dy := float32(dir.X), float32(dir.Y)
	// The barrel: a dark outline under a light core, from inside the body out.
	v.linef(x+dx*r*0.2, y+dy*r*0.2, x+dx*(r+13), y+dy*(r+13), 8, withAlpha(rgb(0x0b0d12), alpha), true)
	v.linef(x+dx*r*0.2, y+dy*r*0.2, x+dx*(r+12), y+dy*(r+12), 4, withAlpha(rgb(0xd9dee8), alpha), true)

	v.circlef(x, y, r, withAlpha(darken(col, 0.45), alpha), true)
	v.circlef(x, y, r-3, withAlpha(col, alpha), true)
	// A highlight toward the top-left light, so the body reads round.
	v.circlef(x-r*0.3, y-r*0.3, r*0.35, withAlpha(lighten(col, 0.55), 0.55*alpha), true)
	if p.Local {
		v.strokeCirclef(x, y, r+5, 2, withAlpha(rgb(0xffffff), 0.85*alpha), true)
	}
	if p.Protected {
		v.strokeCirclef(x, y, r+7+3*pulse, 2, withAlpha(rgb(0x9be7ff), 0.4+0.4*(1-pulse)), true)
	}
}

// drawDeadPlayer marks where a dead player lies: a faint cross in their colour.
func drawDeadPlayer(v *view, p *client.PlayerView, x, y float32) {
	const s = float32(game.PlayerRadius) * 0.6
	c := withAlpha(playerColor(p.ID), 0.35)
	v.linef(x-s, y-s, x+s, y+s, 3, c, true)
	v.linef(x-s, y+s, x+s, y-s, 3, c, true)
	v.strokeCirclef(x, y, float32(game.PlayerRadius), 1.5, withAlpha(playerColor(p.ID), 0.18), true)
}

// lighten mixes c toward white by f in [0, 1].
func lighten(c color.NRGBA, f float32) color.NRGBA {
	mix := func(v uint8) uint8 { return uint8(float32(v) + (255-float32(v))*f) }
	return color.NRGBA{R: mix(c.R), G: mix(c.G), B: mix(c.B), A: c.A}
}

// darken mixes c toward black by f in [0, 1].
func darken(c color.NRGBA, f float32) color.NRGBA {
	mix := func(v uint8) uint8 { return uint8(float32(v) * (1 - f)) }
	return color.NRGBA{R: mix(c.R), G: mix(c.G), B: mix(c.B), A: c.A}
}

// pulse01 is a 0..1 triangle wave of period seconds at t seconds.
func pulse01(t, period float64) float32 {
	f := math.Mod(t/period, 1)
	if f < 0 {
		f++
	}
	return float32(1 - math.Abs(2*f-1))
}

// drawSpawnRing draws a ring spreading from the local player as it
// respawns.
func (s *playScene) drawSpawnRing(v *view) {
	f := s.death.Flash(s.now)
	if f <= 0 || s.local < 0 {
		return
	}
	x, y := s.toScreen(s.players[s.local].Pos)
	r := float32(game.PlayerRadius) + (1-f)*90
	v.strokeCirclef(x, y, r, 4*f+1, withAlpha(rgb(0xffffff), f), true)
	v.strokeCirclef(x, y, r*0.6, 2, withAlpha(playerColor(s.players[s.local].ID), f), true)
}

// drawHitMarker draws a cross of four ticks around (x, y).
func drawHitMarker(v *view, x, y, a float32, c color.NRGBA) {
	c = withAlpha(c, a)
	const in, out = 5, 13
	for _, d := range [4][2]float32{{1, 1}, {1, -1}, {-1, 1}, {-1, -1}} {
		v.linef(x+d[0]*in, y+d[1]*in, x+d[0]*out, y+d[1]*out, 3, c, true)
	}
}
