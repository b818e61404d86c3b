package game

// Pickups: health and rockets at points of the map, taken by touching and
// back after a delay. A map's pickups come from the Tiled object layer
// "pickups" (tiled.go); a World keeps each one's countdown.

// PickupKind says what a pickup gives.
type PickupKind uint8

// Pickup kinds, as the Tiled object's type (class) names them.
const (
	PickupHealth PickupKind = 1 // "health": HealthPickup health, up to MaxHealth
	PickupRocket PickupKind = 2 // "rocket": RocketPickup rockets, up to RocketMaxAmmo
)

// String returns the kind's Tiled type: "health" or "rocket".
func (k PickupKind) String() string {
	switch k {
	case PickupHealth:
		return "health"
	case PickupRocket:
		return "rocket"
	}
	return "unknown"
}

// Pickup tuning.
const (
	PickupRadius        = 16.0 // units: a player whose centre is within PlayerRadius+PickupRadius takes it
	HealthPickup        = 50   // health given
	RocketPickup        = 5    // rockets given
	HealthPickupRespawn = 10.0 // seconds until a taken health pickup is back
	RocketPickupRespawn = 15.0 // seconds until a taken rocket pickup is back
)

// PickupPoint is a pickup of a Map: where it is and what it gives.
type PickupPoint struct {
	Kind PickupKind
	Pos  Vec2
}

// Pickup is a pickup of a World. ID is its index in Map.Pickups plus 1.
// Fields are read-only outside package game.
type Pickup struct {
	ID   uint16
	Kind PickupKind
	Pos  Vec2
	// RespawnTicks counts down, once per Step, after it was taken; it can
	// be taken again at 0.
	RespawnTicks int
}

// Available reports whether the pickup can be taken.
func (pk *Pickup) Available() bool { return pk.RespawnTicks == 0 }

// newPickups returns a World's pickups for m, all available.
func newPickups(m *Map) []Pickup {
	ps := make([]Pickup, len(m.Pickups))
	for i, pp := range m.Pickups {
		ps[i] = Pickup{ID: uint16(i + 1), Kind: pp.Kind, Pos: pp.Pos}
	}
	return ps
}

// stepPickups counts down the taken pickups and gives each available one
// to the first living player, in ID order, who touches it and can use it:
// a health pickup to one below MaxHealth, rockets to one below
// RocketMaxAmmo (a player who had none switches to the launcher).
func (w *World) stepPickups() {
	reach := PlayerRadius + PickupRadius
	for i := range w.pickups {
		pk := &w.pickups[i]
		if pk.RespawnTicks > 0 {
			pk.RespawnTicks--
			if pk.RespawnTicks > 0 {
				continue
			}
		}
		for _, p := range w.players {
			if p.Alive && p.Pos.Dist(pk.Pos) <= reach && w.take(p, pk) {
				break
			}
		}
	}
}

// take gives pk to p if p can use it, and reports whether it did.
func (w *World) take(p *Player, pk *Pickup) bool {
	switch pk.Kind {
	case PickupHealth:
		if p.Health >= MaxHealth {
			return false
		}
		p.Health = min(MaxHealth, p.Health+HealthPickup)
		pk.RespawnTicks = w.ticks(HealthPickupRespawn)
	case PickupRocket:
		if p.Ammo >= RocketMaxAmmo {
			return false
		}
		if p.Ammo <= 0 {
			p.Weapon = WeaponRocket
		}
		p.Ammo = min(RocketMaxAmmo, max(0, p.Ammo)+RocketPickup)
		pk.RespawnTicks = w.ticks(RocketPickupRespawn)
	default:
		return false
	}
	w.events = append(w.events, Event{Kind: EventPickup, Actor: p.ID, From: pk.Pos, To: pk.Pos, Item: pk.ID})
	return true
}

// Pickups returns the World's pickups, ordered by ID. The slice is owned
// by the World and valid until the next Step.
func (w *World) Pickups() []Pickup { return w.pickups }

// resetEntities starts the World's entities afresh on its map (a new
// match's map): no rockets in flight, every pickup of the map available.
func (w *World) resetEntities() {
	clear(w.projectiles)
	w.projectiles = w.projectiles[:0]
	w.pickups = newPickups(w.m)
}
