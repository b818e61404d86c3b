package model

// Death and respawn feedback for the local player: who killed you, the
// screen dimming while you wait, the countdown, and a flash when you are
// back.

import (
	"fmt"
	"time"

	"arena/game"
)

// Timings of the death feedback.
const (
	DeathDimIn    = 300 * time.Millisecond // the screen darkens over this after dying
	DeathDimMax   = 0.55                   // how dark it gets, 0..1
	SpawnFlashFor = 600 * time.Millisecond // the flash and ring after respawning
)

// Death follows the local player's deaths and respawns. Observe it every
// frame; tell it Killed when a kill event names the local player as the
// victim. The zero value is a living player.
type Death struct {
	dead      bool
	diedAt    time.Time
	spawnedAt time.Time
	killer    game.PlayerID
	killerNm  string
	seen      bool // alive has been observed at least once
}

// Killed records that killer (name) killed the local player at now; 0 or
// the local player itself is a death without a killer.
func (d *Death) Killed(killer game.PlayerID, name string, local game.PlayerID, now time.Time) {
	if killer == local {
		killer, name = 0, ""
	}
	d.killer, d.killerNm = killer, name
	if !d.dead {
		d.dead, d.diedAt = true, now
	}
}

// Observe takes whether the local player is alive as drawn at now.
func (d *Death) Observe(alive bool, now time.Time) {
	switch {
	case !alive && !d.dead:
		d.dead, d.diedAt = true, now
	case alive && d.dead:
		d.dead = false
		if d.seen {
			d.spawnedAt = now
		}
		d.killer, d.killerNm = 0, ""
	}
	d.seen = true
}

// Dead reports whether the local player is dead.
func (d *Death) Dead() bool { return d.dead }

// Killer is who killed the local player, 0 when no one (or not known).
func (d *Death) Killer() game.PlayerID { return d.killer }

// Title is the death screen's headline.
func (d *Death) Title() string {
	if d.killer == 0 || d.killerNm == "" {
		return "You died"
	}
	return "Killed by " + d.killerNm
}

// Dim is how dark the screen is drawn over the game at now, 0..DeathDimMax.
func (d *Death) Dim(now time.Time) float32 {
	if !d.dead {
		return 0
	}
	f := float64(now.Sub(d.diedAt)) / float64(DeathDimIn)
	return float32(DeathDimMax * min(max(f, 0), 1))
}

// Flash is the respawn flash's strength at now, 1 at the respawn fading
// to 0 over SpawnFlashFor; 0 for a player never seen dead.
func (d *Death) Flash(now time.Time) float32 {
	if d.dead || d.spawnedAt.IsZero() {
		return 0
	}
	return FadeOut(now.Sub(d.spawnedAt), SpawnFlashFor, SpawnFlashFor)
}

// RespawnLine is the countdown under the death title.
func RespawnLine(in time.Duration) string {
	if in <= 0 {
		return "Respawning…"
	}
	return fmt.Sprintf("Respawn in %.1f s", in.Seconds())
}
