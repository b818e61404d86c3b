package server

// Joining and leaving a room.

import (
	"fmt"
	"log/slog"

	"arena/game"
	"arena/netcode"
)

// stepHistory is how many ticks of input steps a member keeps: more than the
// longest baseline gap a delta snapshot spans (netcode.MaxSteps).
const stepHistory = 256

// member is a player of the room, owned by the room goroutine (its inputs
// buffer is shared with the connection's reader).
type member struct {
	id      game.PlayerID
	name    string
	peer    peer
	inputs  *inputBuffer
	sockets bool // the room reads its socket itself, on snapshot ticks (room_poll.go)

	// A member whose connection dropped has a nil peer: it stays in the
	// World, held, until a resume gives it a peer or expires frees it.
	expires uint32 // the tick its seat is freed at, while peer is nil

	appliedSeq uint32              // seq of the newest input consumed (simulated or dropped)
	steps      [stepHistory]uint32 // steps[tick%stepHistory]: how many of its inputs tick consumed

	// What the client was sent: the snapshot the writer took last (the
	// client's baseline) and the one waiting in the slot, if any.
	sent, pending sentSnapshot
	eventsFrom    uint64 // before its first snapshot: events after this seq are news to it
}

// sentSnapshot is what one snapshot told its client.
type sentSnapshot struct {
	tick     uint32
	frame    int             // index in the room's frame ring
	eventSeq uint64          // the last event it carried
	visible  []game.PlayerID // the other players it showed, ascending
	ping     pendingPing     // the Ping it answered (ok false: none)
}

// join adds a player and sends it Welcome (with the roster); the others
// hear of it through a join event. A request to resume a seat goes to
// resumeSeat.
func (r *Room) join(req *joinRequest, tick uint32) {
	if req.resume != 0 {
		r.resumeSeat(req, tick)
		return
	}
	r.makeRoomForPerson(tick)
	id, err := r.rules.AddPlayer(req.name)
	if err != nil {
		req.reply <- joinReply{err: fmt.Errorf("room %s: %w", r.id, err)}
		r.release(r)
		return
	}
	r.rec.join(id, req.name)
	m := &member{id: id, name: r.rules.Player(id).Name, peer: req.peer, inputs: req.inputs}
	r.members = append(r.members, m)
	r.byID[id] = m
	r.updateInfo() // before Welcome, so a welcomed client is in the room list
	r.events.add(netcode.Event{Kind: netcode.EventJoin, Tick: tick, Player: id, Text: m.name})
	m.eventsFrom = r.events.last() // the roster covers its own join
	r.sendWelcome(m)
	r.metrics.Joins.Add(1)
	r.log.Info("player joined", connAttr(m.peer), "player", id, "name", m.name, "players", len(r.members))
	req.reply <- joinReply{id: id, inputs: m.inputs}
}

// resumeSeat gives a player's seat to the connection that brought its
// token: a connection the server has not seen drop yet is replaced. The
// client gets a Welcome with a new token and then a full snapshot; the
// events it missed are not replayed (the snapshot has the state).
func (r *Room) resumeSeat(req *joinRequest, tick uint32) {
	m := r.byID[req.resume]
	if m == nil {
		req.reply <- joinReply{err: errResumeRefused} // freed since the token was redeemed
		return
	}
	if m.peer != nil {
		r.unwatch(m)
		m.peer.replaced()
	} else {
		r.dropped--
	}
	m.peer = req.peer
	m.sent, m.pending = sentSnapshot{visible: m.sent.visible[:0]}, sentSnapshot{visible: m.pending.visible[:0]}
	m.eventsFrom = r.events.last()
	r.sendWelcome(m)
	r.metrics.Resumes.Add(1)
	r.log.Info("player resumed", connAttr(m.peer), "player", m.id, "name", m.name, "tick", tick)
	req.reply <- joinReply{id: m.id, inputs: m.inputs}
}

// sendWelcome queues m's Welcome: the room, the rules, the roster and,
// when seats are kept, a new resume token.
func (r *Room) sendWelcome(m *member) {
	w := &r.welcome
	*w = netcode.Welcome{
		PlayerID:     m.id,
		RoomID:       r.id,
		Map:          r.mapName,
		Mode:         r.mode,
		TickRate:     uint16(r.tickRate),
		SnapshotRate: uint16(r.snapshotRate),
		ServerTick:   r.rules.Tick(),
		ViewWidth:    uint16(r.view.width),
		ViewHeight:   uint16(r.view.height),
		Rules:        r.params,
		Roster:       w.Roster[:0],
		Match:        r.match,
	}
	if r.private {
		w.RoomFlags = netcode.RoomPrivate
	}
	var tok resumeToken
	if r.graceTicks > 0 {
		tok = r.resumes.issue(r, m.id)
		w.ResumeToken = tok[:]
	}
	for _, o := range r.members {
		w.Roster = append(w.Roster, netcode.RosterEntry{ID: o.id, Name: o.name})
	}
	w.Roster = r.fill.appendRoster(w.Roster)
	if !m.peer.queue().pushReliable(r.enc.Welcome(w)) {
		m.peer.fellBehind("could not queue Welcome")
	}
}

// connectionEnded handles the end of a member's connection: the seat is
// held for a resume when the connection was lost, else freed. The end of
// a connection that no longer holds the seat (it was resumed elsewhere)
// changes nothing.
func (r *Room) connectionEnded(req leaveRequest, tick uint32) {
	m := r.byID[req.id]
	if m == nil || m.peer != req.peer {
		return
	}
	if !req.keep || r.graceTicks == 0 {
		r.leave(req.id, tick)
		return
	}
	r.unwatch(m)
	m.peer = nil
	m.expires = tick + r.graceTicks
	r.dropped++
	r.metrics.SeatsHeld.Add(1)
	r.log.Info("player dropped: seat held for a resume", connAttr(req.peer), "player", m.id, "name", m.name,
		"grace_ticks", r.graceTicks)
}

// expireSeats frees the seats of dropped members whose grace has passed.
func (r *Room) expireSeats(tick uint32) {
	if r.dropped == 0 {
		return
	}
	for i := 0; i < len(r.members); i++ {
		m := r.members[i]
		if m.peer == nil && int32(tick-m.expires) >= 0 {
			r.dropped--
			r.metrics.SeatsExpired.Add(1)
			r.log.Info("seat expired: no resume in time", "player", m.id, "name", m.name)
			r.leave(m.id, tick)
			i-- // leave removed members[i]
		}
	}
}

// unwatch forgets how m's socket was read: its next peer says again.
func (r *Room) unwatch(m *member) { m.sockets = false }

// revokeTokens kills the resume tokens of the room's seats, when the room
// ends.
func (r *Room) revokeTokens() {
	if r.resumes == nil {
		return
	}
	for _, m := range r.members {
		r.resumes.revoke(r, m.id)
	}
}

// takenTick is the tick of the newest snapshot m's client has been given.
func (m *member) takenTick() uint32 {
	if m.peer == nil {
		return m.sent.tick
	}
	return m.peer.queue().takenTick()
}

// leave removes a player and gives its seat back.
func (r *Room) leave(id game.PlayerID, tick uint32) {
	m := r.byID[id]
	if m == nil {
		return
	}
	delete(r.byID, id)
	r.unwatch(m)
	if r.resumes != nil {
		r.resumes.revoke(r, id)
	}
	for i, o := range r.members {
		if o == m {
			r.members = append(r.members[:i], r.members[i+1:]...)
			break
		}
	}
	r.rec.leave(r.rules.Player(id))
	r.rules.RemovePlayer(id)
	r.events.add(netcode.Event{Kind: netcode.EventLeave, Tick: tick, Player: id})
	r.updateInfo()
	r.metrics.Leaves.Add(1)
	r.log.Info("player left", connAttr(m.peer), "player", id, "name", m.name, "players", len(r.members))
	r.release(r)
}

// connAttr is the log attribute naming p's connection: conn and its id,
// or nothing for a peer that is no connection (a test's recorder, or nil
// for a dropped seat).
func connAttr(p peer) slog.Attr {
	if c, ok := p.(*conn); ok {
		return slog.Uint64("conn", c.id)
	}
	return slog.Attr{}
}

func (r *Room) updateInfo() {
	r.infoMu.Lock()
	r.names = r.names[:0]
	for _, m := range r.members {
		r.names = append(r.names, m.name)
	}
	r.bots = len(r.fill.bots)
	r.infoMu.Unlock()
}
