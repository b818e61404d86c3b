package server

import (
	"reflect"
	"testing"
	"time"
)

// TestTallyFlushMatchesObserve: what a room tallies during a tick reaches
// the Metrics at its flush exactly as if each event had been recorded on
// the spot: every histogram bucket, the sum and the max, and each counter;
// and the tally is empty after.
func TestTallyFlushMatchesObserve(t *testing.T) {
	direct, tallied := newMetrics(), newMetrics()
	var tl tally
	for i, d := range []time.Duration{0, 40 * time.Microsecond, time.Millisecond, 3 * time.Millisecond, 20 * time.Millisecond, time.Second, 90 * time.Millisecond} {
		direct.InputDelay.Observe(d)
		tl.inputDelay.observe(tallied.InputDelay, d)
		direct.TickLateness.Observe(d / 2)
		tl.tickLateness.observe(tallied.TickLateness, d/2)
		direct.Snapshots.Add(1)
		tl.snapshots++
		direct.BytesReceived.Add(uint64(i))
		direct.BytesPolled.Add(uint64(i))
		tl.bytesPolled += uint64(i)
		if i == 3 {
			tl.flush(tallied) // flushes in the middle add up too
		}
	}
	tl.flush(tallied)
	for name, h := range map[string][2]*Histogram{
		"InputDelay":   {direct.InputDelay, tallied.InputDelay},
		"TickLateness": {direct.TickLateness, tallied.TickLateness},
	} {
		if a, b := h[0].Snapshot(), h[1].Snapshot(); !reflect.DeepEqual(a, b) {
			t.Errorf("%s: tallied %+v, observed %+v", name, b, a)
		}
	}
	if a, b := direct.Snapshots.Load(), tallied.Snapshots.Load(); a != b {
		t.Errorf("Snapshots: tallied %d, counted %d", b, a)
	}
	if a, b := direct.BytesPolled.Load(), tallied.BytesPolled.Load(); a != b || tallied.BytesReceived.Load() != a {
		t.Errorf("BytesPolled: tallied %d (received %d), counted %d", b, tallied.BytesReceived.Load(), a)
	}
	if tl != (tally{}) {
		t.Errorf("tally after flush: %+v, want empty", tl)
	}
}
