package ui

// Drawing of the play scene: the world under the camera, then the HUD. Only
// drawing happens here; playScene.Update prepared everything.

import (
	"image"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client"
	"arena/client/ui/model"
	"arena/game"
)

// Draw draws the match's world on a logical-size screen (Game.Draw calls
// drawView instead, at the device's pixels; a scene wrapping this one,
// the replay, calls Draw). The HUD is drawOverlay's, which Game.Draw
// calls after either.
func (s *playScene) Draw(screen *ebiten.Image) {
	s.drawView(unitView(screen, s.fonts))
}

// drawView draws the world through v, at the device's pixels and clipped
// to the logical screen; the HUD is drawn over it by drawOverlay
// (drawHUDView).
func (s *playScene) drawView(v *view) {
	v.fill(rgb(colorBackground))
	w := clipped(v)
	s.drawMap(w)
	// Anti-aliased shapes first, then the plain draws (glows, text and
	// bars): Ebiten draws anti-aliased shapes through an offscreen buffer
	// that every plain draw in between flushes, which costs a pass over
	// the screen each time (slow in software WebGL).
	s.drawPickups(w)
	s.drawBlasts(w)
	s.drawTracerLines(w)
	s.drawRockets(w)
	pulse := pulse01(float64(s.now.UnixMilli())/1000, 0.8)
	for i := range s.players {
		s.drawPlayerBody(w, &s.players[i], pulse)
	}
	s.drawHitMarkers(w)
	s.drawSpawnRing(w)
	s.drawTracerGlows(w)
	s.drawArmsGlow(w)
	s.drawPickupTimers(w)
	for i := range s.players {
		s.drawPlayerLabel(w, &s.players[i])
	}
}

// clipped is v drawing only on the logical screen, not the bars beside it.
func clipped(v *view) *view {
	x0, y0 := v.pt(0, 0)
	x1, y1 := v.pt(ScreenWidth, ScreenHeight)
	clip := image.Rect(int(x0), int(y0), int(math.Ceil(float64(x1))), int(math.Ceil(float64(y1))))
	return &view{dst: v.dst.SubImage(clip).(*ebiten.Image), vp: v.vp, f: v.f}
}

// drawHUDView draws everything over the world through v, at the
// device's pixels: the death screen, the HUD, the winner screen, the net
// graph, the reconnecting notice.
func (s *playScene) drawHUDView(v *view) {
	const sw, sh = ScreenWidth, ScreenHeight
	v = clipped(v)
	s.layout = model.LayoutHUD(sw, sh, s.m.Width, s.m.Height)
	s.drawDeath(v, sw, sh)
	s.drawHUD(v, sw, sh)
	s.drawWinner(v, sw, sh)
	if s.showNetGraph {
		s.drawNetGraph(v)
	}
	if line := model.ReconnectLine(&s.stats); line != "" {
		s.drawReconnecting(v, line)
	}
}

// drawReconnecting shows, over the match that keeps being drawn, that
// the connection is being resumed.
func (s *playScene) drawReconnecting(v *view, line string) {
	const w, h = 520, 56
	v.panel((ScreenWidth-w)/2, ScreenHeight/2-h/2-120, w, h)
	v.text(line, v.f.large, ScreenWidth/2, ScreenHeight/2-h/2-112, text.AlignCenter, rgb(colorAccent))
}

// toScreen converts a world point to screen coordinates.
func (s *playScene) toScreen(p game.Vec2) (float32, float32) {
	return float32(p.X - s.cam.X), float32(p.Y - s.cam.Y)
}

// drawMap draws the part of the map under the camera. The map changes
// only between matches, so its floor and walls are drawn once into an
// image (art.go), at the device's scale when that image stays within
// maxMapImage pixels a side (else at one pixel a unit, scaled), and each
// frame copies it.
func (s *playScene) drawMap(v *view) {
	k := v.vp.Scale
	if max(s.m.Width, s.m.Height)*k > maxMapImage {
		k = 1
	}
	if s.mapImage == nil || s.mapImageOf != s.m || s.mapImageScale != k {
		if s.mapImage != nil {
			s.mapImage.Deallocate()
		}
		s.mapImage = ebiten.NewImage(int(math.Ceil(s.m.Width*k)), int(math.Ceil(s.m.Height*k)))
		drawMapLayer(s.mapImage, s.m, s.art.floor, k)
		s.mapImageOf, s.mapImageScale = s.m, k
	}
	v.image(s.mapImage, -s.cam.X, -s.cam.Y, 1/k, 1)
}

// maxMapImage bounds the map image's sides, in pixels.
const maxMapImage = 4096

func (s *playScene) drawTracerLines(v *view) {
	for i := range s.fx.Tracers {
		t := &s.fx.Tracers[i]
		x0, y0 := s.toScreen(t.From)
		x1, y1 := s.toScreen(t.To)
		drawTracer(v, x0, y0, x1, y1, playerColor(t.Shooter), t.Alpha(s.now), t.Hit)
	}
}

// drawTracerGlows adds the muzzle flashes and hit sparks (plain draws,
// after the anti-aliased shapes).
func (s *playScene) drawTracerGlows(v *view) {
	for i := range s.fx.Tracers {
		t := &s.fx.Tracers[i]
		a := t.Alpha(s.now)
		x0, y0 := s.toScreen(t.From)
		v.glow(s.art.glow, x0, y0, 22, lighten(playerColor(t.Shooter), 0.4), 0.8*a)
		if t.Hit {
			x1, y1 := s.toScreen(t.To)
			v.glow(s.art.glow, x1, y1, 26, rgb(0xffffff), a)
		}
	}
}

// drawHitMarkers draws a cross where the server says the local player's
// shots hit.
func (s *playScene) drawHitMarkers(v *view) {
	for i := range s.fx.Hits {
		h := &s.fx.Hits[i]
		x, y := s.toScreen(h.At)
		a := h.Alpha(s.now)
		drawHitMarker(v, x, y, a, rgb(0xffffff))
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
func (s *playScene) drawPlayerBody(v *view, p *client.PlayerView, pulse float32) {
	x, y := s.toScreen(p.Pos)
	if !onScreen(x, y) {
		return
	}
	if !p.Alive {
		drawDeadPlayer(v, p, x, y)
		return
	}
	drawPlayerArt(v, p, x, y, pulse)
}

// drawPlayerLabel draws a living player's name tag and, for others, a
// health bar.
func (s *playScene) drawPlayerLabel(v *view, p *client.PlayerView) {
	x, y := s.toScreen(p.Pos)
	const r = float32(game.PlayerRadius)
	if !onScreen(x, y) || !p.Alive {
		return
	}
	alpha := playerAlpha(p)
	name := p.Name
	tw := v.advance(name, v.f.small)
	v.rect(float64(x)-tw/2-5, float64(y-r)-26, tw+10, 18, withAlpha(rgb(0x000000), 0.45*alpha))
	v.text(name, v.f.small, float64(x), float64(y-r-25), text.AlignCenter, withAlpha(lighten(playerColor(p.ID), 0.6), alpha))
	if p.Local {
		return // the HUD's health bar is the local player's
	}
	const barW, barH = 36, 5
	bx, by := float64(x)-barW/2, float64(y+r+8)
	v.rect(bx-1, by-1, barW+2, barH+2, withAlpha(rgb(0x000000), 0.7*alpha))
	v.rect(bx, by, barW*model.HealthFill(p.Health, game.MaxHealth), barH, withAlpha(healthColor(p.Health), alpha))
}
