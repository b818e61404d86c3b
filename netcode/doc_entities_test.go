package netcode_test

import (
	"os"
	"reflect"
	"testing"

	"arena/game"
	"arena/netcode"
)

// The worked examples of rockets and pickups in docs/protocol.md: later in
// the match, at tick 3000, Bob (standing at (400, 272)) holds the launcher
// with 4 rockets; his rocket 7, fired straight down at tick 2988, is 130
// units along; Ada is walking right towards the southern rocket pickup.
// At tick 3001 she takes it; at 3002 the rocket hits the wall at y 416.
// Bob's client has just joined: the snapshot of tick 3000 is full, that of
// 3002 a delta against it.

// docArmedFrame is the room at tick 3000 or 3002.
func docArmedFrame(tick uint32) *netcode.Frame {
	ada := netcode.PlayerState{ID: docAda, X: netcode.ToFixed(606), Y: netcode.ToFixed(624), VX: netcode.ToFixed(260),
		Health: 100, Flags: netcode.FlagAlive, Kills: 1, Deaths: 2, Score: 1}
	bob := netcode.PlayerState{ID: docBob, X: netcode.ToFixed(400), Y: netcode.ToFixed(272), Aim: 16384,
		Health: 75, Flags: netcode.FlagAlive | netcode.FlagRocket, CooldownTicks: 35, Kills: 2, Deaths: 1, Score: 2,
		Weapon: uint8(game.WeaponRocket), Ammo: 4}
	f := &netcode.Frame{Tick: tick}
	pickups := []game.Pickup{
		{ID: 1, Kind: game.PickupRocket, Pos: game.Vec2{X: 640, Y: 336}},
		{ID: 2, Kind: game.PickupRocket, Pos: game.Vec2{X: 640, Y: 624}},
		{ID: 3, Kind: game.PickupHealth, Pos: game.Vec2{X: 160, Y: 480}},
		{ID: 4, Kind: game.PickupHealth, Pos: game.Vec2{X: 1120, Y: 480}},
	}
	var rockets []game.Projectile
	if tick == 3000 {
		rockets = []game.Projectile{{ID: 7, Owner: docBob, Aim: 16384, Age: 13, Pos: game.Vec2{X: 400, Y: 402}}}
	} else {
		ada.X, ada.Flags = netcode.ToFixed(614.625), netcode.FlagAlive|netcode.FlagRocket
		ada.Weapon, ada.Ammo = uint8(game.WeaponRocket), game.RocketPickup
		bob.CooldownTicks = 33
		pickups[1].RespawnTicks = 899
	}
	f.Players = []netcode.PlayerState{ada, bob}
	netcode.CaptureEntities(f, rockets, pickups)
	return f
}

// docArmedSnapshots builds the two snapshots as Room.sendSnapshot does.
func docArmedSnapshots() (full, delta netcode.Snapshot) {
	f3000, f3002 := docArmedFrame(3000), docArmedFrame(3002)
	box := game.Vec2{X: 1600/2 + 64, Y: 1040/2 + 64}
	vis := []game.PlayerID{docAda}
	full.Build(f3000, &netcode.Recipient{Self: docBob, Visible: vis, AckSeq: 1800, ProjectileBox: box})
	delta.Build(f3002, &netcode.Recipient{Self: docBob, Visible: vis, Base: f3000, BaseVisible: vis,
		AckSeq: 1802, Steps: []uint32{1, 1}, ProjectileBox: box})
	delta.Events = append(delta.Events,
		netcode.PickupOf(3001, game.Event{Kind: game.EventPickup, Actor: docAda, Item: 2}, game.PickupRocket),
		netcode.ExplosionOf(3002, game.Event{Kind: game.EventExplosion, Actor: docBob, Item: 7, From: game.Vec2{X: 400, Y: 415.5}}),
	)
	return full, delta
}

// What the document says the two examples decode to, and the View after each.
var (
	docWantArmedFull = netcode.Snapshot{
		Tick: 3000,
		Own: netcode.OwnUpdate{Mask: 191, X: 6400, Y: 4352, Health: 75, Flags: 9, CooldownTicks: 35,
			Kills: 2, Deaths: 1, Score: 2, AckSeq: 1800, Weapon: 1, Ammo: 4},
		Players: []netcode.PlayerUpdate{{ID: 1, Mask: 16, X: 1212, Y: 1248, Health: 100, Flags: 1, Kills: 1, Deaths: 2, Score: 1}},
		Projectiles: []netcode.ProjectileUpdate{{Mask: 1, ProjectileState: netcode.ProjectileState{
			ID: 7, Owner: 2, X: 800, Y: 804, Aim: 16384, Age: 13}}},
		Pickups: []netcode.PickupUpdate{
			{Mask: 1, PickupState: netcode.PickupState{ID: 1, Kind: 2, X: 1280, Y: 672}},
			{Mask: 1, PickupState: netcode.PickupState{ID: 2, Kind: 2, X: 1280, Y: 1248}},
			{Mask: 1, PickupState: netcode.PickupState{ID: 3, Kind: 1, X: 320, Y: 960}},
			{Mask: 1, PickupState: netcode.PickupState{ID: 4, Kind: 1, X: 2240, Y: 960}},
		},
	}
	docWantArmedDelta = netcode.Snapshot{
		Tick: 3002, Baseline: 2,
		Own:         netcode.OwnUpdate{Mask: 0},
		Players:     []netcode.PlayerUpdate{{ID: 1, Mask: 5, X: 17, Y: 0, Health: 100, Flags: 9}},
		Projectiles: []netcode.ProjectileUpdate{{Mask: 0, ProjectileState: netcode.ProjectileState{ID: 7}}},
		Pickups:     []netcode.PickupUpdate{{Mask: 2, PickupState: netcode.PickupState{ID: 2, RespawnTicks: 899}}},
		Events: []netcode.Event{
			{Kind: netcode.EventPickup, Tick: 3001, Player: 1, Item: 2, ItemKind: 2},
			{Kind: netcode.EventExplosion, Tick: 3002, Player: 2, Other: 0, Item: 7, FromX: 800, FromY: 831},
		},
	}
)

// TestProtocolDocArmedExamples: the document's two examples of rockets and
// pickups decode to the stated values, and applied in order give the
// stated View: the rocket's trajectory from its enter record, the pickup
// timer, the own arms. (TestProtocolDocExamples checks their bytes.)
func TestProtocolDocArmedExamples(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	blocks := docExamples(t, doc)
	full, delta := docArmedSnapshots()
	if got := canonSnapshot(&full, false); !reflect.DeepEqual(got, canonSnapshot(&docWantArmedFull, false)) {
		t.Errorf("built armed full snapshot %+v\nwant %+v", got, docWantArmedFull)
	}
	if got := canonSnapshot(&delta, false); !reflect.DeepEqual(got, canonSnapshot(&docWantArmedDelta, false)) {
		t.Errorf("built armed delta %+v\nwant %+v", got, docWantArmedDelta)
	}
	d := netcode.NewDecoder()
	v := netcode.View{Self: docBob}
	for _, step := range []struct {
		name string
		want *netcode.Snapshot
	}{{"snapshot_armed", &docWantArmedFull}, {"snapshot_armed_delta", &docWantArmedDelta}} {
		b := blocks[step.name]
		if b == nil {
			t.Fatalf("docs/protocol.md lacks example %q", step.name)
		}
		var sm netcode.ServerMessage
		if err := d.DecodeServer(b.hex, &sm); err != nil || sm.Type != netcode.MsgSnapshot {
			t.Fatalf("%s: type %d, %v", step.name, sm.Type, err)
		}
		if got := canonSnapshot(&sm.Snapshot, false); !reflect.DeepEqual(got, canonSnapshot(step.want, false)) {
			t.Errorf("%s decodes to %+v\nwant %+v", step.name, got, *step.want)
		}
		if err := v.Apply(&sm.Snapshot); err != nil {
			t.Fatalf("%s: apply: %v", step.name, err)
		}
		if step.name == "snapshot_armed" {
			if len(v.Projectiles) != 1 || v.Projectiles[0].Fired() != 2988 {
				t.Fatalf("after the full snapshot: projectiles %+v, want rocket 7 fired at 2988", v.Projectiles)
			}
			if at := v.Projectiles[0].At(3001, 60); at.Dist(game.Vec2{X: 400, Y: 412}) > 1e-9 {
				t.Errorf("rocket 7 at tick 3001: %v, want (400, 412)", at)
			}
		}
	}
	wantPickups := []netcode.PickupState{
		{ID: 1, Kind: 2, X: 1280, Y: 672}, {ID: 2, Kind: 2, X: 1280, Y: 1248, RespawnTicks: 899},
		{ID: 3, Kind: 1, X: 320, Y: 960}, {ID: 4, Kind: 1, X: 2240, Y: 960},
	}
	if len(v.Projectiles) != 0 || !reflect.DeepEqual(v.Pickups, wantPickups) || v.Own.Weapon != 1 || v.Own.Ammo != 4 || v.Own.CooldownTicks != 33 {
		t.Errorf("after the delta: projectiles %+v pickups %+v own %+v", v.Projectiles, v.Pickups, v.Own)
	}
}
