package ui

// Drawing of the play scene: the world under the camera, then the HUD. Only
// drawing happens here; playScene.Update prepared everything.

import (
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"arena/client"
	"arena/client/ui/model"
	"arena/game"
)

// gridStep is the floor grid's spacing in world units.
const gridStep = 64

func (s *playScene) Draw(screen *ebiten.Image) {
	screen.Fill(rgb(colorBackground))
	s.drawMap(screen)
	// Anti-aliased shapes first, then text and bars: Ebiten draws
	// anti-aliased shapes through an offscreen buffer that every plain
	// draw in between flushes, which costs a pass over the screen each
	// time (slow in software WebGL).
	s.drawTracers(screen)
	for i := range s.players {
		s.drawPlayerBody(screen, &s.players[i])
	}
	s.drawHitMarkers(screen)
	for i := range s.players {
		s.drawPlayerLabel(screen, &s.players[i])
	}
	s.drawHUD(screen)
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

// drawMap draws the part of the map under the camera. The map never
// changes, so its floor, grid and walls are drawn once into an image of
// the map's size (about 120 shapes), and each frame copies it.
func (s *playScene) drawMap(screen *ebiten.Image) {
	if s.mapImage == nil {
		s.mapImage = ebiten.NewImage(int(math.Ceil(s.m.Width)), int(math.Ceil(s.m.Height)))
		drawMapLayer(s.mapImage, s.m)
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(-s.cam.X, -s.cam.Y)
	screen.DrawImage(s.mapImage, op)
}

// drawMapLayer draws m's floor, grid and walls into dst in world units.
func drawMapLayer(dst *ebiten.Image, m *game.Map) {
	dst.Fill(rgb(colorFloor))
	grid := rgb(colorGrid)
	for x := float32(0); x < float32(m.Width); x += gridStep {
		vector.StrokeLine(dst, x, 0, x, float32(m.Height), 1, grid, false)
	}
	for y := float32(0); y < float32(m.Height); y += gridStep {
		vector.StrokeLine(dst, 0, y, float32(m.Width), y, 1, grid, false)
	}
	wall, edge := rgb(colorWall), rgb(colorWallEdge)
	for _, r := range m.Walls {
		x, y := float32(r.Min.X), float32(r.Min.Y)
		w, h := float32(r.W()), float32(r.H())
		vector.DrawFilledRect(dst, x, y, w, h, wall, false)
		vector.StrokeRect(dst, x+1, y+1, w-2, h-2, 2, edge, false)
	}
}

func (s *playScene) drawTracers(screen *ebiten.Image) {
	for i := range s.fx.Tracers {
		t := &s.fx.Tracers[i]
		a := t.Alpha(s.now)
		x0, y0 := s.toScreen(t.From)
		x1, y1 := s.toScreen(t.To)
		vector.StrokeLine(screen, x0, y0, x1, y1, 2, withAlpha(playerColor(t.Shooter), a), true)
		if t.Hit {
			vector.DrawFilledCircle(screen, x1, y1, 5, withAlpha(rgb(0xffffff), a), true)
		}
	}
}

// drawHitMarkers draws a cross where the server says the local player's
// shots hit.
func (s *playScene) drawHitMarkers(screen *ebiten.Image) {
	for i := range s.fx.Hits {
		h := &s.fx.Hits[i]
		x, y := s.toScreen(h.At)
		c := withAlpha(rgb(0xffffff), h.Alpha(s.now))
		const in, out = 5, 12
		for _, d := range [4][2]float32{{1, 1}, {1, -1}, {-1, 1}, {-1, -1}} {
			vector.StrokeLine(screen, x+d[0]*in, y+d[1]*in, x+d[0]*out, y+d[1]*out, 3, c, true)
		}
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
		return 0.45
	}
	return 1
}

// drawPlayerBody draws a player's anti-aliased shapes: the disc, the aim
// and, for the local player, a ring; a dead player is a faint outline.
func (s *playScene) drawPlayerBody(screen *ebiten.Image, p *client.PlayerView) {
	x, y := s.toScreen(p.Pos)
	const r = float32(game.PlayerRadius)
	if !onScreen(x, y) {
		return
	}
	col := playerColor(p.ID)
	if !p.Alive {
		vector.StrokeCircle(screen, x, y, r, 1.5, withAlpha(col, 0.25), true)
		return
	}
	alpha := playerAlpha(p)
	vector.DrawFilledCircle(screen, x, y, r, withAlpha(col, alpha), true)
	dir := game.FromAngle(p.Aim)
	dx, dy := float32(dir.X), float32(dir.Y)
	vector.StrokeLine(screen, x+dx*r*0.4, y+dy*r*0.4, x+dx*(r+11), y+dy*(r+11), 5, withAlpha(rgb(0xf2f2f2), alpha), true)
	if p.Local {
		vector.StrokeCircle(screen, x, y, r+4, 2, withAlpha(rgb(0xffffff), alpha), true)
	}
}

// drawPlayerLabel draws a living player's name and health bar.
func (s *playScene) drawPlayerLabel(screen *ebiten.Image, p *client.PlayerView) {
	x, y := s.toScreen(p.Pos)
	const r = float32(game.PlayerRadius)
	if !onScreen(x, y) || !p.Alive {
		return
	}
	alpha := playerAlpha(p)
	drawText(screen, p.Name, s.fonts.small, float64(x), float64(y-r-24), text.AlignCenter, withAlpha(rgb(colorText), alpha))
	const barW, barH = 36, 5
	bx, by := float64(x)-barW/2, float64(y+r+7)
	fillRect(screen, bx-1, by-1, barW+2, barH+2, withAlpha(rgb(0x000000), 0.7*alpha))
	hf := math.Max(0, math.Min(1, float64(p.Health)/game.MaxHealth))
	fillRect(screen, bx, by, barW*hf, barH, withAlpha(healthColor(p.Health), alpha))
}

func (s *playScene) drawHUD(screen *ebiten.Image) {
	f := s.fonts
	// Top left: you and the connection.
	panel(screen, 12, 12, 360, 58)
	if s.local >= 0 {
		me := &s.players[s.local]
		drawText(screen, fmt.Sprintf("%s   score %d   kills %d   deaths %d", me.Name, me.Score, me.Kills, me.Deaths),
			f.normal, 22, 18, text.AlignStart, rgb(colorText))
	} else {
		drawText(screen, "waiting for the first snapshot…", f.normal, 22, 18, text.AlignStart, rgb(colorDim))
	}
	drawText(screen, fmt.Sprintf("ping %d ms   %s   room %s   %.0f fps", s.stats.RTT.Milliseconds(), plural(len(s.players), "player"), s.info.Room, s.fps),
		f.small, 22, 46, text.AlignStart, rgb(colorDim))

	// Top right: the kill feed, newest at the bottom.
	y := 16.0
	for i := range s.fx.Kills {
		l := &s.fx.Kills[i]
		a := model.KillAlpha(l, s.now)
		w := lineWidth(l, f.normal)
		panel(screen, ScreenWidth-24-w, y-3, w+12, 26)
		s.drawLine(screen, l, ScreenWidth-18-w, y, a)
		y += 30
	}

	// Bottom left: chat, then the line being typed.
	y = ScreenHeight - 60 - float64(len(s.fx.Chat))*24
	for i := range s.fx.Chat {
		l := &s.fx.Chat[i]
		s.drawLine(screen, l, 18, y, model.ChatAlpha(l, s.now))
		y += 24
	}
	if s.chatting {
		panel(screen, 12, ScreenHeight-44, 700, 30)
		drawText(screen, "say: "+s.chat.String()+"|", f.normal, 20, ScreenHeight-40, text.AlignStart, rgb(colorText))
	} else {
		drawText(screen, s.helpLine, f.small, ScreenWidth-16, ScreenHeight-28, text.AlignEnd, rgb(colorDim))
	}

	if s.local >= 0 && !s.players[s.local].Alive {
		secs := s.players[s.local].RespawnIn.Seconds()
		drawText(screen, fmt.Sprintf("Respawning in %.1fs", secs), f.large, ScreenWidth/2, ScreenHeight/2-80, text.AlignCenter, rgb(colorAccent))
	}
	if s.showScores {
		s.drawScoreboard(screen)
	}
}

// lineWidth is the width of a feed line's text.
func lineWidth(l *model.FeedLine, face text.Face) float64 {
	w := 0.0
	for _, p := range l.Parts {
		w += text.Advance(p.Text, face)
	}
	return w
}

// drawLine draws a feed line's parts from (x, y) at opacity a.
func (s *playScene) drawLine(screen *ebiten.Image, l *model.FeedLine, x, y float64, a float32) {
	for _, p := range l.Parts {
		if p.Text == "" {
			continue
		}
		c := rgb(colorText)
		if p.Who != 0 {
			c = playerColor(p.Who)
		}
		drawText(screen, p.Text, s.fonts.normal, x, y, text.AlignStart, withAlpha(c, a))
		x += text.Advance(p.Text, s.fonts.normal)
	}
}

func (s *playScene) drawScoreboard(screen *ebiten.Image) {
	const w, rowH = 600.0, 30.0
	h := 70 + rowH*float64(len(s.rows))
	x, y := (ScreenWidth-w)/2, math.Max(40, (ScreenHeight-h)/2)
	fillRect(screen, x, y, w, h, withAlpha(rgb(0x05070a), 0.85))
	f := s.fonts.normal
	cols := [...]float64{x + 24, x + w - 230, x + w - 140, x + w - 24} // name, kills, deaths, score (right edges for numbers)
	head := rgb(colorDim)
	drawText(screen, "Player", f, cols[0], y+16, text.AlignStart, head)
	drawText(screen, "Kills", f, cols[1], y+16, text.AlignEnd, head)
	drawText(screen, "Deaths", f, cols[2], y+16, text.AlignEnd, head)
	drawText(screen, "Score", f, cols[3], y+16, text.AlignEnd, head)
	ry := y + 52
	for _, r := range s.rows {
		if r.Local {
			fillRect(screen, x+8, ry-3, w-16, rowH-2, withAlpha(rgb(0xffffff), 0.08))
		}
		vector.DrawFilledCircle(screen, float32(cols[0]-10), float32(ry+10), 5, playerColor(r.ID), true)
		drawText(screen, r.Name, f, cols[0]+4, ry, text.AlignStart, rgb(colorText))
		drawText(screen, fmt.Sprint(r.Kills), f, cols[1], ry, text.AlignEnd, rgb(colorText))
		drawText(screen, fmt.Sprint(r.Deaths), f, cols[2], ry, text.AlignEnd, rgb(colorText))
		drawText(screen, fmt.Sprint(r.Score), f, cols[3], ry, text.AlignEnd, rgb(colorAccent))
		ry += rowH
	}
}

// plural returns "1 player", "2 players".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
