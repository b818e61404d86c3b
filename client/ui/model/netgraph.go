package model

// The net graph's numbers: the session's counters (client.Stats), observed
// once a frame, turned into rates over about a second, the recent snapshot
// gaps for the bar graph, and the lines of text it shows. Package ui draws
// them.

import (
	"fmt"
	"time"

	"arena/client"
)

const (
	// RateWindow is how long the per-second rates are measured over.
	RateWindow = time.Second
	// TextEvery is how often the net graph's text changes: numbers that
	// changed every frame could not be read.
	TextEvery = 250 * time.Millisecond
)

// NetGraph is the state of the net graph. Feed it every frame, shown or not,
// so its rates and bars are ready the moment it is toggled on.
type NetGraph struct {
	// Gaps are the newest snapshot gaps, for the bar graph.
	Gaps GapRing
	// Rates are per second over the last full RateWindow.
	Rates Rates
	// LastCorrection is how far (world units) the newest replay that
	// checked a prediction moved the local player (the largest, when one
	// frame saw several).
	LastCorrection float64

	started         bool
	prevGaps        client.Histogram // the previous frame's
	prevCorrections client.Histogram
	windowAt        time.Time // when the current rate window started
	window          counters  // the counters then
	textAt          time.Time
	text            []NetLine
}

// Rates are the session's traffic per second.
type Rates struct {
	Snapshots          float64
	BytesDown, BytesUp float64
	Measured           bool // false until a RateWindow has passed
}

// counters are the session's totals the rates are measured from.
type counters struct{ snapshots, down, up uint64 }

// NetLine is one line of the net graph's text.
type NetLine struct{ Label, Value string }

// Observe takes the session's counters st at now (the frame's instant).
func (g *NetGraph) Observe(now time.Time, st *client.Stats) {
	c := counters{snapshots: st.SnapshotsReceived, down: st.BytesDown, up: st.BytesUp}
	if !g.started {
		// What the session measured before the first frame is not recent.
		g.started = true
		g.windowAt, g.window = now, c
		g.prevGaps, g.prevCorrections = st.SnapshotGaps, st.Corrections
		g.text = g.appendLines(g.text[:0], st)
		g.textAt = now
		return
	}
	newSamples(&g.prevGaps, &st.SnapshotGaps, GapHistory, func(ms float64) { g.Gaps.Push(ms) })
	newSamples(&g.prevCorrections, &st.Corrections, 1, func(u float64) { g.LastCorrection = u })
	g.prevGaps, g.prevCorrections = st.SnapshotGaps, st.Corrections

	if d := now.Sub(g.windowAt); d >= RateWindow {
		secs := d.Seconds()
		g.Rates = Rates{
			Snapshots: perSecond(g.window.snapshots, c.snapshots, secs),
			BytesDown: perSecond(g.window.down, c.down, secs),
			BytesUp:   perSecond(g.window.up, c.up, secs),
			Measured:  true,
		}
		g.windowAt, g.window = now, c
	}
	if now.Sub(g.textAt) >= TextEvery {
		g.text = g.appendLines(g.text[:0], st)
		g.textAt = now
	}
}

// Lines returns the net graph's text as of the last refresh (every
// TextEvery). The slice is reused by Observe.
func (g *NetGraph) Lines() []NetLine { return g.text }

// perSecond is the rate of a counter that went from a to b in secs; a
// counter that went backwards (never, for one session) reads 0.
func perSecond(a, b uint64, secs float64) float64 {
	if b < a || secs <= 0 {
		return 0
	}
	return float64(b-a) / secs
}

// appendLines formats the net graph's text for st.
func (g *NetGraph) appendLines(dst []NetLine, st *client.Stats) []NetLine {
	snaps, down, up := "--/s", "--", "--"
	if r := g.Rates; r.Measured {
		snaps = fmt.Sprintf("%.1f/s", r.Snapshots)
		down, up = formatByteRate(r.BytesDown), formatByteRate(r.BytesUp)
	}
	return append(dst,
		NetLine{"rtt", fmt.Sprintf("%s  min %s  jitter %s", formatDuration(st.RTT), formatDuration(st.MinRTT), formatDuration(st.Jitter))},
		NetLine{"snapshots", fmt.Sprintf("%s  gap p99 %s", snaps, formatMillis(histValue(&st.SnapshotGaps, 0.99)))},
		NetLine{"traffic", fmt.Sprintf("down %s  up %s", down, up)},
		NetLine{"interp", fmt.Sprintf("delay %s  starved %d", formatDuration(st.InterpDelay), st.InterpStarved)},
		NetLine{"prediction", fmt.Sprintf("%d checked  %d wrong", st.PredictionsChecked, st.Mispredictions)},
		NetLine{"correction", fmt.Sprintf("last %s  p99 %s", formatUnits(g.LastCorrection), formatUnits(histValue(&st.Corrections, 0.99)))},
		NetLine{"inputs", fmt.Sprintf("%d ahead  %d late  %d caught up", st.PredictedTicks, st.InputTicksMissed, st.InputsCaughtUp)},
	)
}

// formatDuration reads like "152 ms", or "2.4 ms" under 10 ms.
func formatDuration(d time.Duration) string {
	return formatMillis(float64(d) / float64(time.Millisecond))
}

// formatMillis reads like "152 ms", or "2.4 ms" under 10 ms.
func formatMillis(ms float64) string {
	if ms < 10 {
		return fmt.Sprintf("%.1f ms", ms)
	}
	return fmt.Sprintf("%.0f ms", ms)
}

// formatByteRate reads like "812 B/s", "2.14 KB/s", "31.2 KB/s", "1.20 MB/s"
// (K = 1000).
func formatByteRate(bps float64) string {
	switch {
	case bps < 1e3:
		return fmt.Sprintf("%.0f B/s", bps)
	case bps < 1e4:
		return fmt.Sprintf("%.2f KB/s", bps/1e3)
	case bps < 1e6:
		return fmt.Sprintf("%.1f KB/s", bps/1e3)
	default:
		return fmt.Sprintf("%.2f MB/s", bps/1e6)
	}
}

// formatUnits reads like "0 u", "0.12 u", "35.0 u" (world units).
func formatUnits(v float64) string {
	switch {
	case v == 0:
		return "0 u"
	case v < 10:
		return fmt.Sprintf("%.2f u", v)
	default:
		return fmt.Sprintf("%.1f u", v)
	}
}
