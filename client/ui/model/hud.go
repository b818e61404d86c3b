package model

// Where the match HUD's pieces go on a screen of any size, and the words
// and numbers they show: the match clock, the health bar's fill, the
// weapon's cooldown.

import (
	"fmt"
	"time"
)

// HUDMargin is the gap between the HUD and the screen's edges.
const HUDMargin = 14

// HUDLayout is where the HUD's panels go. Corners are kept for what is
// read at a glance (you: bottom left; your weapon: bottom right; the
// clock: top centre; the kill feed: top right, under the minimap), the
// middle is left to the game.
type HUDLayout struct {
	Status   Rect // top left: name, score, ping, room
	Timer    Rect // top centre: the match clock and phase
	Minimap  Rect // top right
	KillFeed Rect // right, under the minimap: lines stack down from its top
	Health   Rect // bottom left: the health bar and number
	Weapon   Rect // bottom right: weapon name, ammo, cooldown
	Chat     Rect // left, above the health bar: lines stack up from its bottom
	Help     Rect // bottom centre: the keys
}

// Sizes of the HUD's fixed panels.
const (
	statusW, statusH   = 360, 58
	timerW, timerH     = 200, 64
	healthW, healthH   = 300, 54
	weaponW, weaponH   = 260, 54
	minimapMaxW        = 240
	minimapMaxH        = 180
	killFeedH          = 5 * 30
	chatW              = 640
	chatH              = 6 * 24
	helpH              = 20
	minimapScreenShare = 0.22 // of the screen's width, at most
)

// LayoutHUD places the HUD on a screen of size (w, h) for a map of size
// (mapW, mapH): the minimap keeps the map's proportions. On a screen too
// small for everything the panels shrink toward the corners rather than
// overlap the ones beside them (down to about 800 x 450).
func LayoutHUD(w, h, mapW, mapH float64) HUDLayout {
	m := float64(HUDMargin)
	var l HUDLayout
	l.Status = Rect{X: m, Y: m, W: min(statusW, w*0.3), H: statusH}
	l.Timer = Rect{X: (w - timerW) / 2, Y: m, W: timerW, H: timerH}

	mw, mh := fitBox(mapW, mapH, min(minimapMaxW, w*minimapScreenShare), min(minimapMaxH, h*0.25))
	l.Minimap = Rect{X: w - m - mw, Y: m, W: mw, H: mh}
	feedW := min(420, w/2-timerW/2-2*m)
	l.KillFeed = Rect{X: w - m - feedW, Y: l.Minimap.Bottom() + 10, W: feedW, H: killFeedH}

	l.Health = Rect{X: m, Y: h - m - healthH, W: min(healthW, w*0.3), H: healthH}
	l.Weapon = Rect{X: w - m - min(weaponW, w*0.3), Y: h - m - weaponH, W: min(weaponW, w*0.3), H: weaponH}
	l.Help = Rect{X: l.Health.Right() + m, Y: h - m - helpH, W: l.Weapon.X - l.Health.Right() - 2*m, H: helpH}
	ch := min(chatH, l.Health.Y-m-l.Status.Bottom()-2*m)
	l.Chat = Rect{X: m, Y: l.Health.Y - m - ch, W: min(chatW, w/2), H: ch}
	return l
}

// fitBox is the largest size of a box with the proportions of (w, h) that
// fits in (maxW, maxH).
func fitBox(w, h, maxW, maxH float64) (float64, float64) {
	if w <= 0 || h <= 0 {
		return maxW, maxH
	}
	s := min(maxW/w, maxH/h)
	return w * s, h * s
}

// MatchClock is how a match timer reads: minutes and seconds left,
// rounded up, so "0:01" shows through the last second and "0:00" only
// once time is up; "10:00" for ten minutes. Negative is "0:00".
func MatchClock(left time.Duration) string {
	if left < 0 {
		left = 0
	}
	secs := int((left + time.Second - 1) / time.Second)
	return fmt.Sprintf("%d:%02d", secs/60, secs%60)
}

// CountdownNumber is the big number shown before a match starts: the
// whole seconds left, rounded up (3, 2, 1), and 0 once it is over.
func CountdownNumber(left time.Duration) int {
	if left <= 0 {
		return 0
	}
	return int((left + time.Second - 1) / time.Second)
}

// CountdownPulse is the countdown number's scale at left: each number
// starts large and settles over its second (1.6 down to 1), so a new
// number is seen to arrive.
func CountdownPulse(left time.Duration) float64 {
	if left <= 0 {
		return 1
	}
	into := time.Second - (left % time.Second) // time since this number appeared
	if left%time.Second == 0 {
		into = 0
	}
	f := min(float64(into)/float64(300*time.Millisecond), 1)
	return 1.6 - 0.6*f
}

// ClockUrgent reports whether the match clock should show as urgent: the
// last 30 seconds of play.
func ClockUrgent(left time.Duration) bool { return left > 0 && left <= 30*time.Second }

// HealthFill is the share of the health bar filled, 0..1.
func HealthFill(health, maxHealth int) float64 {
	if maxHealth <= 0 {
		return 0
	}
	return min(max(float64(health)/float64(maxHealth), 0), 1)
}

// ReadyFill is the share of a weapon's cooldown bar filled: 1 when it can
// fire, rising from 0 as the cooldown (left of total) runs out.
func ReadyFill(left, total int) float64 {
	if total <= 0 || left <= 0 {
		return 1
	}
	return min(max(1-float64(left)/float64(total), 0), 1)
}

// Cooldown follows the local player's weapon cooldown frame by frame to
// size the HUD's bar: the blaster and the rocket recharge for different
// times (and a rocket holds back either weapon), so the bar's full
// length is the cooldown as it was when it last started.
type Cooldown struct {
	total, last int
}

// Observe takes the ticks left now and returns the bar's fill, 0..1.
func (c *Cooldown) Observe(left int) float64 {
	if left > c.last || c.total < left {
		c.total = left // a new shot: the cooldown jumped up
	}
	c.last = left
	if left <= 0 {
		c.total = 0
	}
	return ReadyFill(left, c.total)
}
