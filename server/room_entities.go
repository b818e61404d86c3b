package server

// The arena's entities besides players, rockets and pickups, into the
// room's frames and events, when the room's Rules has them
// (game.EntityRules).

import (
	"arena/game"
	"arena/netcode"
)

// captureEntities adds the Rules' projectiles and pickups to f.
func (r *Room) captureEntities(f *netcode.Frame) {
	if er, ok := r.rules.(game.EntityRules); ok {
		netcode.CaptureEntities(f, er.Projectiles(), er.Pickups())
	}
}

// entityEvent records the wire form of e, an explosion or pickup event of
// the Step that made tick.
func (r *Room) entityEvent(tick uint32, e game.Event) {
	switch e.Kind {
	case game.EventExplosion:
		r.events.add(netcode.ExplosionOf(tick, e))
	case game.EventPickup:
		var kind game.PickupKind
		if er, ok := r.rules.(game.EntityRules); ok {
			if pks := er.Pickups(); e.Item >= 1 && int(e.Item) <= len(pks) {
				kind = pks[e.Item-1].Kind
			}
		}
		r.events.add(netcode.PickupOf(tick, e, kind))
	}
}

// projectileBox is the half size of the box around a member whose
// projectiles it is sent: its view box with the players' hysteresis, so a
// rocket is seen about as far as a player.
func (r *Room) projectileBox() game.Vec2 {
	return game.Vec2{X: r.interest.HalfWidth + r.interest.Hysteresis, Y: r.interest.HalfHeight + r.interest.Hysteresis}
}
