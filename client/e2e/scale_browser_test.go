//go:build linux

package e2e_test

// The page at any window size and pixel density: Ebiten's canvas fills
// the window and its backing store has one pixel per device pixel, so
// nothing is scaled up (blurred) by the browser.

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// canvasFit is what the page reports of the canvas against the window.
type canvasFit struct {
	CSSW, CSSH     float64 // the canvas's laid-out size, CSS pixels
	W, H           int     // its backing store
	InnerW, InnerH float64 // the window's
	DPR            float64
	ScrollW        float64 // the page's width: wider than the window means scrollbars
}

const canvasFitJS = `(() => {
	const c = document.querySelector("canvas"), r = c.getBoundingClientRect();
	return {CSSW: r.width, CSSH: r.height, W: c.width, H: c.height,
		InnerW: innerWidth, InnerH: innerHeight, DPR: devicePixelRatio,
		ScrollW: document.documentElement.scrollWidth};
})()`

// TestBrowserCanvasSharpAtAnySize: at a desktop size, a phone in portrait
// at 3x and a tablet at 2x (each from page load), and after a resize, the
// canvas covers the window exactly, without scrollbars, and its backing
// store is its size times devicePixelRatio.
func TestBrowserCanvasSharpAtAnySize(t *testing.T) {
	requireE2E(t)
	chromium := requireTool(t, "chromium")
	base := startServer(t, "-min-players", "0")
	ctx := newBrowser(t, chromium)
	check := func(name string) {
		t.Helper()
		var fit canvasFit
		waitFor(t, 30*time.Second, name+": the canvas fitted to the window", func() bool {
			f, err := chromedp.Run(ctx, chromedp.Evaluate[canvasFit](canvasFitJS))
			if err != nil {
				return false
			}
			fit = f
			return f.W > 16 && math.Abs(float64(f.W)-f.CSSW*f.DPR) <= 1 && math.Abs(float64(f.H)-f.CSSH*f.DPR) <= 1
		})
		if fit.CSSW != fit.InnerW || fit.CSSH != fit.InnerH || fit.ScrollW > fit.InnerW {
			t.Errorf("%s: canvas %vx%v CSS px in a %vx%v window (page %v wide)", name, fit.CSSW, fit.CSSH, fit.InnerW, fit.InnerH, fit.ScrollW)
		}
		t.Logf("%s: canvas %vx%v CSS px, backing %dx%d at devicePixelRatio %v", name, fit.CSSW, fit.CSSH, fit.W, fit.H, fit.DPR)
		if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
			saveArtifact(t, "scale-"+name+".png", shot)
		}
	}
	for _, tc := range []struct {
		w, h int64
		dpr  float64
	}{{1280, 720, 1}, {390, 844, 3}, {820, 1180, 2}} {
		name := fmt.Sprintf("%dx%d@%vx", tc.w, tc.h, tc.dpr)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(tc.w, tc.h, chromedp.EmulateScale(tc.dpr))); err != nil {
			t.Fatalf("%s: emulate: %v", name, err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
			t.Fatalf("%s: open: %v", name, err)
		}
		check(name)
	}
	// A resize while the game runs (the last page, at 2x).
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1000, 600, chromedp.EmulateScale(2))); err != nil {
		t.Fatal(err)
	}
	check("resized-1000x600@2x")
}
