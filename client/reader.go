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

	websocket "arena/client/internal/ws"

	"arena/game"
	"arena/netcode"
)

// maxEvents bounds the queue DrainEvents empties; past it the oldest go.
const maxEvents = 1024

// readLoop reads l until its connection ends and returns why. ours is set
// when the client itself closed the link because the server sent something
// it cannot use (a text message, an undecodable message, a snapshot that
// does not apply): a resume would not help.
func (s *Session) readLoop(l *link) (err error, ours bool) {
	// The reader's ctx never ends: an expired Read ctx closes the connection
	// at once, and Close wants the close handshake. It ends with conn.
	ctx := context.Background()
	var msg netcode.ServerMessage
	buf := make([]byte, 0, 512)
	for {
		typ, b, err := readMessage(ctx, l.conn, buf)
		if err != nil {
			return err, false
		}
		buf = b
		if typ != websocket.MessageBinary {
			l.conn.Close(websocket.StatusUnsupportedData, "text message")
			return errors.New("server sent a text message"), true
		}
		if err := l.dec.DecodeServer(b, &msg); err != nil {
			l.conn.Close(websocket.StatusCode(netcode.CloseBadMessage), netcode.CloseReason(err))
			return err, true
		}
		if err := s.handle(&msg, len(b), time.Now()); err != nil {
			var ae *netcode.ApplyError
			reason := "bad snapshot"
			if errors.As(err, &ae) {
				reason = ae.Reason
			}
			l.conn.Close(websocket.StatusCode(netcode.CloseBadMessage), reason)
			return err, true
		}
	}
}

// readMessage reads one message into buf (grown as needed; the read limit
// bounds it) and returns it.
func readMessage(ctx context.Context, conn *websocket.Conn, buf []byte) (websocket.MessageType, []byte, error) {
	typ, r, err := conn.Reader(ctx)
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

// linkError says why a link ended, as Err reports it: nil for the end of
// our own Close (the server may answer 1000 or 1001), the server's
// *CloseError, or the network error naming the URL.
func (s *Session) linkError(err error) error {
	ce := closeErrorOf(err)
	s.mu.Lock()
	closing := s.closing
	s.mu.Unlock()
	switch {
	case closing && (ce == nil || ce.Code == netcode.CloseNormal || ce.Code == netcode.CloseGoingAway):
		return nil
	case ce != nil:
		return ce
	default:
		return fmt.Errorf("read %s: %w", s.url, err)
	}
}

// end records err as why the session ended and closes done.
func (s *Session) end(err error) {
	s.mu.Lock()
	if s.closing && errors.Is(err, errClosing) {
		err = nil
	}
	s.err = err
	s.link = nil
	s.reconnecting = false
	s.mu.Unlock()
	if err != nil {
		s.log.Debug("session ended", "err", err)
	}
	s.endLife()
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
	if err := s.matchEventsLocked(snap); err != nil {
		return fmt.Errorf("read %s: %w", s.url, err)
	}
	s.timeSnapshotLocked(snap.Tick, now)
	s.interp.push(&s.view)
	s.interp.retarget(&s.clock)
	for i := range snap.Events {
		if e := &snap.Events[i]; e.Kind == netcode.EventPickup && e.Player == s.welcome.PlayerID {
			s.pred.pickedUp = true
		}
	}
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
	s.trackLocked(snap)
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
		ev.Kind, ev.OtherName = EventKill, s.names[e.Other]
		if s.cause.tick == e.Tick && s.cause.player == e.Player {
			ev.Weapon = s.cause.weapon
		}
	case netcode.EventShot:
		ev.Kind = EventShot
		s.cause = killCause{tick: e.Tick, player: e.Player, weapon: game.WeaponBlaster}
		ev.From = game.Vec2{X: netcode.FromRemote(e.FromX), Y: netcode.FromRemote(e.FromY)}
		ev.To = game.Vec2{X: netcode.FromRemote(e.ToX), Y: netcode.FromRemote(e.ToY)}
	case netcode.EventChat:
		ev.Kind, ev.Text = EventChat, e.Text
	case netcode.EventExplosion:
		ev.Kind, ev.Item, ev.Weapon = EventExplosion, e.Item, game.WeaponRocket
		s.cause = killCause{tick: e.Tick, player: e.Player, weapon: game.WeaponRocket}
		ev.From = game.Vec2{X: netcode.FromRemote(e.FromX), Y: netcode.FromRemote(e.FromY)}
		ev.To = ev.From
	case netcode.EventPickup:
		ev.Kind, ev.Item, ev.Pickup = EventPickup, e.Item, game.PickupKind(e.ItemKind)
		if int(e.Item) >= 1 && int(e.Item) <= len(s.view.Pickups) && s.view.Pickups[e.Item-1].ID == e.Item {
			p := &s.view.Pickups[e.Item-1]
			ev.From = game.Vec2{X: netcode.FromRemote(p.X), Y: netcode.FromRemote(p.Y)}
			ev.To = ev.From
		}
	case netcode.EventMatch:
		ev = matchEvent(e)
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
