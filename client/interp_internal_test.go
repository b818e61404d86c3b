package client

// Interpolation and the clock are tested inside the package: arrival times
// are chosen, not measured.

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"arena/game"
	"arena/netcode"
)

func viewAt(tick uint32, x, y, aim float64, flags uint8) *netcode.View {
	return &netcode.View{Tick: tick, Self: 1,
		Others: []netcode.RemotePlayer{
			{ID: 2, X: netcode.ToRemote(x), Y: netcode.ToRemote(y), Aim: netcode.RemoteAim(game.AngleToAim(aim)), Flags: flags, Health: 50},
		}}
}

func TestInterpolationOnTheTickTimeline(t *testing.T) {
	t.Parallel()
	b := newInterpolator(60, 30, 15)
	alive := netcode.FlagAlive
	b.push(viewAt(10, 100, 200, 350*math.Pi/180, alive))
	b.push(viewAt(12, 110, 180, 10*math.Pi/180, alive))
	b.push(viewAt(14, 120, 160, 30*math.Pi/180, alive))
	names := map[game.PlayerID]string{2: "you"}
	tests := []struct {
		name           string
		r              float64
		wantX, wantY   float64
		wantAimDegrees float64
	}{
		{"quarter between the first two", 10.5, 102.5, 195, 355},
		{"half between the first two (aim wraps through 0)", 11, 105, 190, 0},
		{"half between the last two", 13, 115, 170, 20},
		{"before the oldest clamps to it", 2, 100, 200, 350},
		{"past the newest extrapolates", 15, 125, 150, 30},
	}
	for _, tt := range tests {
		views := b.appendOthers(nil, tt.r, nil, names)
		if len(views) != 1 {
			t.Fatalf("%s: %d views", tt.name, len(views))
		}
		you := views[0]
		if you.Local || you.Name != "you" {
			t.Errorf("%s: %+v", tt.name, you)
		}
		if math.Abs(you.Pos.X-tt.wantX) > 1e-6 || math.Abs(you.Pos.Y-tt.wantY) > 1e-6 {
			t.Errorf("%s: pos %v, want (%v, %v)", tt.name, you.Pos, tt.wantX, tt.wantY)
		}
		want := math.Mod(tt.wantAimDegrees+360, 360) * math.Pi / 180
		if d := math.Abs(math.Remainder(you.Aim-want, 2*math.Pi)); d > 2*math.Pi/256 {
			t.Errorf("%s: aim %.2f°, want %.2f°", tt.name, you.Aim*180/math.Pi, tt.wantAimDegrees)
		}
	}
}

func TestExtrapolationStaysOutOfWalls(t *testing.T) {
	t.Parallel()
	m := &game.Map{Width: 1000, Height: 1000, Walls: []game.Rect{{Min: game.Vec2{X: 130, Y: 0}, Max: game.Vec2{X: 200, Y: 1000}}}}
	b := newInterpolator(60, 30, 15)
	b.push(viewAt(10, 100, 500, 0, netcode.FlagAlive))
	b.push(viewAt(12, 110, 500, 0, netcode.FlagAlive))
	v := b.appendOthers(nil, 16, m, nil)[0] // would be x 130: inside the wall
	if v.Pos.X != 110 {
		t.Errorf("extrapolated into a wall: %v, want held at x 110", v.Pos)
	}
}

func TestInterpolationDoesNotSmoothTeleports(t *testing.T) {
	t.Parallel()
	b := newInterpolator(60, 30, 15)
	b.push(&netcode.View{Tick: 10, Others: []netcode.RemotePlayer{{ID: 2, X: netcode.ToRemote(100), Flags: netcode.FlagAlive}}})
	b.push(&netcode.View{Tick: 12, Others: []netcode.RemotePlayer{{ID: 2, X: netcode.ToRemote(1000), Flags: netcode.FlagAlive}}})
	views := b.appendOthers(nil, 10.5, nil, nil)
	if len(views) != 1 || (views[0].Pos.X != 100 && views[0].Pos.X != 1000) {
		t.Fatalf("teleport interpolated: %+v", views)
	}
}

func TestLerpAngleShortWay(t *testing.T) {
	t.Parallel()
	deg := math.Pi / 180
	tests := []struct{ a, b, t, want float64 }{
		{350 * deg, 10 * deg, 0.5, 0},
		{10 * deg, 350 * deg, 0.5, 0},
		{10 * deg, 350 * deg, 0.75, 355 * deg},
		{90 * deg, 180 * deg, 0.5, 135 * deg},
		{0, math.Pi - 0.01, 1, math.Pi - 0.01},
	}
	for _, tt := range tests {
		got := lerpAngle(tt.a, tt.b, tt.t)
		if d := math.Abs(math.Remainder(got-tt.want, 2*math.Pi)); d > 1e-9 {
			t.Errorf("lerpAngle(%.1f°, %.1f°, %v) = %.3f°, want %.3f°", tt.a/deg, tt.b/deg, tt.t, got/deg, tt.want/deg)
		}
	}
}

// simLink is a simulated downstream path: snapshots every 2 ticks of a server
// whose clock runs at (1+drift) of the client's, delayed by base + jitter,
// and, with probability loss per snapshot, held back by a retransmission
// stall that also holds every later snapshot (TCP keeps order).
type simLink struct {
	rng         *rand.Rand
	base, jit   float64 // seconds
	loss, stall float64
	drift       float64
	lastArrival float64
}

// arrival returns the local time snapshot tick arrives.
func (k *simLink) arrival(tick uint32) float64 {
	sent := float64(tick) / 60 / (1 + k.drift)
	a := sent + k.base + (k.rng.Float64()*2-1)*k.jit
	if k.rng.Float64() < k.loss {
		a += k.stall
	}
	a = math.Max(a, k.lastArrival) // no reordering
	k.lastArrival = a
	return a
}

// runTimeline plays seconds of snapshots through the clock and the
// interpolator, rendering at 60 frames a second, and returns the clock,
// the interpolator and the largest render tick step backwards seen.
func runTimeline(t *testing.T, k *simLink, seconds float64) (*netClock, *interpolator, float64) {
	t.Helper()
	c := newNetClock(60)
	b := newInterpolator(60, 30, 15)
	tick := uint32(2)
	next := k.arrival(tick)
	back, prevR := 0.0, math.Inf(-1)
	for f := 0; float64(f)/60 < seconds; f++ {
		l := float64(f)/60 + 0.3
		for next <= l {
			c.observe(tick, next)
			b.push(&netcode.View{Tick: tick})
			b.retarget(&c)
			tick += 2
			next = k.arrival(tick)
		}
		recv, ok := c.recvTick(l)
		if !ok {
			continue
		}
		r, _ := b.renderTick(recv, l)
		back = math.Max(back, prevR-r)
		prevR = r
	}
	return &c, &b, back
}

// TestClockFollowsADriftingJitteryServer: the receive clock tracks a
// server whose clock runs 0.1% fast through 10 ms of jitter, without ever
// going backwards, and the snapshots' delay variation is measured.
func TestClockFollowsADriftingJitteryServer(t *testing.T) {
	t.Parallel()
	k := &simLink{rng: rand.New(rand.NewPCG(1, 2)), base: 0.075, jit: 0.010, drift: 0.001}
	c, _, back := runTimeline(t, k, 60)
	if back > 0 {
		t.Errorf("render tick went back by %.3f ticks", back)
	}
	// At the end, a snapshot with the best delay (base - jitter) would be
	// tick (l - 0.065) * 60 * (1+drift).
	l := 60.3
	want := (l - k.base + k.jit) * 60 * (1 + k.drift)
	got, _ := c.recvTick(l)
	if math.Abs(got-want) > 0.5 {
		t.Errorf("receive clock at %.1f s: tick %.2f, want %.2f ± 0.5", l, got, want)
	}
	if j := c.duration(c.jitterTicks()).Seconds(); j < 0.003 || j > 0.012 {
		t.Errorf("jitter %.1f ms, want about 6.7 ms (uniform ±10 ms)", j*1000)
	}
}

// TestInterpolationUnderJitterDoesNotStarve: with 20 ms of jitter the
// delay settles near two snapshot intervals plus the jitter, and drawing
// never runs out of snapshots.
func TestInterpolationUnderJitterDoesNotStarve(t *testing.T) {
	t.Parallel()
	k := &simLink{rng: rand.New(rand.NewPCG(3, 4)), base: 0.075, jit: 0.010}
	_, b, back := runTimeline(t, k, 60)
	if back > 0 {
		t.Errorf("render tick went back by %.3f ticks", back)
	}
	if b.starvedCount != 0 {
		t.Errorf("starved %d times under plain jitter", b.starvedCount)
	}
	if b.delay < 2 || b.delay > 5 {
		t.Errorf("delay %.2f ticks, want 2..5 (interval + jitter)", b.delay)
	}
}

// TestInterpolationAdaptsToStalls: 2% of snapshots held 200 ms (a TCP
// retransmission, which holds every later one too) at most starve once a
// minute: the short extrapolation plus the delay cover the stalls.
func TestInterpolationAdaptsToStalls(t *testing.T) {
	t.Parallel()
	k := &simLink{rng: rand.New(rand.NewPCG(5, 6)), base: 0.075, jit: 0.010, loss: 0.02, stall: 0.2}
	_, b, back := runTimeline(t, k, 120)
	if back > 0 {
		t.Errorf("render tick went back by %.3f ticks", back)
	}
	if b.starvedCount > 2 {
		t.Errorf("starved %d times in 2 minutes, want at most 2", b.starvedCount)
	}
	// Without the extrapolation, the delay would have to cover the stalls.
	k2 := &simLink{rng: rand.New(rand.NewPCG(5, 6)), base: 0.075, jit: 0.010, loss: 0.02, stall: 0.2}
	c := newNetClock(60)
	fixed := newInterpolator(60, 30, 15)
	fixed.extra = 0
	tick := uint32(2)
	next := k2.arrival(tick)
	for f := 0; f < 120*60; f++ {
		l := float64(f)/60 + 0.3
		for next <= l {
			c.observe(tick, next)
			fixed.push(&netcode.View{Tick: tick})
			fixed.target = fixed.interval + c.lateQuantile(jitterQuantile, jitterWindows) + delayMargin // jitter only
			tick += 2
			next = k2.arrival(tick)
		}
		if recv, ok := c.recvTick(l); ok {
			fixed.renderTick(recv, l)
		}
	}
	if fixed.starvedCount < 30 {
		t.Errorf("without extrapolation a jitter-only delay starved only %d times: the test simLink does not stall", fixed.starvedCount)
	}
}

// TestDelayStaysInsideLagCompensation: stalls longer than the
// extrapolation covers raise the delay only as far as the round trip
// leaves room in the server's lag compensation window.
func TestDelayStaysInsideLagCompensation(t *testing.T) {
	t.Parallel()
	k := &simLink{rng: rand.New(rand.NewPCG(7, 8)), base: 0.075, jit: 0.010, loss: 0.03, stall: 0.4}
	c := newNetClock(60)
	b := newInterpolator(60, 30, 15)
	c.addRTT(150 * time.Millisecond)
	tick := uint32(2)
	for range 30 * 30 {
		c.observe(tick, k.arrival(tick))
		b.push(&netcode.View{Tick: tick})
		b.retarget(&c)
		tick += 2
	}
	budget := 0.25*60 - 9 - 1.5
	if b.target > budget+1e-9 || b.target < 3 {
		t.Errorf("delay target %.2f ticks with 400 ms stalls and 150 ms RTT, want the budget %.2f", b.target, budget)
	}
	c.minRTT = 0 // no RTT known: the stalls decide
	b.retarget(&c)
	if b.target <= budget+1 {
		t.Errorf("without an RTT the delay target is %.2f, want it to cover the 400 ms stalls", b.target)
	}
	c.addRTT(150 * time.Millisecond)
	b.lagComp = 0 // a server without lag compensation: no budget
	b.retarget(&c)
	if b.target <= budget+1 {
		t.Errorf("with lag compensation off the delay target is %.2f, want it to cover the 400 ms stalls", b.target)
	}
	b.lagComp = 22 // a 367 ms cap: a larger budget
	b.retarget(&c)
	if want := 22 - 9 - 1.5; math.Abs(b.target-want) > 1e-9 {
		t.Errorf("with a 367 ms cap the delay target is %.2f, want %.2f", b.target, want)
	}
}
