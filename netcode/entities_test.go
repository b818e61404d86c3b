package netcode_test

import (
	"math"
	"slices"
	"testing"

	"arena/game"
	"arena/game/gametest"
	"arena/netcode"
)

// entityWorld is a World with one player standing still at (400, 400) on
// an open map, firing rockets along +x and −y, next to a pickup of each
// kind: the entities a client must follow over the wire.
func entityWorld(t testing.TB) (*game.World, *game.Player) {
	t.Helper()
	rows := make([]string, 40)
	for i := range rows {
		rows[i] = "........................................................................"
	}
	rows[12] = "............S..H......R................................................."
	m, err := game.ParseMap("maps/entities.json", gametest.TiledJSON(rows...))
	if err != nil {
		t.Fatal(err)
	}
	w, err := game.NewWorld(game.Config{Map: m, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	id, err := w.AddPlayer("a")
	if err != nil {
		t.Fatal(err)
	}
	return w, w.Player(id)
}

// TestEntitiesOverTheWire: snapshot after snapshot, deltas (with gaps, as
// when snapshots are replaced unsent) keep a View's projectiles and
// pickups what the World has: a projectile is in view exactly while it is
// within the box, and its trajectory from where it entered puts it where
// the World has it, within the wire's half unit.
func TestEntitiesOverTheWire(t *testing.T) {
	t.Parallel()
	w, p := entityWorld(t)
	box := game.Vec2{X: 400, Y: 300}
	p.Health = 40 // takes the health pickup when it walks onto it
	var prev *netcode.Frame
	v := netcode.View{Self: p.ID}
	var s netcode.Snapshot
	sawEnter, sawGone, sawTimer := 0, 0, 0
	for tick := 1; tick <= 600; tick++ {
		in := game.Input{Aim: 0}
		switch {
		case tick%100 == 1:
			p.Ammo = 3
			in.Buttons = game.ButtonRocket | game.ButtonFire
			in.Aim = uint16(tick * 7919) // directions all round
		case tick > 300 && tick < 330:
			in.MoveX = 127 // walk onto the health pickup
		}
		w.SetInput(p.ID, in)
		w.Step()
		gap := []int{1, 2, 2, 4}[tick%4]
		if tick%gap != 0 {
			continue
		}
		cur := &netcode.Frame{}
		netcode.Capture(cur, w.Tick(), w.Players())
		netcode.CaptureEntities(cur, w.Projectiles(), w.Pickups())
		r := &netcode.Recipient{Self: p.ID, AckSeq: uint32(tick), ProjectileBox: box}
		if prev != nil {
			r.Base = prev
			for range cur.Tick - prev.Tick {
				r.Steps = append(r.Steps, 1)
			}
		}
		s.Build(cur, r)
		got, err := wire(t, &s, &v)
		if err != nil {
			t.Fatalf("tick %d: %v", tick, err)
		}
		for _, u := range got.Projectiles {
			switch u.Mask {
			case netcode.ProjectileEnter:
				sawEnter++
			case netcode.ProjectileGone:
				sawGone++
			}
		}
		for _, u := range got.Pickups {
			if u.Mask == netcode.PickupTimer {
				sawTimer++
			}
		}
		var want []uint16
		self := cur.Player(p.ID)
		for _, pr := range cur.Projectiles {
			if math.Abs(netcode.FromRemote(pr.X)-netcode.FromFixed(self.X)) <= box.X && math.Abs(netcode.FromRemote(pr.Y)-netcode.FromFixed(self.Y)) <= box.Y {
				want = append(want, pr.ID)
			}
		}
		var ids []uint16
		for _, vp := range v.Projectiles {
			ids = append(ids, vp.ID)
			var truth *netcode.ProjectileState
			for i := range cur.Projectiles {
				if cur.Projectiles[i].ID == vp.ID {
					truth = &cur.Projectiles[i]
				}
			}
			if truth == nil {
				t.Fatalf("tick %d: projectile %d in view, not in the world", tick, vp.ID)
			}
			at := vp.At(float64(cur.Tick), game.DefaultTickRate)
			if d := at.Dist(game.Vec2{X: netcode.FromRemote(truth.X), Y: netcode.FromRemote(truth.Y)}); d > 0.75 {
				t.Fatalf("tick %d: projectile %d drawn %v off", tick, vp.ID, d)
			}
			if wantFired := cur.Tick + 1 - uint32(truth.Age); vp.Fired() != wantFired {
				t.Fatalf("tick %d: projectile %d fired at %d, want %d", tick, vp.ID, vp.Fired(), wantFired)
			}
		}
		if !slices.Equal(ids, want) {
			t.Fatalf("tick %d: projectiles in view %v, want %v", tick, ids, want)
		}
		if !slices.Equal(v.Pickups, cur.Pickups) {
			t.Fatalf("tick %d: pickups %+v, want %+v", tick, v.Pickups, cur.Pickups)
		}
		if v.Own.Weapon != self.Weapon || v.Own.Ammo != self.Ammo {
			t.Fatalf("tick %d: own arms %d/%d, want %d/%d", tick, v.Own.Weapon, v.Own.Ammo, self.Weapon, self.Ammo)
		}
		prev = cloneFrame(cur)
	}
	if sawEnter < 6 || sawGone < 6 || sawTimer < 1 {
		t.Errorf("saw %d enters, %d gones, %d pickup timers: the script did not exercise them", sawEnter, sawGone, sawTimer)
	}
}

func TestEntityApplyErrors(t *testing.T) {
	t.Parallel()
	base := netcode.View{Self: 1}
	full := netcode.Snapshot{Tick: 10, Own: netcode.OwnUpdate{Mask: netcode.OwnFull},
		Projectiles: []netcode.ProjectileUpdate{{Mask: netcode.ProjectileEnter, ProjectileState: netcode.ProjectileState{ID: 4, Owner: 1, Age: 1}}},
		Pickups:     []netcode.PickupUpdate{{Mask: netcode.PickupEnter, PickupState: netcode.PickupState{ID: 1, Kind: 1}}},
	}
	if _, err := wire(t, &full, &base); err != nil {
		t.Fatal(err)
	}
	delta := func(pr []netcode.ProjectileUpdate, pk []netcode.PickupUpdate) *netcode.Snapshot {
		return &netcode.Snapshot{Tick: 12, Baseline: 2, Projectiles: pr, Pickups: pk}
	}
	for _, c := range []struct {
		name string
		s    *netcode.Snapshot
		want string
	}{
		{"projectile enters twice", delta([]netcode.ProjectileUpdate{{Mask: netcode.ProjectileEnter, ProjectileState: netcode.ProjectileState{ID: 4, Owner: 1}}}, nil), "projectile 4 entered but is already in view"},
		{"unknown projectile gone", delta([]netcode.ProjectileUpdate{{ProjectileState: netcode.ProjectileState{ID: 5}}}, nil), "projectile 5 is gone but was not in view"},
		{"unknown pickup timer", delta(nil, []netcode.PickupUpdate{{Mask: netcode.PickupTimer, PickupState: netcode.PickupState{ID: 2}}}), "update of pickup 2, which you do not have"},
		{"full with a gone", &netcode.Snapshot{Tick: 20, Own: netcode.OwnUpdate{Mask: netcode.OwnFull}, Pickups: []netcode.PickupUpdate{{PickupState: netcode.PickupState{ID: 1}}}}, "full snapshot: pickup 1 is not entering"},
	} {
		v := cloneView(&base)
		_, err := wire(t, c.s, &v)
		wantApplyError(t, err, c.want)
		if !sameView(&v, &base) {
			t.Errorf("%s: the view changed: %s", c.name, viewDiff(&v, &base))
		}
	}
	// A pickup timer counts down by the baseline; a re-entered pickup
	// replaces what the view had.
	v := cloneView(&base)
	if _, err := wire(t, delta(nil, []netcode.PickupUpdate{{Mask: netcode.PickupTimer, PickupState: netcode.PickupState{ID: 1, RespawnTicks: 100}}}), &v); err != nil {
		t.Fatal(err)
	}
	if _, err := wire(t, &netcode.Snapshot{Tick: 15, Baseline: 3}, &v); err != nil || v.Pickups[0].RespawnTicks != 97 {
		t.Fatalf("after 3 ticks: %v, respawn ticks %+v", err, v.Pickups)
	}
	if _, err := wire(t, &netcode.Snapshot{Tick: 16, Baseline: 1, Pickups: []netcode.PickupUpdate{{Mask: netcode.PickupEnter, PickupState: netcode.PickupState{ID: 1, Kind: 2, X: 5}}}}, &v); err != nil ||
		v.Pickups[0] != (netcode.PickupState{ID: 1, Kind: 2, X: 5}) || len(v.Projectiles) != 1 {
		t.Fatalf("re-entered pickup: %v, %+v, projectiles %+v", err, v.Pickups, v.Projectiles)
	}
}

// TestEntitySnapshotsAllocateNothing: building, encoding, decoding and
// applying snapshots with projectiles and pickups allocates nothing once
// the buffers have grown (the hot path of the room and of every client).
func TestEntitySnapshotsAllocateNothing(t *testing.T) {
	w, p := entityWorld(t)
	p.Ammo = game.RocketMaxAmmo
	frames := make([]*netcode.Frame, 0, 4)
	for tick := range 60 {
		w.SetInput(p.ID, game.Input{Aim: uint16(tick * 3000), Buttons: game.ButtonRocket | game.ButtonFire})
		w.Step()
		if tick >= 52 && tick%2 == 0 {
			f := &netcode.Frame{}
			netcode.Capture(f, w.Tick(), w.Players())
			netcode.CaptureEntities(f, w.Projectiles(), w.Pickups())
			frames = append(frames, f)
		}
	}
	if len(frames[3].Projectiles) == 0 {
		t.Fatal("no projectiles in flight")
	}
	enc, dec := netcode.NewEncoder(), netcode.NewDecoder()
	var s netcode.Snapshot
	var msg netcode.ServerMessage
	v := netcode.View{Self: p.ID}
	r := &netcode.Recipient{Self: p.ID, ProjectileBox: game.Vec2{X: 864, Y: 584}, Steps: make([]uint32, 0, 4)}
	i := 0
	run := func() {
		cur, base := frames[i%4], frames[(i+3)%4]
		i++
		r.Base, r.Steps = nil, r.Steps[:0]
		if cur.Tick > base.Tick && v.Tick == base.Tick {
			r.Base = base
			r.Steps = append(r.Steps, 1, 1)
		}
		s.Build(cur, r)
		if err := dec.DecodeServer(enc.Snapshot(&s), &msg); err != nil {
			t.Fatal(err)
		}
		if err := v.Apply(&msg.Snapshot); err != nil {
			t.Fatal(err)
		}
	}
	for range 8 {
		run()
	}
	if n := testing.AllocsPerRun(100, run); n != 0 {
		t.Errorf("%v allocations per snapshot", n)
	}
}
