package client

// Interpolation of the other players on the server's tick timeline. Each
// snapshot is kept with its tick, not its arrival time; others are drawn
// at render tick r = recvTick(now) - delay (see clock.go), between the two
// snapshots around r. The delay adapts to what arrives: it covers the
// lateness of most snapshots (jitter) plus, with a short extrapolation past
// the newest snapshot, the stalls of a lossy TCP path, where a lost segment
// holds every later snapshot back. The render tick never goes backwards
// and changes speed by at most 10% while the delay adapts; past the newest
// snapshot by more than the extrapolation limit it stops (starved).

import (
	"math"
	"slices"
	"time"

	"arena/game"
	"arena/netcode"
)

const (
	// snapshotsKept is enough for the longest delay at 30 Hz snapshots,
	// with room for a burst after a stall.
	snapshotsKept = 16
	// maxDelaySeconds bounds the interpolation delay.
	maxDelaySeconds = 0.25
	// extrapolateSeconds is how far past the newest snapshot others are
	// extrapolated before the render tick stops: a stall of a lossy TCP
	// path (a retransmission, about 200 ms) is covered by extrapolating
	// rather than by a longer delay, which lag compensation's cap could
	// not afford (docs/architecture.md). Source's default is 250 ms.
	extrapolateSeconds = 0.2
	// jitterQuantile of the lateness over the last 10 s is what the delay
	// always covers.
	jitterQuantile, jitterWindows = 0.8, 2
	// stallQuantile of the lateness over the last 30 s is what the delay
	// plus the extrapolation cover.
	stallQuantile, stallWindows = 0.998, lateWindows
	// delaySlew is how much faster or slower than real time the render
	// tick may run while the delay moves to its target.
	delaySlew = 0.1
	// defaultLagComp is the server's default lag compensation cap
	// (gameserver -lag-comp-max), assumed when Welcome does not say.
	defaultLagComp = 250 * time.Millisecond
	// delayMargin is added to the delay (ticks).
	delayMargin = 0.5
	// Until measuredSnapshots have arrived the link is not known yet: the
	// delay is at least initialDelaySeconds, which covers a mediocre one.
	measuredSnapshots   = 60
	initialDelaySeconds = 0.1
)

// bufferedSnapshot is the View after one snapshot.
type bufferedSnapshot struct {
	tick   uint32
	others []netcode.RemotePlayer // owned copy (the View reuses its slices)
}

// interpolator buffers snapshots and chooses the render tick. It is not
// safe for concurrent use (Session.mu guards it).
type interpolator struct {
	rate     float64 // ticks per second
	interval float64 // ticks between snapshots
	maxDelay float64 // ticks
	extra    float64 // extrapolation limit, ticks
	lagComp  float64 // the server's lag compensation cap, ticks (0: off, no budget)

	ring   [snapshotsKept]bufferedSnapshot
	next   int // index the next push writes
	n      int
	pushed int // snapshots pushed, up to measuredSnapshots

	delay, target float64 // ticks
	r, rAt        float64 // last render tick and the local time it was for
	rOK           bool
	starved       bool
	starvedCount  uint64
}

// newInterpolator returns the interpolator of a server with these rates
// and lag compensation cap in ticks (0: off).
func newInterpolator(tickRate, snapshotRate int, lagCompTicks float64) interpolator {
	rate := float64(tickRate)
	iv := math.Max(1, rate/float64(max(1, snapshotRate)))
	return interpolator{
		rate:     rate,
		lagComp:  lagCompTicks,
		interval: iv,
		maxDelay: math.Max(iv, maxDelaySeconds*rate),
		extra:    extrapolateSeconds * rate,
		delay:    math.Max(iv+delayMargin, initialDelaySeconds*rate),
		target:   math.Max(iv+delayMargin, initialDelaySeconds*rate),
	}
}

// push copies v into the buffer, reusing the oldest entry's memory.
func (b *interpolator) push(v *netcode.View) {
	e := &b.ring[b.next]
	e.tick = v.Tick
	e.others = append(e.others[:0], v.Others...)
	b.next = (b.next + 1) % snapshotsKept
	if b.n < snapshotsKept {
		b.n++
	}
	b.pushed = min(b.pushed+1, measuredSnapshots)
}

// retarget sets the delay target from the clock's lateness quantiles, as
// far as lag compensation allows.
func (b *interpolator) retarget(c *netClock) {
	jitter := b.interval + c.lateQuantile(jitterQuantile, jitterWindows) + delayMargin
	stall := b.interval + c.lateQuantile(stallQuantile, stallWindows) + delayMargin - b.extra
	need := math.Min(b.maxDelay, math.Max(jitter, stall))
	if c.minRTT > 0 && b.lagComp > 0 {
		// A shot is resolved where the shooter saw its target only within
		// the server's lag compensation window, which counts the round
		// trip, the wait for the input's batch and the server's tick
		// (about a tick and a half), and this delay. Past it, others are
		// extrapolated rather than drawn later.
		need = math.Min(need, b.lagComp-c.ticks(c.minRTT)-1.5)
	}
	b.target = math.Max(b.interval+delayMargin, need)
	if b.pushed < measuredSnapshots {
		b.target = math.Max(b.target, math.Min(b.maxDelay, initialDelaySeconds*b.rate))
	}
}

// at returns the i-th buffered snapshot, 0 = oldest.
func (b *interpolator) at(i int) *bufferedSnapshot {
	return &b.ring[(b.next-b.n+i+snapshotsKept)%snapshotsKept]
}

// latest returns the newest snapshot, or nil.
func (b *interpolator) latest() *bufferedSnapshot {
	if b.n == 0 {
		return nil
	}
	return b.at(b.n - 1)
}

// renderTick returns the tick others are drawn at for local time l (with
// the receive clock recv at l), and false before the first snapshot.
func (b *interpolator) renderTick(recv, l float64) (float64, bool) {
	newest := b.latest()
	if newest == nil {
		return 0, false
	}
	if b.rOK {
		// Move the delay toward its target no faster than delaySlew.
		step := delaySlew * math.Max(0, l-b.rAt) * b.rate
		b.delay += math.Max(-step, math.Min(step, b.target-b.delay))
	} else {
		b.delay = b.target
	}
	r := recv - b.delay
	if b.rOK {
		r = math.Max(r, b.r) // never backwards
	}
	limit := float64(newest.tick) + b.extra
	starved := r > limit
	if starved {
		r = limit
		if !b.starved {
			b.starvedCount++
		}
	}
	b.starved = starved
	b.r, b.rAt, b.rOK = r, l, true
	return r, true
}

// bracket returns the snapshots around tick r and how far r is from a to
// b; past the newest, a and b are the newest two and alpha > 1
// (extrapolation); before the oldest, the oldest with alpha 0.
func (b *interpolator) bracket(r float64) (from, to *bufferedSnapshot, alpha float64) {
	if b.n == 0 {
		return nil, nil, 0
	}
	newest := b.latest()
	if r >= float64(newest.tick) {
		if b.n < 2 {
			return newest, newest, 1
		}
		prev := b.at(b.n - 2)
		span := float64(newest.tick - prev.tick)
		return prev, newest, 1 + (r-float64(newest.tick))/span
	}
	for i := b.n - 1; i > 0; i-- {
		from, to = b.at(i-1), b.at(i)
		if r >= float64(from.tick) {
			return from, to, (r - float64(from.tick)) / float64(to.tick-from.tick)
		}
	}
	oldest := b.at(0)
	return oldest, oldest, 0
}

// appendOthers appends the other players at render tick r to dst and
// returns it. m is used to keep extrapolated players out of walls.
func (b *interpolator) appendOthers(dst []PlayerView, r float64, m *game.Map, names map[game.PlayerID]string) []PlayerView {
	from, to, alpha := b.bracket(r)
	if to == nil {
		return dst
	}
	ticks := to.tick - from.tick
	for i := range to.others {
		ps := &to.others[i]
		v := remoteView(ps)
		if prev := findOther(from.others, ps.ID); prev != nil && from != to {
			a := remoteView(prev)
			dt := float64(ticks) / b.rate
			v.Vel = v.Pos.Sub(a.Pos).Scale(1 / dt)
			a.Vel = v.Vel
			// Discrete fields (alive, health) switch to the later snapshot
			// where the render tick rounds to it, as the server's lag
			// compensation rounds it: a player respawning between the two
			// is shown alive only where the server has it alive.
			later := alpha >= 1-0.5/float64(ticks)
			v = lerpView(a, v, alpha, later, maxLerpDistance(ticks, int(b.rate)))
			if alpha > 1 && m != nil && m.Blocked(v.Pos, game.PlayerRadius) {
				v.Pos = remoteView(ps).Pos // extrapolated into a wall: hold at the newest
			}
		}
		v.Name = names[ps.ID]
		dst = append(dst, v)
	}
	return dst
}

func cmpViewID(a, b PlayerView) int { return int(a.ID) - int(b.ID) }

func sortViews(views []PlayerView) {
	if !slices.IsSortedFunc(views, cmpViewID) {
		slices.SortFunc(views, cmpViewID)
	}
}

func findOther(players []netcode.RemotePlayer, id game.PlayerID) *netcode.RemotePlayer {
	for i := range players {
		if players[i].ID == id {
			return &players[i]
		}
	}
	return nil
}

// maxLerpDistance is how far a player can move between two snapshots ticks
// apart; a longer jump is a teleport (respawn) and is not interpolated.
func maxLerpDistance(ticks uint32, tickRate int) float64 {
	return 2*game.MaxSpeed*float64(ticks)/float64(tickRate) + 2*game.PlayerRadius
}

// remoteView converts another player as the server sends it to a PlayerView
// (without its name and velocity).
func remoteView(ps *netcode.RemotePlayer) PlayerView {
	return PlayerView{
		ID:        ps.ID,
		Pos:       game.Vec2{X: netcode.FromRemote(ps.X), Y: netcode.FromRemote(ps.Y)},
		Aim:       float64(ps.Aim) * (2 * math.Pi / 256),
		Health:    int(ps.Health),
		Alive:     ps.Flags&netcode.FlagAlive != 0,
		Protected: ps.Flags&netcode.FlagProtected != 0,
		Bot:       ps.Flags&netcode.FlagBot != 0,
		Weapon:    remoteWeapon(ps.Flags),
		Kills:     int(ps.Kills),
		Deaths:    int(ps.Deaths),
		Score:     int(ps.Score),
	}
}

// lerpView interpolates the continuous fields of a towards b (alpha > 1
// extrapolates); the discrete ones (health, flags, score) come from b when
// later, else from a. A player that died, respawned or jumped further than
// maxDist is shown as that snapshot has it.
func lerpView(a, b PlayerView, alpha float64, later bool, maxDist float64) PlayerView {
	v := b
	if !later {
		v = a
	}
	if !a.Alive || !b.Alive || a.Pos.Dist(b.Pos) > maxDist {
		return v
	}
	v.Pos = lerpVec(a.Pos, b.Pos, alpha)
	v.Vel = lerpVec(a.Vel, b.Vel, math.Min(alpha, 1))
	v.Aim = lerpAngle(a.Aim, b.Aim, math.Min(alpha, 1))
	return v
}

func lerpVec(a, b game.Vec2, t float64) game.Vec2 {
	return game.Vec2{X: a.X + (b.X-a.X)*t, Y: a.Y + (b.Y-a.Y)*t}
}

// lerpAngle interpolates from a to b (radians) the short way round and
// returns an angle in [0, 2π).
func lerpAngle(a, b, t float64) float64 {
	d := math.Remainder(b-a, 2*math.Pi) // in [-π, π]
	r := math.Mod(a+d*t, 2*math.Pi)
	if r < 0 {
		r += 2 * math.Pi
	}
	return r
}

// remoteWeapon is the weapon another player's flags say it holds.
func remoteWeapon(flags uint8) game.Weapon {
	if flags&netcode.FlagRocket != 0 {
		return game.WeaponRocket
	}
	return game.WeaponBlaster
}
