package server

// Timed matches on a rotation of maps: the server's configuration of them
// and what a Room does when its match changes phase (game/match.go has the
// cycle itself).

import (
	"errors"
	"fmt"
	"io/fs"
	"time"

	"arena/game"
	"arena/netcode"
)

// MatchConfig configures timed matches (Config.Match). The zero value
// turns them off: every room plays one endless match on Config.MapName.
type MatchConfig struct {
	// Length is how long a match is played, 0 (off) or 1 s..game.MaxMatchLength.
	Length time.Duration
	// Countdown is how long the countdown before a match lasts (players
	// move, nobody takes damage) and Intermission how long the winner and
	// the final scoreboard are shown after it, 1 tick..one minute each;
	// 0 takes game.DefaultCountdown and game.DefaultIntermission.
	Countdown, Intermission time.Duration
	// Maps is the rotation, by name (each loaded from Config.Maps as
	// "maps/<name>.json"): match n plays Maps[(n-1) % len(Maps)]. Empty:
	// Config.MapName alone.
	Maps []string
}

// Enabled reports whether c turns timed matches on.
func (c MatchConfig) Enabled() bool { return c.Length != 0 }

// rotation checks c and loads its maps; nil when matches are off.
func (c MatchConfig) rotation(fsys fs.FS, mapName string) ([]*game.Map, error) {
	if !c.Enabled() {
		if c.Countdown != 0 || c.Intermission != 0 || len(c.Maps) != 0 {
			return nil, errors.New("match countdown, intermission and maps need a match length")
		}
		return nil, nil
	}
	var errs []error
	if c.Length < time.Second || c.Length > game.MaxMatchLength {
		errs = append(errs, fmt.Errorf("match length %v out of range 1s..%v", c.Length, game.MaxMatchLength))
	}
	if c.Countdown < 0 || c.Countdown > game.MaxCountdown {
		errs = append(errs, fmt.Errorf("match countdown %v out of range 0..%v", c.Countdown, game.MaxCountdown))
	}
	if c.Intermission < 0 || c.Intermission > game.MaxIntermission {
		errs = append(errs, fmt.Errorf("match intermission %v out of range 0..%v", c.Intermission, game.MaxIntermission))
	}
	names := c.Maps
	if len(names) == 0 {
		names = []string{mapName}
	}
	if len(names) > game.MaxRotation {
		errs = append(errs, fmt.Errorf("%d maps in the rotation, want at most %d", len(names), game.MaxRotation))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	maps := make([]*game.Map, len(names))
	loaded := map[string]*game.Map{}
	for i, name := range names {
		if m := loaded[name]; m != nil {
			maps[i] = m
			continue
		}
		m, err := game.LoadMap(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("rotation map %q: %w", name, err)
		}
		maps[i], loaded[name] = m, m
	}
	return maps, nil
}

// gameMatch returns the game's MatchConfig for a rotation, nil for none.
func (c MatchConfig) gameMatch(rotation []*game.Map) *game.MatchConfig {
	if len(rotation) == 0 {
		return nil
	}
	return &game.MatchConfig{Maps: rotation, Countdown: c.Countdown, Length: c.Length, Intermission: c.Intermission}
}

// matchOf returns the wire form of the room's match state, nil when its
// rules have no match cycle.
func matchOf(rules game.Rules) *netcode.Match {
	mr, ok := rules.(game.MatchRules)
	if !ok {
		return nil
	}
	return netcode.MatchOf(mr.Match())
}

// phaseChanged records the match event of the Step that made tick and,
// when the match moved to another map, makes the room follow: the map
// Welcome and the room list name, and the interest grid's bounds.
func (r *Room) phaseChanged(tick uint32) {
	m := matchOf(r.rules)
	if m == nil {
		return
	}
	r.match = m
	r.events.add(netcode.Event{Kind: netcode.EventMatch, Tick: tick, Match: m})
	gm := r.rules.(game.MatchRules).Map()
	if gm.Name != r.mapName {
		r.infoMu.Lock()
		r.mapName = gm.Name
		r.infoMu.Unlock()
		r.interest = netcode.NewInterest(gm.Width, gm.Height, r.view.width, r.view.height, r.view.hysteresis)
	}
	r.log.Info("match phase", "match", m.Number, "phase", game.Phase(m.Phase).String(), "map", m.Map, "winner", m.Winner)
}
