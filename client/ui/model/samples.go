package model

// Recent samples out of the session's histograms. client.Stats keeps the
// snapshot gaps and the prediction corrections only as histograms (fixed
// size, so a copy allocates nothing); the samples one frame added are the
// buckets whose counts grew, each read as its bucket's value. That is
// exact to the histogram's 12% resolution, and these are the session's
// own measurements, not arrival times rounded to the frame.

import (
	"math"

	"arena/client"
)

// histResolution is client.Histogram's resolution: its first bucket holds
// only samples below it, which read as 0. Positions are on a 1/16-unit
// grid, so a correction there was none at all.
const histResolution = 1.0 / 16

// histValue is what a quantile of h reads as: the upper edge of its
// bucket, or 0 for the first bucket.
func histValue(h *client.Histogram, q float64) float64 {
	v := h.Quantile(q)
	if v <= histResolution {
		return 0
	}
	return v
}

// bucketValue is the value of client.Histogram's bucket i, as Quantile
// would state a histogram holding one sample there.
func bucketValue(i int) float64 {
	var one client.Histogram
	one.Counts[i], one.N = 1, 1
	return histValue(&one, 1)
}

// newSamples calls fn with each sample cur holds that prev did not, in
// increasing order, at most limit of them (the largest). A cur with fewer
// samples than prev is a new histogram: all its samples are new.
func newSamples(prev, cur *client.Histogram, limit int, fn func(v float64)) {
	fresh := cur.N < prev.N
	// Count first, to skip the smallest when there are more than limit.
	total := 0
	for i, c := range cur.Counts {
		total += int(grown(prev, c, i, fresh))
	}
	skip := max(0, total-limit)
	for i, c := range cur.Counts {
		n := int(grown(prev, c, i, fresh))
		if n == 0 {
			continue
		}
		if skip >= n {
			skip -= n
			continue
		}
		n -= skip
		skip = 0
		v := bucketValue(i)
		for range n {
			fn(v)
		}
	}
}

// grown is by how much bucket i's count c grew since prev.
func grown(prev *client.Histogram, c uint32, i int, fresh bool) uint32 {
	if fresh {
		return c
	}
	if p := prev.Counts[i]; c > p {
		return c - p
	}
	return 0
}

// GapHistory is how many snapshot gaps the net graph's bar graph shows:
// four seconds at 30 snapshots a second.
const GapHistory = 120

// GapRing holds the newest GapHistory snapshot gaps, in milliseconds.
type GapRing struct {
	gaps [GapHistory]float32
	n    int // how many are held
	next int // where the next goes
}

// Push adds the newest gap, dropping the oldest when full.
func (r *GapRing) Push(ms float64) {
	r.gaps[r.next] = float32(ms)
	r.next = (r.next + 1) % GapHistory
	r.n = min(r.n+1, GapHistory)
}

// Len is how many gaps are held.
func (r *GapRing) Len() int { return r.n }

// At returns the i-th oldest gap held (0 <= i < Len).
func (r *GapRing) At(i int) float64 {
	return float64(r.gaps[(r.next-r.n+i+GapHistory)%GapHistory])
}

// Max returns the largest gap held, 0 when empty.
func (r *GapRing) Max() float64 {
	m := 0.0
	for i := range r.n {
		m = max(m, r.At(i))
	}
	return m
}

// Scale is the top of the bar graph's scale in milliseconds for a nominal
// snapshot interval: three intervals, or more to fit the largest gap held,
// rounded up to 25 ms so the scale does not wobble with every gap.
func (r *GapRing) Scale(nominal float64) float64 {
	top := max(3*nominal, r.Max(), 1)
	return math.Ceil(top/25) * 25
}
