package server

import "sync"

// sendQueue is what a connection's writer sends: a bounded FIFO of reliable
// messages and a single slot for the latest snapshot. Producers (the room's
// tick, the connection's reader) never block: a newer snapshot replaces an
// unsent one (derp's "freshest wins"), and a full reliable queue reports
// overflow so the caller can close the slow consumer. Reliable messages go
// out before the snapshot, so a Welcome always precedes the first Snapshot.
//
// All methods may be called concurrently; take and recycle belong to the
// writer goroutine.
type sendQueue struct {
	wake chan struct{} // capacity 1: "there is something to send"

	mu       sync.Mutex // mu guards the fields below
	ring     [][]byte   // reliable messages, ring[head:head+n] modulo len
	head, n  int
	snapshot []byte // latest unsent snapshot, nil when none
	spare    []byte // a free snapshot buffer, reused to avoid allocating
	closed   bool
}

func newSendQueue(limit int) *sendQueue {
	return &sendQueue{wake: make(chan struct{}, 1), ring: make([][]byte, limit)}
}

// pushSnapshot stores a copy of b as the latest snapshot. It reports whether
// an unsent snapshot was replaced.
func (q *sendQueue) pushSnapshot(b []byte) (replaced bool) {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return false
	}
	buf := append(q.spare[:0], b...)
	q.spare = nil
	if q.snapshot != nil {
		replaced = true
		q.spare = q.snapshot
	}
	q.snapshot = buf
	q.mu.Unlock()
	q.signal()
	return replaced
}

// pushReliable queues a copy of b. It returns false when the queue is full
// (or closed); the message is then dropped.
func (q *sendQueue) pushReliable(b []byte) bool {
	q.mu.Lock()
	if q.closed || q.n == len(q.ring) {
		q.mu.Unlock()
		return false
	}
	q.ring[(q.head+q.n)%len(q.ring)] = append([]byte(nil), b...)
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

// take returns the next message to write: the oldest reliable one, else the
// latest snapshot (isSnapshot set; give it back with recycle after writing).
// ok is false when there is nothing to send.
func (q *sendQueue) take() (b []byte, isSnapshot, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.n > 0 {
		b = q.ring[q.head]
		q.ring[q.head] = nil
		q.head = (q.head + 1) % len(q.ring)
		q.n--
		return b, false, true
	}
	if q.snapshot != nil {
		b, q.snapshot = q.snapshot, nil
		return b, true, true
	}
	return nil, false, false
}

// recycle gives a written snapshot buffer back for reuse.
func (q *sendQueue) recycle(b []byte) {
	q.mu.Lock()
	if q.spare == nil {
		q.spare = b[:0]
	}
	q.mu.Unlock()
}

// close drops everything queued and refuses further messages.
func (q *sendQueue) close() {
	q.mu.Lock()
	q.closed = true
	clear(q.ring)
	q.n = 0
	q.snapshot, q.spare = nil, nil
	q.mu.Unlock()
}
