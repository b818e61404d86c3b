package client

// Sending without blocking the caller: SendChat and the pinger put encoded
// messages in an outbox, SendInput flags that inputs are waiting, and one
// writer goroutine writes them. The UI's Update and a bot's loop therefore
// never wait on the network, the same rule the server's tick follows.

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/coder/websocket"
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
	queue  [][]byte   // messages other than Inputs, in order
	inputs bool       // SendInput has inputs for the writer
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

// next takes the next queued message, or nil. Queued messages go first: a
// Ping measures the RTT best when it does not wait behind inputs.
func (o *outbox) next() []byte {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.queue) == 0 {
		return nil
	}
	b := o.queue[0]
	o.queue[0] = nil
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

// writeLoop is the session's writer goroutine: it writes what the outbox
// holds, and the unwritten inputs, until stopWriter is closed or the session
// ends. A failed write ends it; the reader then sees the connection fail
// and records why.
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
		for b := s.out.next(); b != nil; b = s.out.next() {
			if !s.writeOrDie(b) {
				return
			}
		}
		if s.out.takeInputs() && !s.writeInputs() {
			return
		}
	}
}

// writeInputs writes every input not yet written, in as many Inputs
// messages as that takes.
func (s *Session) writeInputs() bool {
	for {
		s.mu.Lock()
		ack := s.view.Tick
		s.mu.Unlock()
		s.encMu.Lock()
		if !s.inputs.fill(&s.inMsg) {
			s.encMu.Unlock()
			return true
		}
		s.inMsg.AckTick = ack
		b := s.wenc.Inputs(&s.inMsg)
		last := s.inMsg.Frames[s.inMsg.N-1].Seq
		s.encMu.Unlock()
		if !s.writeOrDie(b) {
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
func (s *Session) writeOrDie(b []byte) bool {
	if err := s.write(b); err != nil {
		s.log.Debug("write", "err", err)
		s.conn.CloseNow()
		return false
	}
	return true
}

// write sends one binary message and counts its bytes. Only the writer
// goroutine calls it, and Close once the writer has stopped. No context
// with a deadline goes to the library (that costs allocations per write):
// a watchdog timer armed around the write closes a connection whose write
// takes longer than writeTimeout.
func (s *Session) write(b []byte) error {
	s.writing.Store(true)
	s.watchdog.Reset(writeTimeout)
	err := s.conn.Write(context.Background(), websocket.MessageBinary, b)
	s.watchdog.Stop()
	s.writing.Store(false)
	if err != nil {
		return fmt.Errorf("write %s: %w", s.url, err)
	}
	s.mu.Lock()
	s.stats.BytesUp += uint64(len(b))
	s.mu.Unlock()
	return nil
}

// writeStalled is the watchdog: a write took longer than writeTimeout.
func (s *Session) writeStalled() {
	if s.writing.Load() {
		s.log.Debug("write timed out", "timeout", writeTimeout)
		s.conn.CloseNow()
	}
}

// newWatchdog returns a stopped timer that calls f.
func newWatchdog(f func()) *time.Timer {
	t := time.AfterFunc(time.Hour, f)
	t.Stop()
	return t
}
