package model

// The replay viewer's camera and controls, without a display: a free
// camera that pans, or one that follows a player; playback speeds in
// steps; the status line.

import (
	"fmt"
	"math"
	"time"

	"arena/game"
)

// ReplaySpeeds are the playback speeds the viewer steps through.
var ReplaySpeeds = [...]float64{0.25, 0.5, 1, 2, 4}

// NextReplaySpeed returns the speed one step faster (up) or slower than
// cur, staying within ReplaySpeeds.
func NextReplaySpeed(cur float64, up bool) float64 {
	i := 0
	for j, s := range ReplaySpeeds {
		if s <= cur+1e-9 {
			i = j
		}
	}
	if up {
		i = min(i+1, len(ReplaySpeeds)-1)
	} else if ReplaySpeeds[i] >= cur-1e-9 {
		i = max(i-1, 0)
	}
	return ReplaySpeeds[i]
}

// ReplayPanSpeed is how fast the free camera pans with the keys, in
// world units per second.
const ReplayPanSpeed = 900

// ReplayCamera is the replay viewer's camera: free (Focus moves by keys
// and drags) or following a player (Follow, by ID). The zero value is a
// free camera at the world's origin; Center puts it on a map.
type ReplayCamera struct {
	Focus  game.Vec2     // the world point at the screen's centre
	Follow game.PlayerID // 0: free
	drag   bool
	dragX  float64 // the cursor at the last frame of a drag, screen pixels
	dragY  float64
}

// Center frees the camera and puts it on the middle of m.
func (c *ReplayCamera) Center(m *game.Map) {
	c.Follow = 0
	c.Focus = game.Vec2{X: m.Width / 2, Y: m.Height / 2}
}

// Pan moves a free camera by (dx, dy) in [-1, 1] for dt at
// ReplayPanSpeed; panning a following camera frees it where it was.
func (c *ReplayCamera) Pan(dx, dy float64, dt time.Duration) {
	if dx == 0 && dy == 0 {
		return
	}
	c.Follow = 0
	c.Focus.X += dx * ReplayPanSpeed * dt.Seconds()
	c.Focus.Y += dy * ReplayPanSpeed * dt.Seconds()
}

// Drag takes the cursor at (x, y) with the button down or not: while it
// is held, the world follows the cursor (the camera moves against it).
func (c *ReplayCamera) Drag(x, y float64, down bool) {
	if !down {
		c.drag = false
		return
	}
	if c.drag && (x != c.dragX || y != c.dragY) {
		c.Follow = 0
		c.Focus.X -= x - c.dragX
		c.Focus.Y -= y - c.dragY
	}
	c.drag, c.dragX, c.dragY = true, x, y
}

// FollowNth follows the n-th player shown (1 first, by ID) and reports
// whether there is one; 0 frees the camera.
func (c *ReplayCamera) FollowNth(n int, players []game.PlayerID) bool {
	if n == 0 {
		c.Follow = 0
		return true
	}
	if n < 1 || n > len(players) {
		return false
	}
	c.Follow = players[n-1]
	return true
}

// Update moves a following camera onto its player, at pos when shown;
// a player no longer shown frees the camera where it was.
func (c *ReplayCamera) Update(pos game.Vec2, shown bool) {
	if c.Follow == 0 {
		return
	}
	if !shown {
		c.Follow = 0
		return
	}
	c.Focus = pos
}

// Clamp keeps the free camera's focus on a map of size (w, h).
func (c *ReplayCamera) Clamp(w, h float64) {
	c.Focus.X = min(max(c.Focus.X, 0), w)
	c.Focus.Y = min(max(c.Focus.Y, 0), h)
}

// ReplayStatus is the viewer's status line: where the playback is of how
// long, its speed and whether it is paused or at the end, e.g.
// "1:05 / 5:00 · 2x · paused".
func ReplayStatus(tick, length uint32, tickRate int, speed float64, paused, ended bool) string {
	clock := func(ticks uint32) string {
		secs := int(ticks) / max(tickRate, 1)
		return fmt.Sprintf("%d:%02d", secs/60, secs%60)
	}
	at, all := clock(tick), clock(length)
	s := fmt.Sprintf("%s / %s · %gx", at, all, speed)
	switch {
	case ended:
		s += " · end"
	case paused:
		s += " · paused"
	}
	return s
}

// ReplayHelp lists the viewer's keys.
const ReplayHelp = "Space pause · [ ] speed · , . -/+10 s · Home restart · 1-9 follow · 0 free · WASD/arrows/drag pan · Tab scores · Esc menu"

// ReplayBarSeek returns the tick of a recording of length ticks that a
// click at (x, y) on its progress bar bar asks for, and whether the
// click is on the bar (a few pixels above and below count).
func ReplayBarSeek(x, y float64, bar Rect, length uint32) (int64, bool) {
	const slack = 8
	if bar.W <= 0 || x < bar.X || x > bar.Right() || y < bar.Y-slack || y > bar.Bottom()+slack {
		return 0, false
	}
	return int64(math.Round((x - bar.X) / bar.W * float64(length))), true
}
