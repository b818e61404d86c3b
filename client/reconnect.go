package client

// Resuming the session on a new connection (docs/protocol.md, "Resuming a
// session"). When a link is lost in a way the server keeps the seat for (no
// close frame, or the server's 4003 or 4005), the session dials again with
// exponential backoff and full jitter and says Hello with the newest resume
// token. The server answers Welcome with the same player and room and a
// new token; the View is reset so the full snapshot that follows applies,
// the inputs the server may not have received are written again, and
// prediction, interpolation and the clock carry on. While no link is up,
// Update makes no inputs and Players keeps drawing the last state.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	websocket "arena/client/internal/ws"

	"arena/netcode"
)

const (
	// resumeBackoffMin and resumeBackoffMax bound the reconnect backoff:
	// attempt n waits a random time in [0, min(max, min<<n)) (full jitter),
	// so a server that dropped many clients at once is not hit by all of
	// them at the same instant.
	resumeBackoffMin = 100 * time.Millisecond
	resumeBackoffMax = 2 * time.Second
	// resumeMargin is how long past the server's grace period the session
	// keeps trying: the server counts the grace from when it noticed the
	// drop, which may be after the client did.
	resumeMargin = 2 * time.Second
)

// errClosing ends a reconnect that Close abandoned; Err reports nil then.
var errClosing = errors.New("client: session closed during a reconnect")

// errWrongSeat is a resume Welcome for another player or room.
var errWrongSeat = errors.New("the server resumed another seat")

// resumeConfig is what a resume needs from Dial.
type resumeConfig struct {
	off   bool          // Options.NoReconnect
	grace time.Duration // from Welcome's resume_grace_ticks; 0: the server keeps no seat
	name  string
	room  string
	dial  func(ctx context.Context) (*websocket.Conn, error)
}

// resumeGrace returns the server's resume grace from Welcome's rules.
func resumeGrace(w *netcode.Welcome, tickRate int) time.Duration {
	for _, r := range w.Rules {
		if r.Name == netcode.RuleResumeGraceTicks && r.Value > 0 {
			return time.Duration(r.Value) * time.Second / time.Duration(tickRate)
		}
	}
	return 0
}

// keepsSeat reports whether the server keeps the seat after a link ended
// with ce (nil: no close frame, a network error).
func keepsSeat(ce *CloseError) bool {
	if ce == nil {
		return true
	}
	switch ce.Code {
	case netcode.CloseSlowConsumer, netcode.CloseIdleTimeout, netcode.CloseCode(websocket.StatusAbnormalClosure):
		return true
	}
	return false
}

// retryDuringResume reports whether a close during a resume's handshake
// is worth another attempt: the server was full, or the seat is still kept.
func retryDuringResume(ce *CloseError) bool {
	return ce.Code == netcode.CloseTryAgainLater || keepsSeat(ce)
}

// backoff returns how long to wait before reconnect attempt n (0 first).
func backoff(n int) time.Duration {
	ceil := resumeBackoffMax
	if n < 8 {
		ceil = min(resumeBackoffMax, resumeBackoffMin<<n)
	}
	return rand.N(ceil)
}

// run is the session's supervisor goroutine: it reads the current link
// until it ends, resumes on a new one when it can, and ends the session
// when it cannot.
func (s *Session) run(l *link) {
	for {
		err, ours := s.readLoop(l)
		l.conn.CloseNow()
		close(l.dead)
		l.stopSenders()
		l.watchdog.Stop()
		next, err := s.linkLost(err, ours)
		if next == nil {
			s.end(err)
			return
		}
		l = next
	}
}

// linkLost decides what follows the end of a link: a resumed link, or nil
// and why the session ends.
func (s *Session) linkLost(err error, ours bool) (*link, error) {
	final := s.linkError(err)
	if ours {
		return nil, fmt.Errorf("read %s: %w", s.url, err)
	}
	s.mu.Lock()
	s.link = nil
	if s.closing || s.resume.off || s.resume.grace <= 0 || len(s.token) == 0 || !keepsSeat(closeErrorOf(err)) {
		s.mu.Unlock()
		return nil, final
	}
	now := time.Now()
	s.reconnecting, s.attempt, s.lostAt = true, 0, now
	s.pace = pacer{} // restarts on the new link's clock: no burst of the time away
	s.lastSnapAt = time.Time{}
	s.mu.Unlock()
	s.log.Info("connection lost, resuming", "err", final)

	next, rerr := s.reconnect(now)
	if rerr != nil {
		s.mu.Lock()
		if !s.closing {
			s.stats.ResumeFailures++
		}
		s.mu.Unlock()
		return nil, rerr
	}
	return next, nil
}

// reconnect dials until a resume succeeds, the grace period (plus a
// margin) since lost has passed, the server refuses the token, or Close
// is called.
func (s *Session) reconnect(lost time.Time) (*link, error) {
	deadline := lost.Add(s.resume.grace + resumeMargin)
	t := time.NewTimer(time.Hour)
	defer t.Stop()
	var last error
	for n := 0; ; n++ {
		left := time.Until(deadline)
		if left <= 0 {
			return nil, fmt.Errorf("resume %s: gave up after %v: %w", s.url, time.Since(lost).Round(time.Millisecond), last)
		}
		t.Reset(min(backoff(n), left)) // the last attempt is at the deadline
		select {
		case <-t.C:
		case <-s.life.Done():
			return nil, errClosing
		}
		s.mu.Lock()
		s.attempt = n + 1
		s.stats.ResumeAttempts++
		s.mu.Unlock()
		ctx, cancel := context.WithDeadline(s.life, earliest(deadline, time.Now().Add(dialTimeout)))
		l, err := s.resumeOnce(ctx)
		cancel()
		if err == nil {
			return l, nil
		}
		if s.life.Err() != nil {
			return nil, errClosing
		}
		var ce *CloseError
		if errors.As(err, &ce) && !retryDuringResume(ce) {
			return nil, ce // 4006 above all: the seat is gone
		}
		if errors.Is(err, errWrongSeat) {
			return nil, fmt.Errorf("resume %s: %w", s.url, err)
		}
		s.log.Debug("resume attempt failed", "attempt", n+1, "err", err)
		last = err
	}
}

// resumeOnce dials once, says Hello with the token, and on a Welcome for
// the same seat installs and starts the new link.
func (s *Session) resumeOnce(ctx context.Context) (*link, error) {
	conn, err := s.resume.dial(ctx)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", s.url, err)
	}
	s.encMu.Lock()
	s.mu.Lock()
	hello := netcode.Hello{Version: netcode.Version, Name: s.resume.name, Room: s.resume.room, ResumeToken: s.token}
	s.mu.Unlock()
	b := bytes.Clone(s.enc.Hello(&hello))
	s.encMu.Unlock()
	dec := netcode.NewDecoder()
	w, down, err := handshake(ctx, conn, b, dec, s.log)
	s.mu.Lock()
	s.stats.BytesUp += uint64(len(b))
	s.stats.BytesDown += uint64(down)
	s.mu.Unlock()
	if err != nil {
		var ce *CloseError
		if errors.As(err, &ce) {
			conn.CloseNow()
			return nil, ce
		}
		conn.CloseNow()
		return nil, fmt.Errorf("resume %s: %w", s.url, err)
	}
	if w.PlayerID != s.welcome.PlayerID || w.RoomID != s.welcome.RoomID {
		conn.Close(websocket.StatusNormalClosure, "resumed the wrong seat")
		return nil, fmt.Errorf("%w: player %d in room %q, this session is player %d in room %q",
			errWrongSeat, w.PlayerID, w.RoomID, s.welcome.PlayerID, s.welcome.RoomID)
	}
	l := newLink(conn, dec)
	if !s.install(l, w) {
		conn.Close(websocket.StatusNormalClosure, "leave")
		return nil, errClosing
	}
	return l, nil
}

// install makes l the session's link after a resume Welcome w, unless
// Close was called meanwhile (false), and starts its senders.
func (s *Session) install(l *link, w *netcode.Welcome) bool {
	s.encMu.Lock()
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		s.encMu.Unlock()
		return false
	}
	s.token = bytes.Clone(w.ResumeToken)
	s.welcome.ResumeToken = s.token
	s.welcome.Roster = slices.Clone(w.Roster)
	s.welcome.ServerTick = w.ServerTick
	clear(s.names)
	for _, r := range w.Roster {
		s.names[r.ID] = r.Name
	}
	if err := s.matchLocked(w.Match); err != nil {
		s.log.Warn("resume", "err", err) // the next match event says it again
	}
	// Write again every input after the newest one the server is known to
	// have consumed: the server skips the ones it has, so its buffer
	// continues without a gap. The pacer stopped while no link was up, so
	// these are the inputs in flight at the cut.
	l.resend(&s.inputs, s.view.AckSeq)
	// The next snapshot is full (baseline 0) and ack_tick must name
	// snapshots of this link: start the View afresh.
	s.view = netcode.View{Self: s.welcome.PlayerID}
	kept := s.out.reset()
	// Start the senders before the link is published: Close stops the
	// senders of the link it finds.
	l.start(s)
	s.link = l
	s.reconnecting = false
	s.stats.Resumes++
	s.stats.LastResume = time.Since(s.lostAt)
	s.stats.MaxResume = max(s.stats.MaxResume, s.stats.LastResume)
	s.stats.ResumeTimes.Add(float64(s.stats.LastResume) / float64(time.Millisecond))
	pending := s.inputs.queued > s.inputs.written
	s.mu.Unlock()
	s.encMu.Unlock()
	if pending {
		s.out.signalInputs()
	}
	if kept {
		s.out.signal() // chat lines typed while reconnecting
	}
	s.log.Info("resumed", "after", s.stats.LastResume)
	return true
}

// resend sets the input log back so the writer writes every input after
// ack again (at most what the log keeps) and hands it all to the writer.
func (l *link) resend(log *inputLog, ack uint32) {
	from := ack
	if log.seq-from >= inputLogSize {
		from = log.seq - inputLogSize + 1
	}
	log.written = min(log.written, from)
	log.queued = log.seq
}

// Reconnecting reports whether the session has lost its connection and is
// trying to resume on a new one: a game keeps drawing (Players holds the
// last state) and shows it. It may be called concurrently.
func (s *Session) Reconnecting() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reconnecting
}

// reconnectingLocked fills the reconnect state into st. The caller holds mu.
func (s *Session) reconnectingLocked(st *Stats) {
	st.Reconnecting = s.reconnecting
	if s.reconnecting {
		st.ReconnectAttempt = s.attempt
		st.ReconnectingFor = time.Since(s.lostAt)
	}
}

// earliest returns the earlier of a and b.
func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
