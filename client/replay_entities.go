package client

// What a Replay shows of the recorded World's rockets and pickups.

import (
	"time"

	"arena/game"
)

// Projectiles appends the recorded World's rockets in flight to dst, as of
// the last Step (none is Local: a replay is a spectator's view).
func (p *Replay) Projectiles(_ time.Time, dst []ProjectileView) []ProjectileView {
	p.mu.Lock()
	defer p.mu.Unlock()
	return WorldProjectiles(p.r.World().Projectiles(), 0, dst)
}

// Pickups appends the recorded World's pickups to dst, ordered by ID.
func (p *Replay) Pickups(dst []PickupView) []PickupView {
	p.mu.Lock()
	defer p.mu.Unlock()
	return WorldPickups(p.r.World().Pickups(), p.rec.Header.TickRate, dst)
}

// replayEntityEvent fills ev for an explosion or pickup event of the
// recorded World and reports whether e is one.
func replayEntityEvent(w *game.World, e game.Event, ev *Event) bool {
	switch e.Kind {
	case game.EventExplosion:
		ev.Kind, ev.From, ev.To, ev.Item, ev.Weapon = EventExplosion, e.From, e.To, e.Item, game.WeaponRocket
	case game.EventPickup:
		ev.Kind, ev.From, ev.To, ev.Item = EventPickup, e.From, e.To, e.Item
		if pks := w.Pickups(); e.Item >= 1 && int(e.Item) <= len(pks) {
			ev.Pickup = pks[e.Item-1].Kind
		}
	default:
		return false
	}
	return true
}
