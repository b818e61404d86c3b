package prom_test

import (
	"testing"
	"time"

	"arena/server"
)

// TestBotsGauge: a person alone in a room filled to three players shows as
// one player and two bots.
func TestBotsGauge(t *testing.T) {
	t.Parallel()
	_, wsURL, metricsURL := startServerWith(t, func(c *server.Config) { c.MinPlayers = 3 })
	joinPlayer(t, wsURL, "alice")
	var players, bots float64
	waitFor(t, 5*time.Second, "one player and two bots", func() bool {
		fams := scrape(t, metricsURL)
		players, _ = value(fams, "gameserver_players")
		bots, _ = value(fams, "gameserver_bots")
		return players == 1 && bots == 2
	})
}
