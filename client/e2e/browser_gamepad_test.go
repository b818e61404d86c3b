//go:build linux

package e2e_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// fakeGamepadJS replaces the page's navigator.getGamepads with one pad in
// the standard layout that the test presses through window.fakePad (what
// Ebiten reads each frame).
const fakeGamepadJS = `
window.fakePad = {id: "arena test pad", index: 0, connected: true, mapping: "standard", timestamp: 0,
  buttons: Array.from({length: 17}, () => ({pressed: false, touched: false, value: 0})),
  axes: [0, 0, 0, 0]};
Object.defineProperty(Navigator.prototype, "getGamepads", {value: () => [window.fakePad, null, null, null]});
`

// Standard-layout button indices (the W3C Gamepad mapping).
const (
	padA     = 0
	padB     = 1
	padStart = 9
	padUp    = 12
	padDown  = 13
	padRight = 15
)

// TestBrowserGamepad plays with a gamepad alone (a fake one in Chromium,
// in the standard layout): the d-pad and A reach the settings and change
// the volume, B goes back, A on Quick play joins, the left stick moves the
// player right, Start opens the pause menu and B closes it.
func TestBrowserGamepad(t *testing.T) {
	requireE2E(t)
	chromium := requireTool(t, "chromium")
	base := startServer(t, "-min-players", "0")
	ctx := openGame(t, chromium, base+"/?probe=1")
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fakeGamepadJS})
		return err
	}), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("canvas"))); err != nil {
		t.Fatalf("fake gamepad: %v", err)
	}
	waitScene(t, ctx, "title")

	// Ebiten reads the pad once a frame, and headless Chromium on a loaded
	// machine draws a few frames a second: press until the probe shows the
	// press took.
	until := func(what string, act func(), done func(sceneProbe) bool) sceneProbe {
		t.Helper()
		var last sceneProbe
		waitFor(t, 40*time.Second, what, func() bool {
			if last = readSceneProbe(t, ctx); done(last) {
				return true
			}
			act()
			time.Sleep(600 * time.Millisecond)
			last = readSceneProbe(t, ctx)
			return done(last)
		})
		return last
	}
	focus := func(target int, what string) {
		t.Helper()
		until(what, func() {
			if f := readSceneProbe(t, ctx).Focus; f < target {
				padPress(t, ctx, padDown)
			} else if f > target {
				padPress(t, ctx, padUp)
			}
		}, func(p sceneProbe) bool { return p.Focus == target })
	}

	focus(4, "Settings focused by the d-pad")
	until("the settings by A", func() { padPress(t, ctx, padA) }, func(p sceneProbe) bool { return p.Scene == "settings" })
	time.Sleep(time.Second)
	v0 := browserSettings(t, ctx).Volume // 70 (none stored yet), or more if an A landed here
	if v0 == 0 {
		v0 = 70
	}
	until("the volume up by the d-pad", func() { padPress(t, ctx, padRight) }, func(sceneProbe) bool { return browserSettings(t, ctx).Volume > v0 })
	until("the title by B", func() { padPress(t, ctx, padB) }, func(p sceneProbe) bool { return p.Scene == "title" })
	focus(0, "Quick play focused by the d-pad")
	until("the match by A", func() { padPress(t, ctx, padA) }, func(p sceneProbe) bool { return p.Scene == "play" })
	p := waitProbe(t, ctx, "the match with the local player drawn", func(p probe) bool { return p.Playing && p.Local && p.Alive })

	padAxis(t, ctx, 0, 1) // left stick right
	q := waitProbe(t, ctx, "the player moved right by the left stick", func(q probe) bool { return q.X > p.X+50 })
	padAxis(t, ctx, 0, 0)
	if d := q.Y - p.Y; d > 40 || d < -40 {
		t.Errorf("stick right, the player moved %.0f units vertically", d)
	}

	until("the pause menu by Start", func() { padPress(t, ctx, padStart) }, func(p sceneProbe) bool { return p.Scene == "paused" })
	until("the match by B", func() { padPress(t, ctx, padB) }, func(p sceneProbe) bool { return p.Scene == "play" })
}

// sceneProbe is the probe's word on the scene and its menu.
type sceneProbe struct {
	Scene string `json:"scene"`
	Focus int    `json:"focus"`
}

func readSceneProbe(t *testing.T, ctx context.Context) sceneProbe {
	t.Helper()
	p, _ := chromedp.Run(ctx, chromedp.Evaluate[sceneProbe](`window.arenaProbe || {}`))
	return p
}

// padPress presses a button of the fake pad for a few frames and releases it.
func padPress(t *testing.T, ctx context.Context, button int) {
	t.Helper()
	set := func(on bool) {
		v := 0
		if on {
			v = 1
		}
		js := fmt.Sprintf(`window.fakePad.buttons[%d] = {pressed: %t, touched: %t, value: %d}; window.fakePad.timestamp++`, button, on, on, v)
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
			t.Fatalf("pad button %d: %v", button, err)
		}
	}
	set(true)
	time.Sleep(250 * time.Millisecond)
	set(false)
	time.Sleep(250 * time.Millisecond)
}

// padAxis sets an axis of the fake pad.
func padAxis(t *testing.T, ctx context.Context, axis int, v float64) {
	t.Helper()
	js := fmt.Sprintf(`window.fakePad.axes[%d] = %g; window.fakePad.timestamp++`, axis, v)
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		t.Fatalf("pad axis %d: %v", axis, err)
	}
}
