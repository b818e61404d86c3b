package game_test

import (
	"math/rand/v2"
	"testing"

	"arena/game"
)

// commandTestMap has walls to slide along, so that a replay that lost or
// reordered an input would end somewhere else.
func commandTestMap(t testing.TB) *game.Map {
	return parse(t,
		"....................",
		".S..................",
		"......#######.......",
		"......#.............",
		"......#.....###.....",
		"............#.......",
		"....................",
		"....................",
		"....................",
		"....................",
	)
}

// randomInputs returns n inputs that walk about and fire now and then.
func randomInputs(rng *rand.Rand, n int) []game.Input {
	ins := make([]game.Input, n)
	for i := range ins {
		ins[i] = game.Input{MoveX: int8(rng.IntN(255) - 127), MoveY: int8(rng.IntN(255) - 127), Aim: uint16(rng.Uint32())}
		if rng.IntN(4) == 0 {
			ins[i].Buttons = game.ButtonFire
		}
		if rng.IntN(6) == 0 {
			ins[i].MoveX, ins[i].MoveY = 0, 0
		}
	}
	return ins
}

// TestHeldCommandsCatchUpExactly: a player whose commands arrive in bursts,
// nothing for several ticks and then several at once, ends in exactly the
// state of a player given the same commands one per tick, and of
// SimulateCommand applied to them in turn (a client's prediction). While
// held it does not move and its cooldown stands still; spawn protection
// counts World ticks all the same.
func TestHeldCommandsCatchUpExactly(t *testing.T) {
	t.Parallel()
	m := commandTestMap(t)
	rng := rand.New(rand.NewPCG(5, 6))
	ins := randomInputs(rng, 600)

	paced := newWorld(t, m, 1, 1)
	bursty := newWorld(t, m, 1, 1)
	pp, bp := paced.Players()[0], bursty.Players()[0]
	predicted := *pp // the client's copy, from the same start
	cooldown := int(game.HitscanCooldown * game.DefaultTickRate)

	next, held, caughtUp := 0, 0, 0
	for tick := 0; next < len(ins); tick++ {
		if tick < len(ins) {
			paced.SetInput(pp.ID, ins[tick])
			paced.Step()
			game.SimulateCommand(m, &predicted, ins[tick], 1.0/game.DefaultTickRate, cooldown)
		}
		// The bursty player: stalls of up to 12 ticks, then up to 4
		// commands a tick until it has caught up with the paced one.
		k := 0
		if rng.IntN(10) != 0 || tick >= len(ins) {
			k = min(1+rng.IntN(4), len(ins)-next, tick+1-next)
		}
		if tick < len(ins) && rng.IntN(20) == 0 {
			k = 0
			for range rng.IntN(12) {
				if tick+1 >= len(ins) {
					break
				}
				tick++
				paced.SetInput(pp.ID, ins[tick])
				paced.Step()
				game.SimulateCommand(m, &predicted, ins[tick], 1.0/game.DefaultTickRate, cooldown)
				before := *bp
				protect := bp.ProtectTicks
				bursty.Step()
				held++
				if bp.Pos != before.Pos || bp.Vel != before.Vel || bp.CooldownTicks != before.CooldownTicks || bp.Aim != before.Aim {
					t.Fatalf("tick %d: a held player changed: %+v -> %+v", bursty.Tick(), before, *bp)
				}
				if protect > 0 && bp.ProtectTicks != protect-1 {
					t.Fatalf("tick %d: protection %d -> %d while held, want it to count the tick", bursty.Tick(), protect, bp.ProtectTicks)
				}
			}
		}
		cmds := make([]game.Command, k)
		for i := range cmds {
			cmds[i] = game.Command{Input: ins[next+i]}
		}
		if k > 1 {
			caughtUp++
		}
		next += k
		bursty.SetCommands(bp.ID, cmds)
		bursty.Step()
	}
	if held < 20 || caughtUp < 20 {
		t.Fatalf("%d held ticks and %d catch-up ticks: the test exercised too little", held, caughtUp)
	}
	for name, p := range map[string]*game.Player{"bursty": bp, "predicted": &predicted} {
		if p.Pos != pp.Pos || p.Vel != pp.Vel || p.Aim != pp.Aim || p.CooldownTicks != pp.CooldownTicks {
			t.Errorf("%s: pos %v vel %v aim %d cooldown %d; one command per tick: pos %v vel %v aim %d cooldown %d",
				name, p.Pos, p.Vel, p.Aim, p.CooldownTicks, pp.Pos, pp.Vel, pp.Aim, pp.CooldownTicks)
		}
	}
}

// TestCooldownCountsCommands: the weapon's cooldown counts simulated
// commands, so a burst of commands fires exactly when the same commands one
// per tick would, and a held tick does not bring the next shot closer.
func TestCooldownCountsCommands(t *testing.T) {
	t.Parallel()
	w := newWorld(t, openMap(t), 1, 1)
	p := w.Players()[0]
	fire := game.Command{Input: game.Input{Buttons: game.ButtonFire}}
	cooldown := int(game.HitscanCooldown * game.DefaultTickRate)

	w.SetCommands(p.ID, []game.Command{fire})
	w.Step()
	if countEvents(w, game.EventShot) != 1 || p.CooldownTicks != cooldown-1 {
		t.Fatalf("first command: %d shots, cooldown %d; want 1 and %d", countEvents(w, game.EventShot), p.CooldownTicks, cooldown-1)
	}
	for range 20 { // held: the cooldown stands
		w.Step()
	}
	if p.CooldownTicks != cooldown-1 {
		t.Fatalf("cooldown %d after 20 held ticks, want %d", p.CooldownTicks, cooldown-1)
	}
	// cooldown−1 more commands make it ready; the burst's next one fires.
	shots := 0
	for sent := 0; sent < cooldown; {
		k := min(4, cooldown-sent)
		burst := make([]game.Command, k)
		for i := range burst {
			burst[i] = fire
		}
		w.SetCommands(p.ID, burst)
		w.Step()
		shots += countEvents(w, game.EventShot)
		sent += k
		if sent < cooldown && shots != 0 {
			t.Fatalf("fired after %d commands, want the %dth", sent, cooldown)
		}
	}
	if shots != 1 || p.CooldownTicks != cooldown-1 {
		t.Fatalf("after %d more commands: %d shots, cooldown %d; want 1 and %d", cooldown, shots, p.CooldownTicks, cooldown-1)
	}
}

// TestRespawnTickCommands: on the tick a player respawns it does not move,
// whatever commands it has, but each of them turns it, and it fires with
// the first that holds fire; its cooldown counts those commands.
func TestRespawnTickCommands(t *testing.T) {
	t.Parallel()
	w := newWorld(t, openMap(t), 1, 2)
	a, b := w.Players()[0], w.Players()[1]
	b.Health, b.ProtectTicks = 0, 0
	b.Alive, b.RespawnTicks = false, 1
	place(a, game.Vec2{X: 320, Y: 40})
	cmds := []game.Command{
		{Input: game.Input{MoveX: 127, Aim: 100}},
		{Input: game.Input{MoveX: 127, Aim: 16384, Buttons: game.ButtonFire}},
		{Input: game.Input{MoveX: 127, Aim: 30000, Buttons: game.ButtonFire}},
	}
	w.SetCommands(b.ID, cmds)
	w.Step()
	if !b.Alive || b.Vel != (game.Vec2{}) || countEvents(w, game.EventSpawn) != 1 {
		t.Fatalf("respawn tick: alive %v vel %v spawns %d; want alive, at rest", b.Alive, b.Vel, countEvents(w, game.EventSpawn))
	}
	var spawn game.Vec2
	var shots []game.Event
	for _, e := range w.Events() {
		switch {
		case e.Kind == game.EventSpawn:
			spawn = e.From
		case e.Kind == game.EventShot && e.Actor == b.ID:
			shots = append(shots, e)
		}
	}
	cooldown := int(game.HitscanCooldown * game.DefaultTickRate)
	if b.Pos != spawn || b.Aim != 30000 || b.CooldownTicks != cooldown-2 || b.ProtectTicks != 0 {
		t.Errorf("after the respawn tick: pos %v (spawn %v) aim %d cooldown %d protect %d; want the spawn, aim 30000, cooldown %d, unprotected",
			b.Pos, spawn, b.Aim, b.CooldownTicks, b.ProtectTicks, cooldown-2)
	}
	if len(shots) != 1 || shots[0].From != spawn {
		t.Fatalf("shots %+v, want one from the spawn point", shots)
	}
	if d, want := shots[0].To.Sub(shots[0].From), game.FromAngle(game.AimToAngle(16384)); d.Dot(want) <= 0 {
		t.Errorf("shot towards %v, want along the second command's aim (%v)", d, want)
	}
}

// TestKilledShooterDoesNotFire: shots resolve in shooter id order, so a
// player killed by a lower id's shot does not fire its own in that tick.
func TestKilledShooterDoesNotFire(t *testing.T) {
	t.Parallel()
	w := newWorld(t, openMap(t), 1, 2)
	a, b := w.Players()[0], w.Players()[1]
	place(a, game.Vec2{X: 100, Y: 100})
	place(b, game.Vec2{X: 300, Y: 100})
	b.Health = game.HitscanDamage
	w.SetInput(a.ID, game.Input{Aim: 0, Buttons: game.ButtonFire})
	w.SetInput(b.ID, game.Input{Aim: 32768, Buttons: game.ButtonFire})
	w.Step()
	for _, e := range w.Events() {
		if e.Actor == b.ID {
			t.Errorf("the killed player fired: %+v", e)
		}
	}
	if b.Alive || a.Health != game.MaxHealth || b.CooldownTicks != 0 {
		t.Errorf("b alive %v cooldown %d, a health %d: want b dead with its cooldown cleared, a unhurt", b.Alive, b.CooldownTicks, a.Health)
	}
}
