package netcode_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"arena/game"
	"arena/netcode"
)

// TestBotFlagMatchesDoc: docs/protocol.md's Bots section gives the bot
// flag's bit and the flags of an alive and a dead bot as the server
// captures them, and a bot's flags survive the trip to another client's
// View.
func TestBotFlagMatchesDoc(t *testing.T) {
	doc, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "\n## Bots\n")
	if !ok {
		t.Fatal("docs/protocol.md has no Bots section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	section = strings.Join(strings.Fields(section), " ")

	bit := 0
	for netcode.FlagBot>>bit != 1 {
		bit++
	}
	alive := game.Player{ID: 3, Alive: true, Health: game.MaxHealth, Bot: true}
	dead := game.Player{ID: 4, Bot: true}
	var fr netcode.Frame
	netcode.Capture(&fr, 10, []*game.Player{&alive, &dead})
	for _, want := range []string{
		fmt.Sprintf("flags bit %d (%d)", bit, netcode.FlagBot),
		fmt.Sprintf("an alive, unprotected bot has flags %d (`%02x`)", fr.Players[0].Flags, fr.Players[0].Flags),
		fmt.Sprintf("a dead one %d (`%02x`)", fr.Players[1].Flags, fr.Players[1].Flags),
	} {
		if !strings.Contains(section, want) {
			t.Errorf("docs/protocol.md's Bots section does not say %q", want)
		}
	}

	// Through a full snapshot to another client's View.
	self := game.Player{ID: 1, Alive: true}
	netcode.Capture(&fr, 10, []*game.Player{&self, &alive})
	var s netcode.Snapshot
	rc := &netcode.Recipient{Self: 1, Visible: []game.PlayerID{3}}
	s.Build(&fr, rc)
	dec := netcode.NewDecoder()
	var m netcode.ServerMessage
	if err := dec.DecodeServer(netcode.NewEncoder().Snapshot(&s), &m); err != nil {
		t.Fatal(err)
	}
	v := netcode.View{Self: 1}
	if err := v.Apply(&m.Snapshot); err != nil {
		t.Fatal(err)
	}
	if o := v.Other(3); o == nil || o.Flags != netcode.FlagAlive|netcode.FlagBot {
		t.Errorf("the bot as another client sees it: %+v, want flags alive|bot", o)
	}
	if v.Own.Flags&netcode.FlagBot != 0 {
		t.Errorf("a person's own flags %#x have the bot bit", v.Own.Flags)
	}
}
