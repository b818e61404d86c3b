package ui

// Drawing of the play scene: the world under the camera, then the HUD. Only
// drawing happens here; playScene.Update prepared everything.

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client"
	"arena/client/ui/model"
	"arena/game"
)

func (s *playScene) Draw(screen *ebiten.Image) {
	b := screen.Bounds()
	sw, sh := float64(b.Dx()), float64(b.Dy())
	s.layout = model.LayoutHUD(sw, sh, s.m.Width, s.m.Height)

	screen.Fill(rgb(colorBackground))
	s.drawMap(screen)
	// Anti-aliased shapes first, then text and bars: Ebiten draws
	// anti-aliased shapes through an offscreen buffer that every plain
	// draw in between flushes, which costs a pass over the screen each
	// time (slow in software WebGL).
	s.drawTracers(screen)
	pulse := pulse01(float64(s.now.UnixMilli())/1000, 0.8)
	for i := range s.players {
		s.drawPlayerBody(screen, &s.players[i], pulse)
	}
	s.drawHitMarkers(screen)
	s.drawSpawnRing(screen)
	for i := range s.players {
		s.drawPlayerLabel(screen, &s.players[i])
	}
	s.drawDeath(screen, sw, sh)
	s.drawHUD(screen, sw, sh)
	s.drawWinner(screen, sw, sh)
	if s.showNetGraph {
		s.drawNetGraph(screen)
	}
	if line := model.ReconnectLine(&s.stats); line != "" {
		s.drawReconnecting(screen, line)
	}
}

// drawReconnecting shows, over the match that keeps being drawn, that
// the connection is being resumed.
func (s *playScene) drawReconnecting(screen *ebiten.Image, line string) {
	const w, h = 520, 56
	panel(screen, (ScreenWidth-w)/2, ScreenHeight/2-h/2-120, w, h)
	drawText(screen, line, s.fonts.large, ScreenWidth/2, ScreenHeight/2-h/2-112, text.AlignCenter, rgb(colorAccent))
}

// toScreen converts a world point to screen coordinates.
func (s *playScene) toScreen(p game.Vec2) (float32, float32) {
	return float32(p.X - s.cam.X), float32(p.Y - s.cam.Y)
}

// drawMap draws the part of the map under the camera. The map changes
// only between matches, so its floor and walls are drawn once into an
// image of the map's size (art.go), and each frame copies it.
func (s *playScene) drawMap(screen *ebiten.Image) {
	if s.mapImage == nil || s.mapImageOf != s.m {
		if s.mapImage != nil {
			s.mapImage.Deallocate()
		}
		s.mapImage = ebiten.NewImage(int(math.Ceil(s.m.Width)), int(math.Ceil(s.m.Height)))
		drawMapLayer(s.mapImage, s.m, s.art.floor)
		s.mapImageOf = s.m
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(-s.cam.X, -s.cam.Y)
	screen.DrawImage(s.mapImage, op)
}

func (s *playScene) drawTracers(screen *ebiten.Image) {
	for i := range s.fx.Tracers {
		t := &s.fx.Tracers[i]
		x0, y0 := s.toScreen(t.From)
		x1, y1 := s.toScreen(t.To)
		drawTracer(screen, x0, y0, x1, y1, playerColor(t.Shooter), t.Alpha(s.now), t.Hit)
	}
	// The glows after all the lines: each is a plain draw, which would
	// flush the anti-aliased lines' buffer if drawn between them.
	for i := range s.fx.Tracers {
		t := &s.fx.Tracers[i]
		a := t.Alpha(s.now)
		x0, y0 := s.toScreen(t.From)
		drawGlow(screen, s.art.glow, x0, y0, 22, lighten(playerColor(t.Shooter), 0.4), 0.8*a)
		if t.Hit {
			x1, y1 := s.toScreen(t.To)
			drawGlow(screen, s.art.glow, x1, y1, 26, rgb(0xffffff), a)
		}
	}
}

// drawHitMarkers draws a cross where the server says the local player's
// shots hit.
func (s *playScene) drawHitMarkers(screen *ebiten.Image) {
	for i := range s.fx.Hits {
		h := &s.fx.Hits[i]
		x, y := s.toScreen(h.At)
		a := h.Alpha(s.now)
		drawHitMarker(screen, x, y, a, rgb(0xffffff))
	}
}

// onScreen reports whether a player at screen point (x, y) may show.
func onScreen(x, y float32) bool {
	return x >= -100 && y >= -100 && x <= ScreenWidth+100 && y <= ScreenHeight+100
}

// playerAlpha is how opaque a player is drawn: faint while protected
// after a respawn.
func playerAlpha(p *client.PlayerView) float32 {
	if p.Protected {
		return 0.6
	}
	return 1
}

// drawPlayerBody draws a player's anti-aliased shapes (art.go); a dead
// player is a faint cross where it fell.
func (s *playScene) drawPlayerBody(screen *ebiten.Image, p *client.PlayerView, pulse float32) {
	x, y := s.toScreen(p.Pos)
	if !onScreen(x, y) {
		return
	}
	if !p.Alive {
		drawDeadPlayer(screen, p, x, y)
		return
	}
	drawPlayerArt(screen, p, x, y, pulse)
}

// drawPlayerLabel draws a living player's name tag and, for others, a
// health bar.
func (s *playScene) drawPlayerLabel(screen *ebiten.Image, p *client.PlayerView) {
	x, y := s.toScreen(p.Pos)
	const r = float32(game.PlayerRadius)
	if !onScreen(x, y) || !p.Alive {
		return
	}
	alpha := playerAlpha(p)
	name := p.Name
	tw := text.Advance(name, s.fonts.small)
	fillRect(screen, float64(x)-tw/2-5, float64(y-r)-26, tw+10, 18, withAlpha(rgb(0x000000), 0.45*alpha))
	drawText(screen, name, s.fonts.small, float64(x), float64(y-r-25), text.AlignCenter, withAlpha(lighten(playerColor(p.ID), 0.6), alpha))
	if p.Local {
		return // the HUD's health bar is the local player's
	}
	const barW, barH = 36, 5
	bx, by := float64(x)-barW/2, float64(y+r+8)
	fillRect(screen, bx-1, by-1, barW+2, barH+2, withAlpha(rgb(0x000000), 0.7*alpha))
	fillRect(screen, bx, by, barW*model.HealthFill(p.Health, game.MaxHealth), barH, withAlpha(healthColor(p.Health), alpha))
}
