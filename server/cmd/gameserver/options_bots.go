package main

// -min-players and -bot-difficulty: server-side bots that fill rooms with
// few people.

import (
	"flag"
	"fmt"
	"strings"

	"arena/game"
	"arena/server"
)

// defaultMinPlayers is -min-players' default. Four: a person alone on the
// page has three opponents within a second of joining, a fight on the
// shipped map without a crowd; from the fourth person on, the room is all
// people (each arrival takes a bot's place).
const defaultMinPlayers = 4

// botOptions are the flags of the bots.
type botOptions struct {
	minPlayers int
	difficulty string
	levels     []game.BotLevel // parsed from difficulty by check

	// fs and lookupEnv tell apply whether -min-players was given.
	fs        *flag.FlagSet
	lookupEnv func(string) (string, bool)
}

func (b *botOptions) register(fs *flag.FlagSet, lookupEnv func(string) (string, bool)) error {
	b.minPlayers, b.difficulty = defaultMinPlayers, server.DefaultBotLevel.String()
	if err := envInt(lookupEnv, "ARENA_MIN_PLAYERS", &b.minPlayers); err != nil {
		return err
	}
	envString(lookupEnv, "ARENA_BOT_DIFFICULTY", &b.difficulty)
	b.fs, b.lookupEnv = fs, lookupEnv
	fs.IntVar(&b.minPlayers, "min-players", b.minPlayers, "fill every room that has people with bots up to this many players, 0..-room-capacity; each person who joins takes a bot's place; 0 = no bots; the bench mode has none [ARENA_MIN_PLAYERS]")
	fs.StringVar(&b.difficulty, "bot-difficulty", b.difficulty, `how well bots play: easy, normal or hard, a list taken in turn ("easy,hard"), or mix (easy,normal,hard) [ARENA_BOT_DIFFICULTY]`)
	return nil
}

func (b *botOptions) check() error {
	if b.minPlayers < 0 {
		return fmt.Errorf("min-players %d: must be 0 (no bots) or more", b.minPlayers)
	}
	levels, err := parseBotDifficulty(b.difficulty)
	if err != nil {
		return fmt.Errorf("bot-difficulty: %w", err)
	}
	b.levels = levels
	return nil
}

// parseBotDifficulty parses -bot-difficulty.
func parseBotDifficulty(s string) ([]game.BotLevel, error) {
	if strings.EqualFold(strings.TrimSpace(s), "mix") {
		return game.BotLevels[:], nil
	}
	var levels []game.BotLevel
	for _, name := range strings.Split(s, ",") {
		l, err := game.ParseBotLevel(name)
		if err != nil {
			return nil, err
		}
		levels = append(levels, l)
	}
	return levels, nil
}

// apply sets the bots in cfg for rooms of mode (-mode): the bench rule
// has no bots, so there -min-players is 0 unless given, and an error if
// given over 0.
func (b *botOptions) apply(cfg *server.Config, mode string) error {
	if mode == modeBench {
		if b.minPlayers > 0 && (b.given("min-players") || b.envSet("ARENA_MIN_PLAYERS")) {
			return fmt.Errorf("-mode bench has no bots; -min-players %d (or ARENA_MIN_PLAYERS) conflicts with it: drop it, or give 0", b.minPlayers)
		}
		return nil
	}
	if b.minPlayers > cfg.RoomCapacity {
		return fmt.Errorf("min-players %d is over the room capacity %d", b.minPlayers, cfg.RoomCapacity)
	}
	cfg.MinPlayers, cfg.BotLevels = b.minPlayers, b.levels
	return nil
}

func (b *botOptions) given(name string) bool {
	set := false
	b.fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func (b *botOptions) envSet(name string) bool {
	_, ok := b.lookupEnv(name)
	return ok
}
