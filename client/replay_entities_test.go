//go:build !js

package client_test

import (
	"math"
	"testing"
	"testing/fstest"
	"time"

	"arena/client"
	"arena/game"
	"arena/game/replay"
	"arena/netcode"
)

// armoryMaps holds the armory map (weapons_test.go) for replays.
var armoryMaps = client.NewMaps(fstest.MapFS{"maps/armory.json": {Data: armoryJSON()}})

// recordRocketDuel records two players on the armory map who walk to its
// rocket pickup, then fire rockets at each other.
func recordRocketDuel(t *testing.T, ticks int) []byte {
	t.Helper()
	m, err := armoryMaps.Load("armory")
	if err != nil {
		t.Fatal(err)
	}
	cfg := game.Config{Map: m, TickRate: 60, Seed: 11}
	w, err := game.NewWorld(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h := replay.NewHeader(cfg, netcode.Version, w)
	rec := replay.NewWriter(&h, nil)
	for _, name := range []string{"ann", "bob"} {
		id, err := w.AddPlayer(name)
		if err != nil {
			t.Fatal(err)
		}
		rec.Join(id, name)
	}
	var rockets []game.Vec2
	for _, p := range m.Pickups {
		if p.Kind == game.PickupRocket {
			rockets = append(rockets, p.Pos)
		}
	}
	cmd := make([]game.Command, 1)
	for range ticks {
		ps := w.Players()
		for i, p := range ps {
			o := ps[1-i]
			d := o.Pos.Sub(p.Pos)
			aim := math.Atan2(d.Y, d.X)
			in := game.MakeInput(0, 0, aim, true)
			if p.Ammo == 0 {
				to := rockets[0].Sub(p.Pos)
				in = game.MakeInput(to.X/math.Max(1, to.Len()), to.Y/math.Max(1, to.Len()), aim, false)
			}
			in.Buttons |= game.ButtonRocket
			cmd[0] = game.Command{Input: in}
			w.SetCommands(p.ID, cmd)
			rec.Commands(p.ID, cmd)
		}
		w.Step()
		rec.Step()
	}
	rec.End(w.Players())
	return rec.Swap(nil)
}

// TestReplayShowsRockets: a replay of a rocket fight shows the rockets in
// flight, the pickups taken, the explosions and rocket kills, and ends on
// the recorded scores (rockets are as deterministic as the rest).
func TestReplayShowsRockets(t *testing.T) {
	t.Parallel()
	data := recordRocketDuel(t, 1500)
	p, err := client.OpenReplay(data, armoryMaps)
	if err != nil {
		t.Fatal(err)
	}
	var feed client.Feed = p
	p.SetPaused(false)
	now := time.Unix(1000, 0)
	maxRockets, taken, explosions, rocketKills := 0, 0, 0, 0
	for !p.Ended() {
		now = now.Add(10 * time.Millisecond)
		if _, err := feed.Update(now, game.Input{}); err != nil {
			t.Fatal(err)
		}
		maxRockets = max(maxRockets, len(feed.Projectiles(now, nil)))
		for _, pk := range feed.Pickups(nil) {
			if !pk.Available && pk.Kind == game.PickupRocket {
				taken = max(taken, 1)
			}
		}
		for _, e := range feed.DrainEvents(nil) {
			switch {
			case e.Kind == client.EventExplosion:
				explosions++
			case e.Kind == client.EventKill && e.Weapon == game.WeaponRocket:
				rocketKills++
			}
		}
	}
	if maxRockets == 0 || taken == 0 || explosions < 5 || rocketKills == 0 {
		t.Errorf("rockets in flight at most %d, a pickup taken %v, %d explosions, %d rocket kills", maxRockets, taken > 0, explosions, rocketKills)
	}
	rec, _ := replay.Parse(data)
	checkFinal(t, feed.Players(now, nil), rec.Final)
}
