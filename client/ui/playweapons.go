package ui

// The match's rockets and pickups: taken from the feed each Update (with
// their trails, launch sounds and the weapon HUD's figures), drawn in the
// world and on the minimap.

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client"
	"arena/client/ui/model"
	"arena/game"
)

// predictedTrail keys the trails of the local player's predicted rockets
// (id 0), by their order, apart from the server's ids.
const predictedTrail = 1 << 20

// observeArms takes the rockets and pickups from the feed, marks the
// rockets' trails and sounds the launches: another's rocket the first
// time its id is seen, the local player's the moment it is predicted.
func (s *playScene) observeArms(g *Game) {
	s.rockets = s.sess.Projectiles(s.now, s.rockets[:0])
	s.pickups = s.sess.Pickups(s.pickups[:0])
	predicted := 0
	for i := range s.rockets {
		r := &s.rockets[i]
		key := uint32(r.ID)
		if r.Predicted {
			key = predictedTrail + uint32(predicted)
			predicted++
		}
		s.trails.Mark(key, r.Pos, s.now)
		if r.Predicted || s.launched[r.ID] {
			continue
		}
		s.launched[r.ID] = true
		if !r.Local {
			g.sound.cue(g.sound.cues.Heard(model.SoundRocket, model.RocketVolume, r.Pos, s.focus))
		}
	}
	if predicted > s.predictedRockets {
		g.sound.cue(g.sound.cues.Cue(model.SoundRocket, model.RocketVolume))
	}
	s.predictedRockets = predicted
	s.trails.Sweep(s.now)
	if len(s.launched) > 4*game.MaxProjectiles {
		clear(s.launched) // ids the server has long reused; a sound at worst repeats
	}
}

// armsEvent handles the rocket and pickup events: blasts and their sound,
// the pickup sound for the local player.
func (s *playScene) armsEvent(g *Game, e *client.Event) {
	switch e.Kind {
	case client.EventExplosion:
		s.fx.AddExplosion(model.Explosion{At: e.From, Radius: game.RocketSplashRadius, Born: s.now})
		g.sound.cue(g.sound.cues.Heard(model.SoundExplosion, model.ExplosionVolume, e.From, s.focus))
	case client.EventPickup:
		if e.Player == s.info.PlayerID {
			g.sound.cue(g.sound.cues.Cue(model.SoundPickup, model.PickupVolume))
			what := "+health"
			if e.Pickup == game.PickupRocket {
				what = "+rockets"
			}
			s.fx.AddChat(model.FeedLine{Born: s.now, Parts: [3]model.LinePart{part(what, s.info.PlayerID)}})
		}
	}
}

// uiWeapon is the HUD's name for a game weapon.
func uiWeapon(w game.Weapon) model.Weapon {
	if w == game.WeaponRocket {
		return model.WeaponRocket
	}
	return model.WeaponBlaster
}

// weapon is the local player's current weapon.
func (s *playScene) weapon() model.Weapon {
	if s.local < 0 {
		return model.WeaponBlaster
	}
	return uiWeapon(s.players[s.local].Weapon)
}

// ammo is the local player's rockets when it holds the launcher; false
// for the blaster, which has no limit.
func (s *playScene) ammo() (int, bool) {
	if s.local < 0 || s.players[s.local].Weapon != game.WeaponRocket {
		return 0, false
	}
	return s.players[s.local].Ammo, true
}

// rocketsHeld is the local player's rockets, whichever weapon it holds.
func (s *playScene) rocketsHeld() int {
	if s.local < 0 {
		return 0
	}
	return s.players[s.local].Ammo
}

// drawPickups draws the map's pickups: breathing while available, faint
// with the seconds to their return while taken.
func (s *playScene) drawPickups(v *view) {
	t := float64(s.now.UnixMilli()) / 1000
	for i := range s.pickups {
		p := &s.pickups[i]
		x, y := s.toScreen(p.Pos)
		if !onScreen(x, y) {
			continue
		}
		drawPickup(v, pickupKindOf(p.Kind), x, y, float32(model.PickupPulse(t, p.Available)), p.Available)
	}
}

// drawPickupTimers writes the seconds until each taken pickup returns
// (text: after the shapes).
func (s *playScene) drawPickupTimers(v *view) {
	for i := range s.pickups {
		p := &s.pickups[i]
		x, y := s.toScreen(p.Pos)
		if p.Available || !onScreen(x, y) || p.RespawnIn <= 0 {
			continue
		}
		v.text(fmt.Sprint(model.CountdownNumber(p.RespawnIn)), v.f.small, float64(x), float64(y)+18, text.AlignCenter, rgb(colorDim))
	}
}

func pickupKindOf(k game.PickupKind) pickupKind {
	if k == game.PickupRocket {
		return pickupRocket
	}
	return pickupHealth
}

// drawRockets draws the rockets' trails and bodies (anti-aliased shapes).
func (s *playScene) drawRockets(v *view) {
	s.trails.Each(func(id uint32, pts []model.TrailPoint) {
		owner := game.PlayerID(0)
		for i := range s.rockets {
			if uint32(s.rockets[i].ID) == id {
				owner = s.rockets[i].Owner
			}
		}
		c := rgb(0xc9ced8)
		if owner != 0 {
			c = lighten(playerColor(owner), 0.5)
		}
		drawTrail(v, pts, s.toScreen, c, s.now)
	})
	for i := range s.rockets {
		r := &s.rockets[i]
		x, y := s.toScreen(r.Pos)
		if !onScreen(x, y) {
			continue
		}
		d := game.FromAngle(r.Aim)
		owner := r.Owner
		if r.Predicted {
			owner = s.info.PlayerID
		}
		drawRocket(v, x, y, float32(d.X), float32(d.Y), playerColor(owner))
	}
}

// drawBlasts draws the explosions (anti-aliased shapes).
func (s *playScene) drawBlasts(v *view) {
	for i := range s.fx.Explosions {
		b := &s.fx.Explosions[i]
		r, a := b.Shape(s.now)
		if a <= 0 {
			continue
		}
		x, y := s.toScreen(b.At)
		drawBlast(v, x, y, float32(r), a)
	}
}

// drawArmsGlow adds the rockets' exhaust and the blasts' light (plain
// draws: after the anti-aliased shapes).
func (s *playScene) drawArmsGlow(v *view) {
	for i := range s.rockets {
		r := &s.rockets[i]
		x, y := s.toScreen(r.Pos)
		d := game.FromAngle(r.Aim)
		drawRocketFlame(v, s.art.glow, x, y, float32(d.X), float32(d.Y))
	}
	for i := range s.fx.Explosions {
		b := &s.fx.Explosions[i]
		r, a := b.Shape(s.now)
		x, y := s.toScreen(b.At)
		v.glow(s.art.glow, x, y, float32(r)*1.3, rgb(colorBlast), a)
	}
}

// drawMinimapPickups marks the available pickups on the minimap.
func (s *playScene) drawMinimapPickups(v *view, mm *model.Minimap) {
	for i := range s.pickups {
		p := &s.pickups[i]
		if !p.Available {
			continue
		}
		x, y := mm.Point(p.Pos)
		c := rgb(colorHealth)
		if p.Kind == game.PickupRocket {
			c = rgb(colorRocketPick)
		}
		v.rect(x-2, y-2, 4, 4, c)
	}
}
