package client

// The reader goroutine: it decodes every server message and folds it into the
// Session's state under mu.

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/coder/websocket"

	"arena/netcode"
)

// maxEvents bounds the queue DrainEvents empties; past it the oldest go.
const maxEvents = 1024

// readLoop runs until the connection ends, then records why and closes done.
func (s *Session) readLoop(ctx context.Context, dec *netcode.Decoder) {
	var msg netcode.ServerMessage
	for {
		typ, b, err := s.conn.Read(ctx)
		if err != nil {
			s.end(err)
			return
		}
		if typ != websocket.MessageBinary {
			s.conn.Close(websocket.StatusUnsupportedData, "text message")
			s.end(errors.New("server sent a text message"))
			return
		}
		if err := dec.DecodeServer(b, &msg); err != nil {
			reason := "bad message"
			var de *netcode.DecodeError
			if errors.As(err, &de) {
				reason = de.Reason
			}
			s.conn.Close(websocket.StatusCode(netcode.CloseBadMessage), reason)
			s.end(err)
			return
		}
		s.handle(&msg, len(b), time.Now())
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

// handle folds one decoded message into the state.
func (s *Session) handle(msg *netcode.ServerMessage, size int, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.BytesDown += uint64(size)
	switch msg.Type {
	case netcode.MsgSnapshot:
		snap := &msg.Snapshot
		s.stats.SnapshotsReceived++
		s.stats.ServerTick = snap.Tick
		s.snaps.push(snap, now)
		for _, shot := range snap.Shots {
			s.events.push(Event{Kind: EventShot, Shot: shot, Player: shot.Shooter, Other: shot.Target, Name: s.names[shot.Shooter]}, &s.stats)
		}
	case netcode.MsgPong:
		s.pongLocked(&msg.Pong, now)
	case netcode.MsgChatFrom:
		s.events.push(Event{Kind: EventChat, Player: msg.Chat.From, Name: s.names[msg.Chat.From], Text: msg.Chat.Text}, &s.stats)
	case netcode.MsgEvents:
		for _, e := range msg.Events.Events {
			s.roomEventLocked(e)
		}
	case netcode.MsgError:
		s.log.Warn("server error", "code", msg.Error.Code, "message", msg.Error.Message)
	default:
		s.log.Debug("ignoring message", "type", msg.Type)
	}
}

// roomEventLocked turns a reliable room event into an Event and keeps names.
func (s *Session) roomEventLocked(e netcode.Event) {
	switch e.Kind {
	case netcode.EventJoin:
		s.names[e.Player] = e.Name
		s.events.push(Event{Kind: EventJoin, Player: e.Player, Name: e.Name}, &s.stats)
	case netcode.EventLeave:
		name := s.names[e.Player]
		delete(s.names, e.Player)
		s.events.push(Event{Kind: EventLeave, Player: e.Player, Name: name}, &s.stats)
	case netcode.EventKill:
		s.events.push(Event{Kind: EventKill, Player: e.Player, Other: e.Other, Name: s.names[e.Player]}, &s.stats)
	}
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
