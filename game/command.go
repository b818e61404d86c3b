package game

// Command is one input of a player's own timeline, as the World simulates
// it. A player advances by its commands, not by the World's ticks: a Step
// simulates every command it was given for the player, in order, and a
// player given none is held (it does not move, and its weapon cooldown does
// not count down). So an input that reaches the server late is simulated
// late, never replaced by a guess, and a client predicting its player with
// SimulateCommand reproduces the server whatever the arrival timing.
type Command struct {
	Input Input
	// ViewTick is the World tick the client was drawing the other players
	// at when it made this input; a shot of this command is resolved
	// against where they were then (see World.SetCommands). 0 = unknown:
	// the current positions.
	ViewTick uint32
	// Late is how many ticks after its slot (the tick it was meant for)
	// this command is simulated: a player held for lack of input and then
	// caught up has its commands simulated Late ticks behind. The lag
	// compensation cap is measured from the slot, tick − Late, so the
	// hold does not cost a shot its rewind.
	Late uint32
}

// SimulateCommand advances p by one command with input in, exactly as a
// World's Step does for a living player, and reports whether p fired. It is
// exported so that a client predicts its own player with the server's code.
//
// A living player moves (MovePlayer), takes the input's aim and switches
// weapon as the input's weapon buttons say (ButtonRocket: the rocket
// launcher, if it has rockets; ButtonBlaster: the blaster; a launcher
// without rockets falls back to the blaster). If its weapon is ready
// (CooldownTicks 0) and in holds fire, it fires: with the blaster the
// cooldown becomes cooldownTicks (the mode's cooldown_ticks); with the
// launcher it spends a rocket (Ammo) and the cooldown becomes
// RocketCooldown in ticks of dt (rocket_cooldown_ticks); either way its
// spawn protection ends. p.Weapon then says which weapon fired. Then the
// cooldown counts down by one, so the cooldown counts commands, not ticks.
// A dead player does not move or fire. What the shot hits is the World's
// business (see World.SetCommands); spawn protection and respawn count
// World ticks, so SimulateCommand leaves them.
func SimulateCommand(m *Map, p *Player, in Input, dt float64, cooldownTicks int) (fired bool) {
	if p.Alive {
		MovePlayer(m, p, in, dt)
		fired = aimAndFire(p, in, cooldownTicks, rocketCooldownTicks(dt))
	} else if p.CooldownTicks > 0 {
		p.CooldownTicks--
	}
	return fired
}

// aimAndFire is a command without the movement, the part of SimulateCommand
// a player that respawned in this tick still runs: its aim becomes the
// input's, it switches weapon as the input says, it fires if it can and
// holds fire, and its cooldown counts down.
func aimAndFire(p *Player, in Input, cooldownTicks, rocketCooldown int) (fired bool) {
	p.Aim = in.Aim
	selectWeapon(p, in)
	if p.CooldownTicks == 0 && in.Fire() {
		if p.Weapon == WeaponRocket {
			p.Ammo--
			p.CooldownTicks = rocketCooldown
		} else {
			p.CooldownTicks = cooldownTicks
		}
		// Firing ends the shooter's own spawn protection: it is there to let
		// a newcomer get its bearings, not to attack with impunity.
		p.ProtectTicks = 0
		fired = true
	}
	if p.CooldownTicks > 0 {
		p.CooldownTicks--
	}
	return fired
}
