package client

// Sending inputs. SendInput records each input with the next seq; the
// writer goroutine puts every input not yet written into its next Inputs
// message (as many messages as it takes), so nothing is lost however the
// writes are delayed, and nothing is sent twice: over a WebSocket, which
// loses nothing, repeating inputs would only cost bytes.

import (
	"fmt"
	"time"

	"arena/game"
	"arena/netcode"
)

// inputLogSize is how many unwritten inputs a Session keeps: more than the
// writes can fall behind before writeTimeout ends the session (4 s at 60 Hz).
const inputLogSize = 256

// inputLog is the inputs a Session made, by seq. It is not safe for
// concurrent use (Session.encMu guards it).
type inputLog struct {
	seq     uint32 // seq of the newest input; 0 before the first
	written uint32 // seq of the newest input written to the socket
	queued  uint32 // seq of the newest input handed to the writer
	ring    [inputLogSize]netcode.InputFrame
}

// add records in, made while others were drawn at renderTick, with the next seq.
func (l *inputLog) add(in game.Input, renderTick uint32) {
	l.seq++
	l.ring[l.seq%inputLogSize] = netcode.InputFrame{Seq: l.seq, RenderTick: renderTick, Input: in}
}

// fill puts the oldest unwritten inputs handed to the writer (at most
// MaxInputWindow) into m and reports whether there were any.
func (l *inputLog) fill(m *netcode.Inputs) bool {
	n := min(int(l.queued-l.written), netcode.MaxInputWindow)
	m.N = n
	for i := range n {
		m.Frames[i] = l.ring[(l.written+1+uint32(i))%inputLogSize]
	}
	return n > 0
}

// SendInput makes one input now, bypassing the pacing of Update: for
// tools and tests that drive the ticks themselves. Call it once per server
// tick; a game calls Update instead. It never waits on the network and may
// be called concurrently. While the session is reconnecting the input is
// dropped. After the session ended it returns an error wrapping ErrClosed.
func (s *Session) SendInput(in game.Input) error {
	s.encMu.Lock()
	defer s.encMu.Unlock()
	if err := s.checkOpen(); err != nil {
		return err
	}
	s.mu.Lock()
	if s.link == nil {
		s.mu.Unlock()
		return nil // reconnecting: the input is dropped, as Update makes none
	}
	s.makeInputLocked(in, time.Now())
	s.mu.Unlock()
	s.flushInputsLocked()
	return nil
}

// makeInputLocked records in with the next seq and the tick others are
// drawn at, predicts it, and shows a shot it fires at once. The caller
// holds encMu and mu.
func (s *Session) makeInputLocked(in game.Input, now time.Time) {
	s.inputs.add(in, s.renderTickWire())
	s.stats.InputsSent++
	s.lastAim = in.Aim
	fired, from, aim, weapon := s.pred.add(s.inputs.seq, in)
	switch {
	case fired && weapon == game.WeaponRocket:
		s.firedLocked(s.inputs.seq, from, aim)
	case fired:
		s.predictedShotLocked(from, aim, now)
	}
}

// flushInputsLocked hands the unwritten inputs to the writer once a batch
// is complete. The caller holds encMu.
func (s *Session) flushInputsLocked() {
	if s.inputs.seq-s.inputs.queued >= uint32(s.batch) {
		s.inputs.queued = s.inputs.seq
		s.out.signalInputs()
	}
}

// predictedShotLocked shows the local player's shot at once: a tracer from
// from along aim to the first wall or other player as drawn now. Whether
// it hit is the server's to say. The caller holds mu.
func (s *Session) predictedShotLocked(from game.Vec2, aim uint16, now time.Time) {
	dir := game.FromAngle(game.AimToAngle(aim))
	dist := s.m.Raycast(from, dir, game.HitscanRange)
	s.scratch = s.interp.appendOthers(s.scratch[:0], s.renderTick, s.m, nil)
	for _, o := range s.scratch {
		if !o.Alive {
			continue
		}
		if t, ok := game.RayCircle(from, dir, o.Pos, game.PlayerRadius); ok && t < dist {
			dist = t
		}
	}
	s.events.push(Event{
		Kind: EventShot, Tick: s.view.Tick, Player: s.welcome.PlayerID, Name: s.names[s.welcome.PlayerID],
		From: from, To: from.Add(dir.Scale(dist)), Predicted: true,
	}, &s.stats)
}

// SendChat queues a chat line for the writer goroutine; it never waits on
// the network. A line sent while the session reconnects goes out once it
// has resumed. It may be called concurrently.
func (s *Session) SendChat(text string) error {
	s.encMu.Lock()
	defer s.encMu.Unlock()
	if err := s.checkOpen(); err != nil {
		return err
	}
	// keep: a line typed while the session reconnects goes out on the
	// next link.
	return s.out.push(s.enc.Chat(&netcode.Chat{Text: text}), true)
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
