package client

import "arena/game"

// simulateCommand is one input of the local player's own timeline as the
// server simulates it (game.SimulateCommand: movement, aim, firing, the
// weapon cooldown), plus the spawn protection counting down: the server
// counts it per tick, which is per input while inputs arrive in time.
func simulateCommand(m *game.Map, p *game.Player, in game.Input, dt float64, cooldown int) bool {
	fired := game.SimulateCommand(m, p, in, dt, cooldown)
	if p.ProtectTicks > 0 {
		p.ProtectTicks--
	}
	return fired
}
