package model_test

import (
	"fmt"
	"testing"
	"time"

	"arena/client/ui/model"
)

func TestMatchClock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		left time.Duration
		want string
	}{
		{5 * time.Minute, "5:00"},
		{4*time.Minute + 59*time.Second + 10*time.Millisecond, "5:00"}, // rounds up: 5:00 until a whole second has gone
		{4*time.Minute + 59*time.Second, "4:59"},
		{61 * time.Second, "1:01"},
		{10 * time.Second, "0:10"},
		{time.Millisecond, "0:01"}, // the last second still reads 0:01
		{0, "0:00"},
		{-3 * time.Second, "0:00"},
		{10 * time.Minute, "10:00"},
	}
	for _, tt := range tests {
		if got := model.MatchClock(tt.left); got != tt.want {
			t.Errorf("MatchClock(%v) = %q, want %q", tt.left, got, tt.want)
		}
	}
}

func TestCountdownNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		left time.Duration
		want int
	}{
		{5 * time.Second, 5},
		{4900 * time.Millisecond, 5},
		{4 * time.Second, 4},
		{10 * time.Millisecond, 1},
		{0, 0},
		{-time.Second, 0},
	}
	for _, tt := range tests {
		if got := model.CountdownNumber(tt.left); got != tt.want {
			t.Errorf("CountdownNumber(%v) = %d, want %d", tt.left, got, tt.want)
		}
	}
}

func TestCountdownPulseSettles(t *testing.T) {
	t.Parallel()
	if got := model.CountdownPulse(3 * time.Second); got != 1.6 {
		t.Errorf("pulse as 3 appears = %v, want 1.6", got)
	}
	if got := model.CountdownPulse(2900 * time.Millisecond); got <= 1 || got >= 1.6 {
		t.Errorf("pulse 100 ms into 3 = %v, want between 1 and 1.6", got)
	}
	if got := model.CountdownPulse(2500 * time.Millisecond); got != 1 {
		t.Errorf("pulse 500 ms into 3 = %v, want settled at 1", got)
	}
}

func TestClockUrgent(t *testing.T) {
	t.Parallel()
	if model.ClockUrgent(31 * time.Second) {
		t.Error("31 s left is urgent")
	}
	if !model.ClockUrgent(30 * time.Second) {
		t.Error("30 s left is not urgent")
	}
	if model.ClockUrgent(0) {
		t.Error("a finished clock is urgent")
	}
}

func TestHealthAndReadyFill(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		got, want float64
		what      string
	}{
		{model.HealthFill(100, 100), 1, "full health"},
		{model.HealthFill(25, 100), 0.25, "quarter health"},
		{model.HealthFill(-5, 100), 0, "negative health"},
		{model.HealthFill(150, 100), 1, "over max"},
		{model.HealthFill(10, 0), 0, "no max"},
		{model.ReadyFill(0, 15), 1, "ready"},
		{model.ReadyFill(15, 15), 0, "just fired"},
		{model.ReadyFill(5, 20), 0.75, "three quarters recharged"},
		{model.ReadyFill(3, 0), 1, "no cooldown known"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: %v, want %v", tt.what, tt.got, tt.want)
		}
	}
}

// TestLayoutHUDFitsScreens checks that at common screen sizes every panel
// is on screen and none overlaps another, and that the minimap keeps the
// map's proportions.
func TestLayoutHUDFitsScreens(t *testing.T) {
	t.Parallel()
	sizes := [][2]float64{{1280, 720}, {1920, 1080}, {1024, 768}, {800, 450}, {2560, 1440}, {900, 900}}
	maps := [][2]float64{{1280, 960}, {3200, 2400}, {2000, 600}, {600, 2000}}
	for _, sz := range sizes {
		for _, mp := range maps {
			t.Run(fmt.Sprintf("%vx%v/map%vx%v", sz[0], sz[1], mp[0], mp[1]), func(t *testing.T) {
				l := model.LayoutHUD(sz[0], sz[1], mp[0], mp[1])
				panels := map[string]model.Rect{
					"status": l.Status, "timer": l.Timer, "minimap": l.Minimap, "kill feed": l.KillFeed,
					"health": l.Health, "weapon": l.Weapon, "chat": l.Chat, "help": l.Help,
				}
				for name, r := range panels {
					if r.W <= 0 || r.H <= 0 {
						t.Errorf("%s is empty: %+v", name, r)
					}
					if !r.Inside(sz[0], sz[1]) {
						t.Errorf("%s %+v is off a %vx%v screen", name, r, sz[0], sz[1])
					}
					for other, o := range panels {
						if other < name && r.Overlaps(o) {
							t.Errorf("%s %+v overlaps %s %+v", name, r, other, o)
						}
					}
				}
				if got, want := l.Minimap.W/l.Minimap.H, mp[0]/mp[1]; got < want*0.999 || got > want*1.001 {
					t.Errorf("minimap proportions %v, map's %v", got, want)
				}
			})
		}
	}
}

func TestCooldownBarSizesToEachShot(t *testing.T) {
	t.Parallel()
	var c model.Cooldown
	if f := c.Observe(0); f != 1 {
		t.Fatalf("ready: %v", f)
	}
	// A blaster shot: 15 ticks.
	if f := c.Observe(15); f != 0 {
		t.Errorf("just fired the blaster: %v, want 0", f)
	}
	if f := c.Observe(5); f < 0.66 || f > 0.67 {
		t.Errorf("10 of 15 ticks gone: %v, want 2/3", f)
	}
	c.Observe(0)
	// A rocket: 48 ticks; the bar is as long as that.
	if f := c.Observe(48); f != 0 {
		t.Errorf("just fired a rocket: %v", f)
	}
	if f := c.Observe(24); f != 0.5 {
		t.Errorf("halfway through the rocket's cooldown: %v, want 0.5", f)
	}
	// Fired again before it was fully ready (it jumped up): a new bar.
	if f := c.Observe(30); f != 0 {
		t.Errorf("a new cooldown: %v, want 0", f)
	}
}
