package admin

import (
	"sync"
	"time"

	"arena/server"
)

// Stats is the admin page's feed: the server now, and its rates over the
// last window.
type Stats struct {
	Time        time.Time         `json:"time"`
	UptimeSec   float64           `json:"uptime_s"`
	WindowSec   float64           `json:"window_s"` // the span the rates and quantiles cover
	Accepting   bool              `json:"accepting"`
	TickRate    int               `json:"tick_rate"` // configured
	Rooms       []server.RoomInfo `json:"rooms"`
	Players     int               `json:"players"`
	Connections int64             `json:"connections"`

	TicksPerSec    float64   `json:"ticks_per_s"` // all rooms together
	TickDuration   Quantiles `json:"tick_duration_ms"`
	TickLateness   Quantiles `json:"tick_lateness_ms"`
	BytesInPerSec  float64   `json:"bytes_in_per_s"`
	BytesOutPerSec float64   `json:"bytes_out_per_s"`
	MessagesPerSec float64   `json:"messages_in_per_s"`

	Overruns    uint64            `json:"overruns_total"`
	Joins       map[string]uint64 `json:"joins_total"`
	BadMessages map[string]uint64 `json:"bad_messages_total"`
	Disconnects map[string]uint64 `json:"disconnects_total"`
}

// Quantiles are a histogram's quantiles over the window, in milliseconds,
// interpolated within buckets as Prometheus' histogram_quantile does; all
// 0 when the window observed nothing.
type Quantiles struct {
	P50   float64 `json:"p50"`
	P99   float64 `json:"p99"`
	Count uint64  `json:"count"` // observations in the window
}

// sample is the server's cumulative counters at one instant.
type sample struct {
	at                 time.Time
	ticks              uint64
	bytesIn, bytesOut  uint64
	messages           uint64
	duration, lateness server.HistogramSnapshot
}

// minWindow is the shortest window the feed's rates cover: a newer request
// reuses the current window.
const minWindow = time.Second

// sampler keeps the two latest samples; their difference is the window.
type sampler struct {
	srv   *server.Server
	start time.Time

	mu        sync.Mutex // guards prev, cur
	prev, cur sample
}

func newSampler(srv *server.Server) *sampler {
	s := &sampler{srv: srv, start: time.Now()}
	s.cur = s.take(s.start)
	s.prev = s.cur
	return s
}

// take reads the server's counters.
func (s *sampler) take(now time.Time) sample {
	m := s.srv.Metrics()
	return sample{
		at:       now,
		ticks:    m.Ticks.Load(),
		bytesIn:  m.BytesReceived.Load(),
		bytesOut: m.BytesSent.Load(),
		messages: m.MessagesReceived.Load(),
		duration: m.TickDuration.Snapshot(),
		lateness: m.TickLateness.Snapshot(),
	}
}

// window returns the two samples bounding the current window, taking a
// new one when the current window is at least minWindow old.
func (s *sampler) window(now time.Time) (prev, cur sample) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if now.Sub(s.cur.at) >= minWindow || s.cur.at.Equal(s.prev.at) {
		s.prev, s.cur = s.cur, s.take(now)
	}
	return s.prev, s.cur
}

// stats builds the feed.
func (s *sampler) stats() Stats {
	now := time.Now()
	prev, cur := s.window(now)
	m := s.srv.Metrics()
	st := Stats{
		Time:        now.UTC(),
		UptimeSec:   now.Sub(s.start).Seconds(),
		WindowSec:   cur.at.Sub(prev.at).Seconds(),
		Accepting:   s.srv.Accepting(),
		TickRate:    s.srv.Config().TickRate,
		Rooms:       s.srv.Rooms(),
		Connections: m.ConnectionsOpen.Load(),
		Overruns:    m.TickOverruns.Load(),
		Joins:       m.JoinResults.Snapshot(),
		BadMessages: m.BadMessages.Snapshot(),
		Disconnects: m.Disconnects.Snapshot(),
	}
	for _, r := range st.Rooms {
		st.Players += r.Players
	}
	if w := st.WindowSec; w > 0 {
		st.TicksPerSec = float64(cur.ticks-prev.ticks) / w
		st.BytesInPerSec = float64(cur.bytesIn-prev.bytesIn) / w
		st.BytesOutPerSec = float64(cur.bytesOut-prev.bytesOut) / w
		st.MessagesPerSec = float64(cur.messages-prev.messages) / w
	}
	st.TickDuration = quantiles(prev.duration, cur.duration)
	st.TickLateness = quantiles(prev.lateness, cur.lateness)
	return st
}

// quantiles returns p50 and p99 of the observations between two snapshots
// of one histogram.
func quantiles(prev, cur server.HistogramSnapshot) Quantiles {
	counts := make([]uint64, len(cur.Counts))
	var total uint64
	for i := range counts {
		counts[i] = cur.Counts[i]
		if i < len(prev.Counts) {
			counts[i] -= prev.Counts[i]
		}
		total += counts[i]
	}
	if total == 0 {
		return Quantiles{}
	}
	return Quantiles{
		P50:   ms(quantile(0.5, cur.Bounds, counts, total)),
		P99:   ms(quantile(0.99, cur.Bounds, counts, total)),
		Count: total,
	}
}

// quantile interpolates the q-quantile linearly within the bucket it falls
// in (the first bucket starts at 0); in the +Inf bucket it is the highest
// finite bound.
func quantile(q float64, bounds []time.Duration, counts []uint64, total uint64) time.Duration {
	rank := q * float64(total)
	var acc float64
	for i, n := range counts {
		if n == 0 {
			continue
		}
		if acc+float64(n) >= rank {
			if i == len(bounds) {
				return bounds[len(bounds)-1]
			}
			lo := time.Duration(0)
			if i > 0 {
				lo = bounds[i-1]
			}
			frac := (rank - acc) / float64(n)
			return lo + time.Duration(frac*float64(bounds[i]-lo))
		}
		acc += float64(n)
	}
	return bounds[len(bounds)-1]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
