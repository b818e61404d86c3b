package client

// The recorded World's explosion and pickup events as a Replay shows them
// (its Projectiles and Pickups are in replay.go).

import "arena/game"

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
