package model_test

import (
	"testing"
	"time"

	"arena/client/ui/model"
	"arena/game"
)

func TestNextReplaySpeed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		cur  float64
		up   bool
		want float64
	}{
		{1, true, 2}, {2, true, 4}, {4, true, 4}, {1, false, 0.5}, {0.25, false, 0.25}, {0.5, false, 0.25}, {3, false, 2}, {3, true, 4},
	} {
		if got := model.NextReplaySpeed(tc.cur, tc.up); got != tc.want {
			t.Errorf("NextReplaySpeed(%v, %v) = %v, want %v", tc.cur, tc.up, got, tc.want)
		}
	}
}

// TestReplayCamera: the free camera pans with keys and drags; following
// a player puts it on that player until a pan frees it or the player is
// gone.
func TestReplayCamera(t *testing.T) {
	t.Parallel()
	var c model.ReplayCamera
	c.Center(&game.Map{Width: 2000, Height: 1000})
	if c.Focus != (game.Vec2{X: 1000, Y: 500}) || c.Follow != 0 {
		t.Fatalf("centred: %+v", c)
	}
	c.Pan(1, 0, time.Second/2)
	if c.Focus.X != 1000+model.ReplayPanSpeed/2 {
		t.Fatalf("panned right half a second: %+v", c.Focus)
	}
	c.Drag(100, 100, true)
	c.Drag(130, 90, true) // the world moves with the cursor: the camera against it
	c.Drag(130, 90, false)
	c.Drag(500, 500, false)
	if c.Focus.X != 1000+model.ReplayPanSpeed/2-30 || c.Focus.Y != 510 {
		t.Fatalf("after a drag by (30, -10): %+v", c.Focus)
	}
	ids := []game.PlayerID{3, 7}
	if !c.FollowNth(2, ids) || c.Follow != 7 || c.FollowNth(3, ids) {
		t.Fatalf("FollowNth: %+v", c)
	}
	c.Update(game.Vec2{X: 10, Y: 20}, true)
	if c.Focus != (game.Vec2{X: 10, Y: 20}) || c.Follow != 7 {
		t.Fatalf("following: %+v", c)
	}
	c.Pan(0, -1, time.Second/10)
	if c.Follow != 0 || c.Focus.Y != 20-model.ReplayPanSpeed/10 {
		t.Fatalf("a pan frees the camera where it was: %+v", c)
	}
	c.FollowNth(1, ids)
	c.Update(game.Vec2{}, false)
	if c.Follow != 0 {
		t.Fatal("a player no longer shown is still followed")
	}
	c.Clamp(2000, 1000)
	if c.Focus.Y < 0 {
		t.Fatalf("clamped: %+v", c.Focus)
	}
}

func TestReplayStatus(t *testing.T) {
	t.Parallel()
	if got := model.ReplayStatus(65*60+30, 300*60, 60, 2, true, false); got != "1:05 / 5:00 · 2x · paused" {
		t.Errorf("status %q", got)
	}
	if got := model.ReplayStatus(300*60, 300*60, 60, 0.25, true, true); got != "5:00 / 5:00 · 0.25x · end" {
		t.Errorf("status at the end %q", got)
	}
}

func TestReplayBarSeek(t *testing.T) {
	t.Parallel()
	bar := model.Rect{X: 100, Y: 600, W: 1000, H: 4}
	for _, tc := range []struct {
		x, y float64
		tick int64
		ok   bool
	}{
		{100, 602, 0, true}, {600, 598, 1800, true}, {1100, 610, 3600, true},
		{99, 602, 0, false}, {600, 580, 0, false}, {1101, 602, 0, false},
	} {
		tick, ok := model.ReplayBarSeek(tc.x, tc.y, bar, 3600)
		if tick != tc.tick || ok != tc.ok {
			t.Errorf("ReplayBarSeek(%v, %v) = %d, %v; want %d, %v", tc.x, tc.y, tick, ok, tc.tick, tc.ok)
		}
	}
}
