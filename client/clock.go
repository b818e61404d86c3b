package client

// Clock sync. The session needs two things from the server's clock: where
// snapshots fall on its own time (to interpolate others on the server's
// tick timeline, not on arrival times) and the server's tick rate (to make
// exactly one input per server tick). Both come from the snapshots
// themselves, 30 a second, rather than from the one Ping a second:
//
// A snapshot of tick T arriving at local time L gives x = L*rate - T: the
// clock offset plus that snapshot's delay. The smallest x over the last
// few seconds is the offset plus the path's minimum delay (minimum-delay
// filtering: late snapshots, however late, never move it), so
// recvTick(L) = L*rate - min(x) is the tick of a snapshot that would
// arrive now with the best delay seen: the newest tick the client can hope
// to have. How much later than that each snapshot arrived (its lateness,
// x - min(x)) measures jitter and stalls; the interpolation delay adapts to
// it. The offset in use slews toward the filtered one at a bounded rate
// (drift smoothing), so neither the render clock nor the input pacing ever
// jumps; a large error (seconds) is taken at once.
//
// Inputs are paced on the receive clock too: it runs at the server's rate
// and never jumps. Pings measure the round trip for the stats; the
// smallest of the recent samples is the one least disturbed by queueing
// (minimum-RTT filtering).

import (
	"math"
	"time"
)

const (
	// clockBuckets windows of clockBucket each hold the minimum x.
	clockBuckets = 4
	clockBucket  = time.Second
	// clockSlew is how fast the offset in use follows the filtered one:
	// 0.5% of real time (5 ms per second).
	clockSlew = 0.005
	// clockSnap is an error so large (half a second) that slewing would
	// take minutes: it is taken at once.
	clockSnap = 0.5
	// rttSamples is how many RTT samples the minimum is taken over.
	rttSamples = 16
)

// lateness histograms: buckets of a quarter tick up to 32 ticks, one per
// window of lateWindow, lateWindows of them: a quantile over the newest k
// windows covers between (k-1) and k windows of time. Jitter is judged on
// the last 10 s, stalls (rarer) on the last 30 s.
const (
	lateBucketsPerTick = 4
	lateBuckets        = 32 * lateBucketsPerTick
	lateWindow         = 5 * time.Second
	lateWindows        = 6
)

// netClock is the session's estimate of the server's clock. It is not safe
// for concurrent use (Session.mu guards it). Times are local seconds since
// the session started; ticks are server ticks.
type netClock struct {
	rate float64 // nominal server ticks per second

	started bool
	off     float64 // offset in use: recvTick = L*rate - off
	slewAt  float64 // L of the last slew
	buckets [clockBuckets]float64
	bucket  int     // index of the current bucket
	bucketL float64 // L at which the current bucket started
	filt    float64 // min over the buckets

	prevX    float64
	havePrev bool
	jitter   float64 // smoothed |x_i - x_{i-1}|, ticks (RFC 3550 style)

	late     [lateWindows][lateBuckets]uint32 // lateness histograms, [0] the current window
	lateN    [lateWindows]uint32
	lateFrom float64 // L at which the current window started

	rtts   [rttSamples]time.Duration
	nrtt   int
	minRTT time.Duration
}

func newNetClock(tickRate int) netClock {
	return netClock{rate: float64(tickRate)}
}

// observe takes a snapshot of tick that arrived at local time l (seconds)
// and returns its lateness in ticks (0 for the best-delayed one).
func (c *netClock) observe(tick uint32, l float64) float64 {
	x := l*c.rate - float64(tick)
	if !c.started {
		c.started = true
		c.off, c.filt, c.slewAt = x, x, l
		for i := range c.buckets {
			c.buckets[i] = x
		}
		c.bucketL, c.lateFrom = l, l
	}
	// Rotate the min buckets.
	for l-c.bucketL >= clockBucket.Seconds() {
		c.bucket = (c.bucket + 1) % clockBuckets
		c.buckets[c.bucket] = math.Inf(1)
		c.bucketL += clockBucket.Seconds()
		if l-c.bucketL >= clockBuckets*clockBucket.Seconds() {
			c.bucketL = l // a long silence: start over
		}
	}
	c.buckets[c.bucket] = math.Min(c.buckets[c.bucket], x)
	c.filt = math.Inf(1)
	for _, b := range c.buckets {
		c.filt = math.Min(c.filt, b)
	}
	if c.havePrev {
		c.jitter += (math.Abs(x-c.prevX) - c.jitter) / 16
	}
	c.prevX, c.havePrev = x, true
	c.slew(l)

	late := math.Max(0, x-c.filt)
	if l-c.lateFrom >= lateWindow.Seconds() {
		copy(c.late[1:], c.late[:lateWindows-1])
		copy(c.lateN[1:], c.lateN[:lateWindows-1])
		c.late[0], c.lateN[0] = [lateBuckets]uint32{}, 0
		c.lateFrom = l
	}
	c.late[0][min(lateBuckets-1, int(late*lateBucketsPerTick))]++
	c.lateN[0]++
	return late
}

// slew moves the offset in use toward the filtered one, at most clockSlew
// of the time elapsed since the last call.
func (c *netClock) slew(l float64) {
	dt := math.Max(0, l-c.slewAt)
	c.slewAt = l
	d := c.filt - c.off
	if math.Abs(d) > clockSnap*c.rate {
		c.off = c.filt
		return
	}
	step := clockSlew * dt * c.rate
	c.off += math.Max(-step, math.Min(step, d))
}

// recvTick returns, at local time l, the tick of a snapshot arriving now
// with the best delay seen (fractional), and false before the first
// snapshot.
func (c *netClock) recvTick(l float64) (float64, bool) {
	if !c.started {
		return 0, false
	}
	c.slew(l)
	return l*c.rate - c.off, true
}

// lateQuantile returns the q-quantile (0..1) of the snapshots' lateness
// over the newest windows (1..lateWindows) of lateWindow, in ticks (the
// upper edge of its bucket).
func (c *netClock) lateQuantile(q float64, windows int) float64 {
	windows = max(1, min(windows, lateWindows))
	var n uint32
	for w := range windows {
		n += c.lateN[w]
	}
	if n == 0 {
		return 0
	}
	want := max(1, uint32(math.Ceil(q*float64(n))))
	var sum uint32
	for i := range lateBuckets {
		for w := range windows {
			sum += c.late[w][i]
		}
		if sum >= want {
			return float64(i+1) / lateBucketsPerTick
		}
	}
	return float64(lateBuckets) / lateBucketsPerTick
}

// jitterTicks returns the smoothed snapshot delay variation, in ticks.
func (c *netClock) jitterTicks() float64 { return c.jitter }

// addRTT records a round-trip sample and returns the minimum of the recent
// ones.
func (c *netClock) addRTT(rtt time.Duration) time.Duration {
	c.rtts[c.nrtt%rttSamples] = rtt
	c.nrtt++
	c.minRTT = rtt
	for i := range min(c.nrtt, rttSamples) {
		c.minRTT = min(c.minRTT, c.rtts[i])
	}
	return c.minRTT
}

// ticks converts a duration to ticks at the nominal rate.
func (c *netClock) ticks(d time.Duration) float64 { return d.Seconds() * c.rate }

// duration converts ticks to a duration at the nominal rate.
func (c *netClock) duration(ticks float64) time.Duration {
	return time.Duration(ticks / c.rate * float64(time.Second))
}
