package server

// What other goroutines may ask of a room. None of it touches the room's
// state: it goes through the room's channels, drained by its tick.

import "arena/game"

// requestJoin asks the room to add a player and waits for its id. The
// caller holds a seat reserved in the directory; inputs is the player's
// buffer, which the caller's reader fills.
func (r *Room) requestJoin(name string, p peer, inputs *inputBuffer) (game.PlayerID, error) {
	req := &joinRequest{name: name, peer: p, inputs: inputs, reply: make(chan joinReply, 1)}
	select {
	case r.joins <- req:
	case <-r.done:
		return 0, errRoomClosed
	}
	select {
	case rep := <-req.reply:
		return rep.id, rep.err
	case <-r.done:
		return 0, errRoomClosed
	}
}

// requestResume asks the room to give player id's seat to p and waits
// for the seat's input buffer, which p's reader fills from then on.
func (r *Room) requestResume(id game.PlayerID, p peer) (*inputBuffer, error) {
	req := &joinRequest{resume: id, peer: p, reply: make(chan joinReply, 1)}
	select {
	case r.joins <- req:
	case <-r.done:
		return nil, errRoomClosed
	}
	select {
	case rep := <-req.reply:
		return rep.inputs, rep.err
	case <-r.done:
		return nil, errRoomClosed
	}
}

// submitLeave tells the room that player id's connection p is gone; keep
// asks the room to hold the seat for a resume.
func (r *Room) submitLeave(id game.PlayerID, p peer, keep bool) {
	select {
	case r.leaves <- leaveRequest{id: id, peer: p, keep: keep}:
	case <-r.done:
	}
}

// submitChat hands a chat line to the room; it reports false when the
// room's chat channel is full.
func (r *Room) submitChat(id game.PlayerID, text string) bool {
	select {
	case r.chats <- chatLine{id: id, text: text}:
		return true
	default:
		return false
	}
}
