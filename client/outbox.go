package client

// Sending without blocking the caller: SendChat and the pinger put encoded
// messages in an outbox, SendInput flags that inputs are waiting, and one
// writer goroutine writes them. The UI's Update and a bot's loop therefore
// never wait on the network, the same rule the server's tick follows.

import (
	"errors"
	"sync"
)

// outboxQueue bounds the messages other than Inputs waiting to be written
// (Pings, chat lines): a session whose writes are stuck that long is dead.
const outboxQueue = 32

// errOutboxFull is returned when the writer has fallen that far behind.
var errOutboxFull = errors.New("client: send queue full: the connection is not draining")

// outbox holds what the writer goroutine sends next: queued messages, and a
// flag that inputs are waiting in the Session's inputLog. All methods may be
// called concurrently.
type outbox struct {
	wake chan struct{} // capacity 1: something was put

	mu     sync.Mutex // mu guards the fields below
	queue  []queued   // messages other than Inputs, in order
	inputs bool       // SendInput has inputs for the writer
}

// queued is an encoded message waiting for the writer.
type queued struct {
	b []byte
	// keep: the message survives a lost link and goes out on the next
	// one (a chat line); Pings are of their link only.
	keep bool
}

func newOutbox() *outbox {
	return &outbox{wake: make(chan struct{}, 1)}
}

// signalInputs tells the writer that inputs are waiting.
func (o *outbox) signalInputs() {
	o.mu.Lock()
	o.inputs = true
	o.mu.Unlock()
	o.signal()
}

// push copies b to the end of the queue; it fails when the queue is full.
// A message pushed with keep outlives a lost link (see reset).
func (o *outbox) push(b []byte, keep bool) error {
	o.mu.Lock()
	if len(o.queue) >= outboxQueue {
		o.mu.Unlock()
		return errOutboxFull
	}
	o.queue = append(o.queue, queued{b: append([]byte(nil), b...), keep: keep})
	o.mu.Unlock()
	o.signal()
	return nil
}

func (o *outbox) signal() {
	select {
	case o.wake <- struct{}{}:
	default:
	}
}

// next takes the next queued message, or nil. Queued messages go first: a
// Ping measures the RTT best when it does not wait behind inputs.
func (o *outbox) next() []byte {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.queue) == 0 {
		return nil
	}
	b := o.queue[0].b
	o.queue[0] = queued{}
	o.queue = o.queue[1:]
	return b
}

// takeInputs reports whether inputs are waiting, and clears the flag.
func (o *outbox) takeInputs() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	w := o.inputs
	o.inputs = false
	return w
}

// reset drops the queued messages of a lost link (its Pings) and the
// inputs flag, for a new link; the messages pushed with keep (chat lines
// typed while the session reconnected) stay, in order. It reports whether
// any stayed, so the new writer is woken for them.
func (o *outbox) reset() (kept bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	n := 0
	for _, q := range o.queue {
		if q.keep {
			o.queue[n] = q
			n++
		}
	}
	clear(o.queue[n:])
	o.queue = o.queue[:n]
	o.inputs = false
	return n > 0
}

// writeLoop is a link's writer goroutine: it writes what the outbox holds,
// and the unwritten inputs, until stopWriter is closed or the link ends. A
// failed write closes the connection; the reader then sees it fail and
// records why.
func (s *Session) writeLoop(l *link) {
	defer close(l.writerDone)
	for {
		select {
		case <-s.out.wake:
		case <-l.stopWriter:
			return
		case <-l.dead:
			return
		}
		for b := s.out.next(); b != nil; b = s.out.next() {
			if !s.writeOrDie(l, b) {
				return
			}
		}
		if s.out.takeInputs() && !s.writeInputs(l) {
			return
		}
	}
}

// writeInputs writes every input not yet written, in as many Inputs
// messages as that takes. Its ack_tick is the newest snapshot applied,
// which is 0 until the first snapshot of this link (a resume resets the
// View), as the server wants.
func (s *Session) writeInputs(l *link) bool {
	for {
		s.mu.Lock()
		ack := s.view.Tick
		s.mu.Unlock()
		s.encMu.Lock()
		if !s.inputs.fill(&l.inMsg) {
			s.encMu.Unlock()
			return true
		}
		l.inMsg.AckTick = ack
		b := l.wenc.Inputs(&l.inMsg)
		last := l.inMsg.Frames[l.inMsg.N-1].Seq
		s.encMu.Unlock()
		if !s.writeOrDie(l, b) {
			return false
		}
		s.encMu.Lock()
		s.inputs.written = last
		s.encMu.Unlock()
		s.mu.Lock()
		s.stats.InputMessages++
		s.mu.Unlock()
	}
}

// writeOrDie writes b; on failure it closes the connection (the reader
// records why) and returns false.
func (s *Session) writeOrDie(l *link, b []byte) bool {
	if err := l.write(s, b); err != nil {
		s.log.Debug("write", "err", err)
		l.conn.CloseNow()
		return false
	}
	return true
}
