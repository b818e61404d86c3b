package game

import (
	"fmt"
	"strconv"
	"strings"
)

// Server-side bots: players with no connection whose commands come from a
// Bot (botai.go). A Room adds them with BotRules.AddBot and each tick asks
// BotRules.DecideBot for their commands, which it hands to SetCommands like
// any player's: a bot plays by the same rules, through SimulateCommand, and
// a recording of the applied commands replays it without its AI.

// BotRules is implemented by the Rules whose matches bots can play
// (*World). A server checks for it by type assertion; Rules without it
// (the bench rule) take no bots.
type BotRules interface {
	// AddBot adds a player as AddPlayer does, marked as a bot
	// (Player.Bot).
	AddBot(name string) (PlayerID, error)
	// DecideBot returns the command bot b makes this tick for its player
	// id, from the match as it is now (after the last Step). A missing
	// or dead player gets a command that does nothing.
	DecideBot(b *Bot, id PlayerID) Command
}

var _ BotRules = (*World)(nil)

// AddBot adds a player marked as a bot; see AddPlayer.
func (w *World) AddBot(name string) (PlayerID, error) {
	id, err := w.AddPlayer(name)
	if err == nil {
		w.player(id).Bot = true
	}
	return id, err
}

// DecideBot returns b's command for player id; see BotRules.
func (w *World) DecideBot(b *Bot, id PlayerID) Command { return b.decide(w, id) }

// BotLevel is how well a bot plays: it sets its reaction time, aim error,
// turning speed and movement (see botSkills).
type BotLevel uint8

// Bot levels.
const (
	BotEasy BotLevel = iota + 1
	BotNormal
	BotHard
)

// BotLevels is every level, easiest first.
var BotLevels = [...]BotLevel{BotEasy, BotNormal, BotHard}

// String returns the level's name: "easy", "normal" or "hard".
func (l BotLevel) String() string {
	switch l {
	case BotEasy:
		return "easy"
	case BotNormal:
		return "normal"
	case BotHard:
		return "hard"
	}
	return "BotLevel(" + strconv.Itoa(int(l)) + ")"
}

// ParseBotLevel parses a level's name (see BotLevel.String).
func ParseBotLevel(s string) (BotLevel, error) {
	for _, l := range BotLevels {
		if strings.EqualFold(strings.TrimSpace(s), l.String()) {
			return l, nil
		}
	}
	return 0, fmt.Errorf("bot level %q: want easy, normal or hard", s)
}

// botNames are the names bots take, "Bot " and a bird; short enough for
// MaxNameLen.
var botNames = [...]string{
	"Kestrel", "Osprey", "Heron", "Merlin", "Falcon", "Raven", "Swift", "Plover",
	"Curlew", "Harrier", "Shrike", "Egret", "Petrel", "Dunlin", "Goshawk", "Wren",
	"Kite", "Lapwing", "Avocet", "Bittern", "Dipper", "Gannet", "Hobby", "Jay",
	"Linnet", "Magpie", "Nightjar", "Oriole", "Puffin", "Rook", "Siskin", "Tern",
}

// BotName returns the name of a room's n-th bot (from 0): "Bot Kestrel",
// "Bot Osprey", ..., then "Bot Kestrel 2" once every bird has been used.
func BotName(n int) string {
	n = max(n, 0)
	name := "Bot " + botNames[n%len(botNames)]
	if round := n / len(botNames); round > 0 {
		name += " " + strconv.Itoa(round+1)
	}
	return name
}
