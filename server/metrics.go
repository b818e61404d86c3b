package server

import (
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Metrics are the server's counters and histograms, plain values that a
// Prometheus exporter (or a test) reads. Every field may be read and updated
// concurrently.
type Metrics struct {
	Connections     atomic.Uint64 // WebSocket connections accepted
	ConnectionsOpen atomic.Int64  // WebSocket connections open now (accepted, not ended)
	ConnsRefused    atomic.Uint64 // connections closed at once by the limits (limits.go)
	Joins           atomic.Uint64 // players that joined a room
	Leaves          atomic.Uint64 // players that left a room
	SeatsHeld       atomic.Uint64 // players whose connection dropped, their seat kept for a resume
	Resumes         atomic.Uint64 // seats taken over with a resume token
	ResumesRefused  atomic.Uint64 // Hellos whose resume token named no seat (closed 4006)
	SeatsExpired    atomic.Uint64 // held seats freed because no resume came in time
	RoomsStarted    atomic.Uint64
	RoomsEnded      atomic.Uint64
	Ticks           atomic.Uint64 // room ticks stepped, all rooms
	TickOverruns    atomic.Uint64 // times a room fell too far behind and skipped ahead
	TicksSkipped    atomic.Uint64 // ticks skipped by those jumps
	InputsMissed    atomic.Uint64 // held ticks: a player that had sent inputs had none queued
	InputsTrimmed   atomic.Uint64 // inputs the jitter buffer dropped to cut standing latency
	InputsOverflow  atomic.Uint64 // inputs dropped from a player's full buffer (sent too fast)
	ChatDropped     atomic.Uint64 // chat lines dropped (rate limit or full channel)
	Snapshots       atomic.Uint64 // snapshots handed to connections
	SnapshotsFull   atomic.Uint64 // of which full (no baseline)
	SnapshotsStale  atomic.Uint64 // unsent snapshots replaced by a newer one
	SnapshotsDirect atomic.Uint64 // written by the room itself: no writer goroutine woken
	SnapshotBytes   atomic.Uint64 // encoded snapshot bytes handed to connections (payload, replaced ones included)
	// BytesSent is the bytes written to clients' sockets, WebSocket frame
	// headers included: the room's direct writes and the writer goroutine's.
	BytesSent atomic.Uint64
	// BytesReceived is the bytes read from clients: all that a polled
	// socket gives; on the reader goroutine (before Hello, and TLS or
	// impaired connections) each data message's payload plus the header of
	// a single masked frame carrying it (control frames not counted).
	BytesReceived atomic.Uint64
	// BytesPolled is the part of BytesReceived that rooms read from polled
	// sockets (the fast path, conn_poll.go).
	BytesPolled atomic.Uint64
	// MessagesReceived counts the data messages clients sent (binary or
	// text, whatever became of them), on every path.
	MessagesReceived atomic.Uint64
	MessagesIgnored  atomic.Uint64 // well-formed client messages of a type this version does not know
	// TickDuration is how long a room's tick took.
	TickDuration *Histogram
	// TickLateness is how long after its due time a tick started.
	TickLateness *Histogram
	// InputDelay is how long an input waited in its player's buffer
	// between arriving and being taken to be simulated.
	InputDelay *Histogram
	// BadMessages counts bad input by reason: "decode", "text_frame",
	// "too_big", "frame", "protocol", "version", "subprotocol",
	// "hello_timeout", "rate" (over the message rate, ratelimit.go).
	BadMessages *CounterVec
	// Disconnects counts ended connections by close code ("1000", "4003",
	// ...; "abnormal" when the connection was cut without a close frame,
	// "other" for a peer's code outside netcode's table).
	Disconnects *CounterVec
	// JoinResults counts Hellos by what became of them: "joined",
	// "resumed", "resume_refused" (the token named no seat: 4006),
	// "shutting_down" (1001), "error" (the server could not seat the
	// player: 1011), "no_such_room" (4008) and "room_full" (4009).
	JoinResults *CounterVec
}

// The labels of Metrics.JoinResults.
const (
	JoinJoined        = "joined"
	JoinResumed       = "resumed"
	JoinResumeRefused = "resume_refused"
	JoinShuttingDown  = "shutting_down"
	JoinError         = "error"
	JoinNoSuchRoom    = "no_such_room" // 4008: Hello named a room that is not here
	JoinRoomFull      = "room_full"    // 4009: Hello named a room with no free seat
)

// tickBuckets returns the upper bounds of the tick histograms.
func tickBuckets() []time.Duration {
	return []time.Duration{
		50 * time.Microsecond, 100 * time.Microsecond, 250 * time.Microsecond,
		500 * time.Microsecond, time.Millisecond, 2 * time.Millisecond,
		4 * time.Millisecond, 8 * time.Millisecond, 16 * time.Millisecond,
		33 * time.Millisecond, 100 * time.Millisecond,
	}
}

func newMetrics() *Metrics {
	return &Metrics{
		TickDuration: NewHistogram(tickBuckets()...),
		TickLateness: NewHistogram(tickBuckets()...),
		InputDelay:   NewHistogram(tickBuckets()...),
		BadMessages:  NewCounterVec(),
		Disconnects:  NewCounterVec(),
		JoinResults:  NewCounterVec(),
	}
}

// Histogram counts durations into fixed buckets. All methods may be called
// concurrently; it allocates nothing after NewHistogram.
type Histogram struct {
	bounds []time.Duration // ascending upper bounds; the last bucket is +Inf
	counts []atomic.Uint64 // len(bounds)+1
	sum    atomic.Int64    // nanoseconds
	max    atomic.Int64    // nanoseconds
}

// NewHistogram returns a Histogram with the given ascending upper bounds and
// a final +Inf bucket.
func NewHistogram(bounds ...time.Duration) *Histogram {
	b := append([]time.Duration(nil), bounds...)
	sort.Slice(b, func(i, j int) bool { return b[i] < b[j] })
	return &Histogram{bounds: b, counts: make([]atomic.Uint64, len(b)+1)}
}

// Observe records d.
func (h *Histogram) Observe(d time.Duration) {
	i := sort.Search(len(h.bounds), func(i int) bool { return d <= h.bounds[i] })
	h.counts[i].Add(1)
	h.sum.Add(int64(d))
	for {
		m := h.max.Load()
		if int64(d) <= m || h.max.CompareAndSwap(m, int64(d)) {
			return
		}
	}
}

// HistogramSnapshot is a copy of a Histogram's state. Counts[i] counts
// observations <= Bounds[i] and > Bounds[i-1]; the last count is the +Inf
// bucket (not cumulative, unlike Prometheus' exposition).
type HistogramSnapshot struct {
	Bounds []time.Duration
	Counts []uint64
	Count  uint64
	Sum    time.Duration
	Max    time.Duration
}

// Snapshot returns a copy of the current counts.
func (h *Histogram) Snapshot() HistogramSnapshot {
	s := HistogramSnapshot{
		Bounds: append([]time.Duration(nil), h.bounds...),
		Counts: make([]uint64, len(h.counts)),
		Sum:    time.Duration(h.sum.Load()),
		Max:    time.Duration(h.max.Load()),
	}
	for i := range h.counts {
		s.Counts[i] = h.counts[i].Load()
		s.Count += s.Counts[i]
	}
	return s
}

// CounterVec is a set of counters keyed by a label from a small fixed set
// (close codes, reasons). All methods may be called concurrently.
type CounterVec struct {
	mu sync.Mutex // mu guards m (the counters themselves are atomic)
	m  map[string]*atomic.Uint64
}

// NewCounterVec returns an empty CounterVec.
func NewCounterVec() *CounterVec { return &CounterVec{m: make(map[string]*atomic.Uint64)} }

// Inc adds one to the counter of label.
func (v *CounterVec) Inc(label string) {
	v.mu.Lock()
	c := v.m[label]
	if c == nil {
		c = new(atomic.Uint64)
		v.m[label] = c
	}
	v.mu.Unlock()
	c.Add(1)
}

// Get returns the counter of label.
func (v *CounterVec) Get(label string) uint64 {
	v.mu.Lock()
	defer v.mu.Unlock()
	if c := v.m[label]; c != nil {
		return c.Load()
	}
	return 0
}

// Snapshot returns a copy of all counters.
func (v *CounterVec) Snapshot() map[string]uint64 {
	v.mu.Lock()
	defer v.mu.Unlock()
	out := make(map[string]uint64, len(v.m))
	for k, c := range v.m {
		out[k] = c.Load()
	}
	return out
}
