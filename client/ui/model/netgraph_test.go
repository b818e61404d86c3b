package model_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"arena/client"
	"arena/client/ui/model"
)

// line returns the value of the net graph line labelled label.
func line(t *testing.T, g *model.NetGraph, label string) string {
	t.Helper()
	for _, l := range g.Lines() {
		if l.Label == label {
			return l.Value
		}
	}
	t.Fatalf("no %q line in %+v", label, g.Lines())
	return ""
}

func TestNetGraphRatesFromCounterDeltas(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	st := client.Stats{SnapshotsReceived: 500, BytesDown: 1e6, BytesUp: 3e5} // before the first frame
	var g model.NetGraph
	g.Observe(t0, &st)
	if g.Rates.Measured {
		t.Fatal("rates measured before a window passed")
	}
	if v := line(t, &g, "traffic"); v != "down --  up --" {
		t.Fatalf("traffic before a window = %q", v)
	}
	// 60 frames a second for a second: 30 snapshots of 71 bytes, 14 bytes up a frame.
	for f := 1; f <= 60; f++ {
		if f%2 == 0 {
			st.SnapshotsReceived++
			st.BytesDown += 71
		}
		st.BytesUp += 14
		g.Observe(t0.Add(time.Duration(f)*time.Second/60), &st)
	}
	if !g.Rates.Measured {
		t.Fatal("no rates after a window")
	}
	if g.Rates.Snapshots != 30 {
		t.Errorf("snapshots/s = %v, want 30 (the 500 before the first frame do not count)", g.Rates.Snapshots)
	}
	if g.Rates.BytesDown != 2130 || g.Rates.BytesUp != 840 {
		t.Errorf("bytes/s = %v down, %v up; want 2130, 840", g.Rates.BytesDown, g.Rates.BytesUp)
	}
	// The text follows at its own pace (TextEvery).
	g.Observe(t0.Add(time.Second+model.TextEvery), &st)
	if v := line(t, &g, "traffic"); v != "down 2.13 KB/s  up 840 B/s" {
		t.Errorf("traffic = %q", v)
	}
	if v := line(t, &g, "snapshots"); !strings.HasPrefix(v, "30.0/s") {
		t.Errorf("snapshots = %q", v)
	}
	// A window over a stall: the rate is over the time that passed.
	g.Observe(t0.Add(3*time.Second+model.TextEvery), &st)
	if g.Rates.Snapshots != 0 || g.Rates.BytesDown != 0 {
		t.Errorf("rates over a stall = %+v, want 0", g.Rates)
	}
}

func TestNetGraphTextChangesAtItsPace(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	st := client.Stats{RTT: 150 * time.Millisecond}
	var g model.NetGraph
	g.Observe(t0, &st)
	st.RTT = 160 * time.Millisecond
	g.Observe(t0.Add(model.TextEvery-time.Millisecond), &st)
	if v := line(t, &g, "rtt"); !strings.HasPrefix(v, "150 ms") {
		t.Fatalf("rtt changed before TextEvery: %q", v)
	}
	g.Observe(t0.Add(model.TextEvery), &st)
	if v := line(t, &g, "rtt"); !strings.HasPrefix(v, "160 ms") {
		t.Fatalf("rtt after TextEvery: %q", v)
	}
}

func TestNetGraphFormatting(t *testing.T) {
	t.Parallel()
	var st client.Stats
	st.RTT, st.MinRTT, st.Jitter = 152*time.Millisecond, 150*time.Millisecond, 2400*time.Microsecond
	st.InterpDelay, st.InterpStarved = 100*time.Millisecond, 2
	st.PredictionsChecked, st.Mispredictions = 5120, 3
	st.PredictedTicks, st.InputTicksMissed, st.InputsCaughtUp = 9, 4, 1
	for range 99 {
		st.SnapshotGaps.Add(33)
		st.Corrections.Add(0)
	}
	st.SnapshotGaps.Add(200)
	st.Corrections.Add(3)
	var g model.NetGraph
	g.Observe(time.Unix(1000, 0), &st)
	tests := []struct{ label, want string }{
		{"rtt", "152 ms  min 150 ms  jitter 2.4 ms"},
		{"interp", "delay 100 ms  starved 2"},
		{"prediction", "5120 checked  3 wrong"},
		{"inputs", "9 ahead  4 late  1 caught up"},
		// p99 of 99 gaps of 33 ms and one of 200: the upper edge of the
		// bucket [32, 36) holding 33; corrections of 0 read as 0, not as
		// the first bucket's edge.
		{"snapshots", "--/s  gap p99 36 ms"},
		{"correction", "last 0 u  p99 0 u"},
	}
	for _, tt := range tests {
		if got := line(t, &g, tt.label); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.label, got, tt.want)
		}
	}
}

func TestNetGraphRecentGapsAndCorrections(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	var st client.Stats
	st.SnapshotGaps.Add(500) // before the first frame: not recent
	var g model.NetGraph
	g.Observe(t0, &st)
	if g.Gaps.Len() != 0 {
		t.Fatalf("gaps from before the first frame: %d", g.Gaps.Len())
	}
	// One frame sees a 33 ms gap, the next two (80 ms and 20 ms) and a
	// correction of 2.5 units.
	st.SnapshotGaps.Add(33)
	g.Observe(t0.Add(16*time.Millisecond), &st)
	st.SnapshotGaps.Add(80)
	st.SnapshotGaps.Add(20)
	st.Corrections.Add(2.5)
	st.Corrections.Add(0)
	g.Observe(t0.Add(33*time.Millisecond), &st)
	want := []float64{33, 20, 80} // within a frame, in increasing order
	if g.Gaps.Len() != len(want) {
		t.Fatalf("%d gaps held, want %d", g.Gaps.Len(), len(want))
	}
	for i, w := range want {
		// The histogram's buckets are about 12% wide; a gap reads as its
		// bucket's upper edge.
		if got := g.Gaps.At(i); got < w || got > w*1.13 {
			t.Errorf("gap %d = %v, want %v (to 12%%)", i, got, w)
		}
	}
	if c := g.LastCorrection; c < 2.5 || c > 2.5*1.13 {
		t.Errorf("last correction = %v, want the larger of the frame's, 2.5", c)
	}
	// A frame whose only correction was 0 sets it to 0.
	st.Corrections.Add(0)
	g.Observe(t0.Add(50*time.Millisecond), &st)
	if g.LastCorrection != 0 {
		t.Errorf("last correction after a correct prediction = %v, want 0", g.LastCorrection)
	}
}

func TestNetGraphKeepsTheNewestGaps(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	var st client.Stats
	var g model.NetGraph
	g.Observe(t0, &st)
	// A stalled frame sees more gaps than the ring holds: the largest stay.
	for range model.GapHistory {
		st.SnapshotGaps.Add(10)
	}
	st.SnapshotGaps.Add(900)
	g.Observe(t0.Add(time.Second), &st)
	if g.Gaps.Len() != model.GapHistory {
		t.Fatalf("%d gaps held, want %d", g.Gaps.Len(), model.GapHistory)
	}
	if m := g.Gaps.Max(); m < 900 {
		t.Fatalf("the stall's 900 ms gap was dropped: max %v", m)
	}
}

func TestGapRing(t *testing.T) {
	t.Parallel()
	var r model.GapRing
	if r.Len() != 0 || r.Max() != 0 {
		t.Fatal("empty ring not empty")
	}
	for i := range model.GapHistory + 5 {
		r.Push(float64(i))
	}
	if r.Len() != model.GapHistory {
		t.Fatalf("len = %d, want %d", r.Len(), model.GapHistory)
	}
	if r.At(0) != 5 || r.At(model.GapHistory-1) != model.GapHistory+4 {
		t.Fatalf("oldest %v newest %v, want 5 and %d", r.At(0), r.At(model.GapHistory-1), model.GapHistory+4)
	}
	if r.Max() != model.GapHistory+4 {
		t.Fatalf("max = %v", r.Max())
	}
}

func TestGapScale(t *testing.T) {
	t.Parallel()
	tests := []struct {
		gaps    []float64
		nominal float64
		want    float64
	}{
		{nil, 1000.0 / 30, 100}, // three intervals, rounded up
		{[]float64{30, 40, 36}, 1000.0 / 30, 100},
		{[]float64{30, 180}, 1000.0 / 30, 200}, // a stall widens it
		{nil, 1000.0 / 60, 50},
		{nil, 0, 25},
	}
	for _, tt := range tests {
		var r model.GapRing
		for _, g := range tt.gaps {
			r.Push(g)
		}
		if got := r.Scale(tt.nominal); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("Scale(%v) with gaps %v = %v, want %v", tt.nominal, tt.gaps, got, tt.want)
		}
	}
}

func TestNetGraphByteRates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		perSecond float64
		want      string
	}{
		{812, "812 B/s"},
		{2140, "2.14 KB/s"},
		{31200, "31.2 KB/s"},
		{1.2e6, "1.20 MB/s"},
	}
	for _, tt := range tests {
		t0 := time.Unix(1000, 0)
		var st client.Stats
		var g model.NetGraph
		g.Observe(t0, &st)
		st.BytesDown = uint64(tt.perSecond)
		g.Observe(t0.Add(model.RateWindow), &st)
		if got := line(t, &g, "traffic"); got != "down "+tt.want+"  up 0 B/s" {
			t.Errorf("%v bytes in a second: %q, want down %s", tt.perSecond, got, tt.want)
		}
	}
}
