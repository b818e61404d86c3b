package server

// Joining and leaving a room.

import (
	"fmt"

	"arena/game"
	"arena/netcode"
)

// stepHistory is how many ticks of input steps a member keeps: more than the
// longest baseline gap a delta snapshot spans (netcode.MaxSteps).
const stepHistory = 256

// member is a player of the room, owned by the room goroutine (its inputs
// buffer is shared with the connection's reader).
type member struct {
	id     game.PlayerID
	name   string
	peer   peer
	inputs *inputBuffer
	key    int32 // its socket's key in the room's readiness set; 0: polled every tick

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
// hear of it through a join event.
func (r *Room) join(req *joinRequest, tick uint32) {
	id, err := r.rules.AddPlayer(req.name)
	if err != nil {
		req.reply <- joinReply{err: fmt.Errorf("room %s: %w", r.id, err)}
		r.release(r)
		return
	}
	m := &member{id: id, name: r.rules.Player(id).Name, peer: req.peer, inputs: req.inputs}
	r.members = append(r.members, m)
	r.byID[id] = m
	r.updateInfo() // before Welcome, so a welcomed client is in the room list
	r.events.add(netcode.Event{Kind: netcode.EventJoin, Tick: tick, Player: id, Text: m.name})
	m.eventsFrom = r.events.last() // the roster covers its own join

	w := &r.welcome
	*w = netcode.Welcome{
		PlayerID:     id,
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
	}
	for _, o := range r.members {
		w.Roster = append(w.Roster, netcode.RosterEntry{ID: o.id, Name: o.name})
	}
	if !m.peer.queue().pushReliable(r.enc.Welcome(w)) {
		m.peer.fellBehind("could not queue Welcome")
	}
	r.metrics.Joins.Add(1)
	r.log.Info("player joined", "player", id, "name", m.name, "players", len(r.members))
	req.reply <- joinReply{id: id}
}

// leave removes a player and gives its seat back.
func (r *Room) leave(id game.PlayerID, tick uint32) {
	m := r.byID[id]
	if m == nil {
		return
	}
	delete(r.byID, id)
	if m.key != 0 {
		delete(r.watched, m.key)
	}
	for i, o := range r.members {
		if o == m {
			r.members = append(r.members[:i], r.members[i+1:]...)
			break
		}
	}
	r.rules.RemovePlayer(id)
	r.events.add(netcode.Event{Kind: netcode.EventLeave, Tick: tick, Player: id})
	r.updateInfo()
	r.metrics.Leaves.Add(1)
	r.log.Info("player left", "player", id, "name", m.name, "players", len(r.members))
	r.release(r)
}

func (r *Room) updateInfo() {
	r.infoMu.Lock()
	r.names = r.names[:0]
	for _, m := range r.members {
		r.names = append(r.names, m.name)
	}
	r.infoMu.Unlock()
}
