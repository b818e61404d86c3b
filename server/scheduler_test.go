package server

import (
	"sync"
	"testing"
	"time"
)

// fakeClock is a Clock that moves only when the test calls Advance.
type fakeClock struct {
	mu     sync.Mutex // mu guards now and timers
	now    time.Time
	timers []*fakeTimer
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Unix(1_000_000, 0)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) NewTimer() Timer {
	t := &fakeTimer{clock: c, ch: make(chan time.Time, 1)}
	c.mu.Lock()
	c.timers = append(c.timers, t)
	c.mu.Unlock()
	return t
}

// Advance moves the clock by d and fires the timers that are due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	for _, t := range c.timers {
		t.fireLocked(c.now)
	}
}

type fakeTimer struct {
	clock *fakeClock
	ch    chan time.Time
	at    time.Time // zero when stopped; guarded by clock.mu
}

func (t *fakeTimer) C() <-chan time.Time { return t.ch }

func (t *fakeTimer) Reset(d time.Duration) {
	t.clock.mu.Lock()
	defer t.clock.mu.Unlock()
	select { // like Go 1.23 timers: no stale value after Reset
	case <-t.ch:
	default:
	}
	t.at = t.clock.now.Add(d)
	t.fireLocked(t.clock.now)
}

func (t *fakeTimer) Stop() {
	t.clock.mu.Lock()
	t.at = time.Time{}
	t.clock.mu.Unlock()
}

func (t *fakeTimer) fireLocked(now time.Time) {
	if t.at.IsZero() || now.Before(t.at) {
		return
	}
	t.at = time.Time{}
	select {
	case t.ch <- now:
	default:
	}
}

// TestSchedulerIsDriftFree: tick n is due at start + n*period whatever the
// ticks cost and however late they start.
func TestSchedulerIsDriftFree(t *testing.T) {
	t.Parallel()
	start := time.Unix(0, 0)
	s := newScheduler(start, 60)
	period := time.Second / 60
	now := start
	for n := range 6000 {
		due := s.due()
		if want := start.Add(time.Duration(n) * period); !due.Equal(want) {
			t.Fatalf("tick %d due at %v, want %v", n, due.Sub(start), want.Sub(start))
		}
		// Wake up a little late (as a real timer does), work a little.
		now = due.Add(time.Duration(n%7) * 100 * time.Microsecond)
		late, skipped := s.begin(now)
		if want := time.Duration(n%7) * 100 * time.Microsecond; late != want || skipped != 0 {
			t.Fatalf("tick %d: late %v skipped %d, want %v 0", n, late, skipped, want)
		}
		now = now.Add(3 * time.Millisecond)
	}
	// After 6000 ticks of 1/60 s the schedule is exactly 100 s in.
	if got := s.due().Sub(start); got != 6000*period {
		t.Fatalf("tick 6000 due at %v, want %v", got, 6000*period)
	}
}

// TestSchedulerCatchesUpThenSkips: a few ticks behind, it runs them back to
// back; far behind, it skips ahead and reports the skipped ticks.
func TestSchedulerCatchesUpThenSkips(t *testing.T) {
	t.Parallel()
	start := time.Unix(0, 0)
	period := time.Second / 60
	s := newScheduler(start, 60)
	s.begin(start) // tick 0 on time

	// Stall for 3 periods: ticks 1..3 run late, back to back, none skipped.
	now := start.Add(4 * period)
	for n := 1; n <= 3; n++ {
		if !s.due().Before(now) {
			t.Fatalf("tick %d not overdue", n)
		}
		if _, skipped := s.begin(now); skipped != 0 {
			t.Fatalf("tick %d skipped %d", n, skipped)
		}
	}
	// Stall for 30 periods: the scheduler skips ahead.
	now = now.Add(30 * period)
	late, skipped := s.begin(now)
	if skipped < maxTicksBehind || late >= period {
		t.Fatalf("after a long stall: late %v skipped %d; want a skip and less than a period late", late, skipped)
	}
	// Back on schedule: the next tick is due within one period of now.
	if d := s.due().Sub(now); d <= 0 || d > period {
		t.Fatalf("next tick due in %v, want (0, %v]", d, period)
	}
}

// TestAlignedStart: rooms start on the server's tick grid.
func TestAlignedStart(t *testing.T) {
	t.Parallel()
	epoch := time.Unix(1000, 0)
	period := time.Second / 60
	for _, tc := range []struct{ now, want time.Duration }{
		{0, 0}, {1, period}, {period, period}, {period + 1, 2 * period}, {10*period - 1, 10 * period},
	} {
		if got := alignedStart(epoch.Add(tc.now), epoch, 60); !got.Equal(epoch.Add(tc.want)) {
			t.Errorf("alignedStart(epoch+%v) = epoch+%v, want epoch+%v", tc.now, got.Sub(epoch), tc.want)
		}
	}
	now := time.Unix(5, 0)
	if got := alignedStart(now, time.Time{}, 60); !got.Equal(now) {
		t.Errorf("no epoch: %v, want now", got)
	}
}

// TestTickPhasesSpreadRooms: consecutive rooms tick at tickPhases evenly
// spaced instants of the period, and the pattern repeats.
func TestTickPhasesSpreadRooms(t *testing.T) {
	epoch := time.Unix(1000, 0)
	period := time.Second / 60
	seen := map[time.Duration]bool{}
	for n := uint64(1); n <= tickPhases; n++ {
		off := tickPhase(epoch, n, 60).Sub(epoch)
		if want := time.Duration(n%tickPhases) * period / tickPhases; off != want || off >= period {
			t.Errorf("room %d: offset %v, want %v (%d/%d of a period)", n, off, want, n%tickPhases, tickPhases)
		}
		seen[off] = true
	}
	if len(seen) != tickPhases {
		t.Errorf("%d rooms on %d distinct phases, want %d", tickPhases, len(seen), tickPhases)
	}
	if a, b := tickPhase(epoch, 1, 60), tickPhase(epoch, 1+tickPhases, 60); !a.Equal(b) {
		t.Errorf("room 1 at %v, room %d at %v: want the same phase", a, 1+tickPhases, b)
	}
	if got := tickPhase(time.Time{}, 3, 60); !got.IsZero() {
		t.Errorf("no epoch: %v, want none", got)
	}
}

// TestSnapshotLanes: rooms of lane 0 snapshot on the grid's even ticks and
// rooms of lane 1 on the odd ones, whatever grid tick they started at, and
// lanes follow room numbers in turn within a phase.
func TestSnapshotLanes(t *testing.T) {
	epoch := time.Unix(1000, 0)
	for _, rates := range [][2]int{{60, 30}, {60, 20}, {30, 30}} {
		tickRate, snapRate := rates[0], rates[1]
		period := time.Second / time.Duration(tickRate)
		for lane := range 3 {
			var first []int // the grid ticks of the first snapshots, per start
			for g := int64(0); g < 7; g++ {
				acc := snapshotPhase(epoch.Add(time.Duration(g)*period), epoch, tickRate, snapRate, lane)
				for tick := g; ; tick++ {
					if acc += snapRate; acc >= tickRate {
						first = append(first, int(tick))
						break
					}
				}
			}
			every := tickRate / snapRate
			for i, tick := range first {
				if want := first[0]; (tick-want)%every != 0 {
					t.Errorf("%d/%d lane %d: a room starting at grid tick %d snapshots first at %d, off the lane of %d", snapRate, tickRate, lane, i, tick, want)
				}
			}
			if every == 2 && first[0]%2 != lane%2 {
				t.Errorf("%d/%d lane %d: snapshots on grid tick %d, want parity %d", snapRate, tickRate, lane, first[0], lane%2)
			}
		}
	}
	lanes := map[int]int{}
	for n := uint64(1); n <= 8*tickPhases; n += tickPhases { // one phase's rooms
		lanes[snapshotLane(n)%2]++
	}
	if lanes[0] != lanes[1] {
		t.Errorf("one phase's 8 rooms on lanes %v, want 4 and 4", lanes)
	}
}
