package game

import (
	"fmt"
	"testing"
)

// TestRosterKeepsPlayersAndCommandsTogether: an id below the others (as
// after a wrap) is inserted in order, a removal in the middle keeps every
// player's commands beside it, and unknown ids are ignored.
func TestRosterKeepsPlayersAndCommandsTogether(t *testing.T) {
	r := newRoster(4)
	r.nextID = maxPlayerID - 1
	var ids []PlayerID
	for range 4 {
		id := r.freeID()
		r.insert(&Player{ID: id})
		r.setCommands(id, Command{ViewTick: uint32(id)})
		ids = append(ids, id)
	}
	if got := fmt.Sprint(ids); got != fmt.Sprint([]PlayerID{maxPlayerID - 1, maxPlayerID, 1, 2}) {
		t.Fatalf("ids %s", got)
	}
	order := func() string {
		s := ""
		for i, p := range r.players {
			if len(r.cmds[i]) != 1 || r.cmds[i][0].ViewTick != uint32(p.ID) {
				t.Errorf("player %d has commands %v", p.ID, r.cmds[i])
			}
			s += fmt.Sprint(p.ID, " ")
		}
		return s
	}
	if got, want := order(), fmt.Sprint(1, " ", 2, " ", maxPlayerID-1, " ", maxPlayerID, " "); got != want {
		t.Errorf("order %q, want %q", got, want)
	}
	r.remove(2)
	r.remove(2)
	r.setCommands(2, Command{})
	if r.player(2) != nil || r.index(2) != -1 {
		t.Error("removed player still there")
	}
	if got, want := order(), fmt.Sprint(1, " ", maxPlayerID-1, " ", maxPlayerID, " "); got != want {
		t.Errorf("order after removal %q, want %q", got, want)
	}
	// 3 is next; 1 is held, so a search that reaches it skips it.
	if id := r.freeID(); id != 3 {
		t.Errorf("free id %d, want 3", id)
	}
	r.nextID = 1
	if id := r.freeID(); id != 2 {
		t.Errorf("free id from 1 %d, want 2 (1 is held)", id)
	}
}
