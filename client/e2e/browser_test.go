//go:build linux

package e2e_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserClientJoins opens the page the server serves in headless
// Chromium, types a name and presses Enter as a person would, checks that the
// server sees the player, and that the rendered page is not blank.
func TestBrowserClientJoins(t *testing.T) {
	requireE2E(t)
	chromium := requireTool(t, "chromium")
	base := startServer(t)
	ctx := openGame(t, chromium, base+"/")
	const name = "webtester"
	waitFor(t, 60*time.Second, "the browser player in /rooms", func() bool {
		// Type the name and press Enter on the title scene; repeat until it
		// has joined (the first keys may arrive before the scene reads input).
		_ = chromedp.Do(ctx,
			chromedp.MouseClickXY(8, 288), // focus the canvas: its left edge, away from the menu's buttons
			chromedp.KeyEvent(kb.End),
			chromedp.KeyEvent(strings.Repeat(kb.Backspace, 16)),
			chromedp.KeyEvent(name),
			chromedp.KeyEvent(kb.Enter),
			chromedp.Sleep(2*time.Second),
		)
		return playerInRooms(base, name)
	})

	time.Sleep(time.Second) // a few frames of the game scene
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	saveArtifact(t, "browser.png", shot)
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("decode screenshot: %v", err)
	}
	if n := distinctColors(img, 64); n < 8 {
		t.Fatalf("the screenshot looks blank: %d distinct colors", n)
	}
}

// openGame starts headless Chromium on url (a page of the server), waits
// until the game has started (Ebiten's canvas is up) and returns the
// browser's context. The browser stops when the test ends.
func openGame(t *testing.T, chromium, url string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("use-angle", "swiftshader"),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 720),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithLogf(t.Logf))
	t.Cleanup(cancel)
	// The first action starts the browser, for the life of ctx: no timeout on it.
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	// Ebiten adds its canvas once game.wasm has loaded and started.
	waitCtx, cancelWait := context.WithTimeout(ctx, 60*time.Second)
	defer cancelWait()
	if err := chromedp.Do(waitCtx, chromedp.WaitVisible(chromedp.CSS("canvas"))); err != nil {
		t.Fatalf("the page did not start the game: %v", err)
	}
	return ctx
}

// distinctColors counts distinct colors in img, up to limit.
func distinctColors(img image.Image, limit int) int {
	seen := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}

// saveArtifact writes a test artifact (a screenshot, figures) to
// $ARENA_ARTIFACTS when set, else to testdata-out/e2e at the repository
// root (gitignored), which outlives the test for a person or CI to keep.
func saveArtifact(t *testing.T, name string, data []byte) {
	t.Helper()
	dir := os.Getenv("ARENA_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(repoRoot(t), "testdata-out", "e2e")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("artifact saved to %s", path)
}
