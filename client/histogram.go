package client

import "math/bits"

// Histogram counts non-negative samples (milliseconds, world units) in
// buckets about 12% wide with a resolution of 1/16: small enough to state a
// p99 honestly, fixed in size so a Stats copy allocates nothing and bot
// reports can merge thousands of them. A plain value.
type Histogram struct {
	Counts [histBuckets]uint32
	N      uint64
}

const (
	histScale    = 16 // resolution: 1/16 of the unit
	histSubBits  = 3  // 8 buckets per octave
	histLinear   = 1 << (histSubBits + 1)
	histOctaves  = 24
	histBuckets  = 1 + histLinear + (histOctaves-histSubBits-1)<<histSubBits // [0] holds exact zeros
	histMaxValue = (1 << histOctaves) / histScale
)

// Add counts one sample v (negative counts as 0, huge as the largest bucket).
func (h *Histogram) Add(v float64) {
	h.Counts[histIndex(v)]++
	h.N++
}

// Merge adds o's samples to h.
func (h *Histogram) Merge(o *Histogram) {
	for i, c := range o.Counts {
		h.Counts[i] += c
	}
	h.N += o.N
}

// Quantile returns the upper edge of the bucket holding the q-quantile
// (0..1) of the samples, 0 when there are none.
func (h *Histogram) Quantile(q float64) float64 {
	if h.N == 0 {
		return 0
	}
	want := uint64(q*float64(h.N) + 0.999999)
	want = max(want, 1)
	var sum uint64
	for i, c := range h.Counts {
		sum += uint64(c)
		if sum >= want {
			return histUpper(i)
		}
	}
	return histUpper(histBuckets - 1)
}

func histIndex(v float64) int {
	if !(v > 0) {
		return 0
	}
	if v >= histMaxValue {
		return histBuckets - 1
	}
	u := uint64(v * histScale)
	if u < histLinear {
		return 1 + int(u)
	}
	e := bits.Len64(u) - histSubBits - 1 // u >> e is in [8, 16)
	i := histLinear + (e-1)<<histSubBits + int(u>>e) - 1<<histSubBits
	return 1 + min(i, histBuckets-2)
}

// histUpper is the value just above bucket i's samples (0 for the zeros).
func histUpper(i int) float64 {
	if i == 0 {
		return 0
	}
	i--
	if i < histLinear {
		return float64(i+1) / histScale
	}
	e := (i-histLinear)>>histSubBits + 1
	m := (i-histLinear)&(1<<histSubBits-1) + 1<<histSubBits
	return float64(uint64(m+1)<<e) / histScale
}
