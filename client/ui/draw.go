package ui

// Drawing helpers shared by the scenes: colors and a few shapes.

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"arena/game"
)

// rgb returns the opaque color 0xRRGGBB.
func rgb(hex uint32) color.NRGBA {
	return color.NRGBA{R: uint8(hex >> 16), G: uint8(hex >> 8), B: uint8(hex), A: 0xff}
}

// withAlpha returns c with its alpha multiplied by a in [0, 1].
func withAlpha(c color.NRGBA, a float32) color.NRGBA {
	if a < 0 {
		a = 0
	} else if a > 1 {
		a = 1
	}
	c.A = uint8(float32(c.A) * a)
	return c
}

// Colors of the scenes.
const (
	colorBackground = 0x0d0f14
	colorFloor      = 0x161a22
	colorGrid       = 0x1d222c
	colorWall       = 0x2c3445
	colorWallEdge   = 0x5a6883
	colorText       = 0xe8ecf4
	colorDim        = 0x8a93a6
	colorAccent     = 0xffc857
	colorBad        = 0xff6b6b
	colorPanel      = 0x000000
)

// playerColor is a player's color, chosen by id from a palette of ten
// distinct hues.
func playerColor(id game.PlayerID) color.NRGBA {
	switch id % 10 {
	case 0:
		return rgb(0x4cc9f0)
	case 1:
		return rgb(0xf72585)
	case 2:
		return rgb(0x80ed99)
	case 3:
		return rgb(0xffb703)
	case 4:
		return rgb(0xb388ff)
	case 5:
		return rgb(0xff7b00)
	case 6:
		return rgb(0x00f5d4)
	case 7:
		return rgb(0x3a86ff)
	case 8:
		return rgb(0xc0d461)
	default:
		return rgb(0xff99c8)
	}
}

// healthColor goes from green through yellow to red as health falls.
func healthColor(health int) color.NRGBA {
	switch f := float64(health) / game.MaxHealth; {
	case f > 0.6:
		return rgb(0x5ee07a)
	case f > 0.3:
		return rgb(0xf5d547)
	default:
		return rgb(0xff5a5a)
	}
}

// fillRect draws a filled rectangle.
func fillRect(dst *ebiten.Image, x, y, w, h float64, c color.Color) {
	vector.DrawFilledRect(dst, float32(x), float32(y), float32(w), float32(h), c, false)
}

// panel draws a translucent black box behind HUD text.
func panel(dst *ebiten.Image, x, y, w, h float64) {
	fillRect(dst, x, y, w, h, withAlpha(rgb(colorPanel), 0.55))
}
