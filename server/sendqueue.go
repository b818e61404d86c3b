package server

import (
	"sync"
	"sync/atomic"
)

// sendQueue is what goes to one client: WebSocket frames, ready to write. It
// holds a bounded FIFO of reliable frames (Welcome, Error, pongs) and a
// single slot for the latest snapshot. Producers never block: a newer
// snapshot replaces an unsent one (derp's "freshest wins"), and a full
// reliable queue reports overflow so the caller can close the slow
// consumer. Reliable frames go out before the snapshot, so Welcome always
// precedes the first Snapshot.
//
// The direct path: when the writer goroutine is idle and nothing is queued,
// endSnapshot writes the snapshot itself with one non-blocking write, on the
// room's goroutine: no goroutine is woken per snapshot, the costliest part of
// sending after the syscall itself. Only when the socket cannot take it all
// does the writer goroutine get the rest (or the whole frame), and while it
// is busy the room uses the slot.
//
// The queue also knows the last snapshot put on the wire or handed to the
// writer ("taken"): from then on it is written or the connection dies, so
// the client is sure to receive it before anything put in the slot later.
// The room encodes each snapshot as a delta against that one while holding
// the queue (beginSnapshot .. endSnapshot), so every snapshot is a delta
// against the snapshot the client receives just before it, however many
// were replaced unsent.
//
// All methods may be called concurrently; take and done belong to the
// writer goroutine.
type sendQueue struct {
	wake   chan struct{}             // capacity 1: "there is something to send"
	direct func([]byte) (int, error) // non-blocking write to the socket; nil: always use the writer

	mu       sync.Mutex // mu guards the fields below
	ring     [][]byte   // reliable frames, ring[head:head+n] modulo len
	head, n  int
	partial  []byte // the rest of a snapshot the direct path began writing
	snapshot []byte // latest unsent snapshot frame, nil when none
	snapTick uint32 // its tick
	spare    []byte // a free snapshot buffer, reused to avoid allocating
	// taken is the tick of the last snapshot written or handed to the
	// writer (0: none yet), written under mu; atomic so that takenTick,
	// asked per input and per Inputs message, takes no lock.
	taken  atomic.Uint32
	busy   bool // the writer goroutine holds a frame it is writing
	closed bool
}

func newSendQueue(limit int, direct func([]byte) (int, error)) *sendQueue {
	return &sendQueue{wake: make(chan struct{}, 1), ring: make([][]byte, limit), direct: direct}
}

// beginSnapshot locks the queue for the room to put a snapshot in. It
// returns the tick of the last snapshot taken (the client's baseline; 0 =
// none) and a buffer to build the frame in, or ok false (and no lock held)
// when the queue is closed. endSnapshot or abortSnapshot unlock it.
func (q *sendQueue) beginSnapshot() (taken uint32, buf []byte, ok bool) {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return 0, nil, false
	}
	buf = q.snapshot // an unsent snapshot is replaced: reuse its buffer
	if buf == nil {
		buf, q.spare = q.spare, nil
	}
	return q.taken.Load(), buf[:0], true
}

// endSnapshot sends frame (built on beginSnapshot's buffer), the snapshot
// of tick, and unlocks: on the direct path when the writer is idle, else
// through the slot. It reports whether an unsent snapshot was replaced, and
// how many bytes of frame the direct path wrote (len(frame): all of it,
// the writer goroutine was not woken).
func (q *sendQueue) endSnapshot(frame []byte, tick uint32) (replaced bool, written int) {
	replaced = q.snapshot != nil
	if q.direct != nil && !q.busy && q.n == 0 && q.partial == nil && !replaced {
		n, err := q.direct(frame)
		switch {
		case err == nil && n == len(frame):
			q.taken.Store(tick)
			q.spare = frame
			q.mu.Unlock()
			return false, n
		case err == nil && n > 0:
			// Part of it is on the wire: the writer must finish it
			// before anything else.
			q.taken.Store(tick)
			q.partial = frame[n:]
			q.mu.Unlock()
			q.signal()
			return false, n
		}
		// Nothing written (the socket is full, or broken): the writer
		// takes it from the slot and finds out.
	}
	q.snapshot, q.snapTick = frame, tick
	q.mu.Unlock()
	q.signal()
	return replaced, 0
}

// abortSnapshot unlocks without a new snapshot. buf may have overwritten
// an unsent one, so that is dropped too; buf goes back as spare.
func (q *sendQueue) abortSnapshot(buf []byte) {
	q.snapshot, q.spare = nil, buf[:0]
	q.mu.Unlock()
}

// takenTick returns the tick of the last snapshot taken.
func (q *sendQueue) takenTick() uint32 { return q.taken.Load() }

// pushReliable queues a binary frame carrying a copy of msg. It returns
// false when the queue is full (or closed); the message is then dropped.
func (q *sendQueue) pushReliable(msg []byte) bool { return q.pushFrame(frameBinary, msg) }

// pushFrame queues a frame of opcode carrying a copy of payload.
func (q *sendQueue) pushFrame(opcode byte, payload []byte) bool {
	q.mu.Lock()
	if q.closed || q.n == len(q.ring) {
		q.mu.Unlock()
		return false
	}
	q.ring[(q.head+q.n)%len(q.ring)] = appendFrame(make([]byte, 0, maxFrameHeader+len(payload)), opcode, payload)
	q.n++
	q.mu.Unlock()
	q.signal()
	return true
}

func (q *sendQueue) signal() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// take returns the next frame for the writer goroutine to write: the rest
// of a snapshot the direct path began, else the oldest reliable frame, else
// the latest snapshot. isSnapshot says to hand b back with done; every
// take that returns ok must be followed by done. ok is false when there is
// nothing to send.
func (q *sendQueue) take() (b []byte, isSnapshot, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case q.partial != nil:
		b, q.partial = q.partial, nil
		isSnapshot = true
	case q.n > 0:
		b = q.ring[q.head]
		q.ring[q.head] = nil
		q.head = (q.head + 1) % len(q.ring)
		q.n--
	case q.snapshot != nil:
		b, q.snapshot = q.snapshot, nil
		q.taken.Store(q.snapTick)
		isSnapshot = true
	default:
		return nil, false, false
	}
	q.busy = true
	return b, isSnapshot, true
}

// done tells the queue the writer finished writing what take returned; a
// snapshot buffer (isSnapshot) is kept for reuse.
func (q *sendQueue) done(b []byte, isSnapshot bool) {
	q.mu.Lock()
	q.busy = false
	if isSnapshot && q.spare == nil {
		q.spare = b[:0:cap(b)]
	}
	q.mu.Unlock()
}

// close drops everything queued and refuses further frames. The direct
// path is never taken again, so once close has returned only the writer
// goroutine writes to the socket.
func (q *sendQueue) close() {
	q.mu.Lock()
	q.closed = true
	clear(q.ring)
	q.n = 0
	q.snapshot, q.spare, q.partial = nil, nil, nil
	q.mu.Unlock()
}
