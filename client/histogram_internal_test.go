package client

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestHistogramQuantiles(t *testing.T) {
	t.Parallel()
	var h Histogram
	if h.Quantile(0.99) != 0 {
		t.Errorf("empty: %v", h.Quantile(0.99))
	}
	for range 1000 {
		h.Add(0)
	}
	if q := h.Quantile(0.99); q != 0 {
		t.Errorf("all zeros: p99 %v, want 0", q)
	}
	h.Add(0.5)
	h.Add(3000)
	if q := h.Quantile(1); q < 3000 || q > 3000*1.13 {
		t.Errorf("max %v, want 3000 within a bucket", q)
	}
	// Against exact quantiles of random data: within a bucket (12%, or 1/16).
	rng := rand.New(rand.NewPCG(1, 2))
	var g Histogram
	var vals []float64
	for range 5000 {
		v := rng.ExpFloat64() * 40
		vals = append(vals, v)
		g.Add(v)
	}
	slices.Sort(vals)
	for _, q := range []float64{0.5, 0.9, 0.99} {
		exact := vals[int(math.Ceil(q*float64(len(vals))))-1]
		got := g.Quantile(q)
		if got < exact || got > exact*1.13+1.0/16 {
			t.Errorf("p%v = %v, exact %v", q*100, got, exact)
		}
	}
	var m Histogram
	m.Merge(&h)
	m.Merge(&g)
	if m.N != h.N+g.N {
		t.Errorf("merged N %d", m.N)
	}
	// Every bucket's upper edge is above its samples and increasing.
	for i := 1; i < histBuckets; i++ {
		if histUpper(i) <= histUpper(i-1) {
			t.Fatalf("bucket %d upper %v not above %v", i, histUpper(i), histUpper(i-1))
		}
	}
	for _, v := range []float64{0.01, 0.07, 1, 1.5, 17, 255.9, 1e5} {
		i := histIndex(v)
		if v >= histUpper(i) || (i > 0 && v < histUpper(i-1)) {
			t.Errorf("%v in bucket %d [%v, %v)", v, i, histUpper(i-1), histUpper(i))
		}
	}
}
