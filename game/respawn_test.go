package game_test

import (
	"slices"
	"testing"

	"arena/game"
)

func TestRespawn(t *testing.T) {
	t.Parallel()
	m := openMap(t)
	w, _, b := duel(t, m, game.Vec2{X: 100, Y: 48}, game.Vec2{X: 400, Y: 48})
	for b.Alive {
		w.Step()
	}
	delay := int(game.RespawnDelay * game.DefaultTickRate)
	for i := range delay - 1 {
		w.Step()
		if b.Alive || countEvents(w.World, game.EventSpawn) != 0 {
			t.Fatalf("respawned %d ticks after death, want %d", i+1, delay)
		}
	}
	w.Step()
	if !b.Alive || b.Health != game.MaxHealth || b.ProtectTicks <= 0 || b.Vel != (game.Vec2{}) {
		t.Fatalf("after the delay: alive=%v health=%d protect=%d vel=%v; want alive, full health, protected, at rest",
			b.Alive, b.Health, b.ProtectTicks, b.Vel)
	}
	if !slices.Contains(m.Spawns, b.Pos) {
		t.Errorf("respawned at %v, not a spawn point %v", b.Pos, m.Spawns)
	}
	var spawn *game.Event
	for i, e := range w.Events() {
		if e.Kind == game.EventSpawn {
			spawn = &w.Events()[i]
		}
	}
	if spawn == nil || spawn.Actor != b.ID || spawn.From != b.Pos {
		t.Errorf("events %+v, want a spawn event for %d at %v", w.Events(), b.ID, b.Pos)
	}
	// Protection lasts SpawnProtection seconds, then shots hurt again.
	protect := int(game.SpawnProtection * game.DefaultTickRate)
	hurtAt := -1
	for i := range protect + 30 {
		b.Pos = game.Vec2{X: 400, Y: 48} // stand in the line of fire
		w.Step()
		if b.Health < game.MaxHealth {
			hurtAt = i + 1
			break
		}
	}
	if hurtAt < protect || hurtAt > protect+int(game.HitscanCooldown*game.DefaultTickRate) {
		t.Errorf("first damage %d ticks after respawn, want just after %d ticks of protection", hurtAt, protect)
	}
}

// TestSpawnAwayFromEnemies: with an enemy camping one corner of the map, the
// spawn points near it are never chosen.
func TestSpawnAwayFromEnemies(t *testing.T) {
	t.Parallel()
	m := openMap(t) // spawns near the four corners
	w := newWorld(t, m, 7, 1)
	camper := w.Players()[0]
	place(camper, m.Spawns[0])
	for i := range 50 {
		id, err := w.AddPlayer("newcomer")
		if err != nil {
			t.Fatal(err)
		}
		if p := w.Player(id); p.Pos.Dist(camper.Pos) < 300 {
			t.Fatalf("join %d spawned at %v, next to the enemy at %v", i, p.Pos, camper.Pos)
		}
		w.RemovePlayer(id)
	}
}

// TestRespawnTakesTheInputsAim: a player that holds fire while dead fires
// on the tick it respawns, along the aim of that tick's input, not the one
// it had when it died.
func TestRespawnTakesTheInputsAim(t *testing.T) {
	t.Parallel()
	m := openMap(t)
	w, _, b := duel(t, m, game.Vec2{X: 100, Y: 48}, game.Vec2{X: 400, Y: 48})
	w.hold(b.ID, game.Input{Aim: 100, Buttons: game.ButtonFire})
	for b.Alive {
		w.Step()
	}
	w.hold(b.ID, game.Input{Aim: 30000, Buttons: game.ButtonFire})
	for !b.Alive {
		w.Step()
	}
	if b.Aim != 30000 {
		t.Fatalf("aim %d on the respawn tick, want the input's 30000", b.Aim)
	}
	fired := false
	for _, e := range w.Events() {
		if e.Kind == game.EventShot && e.Actor == b.ID {
			fired = true
			d := e.To.Sub(e.From)
			if want := game.FromAngle(game.AimToAngle(30000)); d.X*want.X+d.Y*want.Y <= 0 {
				t.Errorf("shot towards %v, want along aim 30000 (%v)", d, want)
			}
		}
	}
	if !fired {
		t.Error("holding fire, it did not fire on the respawn tick")
	}
}
