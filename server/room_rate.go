package server

// The tick rate a room achieves, measured by the room itself: ticks stepped
// per second of wall-clock time over windows of a second. A room that
// overruns (it skips ticks to catch up) or is starved of CPU shows a rate
// below its configured one.

import (
	"math"
	"sync/atomic"
	"time"
)

// tickRateWindow is how long the room counts ticks before it publishes a
// rate.
const tickRateWindow = time.Second

// tickRateMeter counts a room's steps. tick runs on the room goroutine (an
// add and a compare per tick); rate may be read from any goroutine.
type tickRateMeter struct {
	start time.Time // the step the current window began at; zero: none yet
	ticks int       // steps after start

	achieved atomic.Uint64 // float64 bits of the last window's ticks per second; 0: no window yet
}

// tick records one step taken at now.
func (m *tickRateMeter) tick(now time.Time) {
	if m.start.IsZero() {
		m.start = now
		return
	}
	m.ticks++
	if d := now.Sub(m.start); d >= tickRateWindow {
		m.achieved.Store(math.Float64bits(float64(m.ticks) / d.Seconds()))
		m.start, m.ticks = now, 0
	}
}

// rate returns the ticks per second of the last complete window, or 0
// before the first one (a room younger than a second).
func (m *tickRateMeter) rate() float64 { return math.Float64frombits(m.achieved.Load()) }
