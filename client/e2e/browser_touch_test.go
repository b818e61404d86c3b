//go:build linux

package e2e_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"arena/client/ui/model"
)

// TestBrowserTouchPlays plays with touch alone, as on a phone: a tap on
// Quick play joins, and a thumb held on the left half of the screen and
// pushed right moves the player right (the probe's drawn position, and
// the server seeing the player). A screenshot shows the sticks.
func TestBrowserTouchPlays(t *testing.T) {
	requireE2E(t)
	chromium := requireTool(t, "chromium")
	base := startServer(t, "-min-players", "0")
	ctx := openGame(t, chromium, base+"/?probe=1")
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 5})
		return err
	})); err != nil {
		t.Fatalf("touch emulation: %v", err)
	}
	waitScene(t, ctx, "title")

	// Where a logical point of the game is on the page, as Layout maps it.
	size, err := chromedp.Run(ctx, chromedp.Evaluate[[3]float64](`[innerWidth, innerHeight, devicePixelRatio]`))
	if err != nil {
		t.Fatal(err)
	}
	vp := model.NewViewport(size[0], size[1], size[2], 1280, 720)
	page := func(x, y float64) (float64, float64) {
		dx, dy := vp.ToDevice(x, y)
		return dx / size[2], dy / size[2]
	}

	// Tap Quick play (the first button: 420 x 44 from (430, 318)).
	x, y := page(640, 340)
	touch(t, ctx, input.DispatchTouchEventTypeTouchStart, x, y)
	time.Sleep(250 * time.Millisecond)
	touch(t, ctx, input.DispatchTouchEventTypeTouchEnd, 0, 0)
	p := waitProbe(t, ctx, "the match with the local player drawn", func(p probe) bool { return p.Playing && p.Local && p.Alive })
	if !playerInRooms(base, "player") {
		t.Fatal("the server does not see the player the tap joined")
	}

	// A thumb down on the left half, pushed 80 px right and held.
	sx, sy := page(250, 450)
	touch(t, ctx, input.DispatchTouchEventTypeTouchStart, sx, sy)
	mx, my := page(250+80, 450)
	for range 10 { // moves as a finger does, a few a second
		touch(t, ctx, input.DispatchTouchEventTypeTouchMove, mx, my)
		time.Sleep(100 * time.Millisecond)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err == nil {
		saveArtifact(t, "touch.png", shot)
	}
	q := waitProbe(t, ctx, "the player moved right by the left stick", func(q probe) bool { return q.X > p.X+50 })
	touch(t, ctx, input.DispatchTouchEventTypeTouchEnd, 0, 0)
	if d := q.Y - p.Y; d > 40 || d < -40 {
		t.Errorf("pushed right, the player moved %.0f units vertically", d)
	}
}

// touch dispatches one touch event with one finger at (x, y) in CSS
// pixels (none for touchEnd).
func touch(t *testing.T, ctx context.Context, typ input.DispatchTouchEventType, x, y float64) {
	t.Helper()
	params := input.DispatchTouchEventParams{Type: typ, TouchPoints: []*input.TouchPoint{}}
	if typ != input.DispatchTouchEventTypeTouchEnd {
		id := 1.0
		params.TouchPoints = []*input.TouchPoint{{X: x, Y: y, ID: &id}}
	}
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, params)
		return err
	})); err != nil {
		t.Fatalf("touch %s: %v", typ, err)
	}
}
