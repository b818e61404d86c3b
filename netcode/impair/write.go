package impair

// The write direction: Write queues the bytes with their due time and
// returns; a goroutine writes them to the socket when due.

import "time"

// Write queues b and returns, blocking only while the queue is full.
func (c *conn) Write(b []byte) (int, error) {
	if c.write == nil {
		return c.under.Write(b)
	}
	n, reset, err := c.write.put(b)
	if reset {
		c.reset()
	}
	return n, c.opError("write", err)
}

// put queues b as one write of the link, waiting for room in the queue
// while it is full. It reports reset when the draw says this write
// resets the connection (then nothing of b is queued).
func (l *line) put(b []byte) (n int, reset bool, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for drawn := false; ; {
		now := time.Now()
		if err := l.failLocked(now); err != nil {
			return n, false, err
		}
		if !drawn {
			drawn = true
			if len(b) > 0 && l.drawResetLocked() {
				return 0, true, ErrReset
			}
		}
		if n == len(b) {
			return n, false, nil
		}
		if room := maxQueued - l.queued; room > 0 {
			k := min(room, len(b)-n)
			l.pushLocked(now, b[n:n+k])
			n += k
			continue
		}
		l.waitLocked(time.Time{}, true)
	}
}

// pump is the write line's goroutine: it writes each segment to the
// socket once it is due, in order, until the line breaks, the socket
// fails, or the connection is closed and the queue written; then it
// closes the socket.
func (c *conn) pump() {
	l := c.write
	defer c.under.Close()
	for {
		seg, ok := l.next()
		if !ok {
			return
		}
		_, err := c.under.Write(seg)
		l.mu.Lock()
		l.busy = false
		if err != nil && l.broken == nil {
			l.broken = err
			l.dropLocked()
			l.notifyLocked()
		}
		l.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// next takes the head segment once it is due, waiting for it; ok is false
// when the pump should stop.
func (l *line) next() (seg []byte, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for {
		if l.broken != nil {
			return nil, false
		}
		if l.head == len(l.segs) {
			if l.closed {
				return nil, false
			}
			l.waitLocked(time.Time{}, false)
			continue
		}
		s := l.segs[l.head]
		if s.due.After(time.Now()) {
			l.waitLocked(s.due, false)
			continue
		}
		wasFull := l.queued >= maxQueued
		l.popLocked()
		l.queued -= len(s.b)
		l.busy = true
		if wasFull && l.queued < maxQueued {
			l.notifyLocked() // a Write waits for room
		}
		return s.b, true
	}
}
