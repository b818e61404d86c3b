package admin

import (
	"arena/server"

	"testing"
	"time"
)

// TestQuantiles: the quantiles of the observations between two snapshots
// interpolate within their bucket, and ignore what came before.
func TestQuantiles(t *testing.T) {
	bounds := []time.Duration{time.Millisecond, 2 * time.Millisecond, 4 * time.Millisecond}
	prev := histogram(bounds, 100, 0, 0, 0) // before the window: 100 fast ticks
	// In the window: 50 in (0,1ms], 49 in (1,2ms], 1 in (2,4ms].
	cur := histogram(bounds, 150, 49, 1, 0)
	q := quantiles(prev, cur)
	if q.Count != 100 {
		t.Fatalf("count = %d, want 100", q.Count)
	}
	if q.P50 != 1 {
		t.Errorf("p50 = %v ms, want 1 (the 50th of 100 is the last of the first bucket)", q.P50)
	}
	if want := 1 + 49.0/49; q.P99 < want-1e-9 || q.P99 > want+1e-9 {
		t.Errorf("p99 = %v ms, want %v", q.P99, want)
	}
	if q := quantiles(cur, cur); q != (Quantiles{}) {
		t.Errorf("an empty window = %+v, want zeros", q)
	}
	// Everything in +Inf: the highest finite bound.
	if q := quantiles(histogram(bounds, 0, 0, 0, 0), histogram(bounds, 0, 0, 0, 3)); q.P99 != 4 {
		t.Errorf("p99 of the +Inf bucket = %v ms, want 4", q.P99)
	}
}

func histogram(bounds []time.Duration, counts ...uint64) server.HistogramSnapshot {
	s := server.HistogramSnapshot{Bounds: bounds, Counts: counts}
	for _, n := range counts {
		s.Count += n
	}
	return s
}
