package client

import (
	"testing"

	"arena/game"
	"arena/netcode"
)

// TestKillEventNamesTheVictim: a kill's event carries the victim's name
// from the roster, so a kill feed can name a victim it never saw.
func TestKillEventNamesTheVictim(t *testing.T) {
	t.Parallel()
	s := &Session{names: map[game.PlayerID]string{4: "Ada", 9: "Bob"}}
	s.events.init()
	s.roomEventLocked(&netcode.Event{Kind: netcode.EventKill, Tick: 10, Player: 4, Other: 9})
	evs := s.events.drain(nil)
	if len(evs) != 1 || evs[0].Kind != EventKill {
		t.Fatalf("events %+v, want one kill", evs)
	}
	if evs[0].Name != "Ada" || evs[0].OtherName != "Bob" {
		t.Errorf("kill named %q killed %q, want Ada killed Bob", evs[0].Name, evs[0].OtherName)
	}
}
