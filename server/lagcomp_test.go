package server_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"arena/game"
	"arena/netcode"
	"arena/server"
)

// TestLagCompensatedShot, through the real server: a target runs in a
// circle around a shooter standing still; the shooter aims exactly at
// where its snapshots showed the target some ticks ago and fires with that
// tick as the input's render tick. With lag compensation the shot hits,
// and stops where the target's circle was then; with it off the same shot
// misses: the target has run on by a chord longer than its diameter.
func TestLagCompensatedShot(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name       string
		lagCompMax time.Duration
		hit        bool
	}{
		// A cap well above the ticks the test needs (about 10), so that a
		// loaded machine's delays cannot push the shot beyond it.
		{"compensated", 500 * time.Millisecond, true},
		{"off", server.LagCompOff, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, _, url := startServer(t, func(c *server.Config) { c.LagCompMax = tt.lagCompMax })
			shooter := join(t, url, "shooter")
			target := join(t, url, "target")
			sID, tID := shooter.welcome.PlayerID, target.welcome.PlayerID
			waitFor(t, 2*time.Second, "the shooter's state", func() bool { return shooter.snapshotCount() > 0 })
			s := shooter.own()
			center := game.Vec2{X: netcode.FromFixed(s.X), Y: netcode.FromFixed(s.Y)}

			// The target runs a circle of radius 80 around the shooter,
			// one input a tick from its own latest state.
			const radius = 80.0
			stop := make(chan struct{})
			running := make(chan struct{})
			go func() {
				defer close(running)
				tick := time.NewTicker(time.Second / 60)
				defer tick.Stop()
				for {
					select {
					case <-stop:
						return
					case <-tick.C:
					}
					p := target.own()
					d := game.Vec2{X: netcode.FromFixed(p.X), Y: netcode.FromFixed(p.Y)}.Sub(center)
					r := d.Len()
					if r == 0 {
						continue
					}
					u := d.Scale(1 / r)
					inward := math.Max(-1, math.Min(1, (radius-r)/40))
					dir := game.Vec2{X: -u.Y + u.X*inward, Y: u.X + u.Y*inward}
					target.sendInput(game.MakeInput(dir.X, dir.Y, 0, false))
				}
			}()
			defer func() { close(stop); <-running }()

			// Watch the target from the shooter's snapshots until it has
			// been on its circle for a second.
			past := map[uint32]game.Vec2{} // target position by snapshot tick
			var latest uint32
			onCircle := 0
			deadline := time.Now().Add(10 * time.Second)
			for onCircle < 30 {
				if time.Now().After(deadline) {
					t.Fatalf("the target did not settle on its circle (last seen at %v)", past[latest])
				}
				tick, pos, ok := shooter.seen(tID)
				if ok && tick != latest {
					latest, past[tick] = tick, pos
					if r := pos.Dist(center); r > radius-15 && r < radius+15 {
						onCircle++
					} else {
						onCircle = 0
					}
				}
				time.Sleep(time.Millisecond)
			}
			// Fire at where it was 6 ticks before the newest snapshot.
			view := latest - 6
			aimAt, ok := past[view]
			if !ok {
				t.Fatalf("no snapshot of tick %d (newest %d)", view, latest)
			}
			if now := shooter.own(); now.X != s.X || now.Y != s.Y {
				t.Fatal("the shooter moved")
			}
			aim := math.Atan2(aimAt.Y-center.Y, aimAt.X-center.X)
			shooter.sendInputSeen(game.MakeInput(0, 0, aim, true), view)

			var shot netcode.Event
			waitFor(t, 5*time.Second, "the shot", func() bool {
				for _, e := range shooter.eventsOf(netcode.EventShot) {
					if e.Player == sID {
						shot = e
						return true
					}
				}
				return false
			})
			if hit := shot.Other == tID; hit != tt.hit {
				t.Fatalf("shot at where the target was at tick %d (%v), fired at tick %d: target %d, want hit %v",
					view, aimAt, shot.Tick, shot.Other, tt.hit)
			}
			if tt.hit {
				to := game.Vec2{X: netcode.FromRemote(shot.ToX), Y: netcode.FromRemote(shot.ToY)}
				if d := to.Dist(aimAt); math.Abs(d-game.PlayerRadius) > 1.5 {
					t.Errorf("the shot stopped at %v, %.2f from where the target was at tick %d, want %v", to, d, view, game.PlayerRadius)
				}
			}
		})
	}
}

// seen returns the tick of c's newest snapshot and where it showed id.
func (c *client) seen(id game.PlayerID) (uint32, game.Vec2, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.view.Other(id)
	if p == nil {
		return 0, game.Vec2{}, false
	}
	return c.view.Tick, game.Vec2{X: netcode.FromRemote(p.X), Y: netcode.FromRemote(p.Y)}, true
}

// sendInputSeen sends one input made while drawing the others at
// renderTick.
func (c *client) sendInputSeen(in game.Input, renderTick uint32) {
	c.seq++
	m := netcode.Inputs{AckTick: c.ackTick(), N: 1}
	m.Frames[0] = netcode.InputFrame{Seq: c.seq, RenderTick: renderTick, Input: in}
	write(c.t, c.ws, c.enc.Inputs(&m))
}

// TestLagCompMaxConfig: the cap defaults to DefaultLagCompMax, may be
// turned off, and beyond the World's second of history is refused.
func TestLagCompMaxConfig(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		set, want time.Duration
		err       string
	}{
		{0, server.DefaultLagCompMax, ""},
		{server.LagCompOff, server.LagCompOff, ""},
		{time.Second, time.Second, ""},
		{1500 * time.Millisecond, 0, "lag compensation cap 1.5s out of range 0..1s"},
	} {
		srv, err := server.New(server.Config{Maps: testMaps(), MapName: "test", LagCompMax: tt.set})
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("LagCompMax %v: error %v, want %q", tt.set, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("LagCompMax %v: %v", tt.set, err)
		}
		if got := srv.Config().LagCompMax; got != tt.want {
			t.Errorf("LagCompMax %v: config has %v, want %v", tt.set, got, tt.want)
		}
	}
}
