package impair

// The delay line of one direction: bytes go in stamped with the time they
// are due out, and come out in order, no earlier.

import (
	"math/rand/v2"
	"os"
	"sync"
	"time"
)

// maxQueued bounds the bytes one direction holds, like a socket buffer: a
// writer this far ahead of the link waits (or, reading, the socket is not
// read and TCP's own flow control pushes back on the peer).
const maxQueued = 4 << 20

// segment is a run of bytes due out at one time. The last segment of a
// read line may instead carry what the socket returned after its bytes
// (io.EOF, a reset), delivered when due like the bytes before it.
type segment struct {
	due time.Time
	b   []byte
	err error // set only on a terminal segment, whose b is empty
}

// line is one direction of an impaired connection. Its producer (the
// caller's Write, or the goroutine reading the socket) pushes bytes; its
// consumer (the goroutine writing the socket, or the caller's Read) takes
// them once due. Either side may block, on the queue's bound or on the
// due time, and is woken through changed.
type line struct {
	link Link

	mu       sync.Mutex // mu guards everything below
	rng      *rand.Rand
	segs     []segment // segs[head:] are queued, in delivery order
	head     int
	queued   int       // bytes in segs[head:]
	busy     bool      // the consumer is writing a segment it took (write lines)
	linkFree time.Time // when the link has serialized everything pushed (Bandwidth)
	lastDue  time.Time // due time of the newest segment: none may be earlier
	deadline time.Time // the caller's deadline: the read deadline of a read line, the write deadline of a write line
	closed   bool      // closed locally: the caller's calls fail with net.ErrClosed
	broken   error     // reset, or the socket failed: everything fails with it
	changed  chan struct{}
}

// Random streams of the two lines of a connection, so that one seed gives
// each direction its own draws.
const (
	streamRead  = 0x72656164   // "read"
	streamWrite = 0x7772697465 // "write"
)

func newLine(l Link, seed, stream uint64) *line {
	// Wrap takes any Link; out-of-range fields mean the nearest valid value.
	l.Latency, l.Jitter, l.Stall = max(l.Latency, 0), max(l.Jitter, 0), max(l.Stall, 0)
	l.Bandwidth = max(l.Bandwidth, 0)
	l.Loss, l.Reset = probability(l.Loss), probability(l.Reset)
	return &line{link: l, rng: rand.New(rand.NewPCG(seed, stream)), changed: make(chan struct{})}
}

func probability(p float64) float64 {
	if !(p > 0) { // NaN too
		return 0
	}
	return min(p, 1)
}

// notifyLocked wakes everyone waiting on the line.
func (l *line) notifyLocked() {
	close(l.changed)
	l.changed = make(chan struct{})
}

// waitLocked releases mu until the line changes or until passes (zero:
// no time limit), or, withDeadline, the caller's deadline passes; then it
// takes mu again. Callers check the line again after it.
func (l *line) waitLocked(until time.Time, withDeadline bool) {
	if withDeadline && !l.deadline.IsZero() && (until.IsZero() || l.deadline.Before(until)) {
		until = l.deadline
	}
	ch := l.changed
	l.mu.Unlock()
	defer l.mu.Lock()
	if until.IsZero() {
		<-ch
		return
	}
	t := time.NewTimer(time.Until(until))
	defer t.Stop()
	select {
	case <-ch:
	case <-t.C:
	}
}

// failLocked returns why the caller's call cannot proceed, if it cannot.
func (l *line) failLocked(now time.Time) error {
	switch {
	case l.closed:
		return errClosed
	case l.broken != nil:
		return l.broken
	case !l.deadline.IsZero() && !now.Before(l.deadline):
		return os.ErrDeadlineExceeded
	}
	return nil
}

// drawResetLocked decides whether this write resets the connection.
func (l *line) drawResetLocked() bool {
	return l.link.Reset > 0 && l.rng.Float64() < l.link.Reset
}

// delayLocked draws the delay of one write: latency and jitter, and a
// stall if the write is lost.
func (l *line) delayLocked() time.Duration {
	d := l.link.Latency
	if j := l.link.Jitter; j > 0 {
		d += time.Duration(l.rng.Int64N(2*int64(j)+1)) - j
	}
	d = max(d, 0)
	if l.link.Loss > 0 && l.rng.Float64() < l.link.Loss {
		d += l.link.stall()
	}
	return d
}

// segmentBytes is how much of a write crosses a capped link as one
// segment: about 10 ms of it, so a large write trickles out instead of
// arriving whole after its last byte.
func segmentBytes(bandwidth int) int { return max(512, bandwidth/100) }

// pushLocked queues a copy of b, written at now, as one write.
func (l *line) pushLocked(now time.Time, b []byte) {
	wasEmpty := l.head == len(l.segs)
	d := l.delayLocked()
	for len(b) > 0 {
		k, sent := len(b), now
		if bw := l.link.Bandwidth; bw > 0 {
			k = min(k, segmentBytes(bw))
			l.linkFree = later(l.linkFree, now).Add(time.Duration(int64(k) * int64(time.Second) / int64(bw)))
			sent = l.linkFree
		}
		// TCP delivers in order: nothing arrives before what was sent
		// ahead of it, so a stalled write holds back those behind it.
		due := later(sent.Add(d), l.lastDue)
		l.lastDue = due
		l.segs = append(l.segs, segment{due: due, b: append([]byte(nil), b[:k]...)})
		l.queued += k
		b = b[k:]
	}
	if wasEmpty {
		l.notifyLocked() // the consumer may be waiting for anything at all
	}
}

// pushErrLocked queues err, which the socket returned at now, behind the
// bytes it returned before (a FIN or a reset crosses the link too).
func (l *line) pushErrLocked(now time.Time, err error) {
	wasEmpty := l.head == len(l.segs)
	due := later(now.Add(l.link.Latency), l.lastDue)
	l.lastDue = due
	l.segs = append(l.segs, segment{due: due, err: err})
	if wasEmpty {
		l.notifyLocked()
	}
}

// popLocked drops the head segment.
func (l *line) popLocked() {
	l.segs[l.head] = segment{}
	l.head++
	switch {
	case l.head == len(l.segs):
		l.segs, l.head = l.segs[:0], 0
	case l.head >= 1024 && 2*l.head >= len(l.segs):
		n := copy(l.segs, l.segs[l.head:])
		clear(l.segs[n:])
		l.segs, l.head = l.segs[:n], 0
	}
}

// dropLocked empties the line.
func (l *line) dropLocked() {
	clear(l.segs)
	l.segs, l.head, l.queued = l.segs[:0], 0, 0
}

// breakWith makes every later call on the line fail with err and drops
// what it holds.
func (l *line) breakWith(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.broken == nil {
		l.broken = err
	}
	l.dropLocked()
	l.notifyLocked()
}

// setDeadline sets the caller's deadline and wakes a call blocked on it.
func (l *line) setDeadline(t time.Time) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return errClosed
	}
	l.deadline = t
	l.notifyLocked()
	return nil
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
