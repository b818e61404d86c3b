package client

// Interpolation of remote players: the last few snapshots are kept with the
// local time they arrived, and others are drawn a fixed delay in the past,
// between the two snapshots that bracket that moment. The delay is two
// snapshot intervals for now; a delay adapting to measured jitter fits here.

import (
	"math"
	"slices"
	"time"

	"arena/game"
	"arena/netcode"
)

// snapshotsKept is how many snapshots the buffer holds: enough to bracket a
// render time two intervals back even when one arrives a little late.
const snapshotsKept = 4

// interpDelaySnapshots is the interpolation delay in snapshot intervals.
const interpDelaySnapshots = 2

// interpDelay returns how far in the past others are rendered.
func (s *Session) interpDelay() time.Duration {
	return interpDelaySnapshots * s.snapshotInterval()
}

// bufferedSnapshot is the View after one snapshot, with the local time it
// arrived.
type bufferedSnapshot struct {
	tick   uint32
	ackSeq uint32
	recv   time.Time
	own    netcode.PlayerState
	others []netcode.RemotePlayer // owned copy (the View reuses its slices)
}

// snapshotBuffer is a ring of the last snapshotsKept snapshots, oldest first.
// It is not safe for concurrent use (Session.mu guards it).
type snapshotBuffer struct {
	ring [snapshotsKept]bufferedSnapshot
	next int // index the next push writes
	n    int
}

// push copies v into the buffer, reusing the oldest entry's memory.
func (b *snapshotBuffer) push(v *netcode.View, recv time.Time) {
	e := &b.ring[b.next]
	e.tick, e.ackSeq, e.recv, e.own = v.Tick, v.AckSeq, recv, v.Own
	e.others = append(e.others[:0], v.Others...)
	b.next = (b.next + 1) % snapshotsKept
	if b.n < snapshotsKept {
		b.n++
	}
}

// at returns the i-th buffered snapshot, 0 = oldest.
func (b *snapshotBuffer) at(i int) *bufferedSnapshot {
	return &b.ring[(b.next-b.n+i+snapshotsKept)%snapshotsKept]
}

// latest returns the newest snapshot, or nil.
func (b *snapshotBuffer) latest() *bufferedSnapshot {
	if b.n == 0 {
		return nil
	}
	return b.at(b.n - 1)
}

// bracket returns the snapshots around time t and how far t is from a to b
// in [0, 1]. Before the oldest it returns the oldest; after the newest the
// newest (no extrapolation). a and b are nil when the buffer is empty.
func (b *snapshotBuffer) bracket(t time.Time) (from, to *bufferedSnapshot, alpha float64) {
	if b.n == 0 {
		return nil, nil, 0
	}
	newest := b.latest()
	if !t.Before(newest.recv) {
		return newest, newest, 1
	}
	oldest := b.at(0)
	if !t.After(oldest.recv) {
		return oldest, oldest, 0
	}
	for i := b.n - 1; i > 0; i-- {
		from, to = b.at(i-1), b.at(i)
		if !t.Before(from.recv) {
			span := to.recv.Sub(from.recv)
			if span <= 0 {
				return to, to, 1
			}
			return from, to, float64(t.Sub(from.recv)) / float64(span)
		}
	}
	return oldest, oldest, 0
}

// appendViews appends the players to show at now to dst (ordered by ID) and
// returns it with the server tick others are rendered at (0 = none yet).
func (b *snapshotBuffer) appendViews(dst []PlayerView, now time.Time, delay time.Duration, local game.PlayerID, names map[game.PlayerID]string, tickRate int) ([]PlayerView, uint32) {
	from, to, alpha := b.bracket(now.Add(-delay))
	if to == nil {
		return dst, 0
	}
	renderTick := uint32(math.Round(float64(from.tick) + alpha*float64(to.tick-from.tick)))
	start := len(dst)
	for i := range to.others {
		ps := &to.others[i]
		v := remoteView(ps, tickRate)
		if prev := findOther(from.others, ps.ID); prev != nil && from != to {
			a := remoteView(prev, tickRate)
			if dt := float64(to.tick-from.tick) / float64(tickRate); dt > 0 {
				v.Vel = v.Pos.Sub(a.Pos).Scale(1 / dt)
				a.Vel = v.Vel
			}
			v = lerpView(a, v, alpha, maxLerpDistance(to.tick-from.tick, tickRate))
		}
		v.Name = names[ps.ID]
		dst = append(dst, v)
	}
	if newest := b.latest(); local != 0 && newest.own.ID == local {
		v := ownView(&newest.own, tickRate)
		v.Name, v.Local = names[local], true
		dst = append(dst, v)
	}
	views := dst[start:]
	if !slices.IsSortedFunc(views, cmpViewID) {
		slices.SortFunc(views, cmpViewID)
	}
	return dst, renderTick
}

func cmpViewID(a, b PlayerView) int { return int(a.ID) - int(b.ID) }

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

// ownView converts the local player's exact state to a PlayerView (without
// its name); its aim is not sent to the owner.
func ownView(ps *netcode.PlayerState, tickRate int) PlayerView {
	return PlayerView{
		ID:            ps.ID,
		Pos:           game.Vec2{X: netcode.FromFixed(ps.X), Y: netcode.FromFixed(ps.Y)},
		Vel:           game.Vec2{X: netcode.FromFixed(ps.VX), Y: netcode.FromFixed(ps.VY)},
		Health:        int(ps.Health),
		Alive:         ps.Flags&netcode.FlagAlive != 0,
		Protected:     ps.Flags&netcode.FlagProtected != 0,
		RespawnIn:     time.Duration(ps.RespawnTicks) * time.Second / time.Duration(tickRate),
		Kills:         int(ps.Kills),
		Deaths:        int(ps.Deaths),
		Score:         int(ps.Score),
		CooldownTicks: int(ps.CooldownTicks),
	}
}

// remoteView converts another player as the server sends it to a PlayerView
// (without its name and velocity).
func remoteView(ps *netcode.RemotePlayer, tickRate int) PlayerView {
	return PlayerView{
		ID:        ps.ID,
		Pos:       game.Vec2{X: netcode.FromRemote(ps.X), Y: netcode.FromRemote(ps.Y)},
		Aim:       float64(ps.Aim) * (2 * math.Pi / 256),
		Health:    int(ps.Health),
		Alive:     ps.Flags&netcode.FlagAlive != 0,
		Protected: ps.Flags&netcode.FlagProtected != 0,
		Kills:     int(ps.Kills),
		Deaths:    int(ps.Deaths),
		Score:     int(ps.Score),
	}
}

// lerpView interpolates the continuous fields of a towards b; the discrete
// ones (health, flags, score) come from the nearer snapshot. A player that
// died, respawned or jumped further than maxDist is shown at the nearer one.
func lerpView(a, b PlayerView, alpha, maxDist float64) PlayerView {
	v := b
	if alpha < 0.5 {
		v = a
	}
	if !a.Alive || !b.Alive || a.Pos.Dist(b.Pos) > maxDist {
		return v
	}
	v.Pos = lerpVec(a.Pos, b.Pos, alpha)
	v.Vel = lerpVec(a.Vel, b.Vel, alpha)
	v.Aim = lerpAngle(a.Aim, b.Aim, alpha)
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
