package game

import "testing"

// TestArenaParamsExact checks that every float constant ArenaParams sends
// as an integer is one, so a client that simulates with the integers gets
// the same float64 arithmetic as the World.
func TestArenaParamsExact(t *testing.T) {
	t.Parallel()
	floats := map[string]float64{
		"player_radius": PlayerRadius, "max_speed": MaxSpeed, "acceleration": Acceleration,
		"friction": Friction, "stop_speed": stopSpeed, "hitscan_range": HitscanRange,
	}
	got := map[string]int64{}
	for _, p := range ArenaParams(60) {
		got[p.Name] = p.Value
	}
	for name, f := range floats {
		if float64(got[name]) != f {
			t.Errorf("%s = %d, but the World uses %v", name, got[name], f)
		}
	}
	for name, want := range map[string]int64{"cooldown_ticks": 15, "respawn_ticks": 120, "protect_ticks": 60, "tick_rate": 60} {
		if got[name] != want {
			t.Errorf("%s = %d at 60 Hz, want %d", name, got[name], want)
		}
	}
	if w, err := NewWorld(Config{Map: &Map{Width: 100, Height: 100, Spawns: []Vec2{{X: 50, Y: 50}}}}); err != nil || w.Mode() != ModeArena || len(w.Params()) != len(ArenaParams(60)) {
		t.Errorf("World mode/params: %v", err)
	}
}
