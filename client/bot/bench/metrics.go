package main

// Tick duration and lateness quantiles from two scrapes of the server's
// Prometheus /metrics: the histograms' bucket counts at the start and the
// end of the window, subtracted, give the ticks of the window alone.

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// The histograms the server exports on -admin-addr.
const (
	metricTickDuration = "gameserver_tick_duration_seconds"
	metricTickLateness = "gameserver_tick_lateness_seconds"
)

// bucket is one cumulative histogram bucket: the observations <= le.
type bucket struct {
	le    float64
	count float64
}

// histogram is a cumulative histogram, buckets by ascending le (the last
// one +Inf).
type histogram []bucket

// parseHistograms returns the histograms of the Prometheus text format in
// b, by metric name (without _bucket), summed over their other labels.
func parseHistograms(b []byte) (map[string]histogram, error) {
	sums := map[string]map[float64]float64{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		name, rest, ok := strings.Cut(line, "_bucket{")
		if !ok {
			continue
		}
		labels, value, ok := strings.Cut(rest, "} ")
		if !ok {
			return nil, fmt.Errorf("/metrics: malformed line %q", line)
		}
		le, ok := labelValue(labels, "le")
		if !ok {
			return nil, fmt.Errorf("/metrics: bucket without le: %q", line)
		}
		bound, err := strconv.ParseFloat(le, 64) // "+Inf" parses as +Inf
		if err != nil {
			return nil, fmt.Errorf("/metrics: bad le in %q", line)
		}
		value, _, _ = strings.Cut(value, " ") // a timestamp may follow
		n, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return nil, fmt.Errorf("/metrics: bad count in %q", line)
		}
		if sums[name] == nil {
			sums[name] = map[float64]float64{}
		}
		sums[name][bound] += n
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	out := map[string]histogram{}
	for name, m := range sums {
		h := make(histogram, 0, len(m))
		for le, n := range m {
			h = append(h, bucket{le, n})
		}
		sort.Slice(h, func(i, j int) bool { return h[i].le < h[j].le })
		out[name] = h
	}
	return out, nil
}

// labelValue returns the value of label name in a {a="x",b="y"} body.
func labelValue(labels, name string) (string, bool) {
	for _, kv := range strings.Split(labels, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if ok && strings.TrimSpace(k) == name {
			return strings.Trim(strings.TrimSpace(v), `"`), true
		}
	}
	return "", false
}

// minus returns h - earlier bucket by bucket: the observations between the
// two scrapes. ok is false when the buckets differ.
func (h histogram) minus(earlier histogram) (histogram, bool) {
	if len(earlier) == 0 {
		return h, true
	}
	if len(earlier) != len(h) {
		return nil, false
	}
	out := make(histogram, len(h))
	for i := range h {
		if h[i].le != earlier[i].le {
			return nil, false
		}
		out[i] = bucket{h[i].le, h[i].count - earlier[i].count}
	}
	return out, true
}

// quantile returns the q-quantile (0..1) of h, interpolated linearly
// inside its bucket as Prometheus' histogram_quantile does (the +Inf
// bucket answers its lower bound); NaN for an empty histogram.
func (h histogram) quantile(q float64) float64 {
	if len(h) == 0 || h[len(h)-1].count <= 0 {
		return math.NaN()
	}
	rank := q * h[len(h)-1].count
	lower, below := 0.0, 0.0
	for _, b := range h {
		if b.count >= rank {
			if math.IsInf(b.le, 1) {
				return lower
			}
			if b.count == below {
				return b.le
			}
			return lower + (b.le-lower)*(rank-below)/(b.count-below)
		}
		lower, below = b.le, b.count
	}
	return lower
}
