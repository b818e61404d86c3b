package game

import (
	"testing"
	"time"
)

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
	m := &Map{Width: 100, Height: 100, Spawns: []Vec2{{X: 50, Y: 50}}}
	for _, tc := range []struct {
		cap  time.Duration
		want int64
	}{{0, 15}, {100 * time.Millisecond, 6}, {LagCompOff, 0}} {
		w, err := NewWorld(Config{Map: m, LagCompMax: tc.cap})
		if err != nil || w.Mode() != ModeArena {
			t.Fatalf("World: %v", err)
		}
		ps := w.Params()
		if len(ps) != len(ArenaParams(60))+1 || ps[len(ps)-1] != (Param{ParamLagCompTicks, tc.want}) {
			t.Errorf("LagCompMax %v: params end with %v, want %s %d after ArenaParams", tc.cap, ps[len(ps)-1], ParamLagCompTicks, tc.want)
		}
	}
}
