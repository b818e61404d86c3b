package game_test

import (
	"strings"
	"testing"

	"arena/assets"
	"arena/game"
)

func pickupMap(t *testing.T) *game.Map {
	return parse(t,
		"....................",
		".S................S.",
		"....................",
		"...H..........R.....",
		"....................",
		"....................",
		"....................",
		"....................",
		".S................S.",
		"....................",
	)
}

func TestParsePickups(t *testing.T) {
	t.Parallel()
	m := pickupMap(t)
	want := []game.PickupPoint{
		{Kind: game.PickupHealth, Pos: game.Vec2{X: 3*32 + 16, Y: 3*32 + 16}},
		{Kind: game.PickupRocket, Pos: game.Vec2{X: 14*32 + 16, Y: 3*32 + 16}},
	}
	if len(m.Pickups) != len(want) || m.Pickups[0] != want[0] || m.Pickups[1] != want[1] {
		t.Errorf("pickups %+v, want %+v", m.Pickups, want)
	}
}

func TestParsePickupsErrors(t *testing.T) {
	t.Parallel()
	base := `{"type":"map","orientation":"orthogonal","width":4,"height":4,"tilewidth":32,"tileheight":32,"layers":[
 {"type":"tilelayer","name":"walls","data":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]},
 {"type":"objectgroup","name":"spawns","objects":[{"id":1,"point":true,"x":48,"y":48}]},
 {"type":"objectgroup","name":"pickups","objects":[%s]}]}`
	for _, c := range []struct{ obj, want string }{
		{`{"id":7,"point":true,"type":"armor","x":48,"y":48}`, `layer "pickups": object 7: type "armor", want "health" or "rocket"`},
		{`{"id":8,"point":true,"x":48,"y":48}`, `object 8: type ""`},
		{`{"id":9,"point":true,"type":"health","x":480,"y":48}`, `object 9 at (480,48) is outside the map`},
	} {
		_, err := game.ParseMap("maps/bad.json", []byte(strings.Replace(base, "%s", c.obj, 1)))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "maps/bad.json: ") {
			t.Errorf("%s: error %v, want one containing %q", c.obj, err, c.want)
		}
	}
	// Tiled 1.9 and later write the type as "class".
	m, err := game.ParseMap("maps/class.json", []byte(strings.Replace(base, "%s", `{"id":3,"class":"rocket","x":32,"y":32,"width":32,"height":32}`, 1)))
	if err != nil || len(m.Pickups) != 1 || m.Pickups[0] != (game.PickupPoint{Kind: game.PickupRocket, Pos: game.Vec2{X: 48, Y: 48}}) {
		t.Errorf("class rectangle: %v, %+v", err, m)
	}
}

func TestShippedArenaHasPickups(t *testing.T) {
	t.Parallel()
	m, err := game.LoadMap(assets.FS, assets.DefaultMap)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[game.PickupKind]int{}
	for _, p := range m.Pickups {
		kinds[p.Kind]++
		if m.Blocked(p.Pos, game.PickupRadius) {
			t.Errorf("pickup %+v overlaps a wall", p)
		}
	}
	if kinds[game.PickupHealth] == 0 || kinds[game.PickupRocket] == 0 {
		t.Errorf("arena pickups %v, want health and rocket", kinds)
	}
}

// TestPickupTakenAndRespawns: touching takes a pickup the player can use,
// it is gone for its respawn time, then back.
func TestPickupTakenAndRespawns(t *testing.T) {
	t.Parallel()
	m := pickupMap(t)
	w := newWorld(t, m, 1, 2)
	a, b := w.Players()[0], w.Players()[1]
	health, rocket := m.Pickups[0].Pos, m.Pickups[1].Pos
	place(a, health.Add(game.Vec2{X: 20}))
	place(b, rocket.Add(game.Vec2{X: -29}))
	w.Step()
	// a is at full health: it leaves the health pickup; b takes the rockets.
	pk := w.Pickups()
	if !pk[0].Available() || pk[1].Available() {
		t.Fatalf("pickups %+v: health should stay, rockets be taken", pk)
	}
	if b.Ammo != game.RocketPickup || b.Weapon != game.WeaponRocket {
		t.Errorf("rocket pickup gave ammo %d weapon %v", b.Ammo, b.Weapon)
	}
	if ev := events(w, game.EventPickup); len(ev) != 1 || ev[0].Actor != b.ID || ev[0].Item != 2 || ev[0].From != rocket {
		t.Errorf("pickup events %+v", ev)
	}
	a.Health = 30
	w.Step()
	if a.Health != 30+game.HealthPickup || w.Pickups()[0].Available() {
		t.Errorf("health %d after the health pickup, available %v", a.Health, w.Pickups()[0].Available())
	}
	respawn := int(game.RocketPickupRespawn * game.DefaultTickRate)
	if got := w.Pickups()[1].RespawnTicks; got != respawn-1 {
		t.Errorf("rocket pickup respawn ticks %d, want %d", got, respawn-1)
	}
	// b stays on it: it is taken again the tick it is back, not before.
	b.Ammo = 0
	for i := 2; i < respawn; i++ {
		w.Step()
		if b.Ammo != 0 {
			t.Fatalf("taken again after %d ticks, want %d", i, respawn)
		}
	}
	w.Step()
	if b.Ammo != game.RocketPickup {
		t.Errorf("not taken again after %d ticks: ammo %d", respawn, b.Ammo)
	}
	// Ammo is capped.
	b.Ammo = game.RocketMaxAmmo - 1
	for range respawn {
		w.Step()
	}
	if b.Ammo != game.RocketMaxAmmo {
		t.Errorf("ammo %d, want capped at %d", b.Ammo, game.RocketMaxAmmo)
	}
}

// TestNewMapResetsEntities: when the match cycle moves to the next map,
// rockets in flight vanish and the pickups are the new map's, all there.
func TestNewMapResetsEntities(t *testing.T) {
	t.Parallel()
	first := pickupMap(t)
	second := parse(t,
		"..........",
		".S..R...S.",
		"..........",
		"..........",
		".S......S.",
		"..........",
	)
	w := matchWorld(t, first, second)
	id, err := w.AddPlayer("a")
	if err != nil {
		t.Fatal(err)
	}
	stepUntil(t, w, game.PhasePlaying, 100)
	a := w.Player(id)
	place(a, first.Pickups[1].Pos) // takes the rockets
	w.Step()                       // the pickup comes after the commands: fire with the next
	w.hold(id, game.Input{Buttons: game.ButtonFire})
	w.Step()
	if len(w.Projectiles()) == 0 || w.Pickups()[1].Available() {
		t.Fatalf("no rocket in flight (%v) or the pickup still there (%+v)", w.Projectiles(), w.Pickups())
	}
	w.hold(id, game.Input{})
	stepUntil(t, w, game.PhaseEnded, 1000)
	// A rocket fired in the intermission is still flying when it ends.
	a.Weapon, a.Ammo, a.CooldownTicks = game.WeaponRocket, 1, 0
	w.hold(id, game.Input{Buttons: game.ButtonFire})
	w.Step()
	if len(w.Projectiles()) != 1 {
		t.Fatalf("%d rockets fired in the intermission", len(w.Projectiles()))
	}
	stepUntil(t, w, game.PhaseCountdown, 30)
	if w.Map() != second || len(w.Projectiles()) != 0 {
		t.Fatalf("after the map change: map %s, %d rockets", w.Map().Name, len(w.Projectiles()))
	}
	if pk := w.Pickups(); len(pk) != 1 || pk[0].Kind != game.PickupRocket || pk[0].Pos != second.Pickups[0].Pos || !pk[0].Available() {
		t.Errorf("pickups on the new map %+v", pk)
	}
}
