package impair

// The read direction: a goroutine reads the socket as fast as it gives
// bytes and queues them with their due time; Read hands them out when due.

import "time"

// readChunk is the most the socket is read at once.
const readChunk = 32 << 10

// Read reads bytes that are due, waiting for the first of them.
func (c *conn) Read(b []byte) (int, error) {
	if c.read == nil {
		if c.closed.Load() {
			return 0, c.opError("read", errClosed)
		}
		n, err := c.under.Read(b)
		if err != nil && c.closed.Load() {
			err = c.opError("read", errClosed) // not the socket's error: Close woke it
		}
		return n, err
	}
	n, err := c.read.take(b)
	return n, c.opError("read", err)
}

// take copies into b the bytes due now, waiting until some are, the
// caller's deadline passes, or the line closes or breaks. A terminal
// error is returned once the bytes before it are taken, and again on
// every later call.
func (l *line) take(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for {
		now := time.Now()
		if err := l.failLocked(now); err != nil {
			return 0, err
		}
		if len(b) == 0 {
			return 0, nil
		}
		wasFull := l.queued >= maxQueued
		n := 0
		for l.head < len(l.segs) && n < len(b) {
			s := &l.segs[l.head]
			if s.due.After(now) {
				break
			}
			if s.err != nil {
				if n > 0 {
					break // the bytes first; the error on the next call
				}
				return 0, s.err
			}
			k := copy(b[n:], s.b)
			s.b = s.b[k:]
			n += k
			l.queued -= k
			if len(s.b) == 0 {
				l.popLocked()
			}
		}
		if n > 0 {
			if wasFull && l.queued < maxQueued {
				l.notifyLocked() // the reading goroutine waits for room
			}
			return n, nil
		}
		var next time.Time
		if l.head < len(l.segs) {
			next = l.segs[l.head].due
		}
		l.waitLocked(next, true)
	}
}

// fill is the read line's goroutine: it reads the socket and queues what
// arrives, each read as one write of the link (delay, loss, reset drawn
// for it), until the socket fails or the line breaks. Once the connection
// is closed locally it goes on reading and dropping, so that the peer's
// bytes do not make the kernel reset the connection when the socket is
// closed.
func (c *conn) fill() {
	l := c.read
	buf := make([]byte, readChunk)
	for {
		l.mu.Lock()
		for l.queued >= maxQueued && l.broken == nil && !l.closed {
			l.waitLocked(time.Time{}, false)
		}
		stop := l.broken != nil
		l.mu.Unlock()
		if stop {
			return
		}
		n, err := c.under.Read(buf)
		now := time.Now()
		l.mu.Lock()
		reset := false
		if n > 0 && !l.closed && l.broken == nil {
			if reset = l.drawResetLocked(); !reset {
				l.pushLocked(now, buf[:n])
			}
		}
		if err != nil && !reset && !l.closed && l.broken == nil {
			l.pushErrLocked(now, err)
		}
		l.mu.Unlock()
		if reset {
			c.reset()
			return
		}
		if err != nil {
			return
		}
	}
}
