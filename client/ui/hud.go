package ui

// The match HUD: you (top left), the clock (top centre), the minimap and
// kill feed (top right), health (bottom left), the weapon (bottom right),
// chat above the health, the keys at the bottom; the death screen and the
// respawn flash. Where each goes is model.LayoutHUD's; what the numbers
// read, model's.

import (
	"fmt"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
	"arena/game"
)

// Colours of the HUD.
const (
	colorHurt     = 0xff3b3b
	colorBarTrack = 0x1b2029
	colorReady    = 0x9be7ff
)

func (s *playScene) drawHUD(v *view, sw, sh float64) {
	l := &s.layout
	s.drawMinimap(v)
	s.drawStatus(v, l.Status)
	s.drawTimer(v, l.Timer, sw, sh)
	s.drawKillFeed(v, l.KillFeed)
	if s.local >= 0 {
		me := &s.players[s.local]
		s.drawHealth(v, l.Health, me.Health, me.Alive)
		s.drawWeapon(v, l.Weapon)
	}
	s.drawChat(v, l.Chat)
	if !s.chatting && s.spectating == "" { // a replay shows its own keys
		v.text(s.helpLine, v.f.small, l.Help.X+l.Help.W/2, l.Help.Y, text.AlignCenter, rgb(colorDim))
	}
	s.drawHurt(v, sw, sh)
	if s.showScores {
		s.drawScoreboard(v, sw, sh)
	}
}

// drawStatus is the top-left panel: you and the connection.
func (s *playScene) drawStatus(v *view, r model.Rect) {
	f := v.f
	s.hudPanel(v, r)
	if s.local >= 0 {
		me := &s.players[s.local]
		v.circlef(float32(r.X+16), float32(r.Y+17), 6, playerColor(me.ID), true)
		v.text(me.Name, f.normal, r.X+28, r.Y+6, text.AlignStart, rgb(colorText))
		v.text(fmt.Sprintf("%d pts  ·  %d K  %d D", me.Score, me.Kills, me.Deaths), f.normal, r.Right()-10, r.Y+6, text.AlignEnd, rgb(colorAccent))
	} else if s.spectating != "" {
		v.text(s.spectating, f.normal, r.X+10, r.Y+6, text.AlignStart, rgb(colorAccent))
	} else {
		v.text("waiting for the first snapshot…", f.normal, r.X+10, r.Y+6, text.AlignStart, rgb(colorDim))
	}
	line := fmt.Sprintf("ping %d ms   %s   room %s   %.0f fps", s.stats.RTT.Milliseconds(), plural(len(s.players), "player"), s.info.Room, s.fps)
	if s.spectating != "" { // a replay has no connection to speak of
		line = fmt.Sprintf("%s   room %s   %.0f fps", plural(len(s.players), "player"), s.info.Room, s.fps)
	}
	v.text(line, f.small, r.X+10, r.Y+34, text.AlignStart, rgb(colorDim))
}

// drawHealth is the bottom-left health bar: a cross, the bar in the
// health's colour over a track, the number on it.
func (s *playScene) drawHealth(v *view, r model.Rect, health int, alive bool) {
	s.hudPanel(v, r)
	if !alive {
		health = 0
	}
	c := healthColor(health)
	// The cross.
	cx, cy := float32(r.X+26), float32(r.Y+r.H/2)
	v.rectf(cx-11, cy-4, 22, 8, c, false)
	v.rectf(cx-4, cy-11, 8, 22, c, false)
	bx, by, bw, bh := r.X+50, r.Y+13, r.W-64, r.H-26
	v.rect(bx, by, bw, bh, rgb(colorBarTrack))
	fill := model.HealthFill(health, game.MaxHealth)
	v.rect(bx, by, bw*fill, bh, c)
	v.rect(bx, by, bw*fill, 3, withAlpha(rgb(0xffffff), 0.25)) // a sheen on top
	// Quarter notches, so 25 damage (one blaster hit) reads as one step.
	for q := 1; q < 4; q++ {
		x := bx + bw*float64(q)/4
		v.rect(x-1, by, 2, bh, withAlpha(rgb(colorPanel), 0.5))
	}
	// The number with a shadow, readable over any colour of the bar.
	v.text(fmt.Sprint(health), v.f.large, bx+bw/2+1.5, by+bh/2-16.5, text.AlignCenter, withAlpha(rgb(0x000000), 0.7))
	v.text(fmt.Sprint(health), v.f.large, bx+bw/2, by+bh/2-18, text.AlignCenter, rgb(0xffffff))
}

// drawWeapon is the bottom-right weapon panel: its name, the ammo when
// it has some, and a bar that refills as the cooldown runs out.
func (s *playScene) drawWeapon(v *view, r model.Rect) {
	s.hudPanel(v, r)
	w := s.weapon()
	drawWeaponIcon(v, w, float32(r.X+30), float32(r.Y+r.H/2), 1, 1)
	v.text(w.String(), v.f.normal, r.X+60, r.Y+6, text.AlignStart, rgb(colorText))
	if n := s.rocketsHeld(); w != model.WeaponRocket && n > 0 {
		// The other weapon is ready to switch to: say so.
		v.text(fmt.Sprintf("E: rocket ×%d", n), v.f.small, r.X+60+v.advance(w.String(), v.f.normal)+10, r.Y+9, text.AlignStart, rgb(colorRocketPick))
	}
	if ammo, ok := s.ammo(); ok {
		v.text(fmt.Sprint(ammo), v.f.large, r.Right()-12, r.Y+4, text.AlignEnd, rgb(colorAccent))
	} else {
		v.text("∞", v.f.large, r.Right()-12, r.Y+2, text.AlignEnd, rgb(colorDim))
	}
	fill := s.ready
	bx, by, bw := r.X+60, r.Y+r.H-16, r.W-120
	v.rect(bx, by, bw, 6, rgb(colorBarTrack))
	c := rgb(colorReady)
	if fill < 1 {
		c = rgb(colorDim)
	}
	v.rect(bx, by, bw*fill, 6, c)
}

// drawWeaponIcon draws w's icon centred on (x, y), scaled by k, at
// opacity a: a blaster's stock, barrel and grip, or a launcher's tube with
// its warhead.
func drawWeaponIcon(v *view, w model.Weapon, x, y, k, a float32) {
	light := withAlpha(rgb(0xd9dee8), a)
	box := func(dx, dy, bw, bh float32, c color.NRGBA) {
		v.rectf(x+dx*k, y+dy*k, bw*k, bh*k, c, false)
	}
	switch w {
	case model.WeaponRocket:
		box(-17, -5, 26, 10, light)
		box(9, -4, 8, 8, withAlpha(rgb(colorAccent), a))
		box(-20, -8, 5, 16, light)
		box(-6, 5, 4, 5, light)
	default:
		box(-18, -4, 34, 5, light)
		box(-18, -4, 10, 10, light)
		box(-3, 1, 4, 6, light)
		box(12, -6, 2, 2, light)
	}
}

// drawChat draws the chat lines, newest at the bottom of r, then the line
// being typed under them.
func (s *playScene) drawChat(v *view, r model.Rect) {
	y := r.Bottom() - float64(len(s.fx.Chat))*24
	if s.chatting {
		y -= 34
	}
	for i := range s.fx.Chat {
		l := &s.fx.Chat[i]
		s.drawLine(v, l, r.X+4, y, model.ChatAlpha(l, s.now))
		y += 24
	}
	if s.chatting {
		v.panel(r.X, r.Bottom()-30, r.W, 30)
		v.text("say: "+s.chat.String()+"|", v.f.normal, r.X+8, r.Bottom()-27, text.AlignStart, rgb(colorText))
	}
}

// drawHurt reddens the screen's edges for a moment when the local player
// loses health.
func (s *playScene) drawHurt(v *view, sw, sh float64) {
	a := model.FadeOut(s.now.Sub(s.hurtAt), hurtFor, hurtFor)
	if s.hurtAt.IsZero() || a <= 0 {
		return
	}
	c := withAlpha(rgb(colorHurt), 0.35*a)
	const e = 28
	v.rect(0, 0, sw, e, c)
	v.rect(0, sh-e, sw, e, c)
	v.rect(0, e, e, sh-2*e, c)
	v.rect(sw-e, e, e, sh-2*e, c)
}

// drawDeath dims the screen while the local player is dead and says who
// killed it and when it comes back.
func (s *playScene) drawDeath(v *view, sw, sh float64) {
	if s.local < 0 {
		return
	}
	if f := s.death.Flash(s.now); f > 0 {
		v.rect(0, 0, sw, sh, withAlpha(rgb(0xffffff), 0.12*f))
	}
	dim := s.death.Dim(s.now)
	if dim <= 0 {
		return
	}
	v.rect(0, 0, sw, sh, withAlpha(rgb(0x000000), dim))
	v.rect(0, sh/2-90, sw, 150, withAlpha(rgb(0x000000), dim*0.6))
	title := s.death.Title()
	c := rgb(colorBad)
	if k := s.death.Killer(); k != 0 {
		c = playerColor(k)
	}
	v.text(title, v.f.huge, sw/2, sh/2-90, text.AlignCenter, withAlpha(c, dim/model.DeathDimMax))
	me := &s.players[s.local]
	v.text(model.RespawnLine(me.RespawnIn), v.f.large, sw/2, sh/2+10, text.AlignCenter, rgb(colorText))
}

// plural returns "1 player", "2 players".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
