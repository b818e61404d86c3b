package ui

// From a menu's request to the session's options, and what the match
// shows of the room it joined (its code and shareable link).

import (
	"arena/client"
	"arena/client/ui/model"
)

// joinOptions returns the session options that ask the server for req.
func joinOptions(req model.JoinRequest) (*client.Options, error) {
	o := &client.Options{Name: req.Name}
	switch req.Kind {
	case model.JoinQuick:
	case model.JoinListed:
		o.Room = req.Room // exactly: a room that filled meanwhile is refused (4009)
	case model.JoinCode:
		o.Room = req.Room // a wrong code is refused (4008), never another room
	case model.JoinCreatePrivate:
		o.Private = true
	}
	return o, nil
}

// lobbyBadge is what the match shows of its room: the code and link of a
// private room, the id of a public one; and the request that joined it,
// to join again when the seat expired.
type lobbyBadge struct {
	req     model.JoinRequest
	room    string // the room's id, or its code when private
	private bool
	link    string // the shareable link, for a private room
}

// newLobbyBadge describes the room a session joined for req.
func newLobbyBadge(g *Game, req model.JoinRequest, info client.Info) lobbyBadge {
	b := lobbyBadge{req: req, room: info.Room}
	if req.Kind == model.JoinCreatePrivate {
		// Joining again (the seat expired) goes back to this room.
		b.req = model.JoinRequest{Kind: model.JoinCode, Name: req.Name, Room: info.Room}
	}
	if info.Private {
		b.private = true
		b.link = model.RoomLink(model.PageOrigin(g.cfg.ServerURL), b.room)
	}
	return b
}

// rejoin is the request to join again as name.
func (b *lobbyBadge) rejoin(name string) model.JoinRequest {
	r := b.req
	r.Name = name
	return r
}

// label is the badge's text: "room r1", or "private room ABCD · link".
func (b *lobbyBadge) label() string {
	if b.room == "" {
		return ""
	}
	if b.private {
		return "private room " + b.room + " · invite: " + b.link
	}
	return "room " + b.room
}
