package netcode

// Projectiles and pickups: the entity kinds besides players. A projectile
// (a rocket) flies in a straight line at a known speed, so a client needs
// only where it was at one tick and its direction: it enters a client's
// view once, with those, and is gone when it explodes or leaves the view.
// Pickups are few and fixed by the map; every client gets all of them and
// learns when one is taken and when it is back.

import (
	"math"
	"slices"

	"arena/game"
)

// ProjectileState is a projectile as clients see it: position at
// RemoteScale at the Frame's tick, the exact 16-bit aim it flies along,
// and its age then (Steps flown: 1 at the tick it was fired).
type ProjectileState struct {
	ID    uint16
	Owner game.PlayerID
	X, Y  int32 // 1/RemoteScale unit
	Aim   uint16
	Age   uint16
}

// PickupState is a pickup as clients see it.
type PickupState struct {
	ID           uint16
	Kind         uint8 // game.PickupKind
	X, Y         int32 // 1/RemoteScale unit
	RespawnTicks uint16
}

// Groups of a projectile update (ProjectileUpdate.Mask).
const (
	ProjectileGone  uint8 = 0 // it exploded or left your view
	ProjectileEnter uint8 = 1 // owner, x, y, aim, age, absolute
)

// Groups of a pickup update (PickupUpdate.Mask).
const (
	PickupGone  uint8 = 0 // no longer on the map
	PickupEnter uint8 = 1 // kind, x, y, respawn_ticks: new, or replaces what you had
	PickupTimer uint8 = 2 // respawn_ticks; absent: counting down
)

// ProjectileUpdate is one entry of the projectile kind block.
type ProjectileUpdate struct {
	Mask uint8
	ProjectileState
}

// PickupUpdate is one entry of the pickup kind block.
type PickupUpdate struct {
	Mask uint8
	PickupState
}

// CaptureEntities fills f's projectiles (sorted by ID) and pickups from
// the Rules' entities, reusing f's slices. Capture leaves them empty.
func CaptureEntities(f *Frame, projectiles []game.Projectile, pickups []game.Pickup) {
	f.Projectiles = f.Projectiles[:0]
	for i := range projectiles {
		pr := &projectiles[i]
		f.Projectiles = append(f.Projectiles, ProjectileState{
			ID: uint16(pr.ID), Owner: pr.Owner,
			X: ToRemote(pr.Pos.X), Y: ToRemote(pr.Pos.Y), Aim: pr.Aim,
			Age: uint16(clamp(pr.Age, 0, math.MaxUint16)),
		})
	}
	// Launch order is id order except where ids wrapped.
	slices.SortFunc(f.Projectiles, func(a, b ProjectileState) int { return int(a.ID) - int(b.ID) })
	f.Pickups = f.Pickups[:0]
	for i := range pickups {
		pk := &pickups[i]
		f.Pickups = append(f.Pickups, PickupState{
			ID: pk.ID, Kind: uint8(pk.Kind),
			X: ToRemote(pk.Pos.X), Y: ToRemote(pk.Pos.Y),
			RespawnTicks: uint16(clamp(pk.RespawnTicks, 0, math.MaxUint16)),
		})
	}
}

// projectileVisible reports whether self sees p: within box (half sizes,
// world units) of self's position; a zero box sees everything.
func projectileVisible(p *ProjectileState, self *PlayerState, box game.Vec2) bool {
	if box == (game.Vec2{}) {
		return true
	}
	dx := abs(FromRemote(p.X) - FromFixed(self.X))
	dy := abs(FromRemote(p.Y) - FromFixed(self.Y))
	return dx <= box.X && dy <= box.Y
}

// buildProjectiles appends the projectile updates from what the client saw
// of base (nil: a full snapshot) to what it sees of cur. What a client sees
// of a Frame depends only on the Frame, so nothing needs remembering.
func (s *Snapshot) buildProjectiles(cur, base *Frame, self, baseSelf *PlayerState, box game.Vec2) {
	var old []ProjectileState
	if base != nil {
		old = base.Projectiles
	}
	now := cur.Projectiles
	for len(old) > 0 || len(now) > 0 {
		if len(old) > 0 && !projectileVisible(&old[0], baseSelf, box) {
			old = old[1:]
			continue
		}
		if len(now) > 0 && !projectileVisible(&now[0], self, box) {
			now = now[1:]
			continue
		}
		switch {
		case len(now) == 0 || (len(old) > 0 && old[0].ID < now[0].ID):
			s.Projectiles = append(s.Projectiles, ProjectileUpdate{Mask: ProjectileGone, ProjectileState: ProjectileState{ID: old[0].ID}})
			old = old[1:]
		case len(old) == 0 || now[0].ID < old[0].ID:
			s.Projectiles = append(s.Projectiles, ProjectileUpdate{Mask: ProjectileEnter, ProjectileState: now[0]})
			now = now[1:]
		default: // seen in both: its trajectory is known
			old, now = old[1:], now[1:]
		}
	}
}

// buildPickups appends the pickup updates from base (nil: a full snapshot)
// to cur; elapsed is the ticks between them.
func (s *Snapshot) buildPickups(cur, base *Frame, elapsed uint32) {
	var old []PickupState
	if base != nil {
		old = base.Pickups
	}
	now := cur.Pickups
	for len(old) > 0 || len(now) > 0 {
		switch {
		case len(now) == 0 || (len(old) > 0 && old[0].ID < now[0].ID):
			s.Pickups = append(s.Pickups, PickupUpdate{Mask: PickupGone, PickupState: PickupState{ID: old[0].ID}})
			old = old[1:]
		case len(old) == 0 || now[0].ID < old[0].ID:
			s.Pickups = append(s.Pickups, PickupUpdate{Mask: PickupEnter, PickupState: now[0]})
			now = now[1:]
		default:
			o, n := &old[0], &now[0]
			switch {
			case o.Kind != n.Kind || o.X != n.X || o.Y != n.Y:
				s.Pickups = append(s.Pickups, PickupUpdate{Mask: PickupEnter, PickupState: *n})
			case n.RespawnTicks != CountDown(o.RespawnTicks, elapsed):
				s.Pickups = append(s.Pickups, PickupUpdate{Mask: PickupTimer, PickupState: PickupState{ID: n.ID, RespawnTicks: n.RespawnTicks}})
			}
			old, now = old[1:], now[1:]
		}
	}
}

// ExplosionOf converts a game explosion event (Kind game.EventExplosion)
// at tick to the wire form.
func ExplosionOf(tick uint32, e game.Event) Event {
	return Event{
		Kind: EventExplosion, Tick: tick, Player: e.Actor, Other: e.Target, Item: e.Item,
		FromX: ToRemote(e.From.X), FromY: ToRemote(e.From.Y),
	}
}

// PickupOf converts a game pickup event (Kind game.EventPickup) at tick to
// the wire form; kind is the pickup's kind.
func PickupOf(tick uint32, e game.Event, kind game.PickupKind) Event {
	return Event{Kind: EventPickup, Tick: tick, Player: e.Actor, Item: e.Item, ItemKind: uint8(kind)}
}
