package game

// CommandFunc simulates one command of a player's own timeline on m, as
// its mode's Step does for that player, and reports whether the player
// fired: what a client predicts its own player with.
type CommandFunc func(m *Map, p *Player, in Input) (fired bool)

// PredictMode returns how mode (a Rules' Mode, as Welcome names it)
// simulates one command at tickRate, and the constants a server of that
// mode sends in Welcome's rules which this package's simulation assumes:
// a client whose constants differ would mispredict. ok is false for a
// mode this package does not know, or a tick rate the mode cannot play.
func PredictMode(mode string, tickRate int) (sim CommandFunc, params []Param, ok bool) {
	if tickRate <= 0 {
		return nil, nil, false
	}
	dt := 1 / float64(tickRate)
	switch mode {
	case ModeArena:
		cooldown := int(HitscanCooldown*float64(tickRate) + 0.5)
		return func(m *Map, p *Player, in Input) bool {
			return SimulateCommand(m, p, in, dt, cooldown)
		}, ArenaParams(tickRate), true
	case ModeBench:
		if tickRate != BenchTickRate {
			return nil, nil, false
		}
		return func(_ *Map, p *Player, in Input) bool {
			return SimulateBenchCommand(p, in, dt)
		}, BenchParams(), true
	}
	return nil, nil, false
}
