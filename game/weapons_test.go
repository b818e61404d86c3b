package game_test

import (
	"testing"

	"arena/game"
)

// TestWeaponSwitch: the weapon buttons switch as SimulateCommand says, the
// launcher spends rockets and has its own cooldown, and an empty launcher
// falls back to the blaster.
func TestWeaponSwitch(t *testing.T) {
	t.Parallel()
	m := openMap(t)
	dt := 1.0 / game.DefaultTickRate
	cool := int(game.HitscanCooldown * game.DefaultTickRate)
	rocketCool := int(game.RocketCooldown * game.DefaultTickRate)
	p := &game.Player{ID: 1, Alive: true, Health: game.MaxHealth, Pos: game.Vec2{X: 100, Y: 100}}
	in := func(b game.Buttons) game.Input { return game.Input{Buttons: b} }

	game.SimulateCommand(m, p, in(game.ButtonRocket), dt, cool)
	if p.Weapon != game.WeaponBlaster {
		t.Fatalf("selected %v without rockets", p.Weapon)
	}
	p.Ammo = 2
	game.SimulateCommand(m, p, in(game.ButtonRocket), dt, cool)
	if p.Weapon != game.WeaponRocket {
		t.Fatalf("weapon %v after ButtonRocket with rockets", p.Weapon)
	}
	if !game.SimulateCommand(m, p, in(game.ButtonFire), dt, cool) || p.Weapon != game.WeaponRocket || p.Ammo != 1 || p.CooldownTicks != rocketCool-1 {
		t.Fatalf("after a rocket: weapon %v ammo %d cooldown %d", p.Weapon, p.Ammo, p.CooldownTicks)
	}
	// Switching does not skip the cooldown.
	if game.SimulateCommand(m, p, in(game.ButtonBlaster|game.ButtonFire), dt, cool) || p.Weapon != game.WeaponBlaster {
		t.Fatalf("fired during the cooldown, or did not switch: weapon %v", p.Weapon)
	}
	for p.CooldownTicks > 0 {
		game.SimulateCommand(m, p, in(0), dt, cool)
	}
	// Both buttons: the launcher.
	if !game.SimulateCommand(m, p, in(game.ButtonBlaster|game.ButtonRocket|game.ButtonFire), dt, cool) || p.Ammo != 0 || p.Weapon != game.WeaponRocket {
		t.Fatalf("last rocket: fired weapon %v ammo %d", p.Weapon, p.Ammo)
	}
	game.SimulateCommand(m, p, in(0), dt, cool)
	if p.Weapon != game.WeaponBlaster {
		t.Errorf("empty launcher still held: %v", p.Weapon)
	}
	for p.CooldownTicks > 0 {
		game.SimulateCommand(m, p, in(0), dt, cool)
	}
	if !game.SimulateCommand(m, p, in(game.ButtonFire), dt, cool) || p.CooldownTicks != cool-1 {
		t.Errorf("blaster after the rockets: cooldown %d", p.CooldownTicks)
	}
}

// TestRespawnDisarms: a respawned player has the blaster and no rockets.
func TestRespawnDisarms(t *testing.T) {
	t.Parallel()
	w := holding(newWorld(t, openMap(t), 1, 2))
	a, b := w.Players()[0], w.Players()[1]
	place(a, game.Vec2{X: 100, Y: 48})
	place(b, game.Vec2{X: 400, Y: 48})
	rocketer(b, 7)
	b.Health = 1
	w.hold(a.ID, game.MakeInput(0, 0, 0, true))
	for range 200 {
		w.Step()
		if b.Alive && b.Deaths == 1 {
			break
		}
	}
	if b.Deaths != 1 || !b.Alive || b.Weapon != game.WeaponBlaster || b.Ammo != 0 {
		t.Errorf("after respawn: deaths %d alive %v weapon %v ammo %d", b.Deaths, b.Alive, b.Weapon, b.Ammo)
	}
}

func TestSwitchButtons(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		held       game.Weapon
		ammo, step int
		want       game.Buttons
	}{
		{game.WeaponBlaster, 3, 1, game.ButtonRocket},
		{game.WeaponBlaster, 3, -1, game.ButtonRocket},
		{game.WeaponBlaster, 0, 1, 0},
		{game.WeaponRocket, 3, 1, game.ButtonBlaster},
		{game.WeaponRocket, 3, -1, game.ButtonBlaster},
		{game.WeaponRocket, 3, 0, 0},
	} {
		if got := game.SwitchButtons(c.held, c.ammo, c.step); got != c.want {
			t.Errorf("SwitchButtons(%v, %d, %d) = %b, want %b", c.held, c.ammo, c.step, got, c.want)
		}
	}
}
