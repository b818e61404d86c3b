package model

// The kill feed's lines: who killed whom, with what; a line of the local
// player's stands out, and new lines slide in.

import (
	"time"

	"arena/game"
)

// Weapon is a weapon as the HUD names and draws it.
type Weapon uint8

// The weapons. WeaponUnknown draws no icon (an event that does not say).
const (
	WeaponUnknown Weapon = iota
	WeaponBlaster        // the hitscan blaster
	WeaponRocket         // the rocket launcher: a projectile with splash
)

// String is the weapon's name on the HUD.
func (w Weapon) String() string {
	switch w {
	case WeaponBlaster:
		return "Blaster"
	case WeaponRocket:
		return "Rocket"
	}
	return ""
}

// KillSlideIn is how long a new kill-feed line takes to slide in.
const KillSlideIn = 180 * time.Millisecond

// KillLine is the feed line for killer (name) killing victim (name) with
// weapon at now; local is the local player. A killer of 0 or the victim
// itself is a death with no killer ("X died").
func KillLine(killer game.PlayerID, killerName string, victim game.PlayerID, victimName string, weapon Weapon, local game.PlayerID, now time.Time) FeedLine {
	l := FeedLine{Born: now, Kill: true, Weapon: weapon, Mine: local != 0 && (killer == local || victim == local)}
	if killer == 0 || killer == victim {
		l.Parts = [3]LinePart{{Text: victimName, Who: victim}, {Text: " died"}}
		l.Kill = false
		return l
	}
	l.Parts = [3]LinePart{{Text: killerName, Who: killer}, {}, {Text: victimName, Who: victim}}
	return l
}

// KillSlide is how far (0..1 of its width) a kill-feed line is still off
// to the right at now: 1 when it arrives, 0 once it has slid in.
func KillSlide(l *FeedLine, now time.Time) float64 {
	age := now.Sub(l.Born)
	if age >= KillSlideIn || age < 0 {
		return 0
	}
	f := 1 - float64(age)/float64(KillSlideIn)
	return f * f // eases out: fast at first, settling
}
