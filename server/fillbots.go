package server

// Bots that fill a room with few people (Config.MinPlayers): players with
// no connection, driven by the game's AI (game.Bot). The room keeps
// people + bots at MinPlayers while it has people: each person who joins
// takes a bot's place (before being added, so a room full of bots and
// people always seats a person), each who leaves gives one back. Bots hold
// no seat in the directory, so quick play and /match fill rooms by people,
// a person never waits for a bot's seat, and a room whose last person
// leaves ends with its bots. Each tick a bot's command comes from its AI
// and goes to the World through SetCommands, like a person's input: a
// recording of the applied commands replays the bots without their AI.

import (
	"fmt"

	"arena/game"
	"arena/netcode"
)

// roomBot is a bot playing in the room.
type roomBot struct {
	id   game.PlayerID
	name string
	slot int // see freeSlot
	ai   *game.Bot
}

// botFill is a room's bots and what it needs to make more. Owned by the
// room goroutine.
type botFill struct {
	min    int             // Config.MinPlayers: people + bots kept while people play; 0: off
	levels []game.BotLevel // the levels of bots by slot (see freeSlot), in turn
	host   game.BotRules   // the room's Rules as bots play them; nil: no bots
	seed   uint64          // the room's seed, mixed into each bot's
	made   int             // bots made so far: the next one's seed
	bots   []roomBot       // in join order
	cmd    [1]game.Command
}

func newBotFill(rules game.Rules, cfg Config, seed uint64) botFill {
	f := botFill{levels: cfg.BotLevels, seed: seed}
	if host, ok := rules.(game.BotRules); ok && cfg.MinPlayers > 0 {
		f.min, f.host = cfg.MinPlayers, host
	}
	if len(f.levels) == 0 {
		f.levels = []game.BotLevel{DefaultBotLevel}
	}
	return f
}

// want returns how many bots a room of people keeps.
func (f *botFill) want(people int) int {
	if people == 0 || f.host == nil {
		return 0
	}
	return max(0, f.min-people)
}

// fillBots adds or removes bots so that the room has as many as its
// people want.
func (r *Room) fillBots(tick uint32) {
	f := &r.fill
	want := f.want(len(r.members))
	for len(f.bots) > want {
		r.removeBot(tick)
	}
	for len(f.bots) < want {
		if err := r.addBot(tick); err != nil {
			r.log.Warn("could not add a bot", "err", err)
			return
		}
	}
}

// makeRoomForPerson removes the bots the room would have too many of once
// one more person joins: the newcomer takes a bot's place.
func (r *Room) makeRoomForPerson(tick uint32) {
	want := r.fill.want(len(r.members) + 1)
	for len(r.fill.bots) > want {
		r.removeBot(tick)
	}
}

// addBot adds a bot and announces it with a join event.
func (r *Room) addBot(tick uint32) error {
	f := &r.fill
	n := f.freeSlot()
	id, err := f.host.AddBot(game.BotName(n))
	if err != nil {
		return err
	}
	r.rec.joinBot(id, game.BotName(n))
	f.made++
	level := f.levels[n%len(f.levels)]
	b := roomBot{id: id, name: r.rules.Player(id).Name, slot: n, ai: game.NewBot(level, f.seed^uint64(f.made)*0x2545f4914f6cdd1d)}
	f.bots = append(f.bots, b)
	r.events.add(netcode.Event{Kind: netcode.EventJoin, Tick: tick, Player: id, Text: b.name})
	r.updateInfo()
	r.log.Info("bot joined", "player", id, "name", b.name, "level", level.String(), "bots", len(f.bots))
	return nil
}

// freeSlot returns the lowest slot no bot of the room holds: a new bot
// takes its name (game.BotName) and level from it, so names stay short
// and a mix of levels stays mixed however bots come and go.
func (f *botFill) freeSlot() int {
	for n := 0; ; n++ {
		taken := false
		for _, b := range f.bots {
			taken = taken || b.slot == n
		}
		if !taken {
			return n
		}
	}
}

// removeBot removes the newest bot and announces it with a leave event.
func (r *Room) removeBot(tick uint32) {
	f := &r.fill
	b := f.bots[len(f.bots)-1]
	f.bots[len(f.bots)-1] = roomBot{}
	f.bots = f.bots[:len(f.bots)-1]
	r.rec.leave(r.rules.Player(b.id))
	r.rules.RemovePlayer(b.id)
	r.events.add(netcode.Event{Kind: netcode.EventLeave, Tick: tick, Player: b.id})
	r.updateInfo()
	r.log.Info("bot left", "player", b.id, "name", b.name, "bots", len(f.bots))
}

// applyBotCommands gives the World each bot's command for this tick, from
// its AI and the match as the last step left it.
func (r *Room) applyBotCommands() {
	f := &r.fill
	for _, b := range f.bots {
		f.cmd[0] = f.host.DecideBot(b.ai, b.id)
		r.rules.SetCommands(b.id, f.cmd[:])
		r.rec.commands(b.id, f.cmd[:])
	}
}

// appendRoster appends the bots to a Welcome's roster, after the people.
func (f *botFill) appendRoster(roster []netcode.RosterEntry) []netcode.RosterEntry {
	for _, b := range f.bots {
		roster = append(roster, netcode.RosterEntry{ID: b.id, Name: b.name})
	}
	return roster
}

// DefaultBotLevel is the level of bots when Config.BotLevels is empty.
const DefaultBotLevel = game.BotNormal

// checkBots validates the bot settings of c (after withDefaults) against
// a match of c's rules on m: bots need rules that take them.
func (c Config) checkBots(m *game.Map) error {
	if c.MinPlayers < 0 || c.MinPlayers > c.RoomCapacity {
		return fmt.Errorf("min players %d out of range 0..room capacity (%d)", c.MinPlayers, c.RoomCapacity)
	}
	for _, l := range c.BotLevels {
		if _, err := game.ParseBotLevel(l.String()); err != nil {
			return fmt.Errorf("bot levels: %v is not a level", l)
		}
	}
	if c.MinPlayers == 0 {
		return nil
	}
	g, err := c.Rules(game.Config{TickRate: c.TickRate, Seed: c.Seed, Map: m, LagCompMax: c.LagCompMax})
	if err != nil {
		return err
	}
	if _, ok := g.(game.BotRules); !ok {
		return fmt.Errorf("min players %d: the %s rules take no bots (give 0)", c.MinPlayers, g.Mode())
	}
	return nil
}
