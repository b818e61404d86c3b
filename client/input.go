package client

// Sending inputs: every message repeats the last few inputs so a lost or late
// message costs nothing (the server applies each Seq once).

import (
	"context"
	"fmt"
	"time"

	"github.com/coder/websocket"

	"arena/game"
	"arena/netcode"
)

// inputRedundancy is how many inputs each Inputs message carries at most.
const inputRedundancy = 6

// inputWindow remembers the last inputRedundancy inputs with their sequence
// numbers. It is not safe for concurrent use (Session.encMu guards it).
type inputWindow struct {
	seq  uint32 // Seq of the newest input; 0 before the first
	ring [inputRedundancy]netcode.InputFrame
}

// add stamps in with the next sequence number and remembers it.
func (w *inputWindow) add(in game.Input, clientTick uint32) {
	w.seq++
	w.ring[w.seq%inputRedundancy] = netcode.InputFrame{Seq: w.seq, ClientTick: clientTick, Input: in}
}

// fill writes the remembered inputs into m, oldest first, consecutive seqs.
func (w *inputWindow) fill(m *netcode.Inputs) {
	n := min(int(w.seq), inputRedundancy)
	m.N = n
	for i := range n {
		seq := w.seq - uint32(n-1-i)
		m.Frames[i] = w.ring[seq%inputRedundancy]
	}
}

// SendInput sends one tick of input: it stamps the next sequence number and
// the estimated server tick, and sends it together with the few inputs before
// it (netcode.Inputs). Call it once per tick (TickRate times per second).
// It never waits on the network: the writer goroutine sends the newest
// Inputs message, which repeats the ones it may have replaced. It may be
// called concurrently. After the session ended it returns an error wrapping
// ErrClosed.
func (s *Session) SendInput(in game.Input) error {
	now := time.Now()
	s.mu.Lock()
	tick := s.clock.at(now)
	var ack uint32
	if l := s.snaps.latest(); l != nil {
		ack = l.tick
	}
	render := s.renderTick
	s.mu.Unlock()

	s.encMu.Lock()
	defer s.encMu.Unlock()
	if err := s.checkOpen(); err != nil {
		return err
	}
	s.window.add(in, tick)
	s.window.fill(&s.inputs)
	s.inputs.AckTick, s.inputs.RenderTick = ack, render
	s.out.putInputs(s.enc.Inputs(&s.inputs))
	s.mu.Lock()
	s.stats.InputsSent++
	s.mu.Unlock()
	return nil
}

// SendChat queues a chat line for the writer goroutine; it never waits on
// the network. It may be called concurrently.
func (s *Session) SendChat(text string) error {
	s.encMu.Lock()
	defer s.encMu.Unlock()
	if err := s.checkOpen(); err != nil {
		return err
	}
	return s.out.push(s.enc.Chat(&netcode.Chat{Text: text}))
}

// checkOpen returns an error wrapping ErrClosed once the session has ended
// or Close was called.
func (s *Session) checkOpen() error {
	s.mu.Lock()
	closing := s.closing
	s.mu.Unlock()
	if closing {
		return ErrClosed
	}
	select {
	case <-s.done:
		if err := s.Err(); err != nil {
			return fmt.Errorf("%w: %w", ErrClosed, err)
		}
		return ErrClosed
	default:
		return nil
	}
}

// write sends one binary message within writeTimeout and counts its bytes.
// Only the writer goroutine calls it, and Close once the writer has stopped.
func (s *Session) write(b []byte) error {
	ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
	defer cancel()
	if err := s.conn.Write(ctx, websocket.MessageBinary, b); err != nil {
		return fmt.Errorf("write %s: %w", s.url, err)
	}
	s.mu.Lock()
	s.stats.BytesUp += uint64(len(b))
	s.mu.Unlock()
	return nil
}
