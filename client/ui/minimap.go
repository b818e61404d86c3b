package ui

// The minimap, top right: the walls (drawn once per map and size), the
// part of the map on screen, the players the session shows (you brighter,
// with your aim) and, once the session has them, the pickups.

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"arena/client/ui/model"
	"arena/game"
)

func (s *playScene) drawMinimap(v *view) {
	mm := model.NewMinimap(s.layout.Minimap, s.m.Width, s.m.Height)
	if mm.Scale <= 0 {
		return
	}
	v.rect(mm.X-4, mm.Y-4, mm.W+8, mm.H+8, withAlpha(rgb(colorPanel), 0.6))
	// The walls, drawn once per map and screen scale at the device's pixels.
	k := v.vp.Scale
	w, h := int(math.Ceil(mm.W*k)), int(math.Ceil(mm.H*k))
	if s.miniImage == nil || s.miniImageOf != s.m || s.miniImage.Bounds().Dx() != w || s.miniImage.Bounds().Dy() != h {
		if s.miniImage != nil {
			s.miniImage.Deallocate()
		}
		s.miniImage = ebiten.NewImage(w, h)
		drawMinimapLayer(s.miniImage, s.m, mm.Scale*k)
		s.miniImageOf = s.m
	}
	v.image(s.miniImage, mm.X, mm.Y, 1/k, 0.9)

	vb := mm.View(s.cam, ScreenWidth, ScreenHeight)
	v.strokeRect(vb.X, vb.Y, vb.W, vb.H, 1, withAlpha(rgb(0xffffff), 0.35))

	s.drawMinimapPickups(v, &mm)
	for i := range s.players {
		p := &s.players[i]
		if !p.Alive || p.Local {
			continue
		}
		x, y := mm.Point(p.Pos)
		v.circle(x, y, 3, playerColor(p.ID))
	}
	if s.local >= 0 && s.players[s.local].Alive {
		me := &s.players[s.local]
		x, y := mm.Point(me.Pos)
		d := game.FromAngle(me.Aim)
		v.linef(float32(x), float32(y), float32(x+d.X*9), float32(y+d.Y*9), 2, rgb(0xffffff), true)
		v.circle(x, y, 4.5, rgb(0xffffff))
		v.circle(x, y, 3, playerColor(me.ID))
	}
}

// drawMinimapLayer draws m's floor and walls at scale (pixels per world
// unit) into dst.
func drawMinimapLayer(dst *ebiten.Image, m *game.Map, scale float64) {
	dst.Fill(withAlpha(rgb(colorFloor), 0.9))
	mm := model.Minimap{Scale: scale}
	for _, w := range m.Walls {
		r := mm.Rect(w)
		fillRect(dst, r.X, r.Y, max(r.W, 1), max(r.H, 1), rgb(colorWallLit))
	}
	b := dst.Bounds()
	vector.StrokeRect(dst, 0.5, 0.5, float32(b.Dx())-1, float32(b.Dy())-1, float32(max(1, scale*10)), withAlpha(rgb(colorBorderGlow), 0.5), false)
}
