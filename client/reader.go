package client

// The reader goroutine: it decodes every server message and folds it into the
// Session's state under mu. In steady state it allocates nothing: messages
// are read into one reused buffer, decoded into one reused message, and
// applied to the View in place.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/coder/websocket"

	"arena/game"
	"arena/netcode"
)

// maxEvents bounds the queue DrainEvents empties; past it the oldest go.
const maxEvents = 1024

// readLoop runs until the connection ends, then records why and closes done.
func (s *Session) readLoop(ctx context.Context, dec *netcode.Decoder) {
	var msg netcode.ServerMessage
	buf := make([]byte, 0, 512)
	for {
		typ, b, err := s.readMessage(ctx, buf)
		if err != nil {
			s.end(err)
			return
		}
		buf = b
		if typ != websocket.MessageBinary {
			s.conn.Close(websocket.StatusUnsupportedData, "text message")
			s.end(errors.New("server sent a text message"))
			return
		}
		if err := dec.DecodeServer(b, &msg); err != nil {
			s.conn.Close(websocket.StatusCode(netcode.CloseBadMessage), netcode.CloseReason(err))
			s.end(err)
			return
		}
		if err := s.handle(&msg, len(b), time.Now()); err != nil {
			var ae *netcode.ApplyError
			reason := "bad snapshot"
			if errors.As(err, &ae) {
				reason = ae.Reason
			}
			s.conn.Close(websocket.StatusCode(netcode.CloseBadMessage), reason)
			s.end(err)
			return
		}
	}
}

// readMessage reads one message into buf (grown as needed; the read limit
// bounds it) and returns it.
func (s *Session) readMessage(ctx context.Context, buf []byte) (websocket.MessageType, []byte, error) {
	typ, r, err := s.conn.Reader(ctx)
	if err != nil {
		return 0, buf, err
	}
	b := buf[:0]
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if errors.Is(err, io.EOF) {
			return typ, b, nil
		}
		if err != nil {
			return 0, b, err
		}
	}
}

// end records why the session ended, stops the ping goroutine and closes done.
func (s *Session) end(err error) {
	s.mu.Lock()
	ce := closeErrorOf(err)
	switch {
	case s.closing && (ce == nil || ce.Code == netcode.CloseNormal || ce.Code == netcode.CloseGoingAway):
		// Our own Close (the server may answer 1000 or 1001): not an error.
		s.err = nil
	case ce != nil:
		s.err = ce
	default:
		s.err = fmt.Errorf("read %s: %w", s.url, err)
	}
	s.mu.Unlock()
	if s.err != nil {
		s.log.Debug("session ended", "err", s.err)
	}
	s.stop()
	close(s.done)
}

// handle folds one decoded message into the state. A snapshot that does not
// apply to what the client holds is an error that ends the session.
func (s *Session) handle(msg *netcode.ServerMessage, size int, now time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.BytesDown += uint64(size)
	switch msg.Type {
	case netcode.MsgSnapshot:
		return s.snapshotLocked(&msg.Snapshot, now)
	case netcode.MsgError:
		s.log.Warn("server error", "code", msg.Error.Code, "message", msg.Error.Message)
	default:
		s.log.Debug("ignoring message", "type", msg.Type)
	}
	return nil
}

func (s *Session) snapshotLocked(snap *netcode.Snapshot, now time.Time) error {
	hadInputs := s.view.AckSeq > 0
	if err := s.view.Apply(snap); err != nil {
		return fmt.Errorf("read %s: %w", s.url, err)
	}
	st := &s.stats
	st.SnapshotsReceived++
	st.ServerTick = snap.Tick
	st.SnapshotBytes.Header += uint64(snap.Sizes.Header)
	st.SnapshotBytes.Own += uint64(snap.Sizes.Own)
	st.SnapshotBytes.Entities += uint64(snap.Sizes.Entities)
	st.SnapshotBytes.Events += uint64(snap.Sizes.Events)
	if snap.Baseline == 0 {
		st.FullSnapshots++
	} else if snap.Own.Mask&netcode.OwnInputs != 0 {
		for _, step := range snap.Own.Steps {
			switch {
			case step == 0 && hadInputs:
				st.InputTicksMissed++
			case step > 1:
				st.InputsCaughtUp += uint64(step - 1)
			}
			hadInputs = hadInputs || step > 0
		}
	}
	s.timeSnapshotLocked(snap.Tick, now)
	s.interp.push(&s.view)
	s.interp.retarget(&s.clock)
	checked, wrong, miss, shift := s.pred.reconcile(&s.view.Own, s.view.AckSeq, now)
	if checked {
		st.PredictionsChecked++
		st.Corrections.Add(shift)
		if wrong {
			st.Mispredictions++
			st.MispredictionUnits.Add(miss)
		}
	}
	for i := range snap.Events {
		s.roomEventLocked(&snap.Events[i])
	}
	if snap.Own.Mask&netcode.OwnPong != 0 {
		s.pongLocked(&snap.Own.Pong, now)
	}
	return nil
}

// timeSnapshotLocked feeds a snapshot's arrival to the clock and the gap
// statistics. The caller holds mu.
func (s *Session) timeSnapshotLocked(tick uint32, now time.Time) {
	s.clock.observe(tick, now.Sub(s.start).Seconds())
	if !s.lastSnapAt.IsZero() {
		s.stats.SnapshotGaps.Add(float64(now.Sub(s.lastSnapAt)) / float64(time.Millisecond))
	}
	s.lastSnapAt = now
}

// roomEventLocked turns a room event into an Event and keeps names.
func (s *Session) roomEventLocked(e *netcode.Event) {
	ev := Event{Tick: e.Tick, Player: e.Player, Other: e.Other, Name: s.names[e.Player]}
	switch e.Kind {
	case netcode.EventJoin:
		s.names[e.Player] = e.Text
		ev.Kind, ev.Name = EventJoin, e.Text
	case netcode.EventLeave:
		delete(s.names, e.Player)
		ev.Kind = EventLeave
	case netcode.EventKill:
		ev.Kind = EventKill
	case netcode.EventShot:
		ev.Kind = EventShot
		ev.From = game.Vec2{X: netcode.FromRemote(e.FromX), Y: netcode.FromRemote(e.FromY)}
		ev.To = game.Vec2{X: netcode.FromRemote(e.ToX), Y: netcode.FromRemote(e.ToY)}
	case netcode.EventChat:
		ev.Kind, ev.Text = EventChat, e.Text
	default:
		return
	}
	s.events.push(ev, &s.stats)
}

// eventQueue is a bounded FIFO of Events; when full the oldest is dropped.
type eventQueue struct {
	buf  []Event // ring of maxEvents
	head int     // index of the oldest
	n    int
}

func (q *eventQueue) init() { q.buf = make([]Event, maxEvents) }

func (q *eventQueue) push(e Event, st *Stats) {
	if q.n == len(q.buf) {
		q.head = (q.head + 1) % len(q.buf)
		q.n--
		st.EventsDropped++
	}
	q.buf[(q.head+q.n)%len(q.buf)] = e
	q.n++
}

func (q *eventQueue) drain(dst []Event) []Event {
	for i := range q.n {
		j := (q.head + i) % len(q.buf)
		dst = append(dst, q.buf[j])
		q.buf[j] = Event{}
	}
	q.head, q.n = 0, 0
	return dst
}
