//go:build !js

package client_test

// The rocket launcher and pickups through the real server on 127.0.0.1.

import (
	"context"
	"math"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"arena/client"
	"arena/game"
	"arena/game/gametest"
	"arena/server"
)

// armoryJSON is a walled room with one spawn on each side and a rocket
// pickup and a health pickup near the middle.
func armoryJSON() []byte {
	return gametest.TiledJSON(
		"####################",
		"#..................#",
		"#..................#",
		"#..................#",
		"#..................#",
		"#........H.........#",
		"#...S....R.....S...#",
		"#..................#",
		"#..................#",
		"#..................#",
		"#..................#",
		"####################",
	)
}

// startArmory runs the real server on the armory map and returns a dialer
// of sessions that know the map.
func startArmory(t *testing.T) func(name string) *client.Session {
	t.Helper()
	srv, err := server.New(server.Config{Maps: gametest.MapFS("armory", armoryJSON()), MapName: "armory"})
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		hs.Close()
	})
	url := "ws" + strings.TrimPrefix(hs.URL, "http") + "/ws"
	maps := client.NewMaps(fstest.MapFS{"maps/armory.json": {Data: armoryJSON()}})
	return func(name string) *client.Session {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s, err := client.Dial(ctx, url, &client.Options{Name: name, Maps: maps})
		if err != nil {
			t.Fatalf("Dial: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
}

// local returns the session's own player as drawn now.
func local(s *client.Session) client.PlayerView {
	p, _ := find(s.Players(time.Now(), nil), s.LocalID())
	return p
}

// drive calls s.Update like a game's frames (every 4 ms) with what want
// says, until done or 5 s pass.
func drive(t *testing.T, s *client.Session, what string, want func(me client.PlayerView) game.Input, done func(me client.PlayerView) bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		me := local(s)
		if done(me) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out: %s (local player %+v)", what, me)
		}
		if _, err := s.Update(time.Now(), want(me)); err != nil {
			t.Fatalf("Update: %v", err)
		}
		time.Sleep(4 * time.Millisecond)
	}
}

// toward is the input that walks from p toward to, aiming at aim.
func toward(p, to game.Vec2, aim float64, b game.Buttons) game.Input {
	d := to.Sub(p)
	in := game.MakeInput(0, 0, aim, false)
	if l := d.Len(); l > 2 {
		in = game.MakeInput(d.X/l, d.Y/l, aim, false)
	}
	in.Buttons |= b
	return in
}

// pickupOf returns the session's pickup of kind.
func pickupOf(s *client.Session, kind game.PickupKind) (client.PickupView, bool) {
	for _, p := range s.Pickups(nil) {
		if p.Kind == kind {
			return p, true
		}
	}
	return client.PickupView{}, false
}

// TestRealServerRocketPickupAndFlight: a player walks onto the rocket
// pickup (it goes, with an event, and the player holds the launcher with
// five rockets), fires: its own rocket shows at once, predicted, then as
// the server's on the same path, never both; another player sees it as
// someone else's; it explodes on the wall with an event.
func TestRealServerRocketPickupAndFlight(t *testing.T) {
	t.Parallel()
	dial := startArmory(t)
	a := dial("ada")
	b := dial("bob")
	waitFor(t, "the pickups", func() bool { return len(a.Pickups(nil)) == 2 })
	rp, _ := pickupOf(a, game.PickupRocket)
	if !rp.Available || rp.Pos != (game.Vec2{X: 9*32 + 16, Y: 6*32 + 16}) {
		t.Fatalf("rocket pickup %+v", rp)
	}
	waitFor(t, "ada alive", func() bool { return local(a).Alive })
	drive(t, a, "ada to take the rockets", func(me client.PlayerView) game.Input {
		return toward(me.Pos, rp.Pos, 0, 0)
	}, func(me client.PlayerView) bool { return me.Ammo == game.RocketPickup })
	if me := local(a); me.Weapon != game.WeaponRocket {
		t.Errorf("after the pickup: weapon %v", me.Weapon)
	}
	waitFor(t, "the pickup gone, with its event", func() bool {
		p, _ := pickupOf(a, game.PickupRocket)
		return !p.Available && p.RespawnIn > 10*time.Second
	})
	var took bool
	for _, e := range a.DrainEvents(nil) {
		took = took || (e.Kind == client.EventPickup && e.Player == a.LocalID() && e.Pickup == game.PickupRocket && e.From == rp.Pos)
	}
	if !took {
		t.Error("no pickup event for ada")
	}

	// Fire straight up at the wall, standing still.
	aim := -math.Pi / 2
	if _, err := a.Update(time.Now(), game.MakeInput(0, 0, aim, true)); err != nil {
		t.Fatal(err)
	}
	var sawPredicted, sawServer, sawOther, sawBlast bool
	var exploded bool
	deadline := time.Now().Add(5 * time.Second)
	for !(sawPredicted && sawServer && sawOther && exploded && sawBlast) {
		if time.Now().After(deadline) {
			t.Fatalf("predicted %v server %v seen by bob %v exploded %v blast seen by bob %v", sawPredicted, sawServer, sawOther, exploded, sawBlast)
		}
		now := time.Now()
		a.Update(now, game.MakeInput(0, 0, aim, !sawPredicted))
		b.Update(now, game.Input{})
		a.Players(now, nil)
		mine := a.Projectiles(now, nil)
		if len(mine) > 1 {
			t.Fatalf("ada draws %d rockets, want at most 1: %+v", len(mine), mine)
		}
		for _, p := range mine {
			if p.Exploded {
				continue
			}
			if !p.Local || p.Owner != a.LocalID() || math.Abs(p.Aim-game.AimToAngle(game.AngleToAim(aim))) > 1e-9 {
				t.Fatalf("ada's rocket %+v", p)
			}
			sawPredicted = sawPredicted || p.Predicted
			sawServer = sawServer || (!p.Predicted && p.ID != 0)
			if !sawPredicted && !p.Predicted {
				t.Fatalf("the server's rocket came before any predicted one")
			}
		}
		b.Players(now, nil)
		for _, p := range b.Projectiles(now, nil) {
			if p.Exploded {
				// Bob sees the blast where the rocket hit, once his
				// drawing of the rocket has got there.
				if p.Owner != a.LocalID() || p.Pos.Y > 33 || p.BlastAge < 0 || p.BlastAge >= client.BlastTime {
					t.Fatalf("bob's blast %+v", p)
				}
				sawBlast = true
				continue
			}
			sawOther = sawOther || (!p.Local && p.Owner == a.LocalID() && !p.Predicted)
		}
		for _, e := range a.DrainEvents(nil) {
			if e.Kind == client.EventExplosion && e.Player == a.LocalID() {
				exploded = true
				if e.From.Y > 32+1 || e.From.Y < 31 || e.Other != 0 {
					t.Errorf("explosion %+v, want on the top wall's face (y 32) hitting nobody", e)
				}
			}
		}
		time.Sleep(4 * time.Millisecond)
	}
	if me := local(a); me.Ammo != game.RocketPickup-1 || me.Cooldown <= 0 && me.CooldownTicks > 0 {
		t.Errorf("after one rocket: ammo %d, cooldown %v", me.Ammo, me.Cooldown)
	}

	// Rockets at Bob, who stands still, until he dies: the kill event says
	// it was the launcher, and his health fell by splash or direct hits.
	deadline = time.Now().Add(8 * time.Second)
	for killed := false; !killed; {
		if time.Now().After(deadline) {
			t.Fatalf("no kill of bob by a rocket; ada %+v", local(a))
		}
		now := time.Now()
		me := local(a)
		target, ok := find(a.Players(now, nil), b.LocalID())
		in := game.Input{}
		if ok && target.Alive && !target.Protected {
			d := target.Pos.Sub(me.Muzzle)
			in = game.MakeInput(0, 0, math.Atan2(d.Y, d.X), true)
		}
		a.Update(now, in)
		b.Update(now, game.Input{})
		if ok && target.Alive {
			// Ada's rockets, drawn ahead of the server, stop at Bob as
			// drawn: none is ever past him.
			for _, p := range a.Projectiles(now, nil) {
				dir := game.FromAngle(p.Aim)
				if p.Local && !p.Exploded && p.Pos.Sub(me.Pos).Dot(dir) > target.Pos.Sub(me.Pos).Dot(dir)-game.PlayerRadius {
					t.Fatalf("ada's rocket drawn at %v, past bob at %v", p.Pos, target.Pos)
				}
			}
		}
		for _, e := range a.DrainEvents(nil) {
			if e.Kind == client.EventKill && e.Player == a.LocalID() && e.Other == b.LocalID() {
				killed = true
				if e.Weapon != game.WeaponRocket {
					t.Errorf("kill event %+v: weapon %v, want the rocket", e, e.Weapon)
				}
			}
		}
		time.Sleep(4 * time.Millisecond)
	}
}

// TestWorldEntityViews: a Feed that steps a World (a replay) shows its
// rockets and pickups as a Session does.
func TestWorldEntityViews(t *testing.T) {
	t.Parallel()
	prs := client.WorldProjectiles([]game.Projectile{{ID: 3, Owner: 2, Pos: game.Vec2{X: 5, Y: 6}, Aim: 16384}}, 2, nil)
	if len(prs) != 1 || prs[0] != (client.ProjectileView{ID: 3, Owner: 2, Pos: game.Vec2{X: 5, Y: 6}, Aim: math.Pi / 2, Local: true}) {
		t.Errorf("projectiles %+v", prs)
	}
	pks := client.WorldPickups([]game.Pickup{{ID: 1, Kind: game.PickupHealth, Pos: game.Vec2{X: 1, Y: 2}, RespawnTicks: 90}}, 60, nil)
	if len(pks) != 1 || pks[0] != (client.PickupView{ID: 1, Kind: game.PickupHealth, Pos: game.Vec2{X: 1, Y: 2}, RespawnIn: 1500 * time.Millisecond}) {
		t.Errorf("pickups %+v", pks)
	}
}

// TestRealServerWeaponSwitchPredictedExactly: a lone player walks onto the
// rocket pickup, then switches weapons and fires both while walking: the
// prediction of its weapon, ammo, position and velocity is never wrong
// (nothing hits it, its own rockets do not hurt it, and the pickup's
// rockets come with the pickup event that says why).
func TestRealServerWeaponSwitchPredictedExactly(t *testing.T) {
	t.Parallel()
	dial := startArmory(t)
	a := dial("ada")
	waitFor(t, "the pickups", func() bool { return len(a.Pickups(nil)) == 2 })
	rp, _ := pickupOf(a, game.PickupRocket)
	waitFor(t, "ada alive", func() bool { return local(a).Alive })
	// The pickup is a change the server makes, which its event explains:
	// not a misprediction either.
	base := a.Stats()
	drive(t, a, "ada to take the rockets", func(me client.PlayerView) game.Input {
		return toward(me.Pos, rp.Pos, 0, 0)
	}, func(me client.PlayerView) bool { return me.Ammo == game.RocketPickup })
	start := time.Now()
	fired := map[game.Weapon]int{}
	lastAmmo := game.RocketPickup
	drive(t, a, "switching and firing", func(me client.PlayerView) game.Input {
		el := time.Since(start)
		// Walk a square away from the pickup, switch every 0.6 s, fire
		// in bursts; aim round the compass.
		dir := []game.Vec2{{X: -1}, {Y: 1}, {X: 1}, {Y: -1}}[int(el/(400*time.Millisecond))%4]
		aim := float64(el.Milliseconds()) / 300
		in := game.MakeInput(dir.X*0.6, dir.Y*0.6, aim, el%(500*time.Millisecond) < 300*time.Millisecond)
		if int(el/(600*time.Millisecond))%2 == 0 {
			in.Buttons |= game.ButtonRocket
		} else {
			in.Buttons |= game.ButtonBlaster
		}
		if me.Ammo < lastAmmo {
			fired[game.WeaponRocket] += lastAmmo - me.Ammo
			lastAmmo = me.Ammo
		}
		return in
	}, func(me client.PlayerView) bool { return time.Since(start) > 3*time.Second })
	time.Sleep(200 * time.Millisecond) // the last inputs' snapshots
	st := a.Stats()
	if st.PredictionsChecked < base.PredictionsChecked+60 {
		t.Errorf("%d predictions checked, want at least 60", st.PredictionsChecked-base.PredictionsChecked)
	}
	if fired[game.WeaponRocket] < 2 {
		t.Errorf("%d rockets fired, want a few", fired[game.WeaponRocket])
	}
	if n := st.Mispredictions - base.Mispredictions; n != 0 {
		t.Errorf("%d mispredictions while switching and firing, want 0", n)
	}
}

// TestRealServerRocketsOutOfViewAreNotSent: on a map much wider than the
// view, a rocket fired at one end is in its shooter's snapshots and never
// in those of a player at the other end (interest management).
func TestRealServerRocketsOutOfViewAreNotSent(t *testing.T) {
	t.Parallel()
	row := strings.Repeat(".", 118)
	wide := gametest.TiledJSON("#"+strings.Repeat("#", 118)+"#",
		"#"+row+"#", "#"+row+"#",
		"#.S.R"+strings.Repeat(".", 110)+"R.S.#",
		"#"+row+"#", "#"+row+"#",
		"#"+strings.Repeat("#", 118)+"#")
	srv, err := server.New(server.Config{Maps: gametest.MapFS("wide", wide), MapName: "wide"})
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		hs.Close()
	})
	url := "ws" + strings.TrimPrefix(hs.URL, "http") + "/ws"
	maps := client.NewMaps(fstest.MapFS{"maps/wide.json": {Data: wide}})
	open := func(name string) *client.Session {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s, err := client.Dial(ctx, url, &client.Options{Name: name, Maps: maps})
		if err != nil {
			t.Fatalf("Dial: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b := open("ada"), open("bob")
	waitFor(t, "both alive", func() bool { return local(a).Alive && local(b).Alive })
	if d := local(a).Pos.Dist(local(b).Pos); d < 2000 {
		t.Fatalf("ada and bob spawned %v apart, want the two ends", d)
	}
	// Ada takes the rockets next to her spawn and fires one away from bob.
	var near client.PickupView
	for _, p := range a.Pickups(nil) {
		if p.Kind == game.PickupRocket && p.Pos.Dist(local(a).Pos) < 100 {
			near = p
		}
	}
	drive(t, a, "ada to take the rockets", func(me client.PlayerView) game.Input {
		return toward(me.Pos, near.Pos, 0, 0)
	}, func(me client.PlayerView) bool { return me.Ammo > 0 })
	away := 0.0
	if local(b).Pos.X < local(a).Pos.X {
		away = math.Pi
	}
	sawOwn := false
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		now := time.Now()
		a.Update(now, game.MakeInput(0, 0, away+math.Pi/2, true)) // straight down, into the wall
		b.Update(now, game.Input{})
		a.Players(now, nil)
		b.Players(now, nil)
		for _, p := range a.Projectiles(now, nil) {
			sawOwn = sawOwn || (p.Local && !p.Predicted && !p.Exploded)
		}
		for _, p := range b.Projectiles(now, nil) {
			if !p.Exploded {
				t.Fatalf("bob, %v away, was sent ada's rocket: %+v", local(a).Pos.Dist(local(b).Pos), p)
			}
		}
		time.Sleep(4 * time.Millisecond)
	}
	if !sawOwn {
		t.Error("ada never saw her own rocket from the server")
	}
}
