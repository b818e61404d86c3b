//go:build linux

package e2e_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserSettingsPersist: in the browser the settings live in the
// page's localStorage. Settings changed with the arrow keys are stored
// there; after a reload the game has read them back (a further step starts
// from the stored value), and the name typed before the reload joins again
// with Enter alone.
func TestBrowserSettingsPersist(t *testing.T) {
	requireE2E(t)
	chromium := requireTool(t, "chromium")
	base := startServer(t, "-min-players", "0")
	ctx := openGame(t, chromium, base+"/?probe=1")
	waitScene(t, ctx, "title")

	// Down to Settings, Enter, Right: the volume goes from 70 to 80.
	toSettings := func() {
		for range 4 {
			holdKey(t, ctx, kb.ArrowDown)
		}
		holdKey(t, ctx, kb.Enter)
		waitScene(t, ctx, "settings")
		holdKey(t, ctx, kb.ArrowRight)
	}
	toSettings()
	waitFor(t, 20*time.Second, "volume 80 in localStorage", func() bool {
		return browserSettings(t, ctx).Volume == 80
	})
	holdKey(t, ctx, kb.Escape)
	waitScene(t, ctx, "title")

	// A name, up to Quick play (the title kept its focus on Settings) and
	// Enter: the player joins and the name is stored.
	const name = "storedname"
	for range 4 {
		holdKey(t, ctx, kb.ArrowUp)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(name), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "the player in a room", func() bool { return playerInRooms(base, name) })
	if s := browserSettings(t, ctx); s.Name != name {
		t.Fatalf("stored name %q, want %q", s.Name, name)
	}

	// Reload: the player leaves; the page starts over from localStorage.
	if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("canvas"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "the player gone after the reload", func() bool { return !playerInRooms(base, name) })
	waitScene(t, ctx, "title")
	toSettings()
	waitFor(t, 20*time.Second, "volume 90 in localStorage (80 read back, one step up)", func() bool {
		return browserSettings(t, ctx).Volume == 90
	})
	holdKey(t, ctx, kb.Escape)
	waitScene(t, ctx, "title")
	for range 4 {
		holdKey(t, ctx, kb.ArrowUp)
	}
	holdKey(t, ctx, kb.Enter) // no name typed: the remembered one
	waitFor(t, 30*time.Second, "the remembered name in a room", func() bool { return playerInRooms(base, name) })
}

// waitScene waits until the page's probe says the game draws scene.
func waitScene(t *testing.T, ctx context.Context, scene string) {
	t.Helper()
	waitFor(t, 60*time.Second, "the "+scene+" scene", func() bool {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(window.arenaProbe && window.arenaProbe.scene) || ""`))
		return err == nil && s == scene
	})
}

// browserSettings reads the game's settings from the page's localStorage.
func browserSettings(t *testing.T, ctx context.Context) savedSettings {
	t.Helper()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`localStorage.getItem("arena.settings") || ""`))
	if err != nil {
		t.Fatalf("read localStorage: %v", err)
	}
	var s savedSettings
	json.Unmarshal([]byte(raw), &s)
	return s
}

// holdKey presses a key (a kb constant), holds it long enough for a frame
// of a loaded machine to see it, and releases it.
func holdKey(t *testing.T, ctx context.Context, key string) {
	t.Helper()
	keys := kb.Encode([]rune(key)[0])
	if err := chromedp.Do(ctx, keyEvents(keys[:len(keys)-1]...)); err != nil {
		t.Fatalf("press %q: %v", key, err)
	}
	time.Sleep(250 * time.Millisecond)
	if err := chromedp.Do(ctx, keyEvents(keys[len(keys)-1])); err != nil {
		t.Fatalf("release %q: %v", key, err)
	}
	time.Sleep(150 * time.Millisecond)
}
