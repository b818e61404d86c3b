package client

// Input pacing. The server consumes one input per player per tick, so a
// session makes exactly one input per server tick, on its estimate of the
// server's clock (clock.go), not one per frame or per call: a frame that
// comes late makes two inputs, a frame that comes early (a 144 Hz display)
// makes none. The caller only says what the player wants, as often as it
// likes (Update); a press of fire between two ticks is kept for the next
// input, so a quick click is never lost.

import (
	"math"
	"time"

	"arena/game"
)

// maxCatchUp is how many inputs one Update makes at most. A caller that
// stopped for longer (a browser tab in the background) does not replay
// the time it missed: the server held the player meanwhile.
const maxCatchUp = 8

// pacer is the fixed-step accumulator of the input ticks. It is not safe
// for concurrent use (Session.mu guards it).
type pacer struct {
	started bool
	last    int64        // server tick the newest input was made for
	latched game.Buttons // buttons pressed since the last input
}

// due returns how many inputs are due at server tick t (fractional) and
// counts them as made.
func (p *pacer) due(t float64) int {
	tick := int64(math.Floor(t))
	if !p.started {
		p.started, p.last = true, tick-1
	}
	n := tick - p.last
	switch {
	case n <= 0:
		return 0
	case n > maxCatchUp:
		n = 1
	}
	p.last = tick
	return int(n)
}

// Update tells the session what the player wants now (movement, aim,
// buttons) and makes the inputs that are due: one per server tick since
// the last one, each with want (fire pressed at any Update in between
// counts). Call it every frame, or at least once per tick; it returns how
// many inputs it made. Before the first snapshot there is no server clock
// and it makes none. It never waits on the network and may be called
// concurrently. After the session ended it returns an error wrapping
// ErrClosed.
func (s *Session) Update(now time.Time, want game.Input) (int, error) {
	s.encMu.Lock()
	defer s.encMu.Unlock()
	if err := s.checkOpen(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	s.pace.latched |= want.Buttons
	n := 0
	if t, ok := s.clock.serverTick(now.Sub(s.start).Seconds()); ok {
		n = s.pace.due(t)
	}
	for range n {
		in := want
		in.Buttons |= s.pace.latched
		s.pace.latched = 0
		s.makeInputLocked(in, now)
	}
	s.mu.Unlock()
	if n > 0 {
		s.flushInputsLocked()
	}
	return n, nil
}
