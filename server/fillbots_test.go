package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"arena/game"
	"arena/netcode"
	"arena/server"
)

// withBots fills rooms up to min players with bots of levels.
func withBots(min int, levels ...game.BotLevel) func(*server.Config) {
	return func(c *server.Config) { c.MinPlayers, c.BotLevels = min, levels }
}

// roomCounts returns the only room's people and bots, or ok false when
// the server has not exactly one room.
func roomCounts(srv *server.Server) (people, bots int, ok bool) {
	rooms := srv.Rooms()
	if len(rooms) != 1 {
		return 0, 0, false
	}
	return rooms[0].Players, rooms[0].Bots, true
}

// waitCounts waits until the server has one room with people and bots.
func waitCounts(t *testing.T, srv *server.Server, people, bots int) {
	t.Helper()
	waitFor(t, 10*time.Second, fmt.Sprintf("a room of %d people and %d bots", people, bots), func() bool {
		p, b, ok := roomCounts(srv)
		return ok && p == people && b == bots
	})
}

// botsInView returns the ids and names of the players c heard join that are
// flagged as bots in its view.
func (c *client) botsInView() map[game.PlayerID]string {
	out := map[game.PlayerID]string{}
	for _, e := range c.eventsOf(netcode.EventJoin) {
		if p, ok := c.other(e.Player); ok && p.Flags&netcode.FlagBot != 0 {
			out[e.Player] = e.Text
		}
	}
	return out
}

// TestBotsFillLonePersonsRoom: a person alone in a room with MinPlayers 4
// gets three bots, announced by join events, flagged as bots in the
// snapshots and counted apart from people in the room list.
func TestBotsFillLonePersonsRoom(t *testing.T) {
	t.Parallel()
	srv, _, url := startServer(t, withBots(4))
	a := join(t, url, "alice")
	waitCounts(t, srv, 1, 3)
	waitFor(t, 5*time.Second, "three bots in alice's view", func() bool { return len(a.botsInView()) == 3 })
	for id, name := range a.botsInView() {
		if !strings.HasPrefix(name, "Bot ") {
			t.Errorf("bot %d is named %q, want Bot ...", id, name)
		}
	}
	if own := a.own(); own.Flags&netcode.FlagBot != 0 {
		t.Errorf("alice's own state has the bot flag: %#x", own.Flags)
	}
	if info := srv.Rooms()[0]; len(info.Names) != 1 || info.Names[0] != "alice" {
		t.Errorf("room names %q, want only the person", info.Names)
	}
}

// TestPersonTakesBotsPlace: a second person makes one bot leave; its
// Welcome names the bots still there, and it sees the first person as no
// bot.
func TestPersonTakesBotsPlace(t *testing.T) {
	t.Parallel()
	srv, _, url := startServer(t, withBots(4))
	a := join(t, url, "alice")
	waitCounts(t, srv, 1, 3)
	b := join(t, url, "bob")
	waitCounts(t, srv, 2, 2)
	if b.welcome.RoomID != a.welcome.RoomID {
		t.Fatalf("bob joined room %s, alice is in %s", b.welcome.RoomID, a.welcome.RoomID)
	}
	if n := len(b.welcome.Roster); n != 4 {
		t.Errorf("bob's roster has %d players, want 4 (alice, bob, two bots): %+v", n, b.welcome.Roster)
	}
	waitFor(t, 5*time.Second, "alice to hear a bot leave", func() bool {
		for _, e := range a.eventsOf(netcode.EventLeave) {
			if e.Player != b.welcome.PlayerID && e.Player != a.welcome.PlayerID {
				return true
			}
		}
		return false
	})
	waitFor(t, 5*time.Second, "bob to see alice", func() bool {
		_, ok := b.other(a.welcome.PlayerID)
		return ok
	})
	if p, _ := b.other(a.welcome.PlayerID); p.Flags&netcode.FlagBot != 0 {
		t.Errorf("bob sees alice flagged as a bot: %#x", p.Flags)
	}
	// Two more people: no bots left, and a fifth person plays with four.
	join(t, url, "carol")
	join(t, url, "dave")
	waitCounts(t, srv, 4, 0)
	join(t, url, "erin")
	waitCounts(t, srv, 5, 0)
}

// TestFullRoomWithBotSeatsPerson: in a room of capacity 2 held by a person
// and a bot, a second person is seated in that room, in the bot's place.
func TestFullRoomWithBotSeatsPerson(t *testing.T) {
	t.Parallel()
	srv, _, url := startServer(t, func(c *server.Config) {
		c.RoomCapacity = 2
		withBots(2)(c)
	})
	a := join(t, url, "alice")
	waitCounts(t, srv, 1, 1)
	b := join(t, url, "bob")
	if b.welcome.RoomID != a.welcome.RoomID {
		t.Fatalf("bob joined room %s, not alice's %s: a bot kept the seat", b.welcome.RoomID, a.welcome.RoomID)
	}
	waitCounts(t, srv, 2, 0)
}

// TestRoomWithBotsEndsWhenLastPersonLeaves: bots do not keep a room alive.
func TestRoomWithBotsEndsWhenLastPersonLeaves(t *testing.T) {
	t.Parallel()
	srv, _, url := startServer(t, func(c *server.Config) {
		c.ResumeGrace = server.ResumeOff
		withBots(4)(c)
	})
	a := join(t, url, "alice")
	waitCounts(t, srv, 1, 3)
	write(t, a.ws, netcode.NewEncoder().Leave())
	waitFor(t, 10*time.Second, "the room to end", func() bool {
		return len(srv.Rooms()) == 0 && srv.Metrics().RoomsEnded.Load() == 1
	})
}

// TestBotsHitAndKill: a person who stands still among bots is shot, and
// bots kill.
func TestBotsHitAndKill(t *testing.T) {
	t.Parallel()
	srv, _, url := startServer(t, withBots(3, game.BotHard))
	a := join(t, url, "alice")
	waitCounts(t, srv, 1, 2)
	waitFor(t, 30*time.Second, "a bot to hit alice and a bot to kill", func() bool {
		bots := a.botsInView()
		hit := false
		for _, e := range a.eventsOf(netcode.EventShot) {
			if _, ok := bots[e.Player]; ok && e.Other == a.welcome.PlayerID {
				hit = true
			}
		}
		kill := false
		for _, e := range a.eventsOf(netcode.EventKill) {
			if _, ok := bots[e.Player]; ok {
				kill = true
			}
		}
		return hit && kill
	})
}

func TestBotConfigValidates(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		mod  func(*server.Config)
		want string
	}{
		{"negative", withBots(-1), "min players -1 out of range"},
		{"over capacity", func(c *server.Config) { c.RoomCapacity = 4; c.MinPlayers = 5 }, "min players 5 out of range 0..room capacity (4)"},
		{"bad level", withBots(2, game.BotLevel(9)), "bot levels"},
		{"bench rules", func(c *server.Config) {
			c.Rules, c.Maps, c.MapName, c.MinPlayers = game.NewBench, nil, game.BenchMapName, 2
		}, "the bench rules take no bots"},
	} {
		cfg := server.Config{Maps: testMaps(), MapName: "test"}
		tc.mod(&cfg)
		_, err := server.New(cfg)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: server.New error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}
