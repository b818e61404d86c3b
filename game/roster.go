package game

// roster is the players of a match sorted by ID, with the commands each
// simulates in the next Step. World and Bench embed it, so both hand out
// ids, add, find and remove players the same way.
type roster struct {
	// nextID is where the search for a free id starts (1 in a new match).
	nextID PlayerID
	// players is sorted by ID so every loop over it is deterministic;
	// cmds[i] holds the commands of players[i] for the next Step.
	players []*Player
	cmds    [][]Command
}

// newRoster returns an empty roster with room for n players.
func newRoster(n int) roster {
	return roster{nextID: 1, players: make([]*Player, 0, n), cmds: make([][]Command, 0, n)}
}

// freeID returns the first id from nextID on that nobody holds (ids wrap
// past maxPlayerID to 1) and moves nextID past it, so a departed player's
// id is not handed to a newcomer while others may still refer to it.
func (r *roster) freeID() PlayerID {
	id := r.nextID
	for r.index(id) >= 0 {
		id = nextPlayerID(id)
	}
	r.nextID = nextPlayerID(id)
	return id
}

// insert adds p, with no commands, keeping the order by ID; ids usually
// grow, so this is an append.
func (r *roster) insert(p *Player) {
	i := len(r.players)
	for i > 0 && r.players[i-1].ID > p.ID {
		i--
	}
	r.players = append(r.players, nil)
	r.cmds = append(r.cmds, nil)
	copy(r.players[i+1:], r.players[i:])
	copy(r.cmds[i+1:], r.cmds[i:])
	r.players[i], r.cmds[i] = p, nil
}

// remove removes player id; unknown ids are ignored.
func (r *roster) remove(id PlayerID) {
	i := r.index(id)
	if i < 0 {
		return
	}
	copy(r.players[i:], r.players[i+1:])
	copy(r.cmds[i:], r.cmds[i+1:])
	last := len(r.players) - 1
	r.players[last], r.cmds[last] = nil, nil // let the removed player be collected
	r.players, r.cmds = r.players[:last], r.cmds[:last]
}

// player returns the player with id, or nil.
func (r *roster) player(id PlayerID) *Player {
	if i := r.index(id); i >= 0 {
		return r.players[i]
	}
	return nil
}

// setCommands sets player id's commands for the next Step (copied);
// unknown ids are ignored.
func (r *roster) setCommands(id PlayerID, cmds ...Command) {
	if i := r.index(id); i >= 0 {
		r.cmds[i] = append(r.cmds[i][:0], cmds...)
	}
}

// index returns the position of id in players, or -1.
func (r *roster) index(id PlayerID) int {
	// Binary search: players is sorted by ID.
	lo, hi := 0, len(r.players)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if r.players[mid].ID < id {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(r.players) && r.players[lo].ID == id {
		return lo
	}
	return -1
}
