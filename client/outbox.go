package client

// Sending without blocking the caller: SendInput, SendChat and the pinger put
// encoded messages in an outbox, and one writer goroutine writes them. The
// UI's Update and a bot's loop therefore never wait on the network, the same
// rule the server's tick follows.

import (
	"errors"
	"sync"
)

// outboxQueue bounds the messages other than Inputs waiting to be written
// (Pings, chat lines): a session whose writes are stuck that long is dead.
const outboxQueue = 32

// errOutboxFull is returned when the writer has fallen that far behind.
var errOutboxFull = errors.New("client: send queue full: the connection is not draining")

// outbox holds what the writer goroutine sends next. The newest Inputs
// message replaces an unsent one: each repeats the inputs before it, so
// nothing is lost while fewer than inputRedundancy are coalesced.
// All methods may be called concurrently.
type outbox struct {
	wake chan struct{} // capacity 1: something was put

	mu       sync.Mutex // mu guards the fields below
	inputs   []byte     // the newest unsent Inputs message, nil when none
	spare    []byte     // a buffer for the next Inputs message
	queue    [][]byte   // other messages, in order
	replaced uint64     // Inputs messages replaced before they were written
}

func newOutbox() *outbox {
	return &outbox{wake: make(chan struct{}, 1)}
}

// putInputs copies b in as the newest Inputs message.
func (o *outbox) putInputs(b []byte) {
	o.mu.Lock()
	if o.inputs != nil {
		o.replaced++
		o.inputs = append(o.inputs[:0], b...)
	} else {
		o.inputs = append(o.spare[:0], b...)
		o.spare = nil
	}
	o.mu.Unlock()
	o.signal()
}

// push copies b to the end of the queue; it fails when the queue is full.
func (o *outbox) push(b []byte) error {
	o.mu.Lock()
	if len(o.queue) >= outboxQueue {
		o.mu.Unlock()
		return errOutboxFull
	}
	o.queue = append(o.queue, append([]byte(nil), b...))
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

// next takes the next message to write: queued ones first (a Ping measures
// the RTT best when it does not wait behind inputs), then the Inputs. It
// returns nil when there is nothing to write. isInputs says to hand b back
// with recycle once written.
func (o *outbox) next() (b []byte, isInputs bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.queue) > 0 {
		b = o.queue[0]
		o.queue[0] = nil
		o.queue = o.queue[1:]
		return b, false
	}
	b, o.inputs = o.inputs, nil
	return b, b != nil
}

// recycle gives a written Inputs buffer back for reuse.
func (o *outbox) recycle(b []byte) {
	o.mu.Lock()
	if o.spare == nil {
		o.spare = b[:0]
	}
	o.mu.Unlock()
}

// replacedCount returns how many Inputs messages were coalesced.
func (o *outbox) replacedCount() uint64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.replaced
}

// writeLoop is the session's writer goroutine: it writes what the outbox
// holds until stopWriter is closed or the session ends. A failed write ends
// it; the reader then sees the connection fail and records why.
func (s *Session) writeLoop() {
	defer close(s.writerDone)
	for {
		select {
		case <-s.out.wake:
		case <-s.stopWriter:
			return
		case <-s.done:
			return
		}
		for {
			b, isInputs := s.out.next()
			if b == nil {
				break
			}
			if err := s.write(b); err != nil {
				s.log.Debug("write", "err", err)
				s.conn.CloseNow()
				return
			}
			if isInputs {
				s.out.recycle(b)
			}
		}
	}
}
