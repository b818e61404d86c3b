package game

// The arena's two weapons and the switch between them. A player holds one
// weapon at a time: the blaster (hitscan, weapon.go) or the rocket
// launcher (a projectile with splash damage, projectile.go), which fires
// only while the player has rockets. Switching is part of a command, so a
// client predicting its player with SimulateCommand predicts it exactly.

// Weapon is the weapon a player holds.
type Weapon uint8

// Weapons. The zero value is the blaster, which every player spawns with.
const (
	WeaponBlaster Weapon = 0 // hitscan, unlimited
	WeaponRocket  Weapon = 1 // a rocket per shot, while Ammo > 0
)

// String returns "blaster" or "rocket".
func (wp Weapon) String() string {
	if wp == WeaponRocket {
		return "rocket"
	}
	return "blaster"
}

// Rocket tuning, in world units and seconds.
const (
	RocketSpeed        = 600.0 // units/s
	RocketLifetime     = 1.5   // seconds; a rocket that hits nothing explodes then
	RocketRadius       = 4.0   // units: how close to a player counts as a direct hit
	RocketDamage       = 80    // at the centre of the explosion
	RocketSplashRadius = 100.0 // units from the centre to a player's edge where damage reaches 0
	RocketCooldown     = 0.8   // seconds between a rocket and the next shot of either weapon
	RocketMaxAmmo      = 10
	// MaxProjectiles bounds a World's live rockets. With RocketCooldown and
	// RocketLifetime a player has at most 2 in flight, so 64 players never
	// reach it; a command that would pass it fires nothing.
	MaxProjectiles = 256
)

// selectWeapon applies the weapon buttons of in to p: ButtonRocket selects
// the rocket launcher when p has rockets, else ButtonBlaster selects the
// blaster. A player holding the launcher with no rockets left (it fired
// its last one with the previous command) goes back to the blaster.
func selectWeapon(p *Player, in Input) {
	switch {
	case in.Buttons&ButtonRocket != 0 && p.Ammo > 0:
		p.Weapon = WeaponRocket
	case in.Buttons&ButtonBlaster != 0:
		p.Weapon = WeaponBlaster
	}
	if p.Weapon == WeaponRocket && p.Ammo <= 0 {
		p.Weapon = WeaponBlaster
	}
}

// rocketCooldownTicks is RocketCooldown in ticks of length dt.
func rocketCooldownTicks(dt float64) int { return int(RocketCooldown/dt + 0.5) }

// SwitchButtons returns the weapon buttons a "next weapon" (step > 0) or
// "previous weapon" (step < 0) key sets for a player holding held with
// ammo rockets: with two weapons either way toggles, to the launcher only
// when there are rockets; 0 when there is nothing to switch to or step is 0.
func SwitchButtons(held Weapon, ammo int, step int) Buttons {
	switch {
	case step == 0:
		return 0
	case held == WeaponRocket:
		return ButtonBlaster
	case ammo > 0:
		return ButtonRocket
	}
	return 0
}
