package server

import "time"

// maxTicksBehind is how many ticks a room may fall behind before its
// scheduler gives up on catching up and skips ahead.
const maxTicksBehind = 5

// scheduler is a drift-free fixed-step schedule: tick n is due at
// start + n*period, whatever the previous ticks cost, so errors never
// accumulate. When the room falls more than maxBehind ticks behind (a stall,
// a suspended process) it skips the missed ticks instead of running them back
// to back, and counts the overrun. A scheduler is owned by one goroutine.
type scheduler struct {
	start     time.Time
	period    time.Duration
	maxBehind int64
	n         int64 // index of the next tick to run
}

func newScheduler(start time.Time, tickRate int) scheduler {
	return scheduler{
		start:     start,
		period:    time.Second / time.Duration(tickRate),
		maxBehind: maxTicksBehind,
	}
}

// alignedStart returns the first instant at or after now that is a whole
// number of periods after epoch (now itself when epoch is zero). Rooms of
// one server start on this grid, so their ticks fall due together: one
// thread wakes for all of them, where rooms ticking at random phases would
// wake one each (at 60 Hz a dozen rooms made ~700 needless wakes a second).
func alignedStart(now, epoch time.Time, tickRate int) time.Time {
	if epoch.IsZero() || now.Before(epoch) {
		return now
	}
	period := time.Second / time.Duration(tickRate)
	n := (now.Sub(epoch) + period - 1) / period
	return epoch.Add(n * period)
}

// due returns when the next tick is due.
func (s *scheduler) due() time.Time {
	// Multiplying (not adding periods one by one) keeps the schedule exact.
	return s.start.Add(time.Duration(s.n) * s.period)
}

// begin starts the next tick at now, which must not be before due(). It
// returns how late the tick starts and how many ticks were skipped to catch
// up (0 unless the scheduler fell more than maxBehind ticks behind).
func (s *scheduler) begin(now time.Time) (late time.Duration, skipped int64) {
	late = now.Sub(s.due())
	if late < 0 {
		late = 0
	}
	if behind := int64(late / s.period); behind > s.maxBehind {
		// Run the most recent due tick now; the ones before it are lost.
		skipped = behind
		s.n += behind
		late = now.Sub(s.due())
	}
	s.n++
	return late, skipped
}

// tickPhases is how many evenly spaced instants of a tick period the rooms'
// ticks are spread over. All rooms on one instant share one wake of the
// process, but the last of them starts its tick only after the others ran
// theirs: with 125 rooms of 16 on two cores (make bench N=2000) aligned rooms
// saw tick lateness p99 15.6 ms, four phases 7.3-7.6 ms, eight 6.9 ms, for
// the same server CPU within the runs' noise (61-66% of a core).
const tickPhases = 4

// tickPhase returns the tick grid of the server's n-th room: the epoch
// shifted by one of tickPhases evenly spaced offsets within a period.
func tickPhase(epoch time.Time, n uint64, tickRate int) time.Time {
	if epoch.IsZero() {
		return epoch
	}
	period := time.Second / time.Duration(tickRate)
	return epoch.Add(time.Duration(n%tickPhases) * period / tickPhases)
}

// snapshotLane is the snapshot lane of the server's n-th room. Snapshot
// ticks are the heavy ones (the room reads its sockets, builds and writes
// a snapshot per member); at 30 snapshots on 60 ticks, rooms on lane 0
// send on the grid's even ticks and rooms on lane 1 on the odd ones. Rooms
// of one phase take lanes in turn, so each instant of the grid carries the
// snapshots of half of them rather than, by the chance of when each room
// started, sometimes most.
func snapshotLane(n uint64) int { return int(n / tickPhases) }

// snapshotPhase returns the snapshot accumulator a room starting its ticks
// at start must begin with for its snapshots to fall on lane's ticks of the
// grid: after the step of grid tick g the accumulator is
// (g*snapshotRate + lane*snapshotRate) mod tickRate, a function of g, so
// the rooms of one lane send on the same ticks wherever they started.
// Without a grid (epoch zero) the lane counts from start.
func snapshotPhase(start, epoch time.Time, tickRate, snapshotRate, lane int) int {
	var g int64 // the grid index of the room's first tick
	if !epoch.IsZero() && !start.Before(epoch) {
		g = int64(start.Sub(epoch) / (time.Second / time.Duration(tickRate)))
	}
	t, s := int64(tickRate), int64(snapshotRate)
	// The first step adds snapshotRate, so begin one tick's worth before.
	acc := ((g-1)*s + int64(lane)*s) % t
	return int((acc + t) % t)
}
