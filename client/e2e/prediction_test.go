//go:build linux

package e2e_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// rttOneWay is the latency the server's -impair adds each way: a 150 ms
// round trip, the figure the netcode is built for.
const rttOneWay = 75 * time.Millisecond

// probe is window.arenaProbe, what the browser client's last frame drew
// (client/cmd/gameclient/probe_js.go, on with ?probe=1).
type probe struct {
	Frame          uint64  `json:"frame"`
	Playing        bool    `json:"playing"`
	Local          bool    `json:"local"`
	X              float64 `json:"x"`
	Y              float64 `json:"y"`
	Alive          bool    `json:"alive"`
	NetGraph       bool    `json:"netGraph"`
	RTTMs          float64 `json:"rttMs"`
	MinRTTMs       float64 `json:"minRttMs"`
	InputsMade     uint64  `json:"inputsMade"`
	PredictedTicks uint64  `json:"predictedTicks"`
}

// movement is one press of D as watchJS measured it, in the page: the
// frame drawn last before the key went down, and the first frame that drew
// the local player somewhere else.
type movement struct {
	Moved      bool    `json:"moved"`
	PressFrame uint64  `json:"pressFrame"`
	MoveFrame  uint64  `json:"moveFrame"`
	PressMs    float64 `json:"pressMs"` // performance.now()
	MoveMs     float64 `json:"moveMs"`
	// InputsAtPress is how many inputs the session had made when the key
	// went down; AckedAtMove how many of its inputs the server had
	// consumed (by its newest snapshot) when the move was drawn.
	InputsAtPress uint64  `json:"inputsAtPress"`
	AckedAtMove   uint64  `json:"ackedAtMove"`
	FrameMs       float64 `json:"frameMs"` // mean frame interval over the second before the press
}

// watchJS installs the measurement in the page, once: a keydown listener
// (capturing, so it sees the key before the game does) notes the frame
// the game last drew and where the player was; the probe's onframe hook,
// called after every Draw, notes the first frame that drew the player
// elsewhere, and the frame times of the last second. armJS readies it for
// the next press.
const (
	watchJS = `(() => {
	const p = window.arenaProbe;
	const times = [];
	window.arenaMove = {};
	addEventListener("keydown", e => {
		const m = window.arenaMove;
		if (e.code !== "KeyD" || !m.armed || m.pressed) return;
		Object.assign(m, {pressed: true, pressFrame: p.frame, x: p.x, y: p.y,
			pressMs: performance.now(), inputsAtPress: p.inputsMade,
			frameMs: times.length > 1 ? (times[times.length-1] - times[0]) / (times.length-1) : 0});
	}, true);
	p.onframe = q => {
		const now = performance.now();
		times.push(now);
		while (now - times[0] > 1000) times.shift();
		const m = window.arenaMove;
		if (m.pressed && !m.moved && (q.x !== m.x || q.y !== m.y)) {
			Object.assign(m, {moved: true, moveFrame: q.frame, moveMs: now,
				ackedAtMove: q.inputsMade - q.predictedTicks});
		}
	};
})()`
	armJS = `window.arenaMove = {armed: true}`
)

// TestBrowserOwnPlayerMovesWithinTwoFrames is the figure of the netcode:
// through a 150 ms round trip (gameserver -impair), the browser client
// draws its own player moving within two rendered frames of the key
// press, before the server has even consumed an input made since the
// press: the session predicts it. Without prediction the first frame that
// could show it comes after the server's answer, a round trip later. It
// also shows the net graph (F3) and saves it as netgraph.png.
func TestBrowserOwnPlayerMovesWithinTwoFrames(t *testing.T) {
	requireE2E(t)
	chromium := requireTool(t, "chromium")
	start := time.Now()
	// No bots (-min-players 0): a lone player, so nothing but the key
	// press moves it (a bot's kill would respawn it elsewhere).
	base := startServer(t, "-impair", "latency="+rttOneWay.String(), "-min-players", "0")
	ctx := openGame(t, chromium, base+"/?name=prober&probe=1")
	ctx, cancel := context.WithTimeout(ctx, 50*time.Second) // the whole test stays under a minute
	defer cancel()
	// Chromium renders WebGL in software here (SwiftShader): a quarter of
	// the pixels draws about three times as many frames a second, so a
	// frame is short next to the round trip.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(640, 360)); err != nil {
		t.Fatalf("shrink the viewport: %v", err)
	}

	// Joined, alive, and the round trip measured (a Ping a second).
	p := waitProbe(t, ctx, "the local player drawn, alive, with an RTT", func(p probe) bool {
		return p.Playing && p.Local && p.Alive && p.MinRTTMs > 0
	})
	if rtt := 2 * rttOneWay; p.MinRTTMs < float64(rtt.Milliseconds()) {
		t.Fatalf("min RTT %.1f ms through -impair latency=%v, want at least %v: the link is not impaired", p.MinRTTMs, rttOneWay, rtt)
	}
	t.Logf("joined %v after start; RTT %.1f ms (min %.1f)", time.Since(start).Round(time.Millisecond), p.RTTMs, p.MinRTTMs)
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](watchJS)); err != nil {
		t.Fatalf("install the measurement: %v", err)
	}

	const presses = 3
	worst := uint64(0)
	for i := range presses {
		waitStill(t, ctx)
		m := pressAndMeasure(t, ctx)
		frames := m.MoveFrame - m.PressFrame
		worst = max(worst, frames)
		t.Logf("press %d: drawn moving %d frame(s) (%.0f ms) after the key; a frame every %.1f ms, so the %.0f ms round trip is %.1f frames; the server had consumed %d of the %d inputs made before the key",
			i+1, frames, m.MoveMs-m.PressMs, m.FrameMs, p.MinRTTMs, p.MinRTTMs/m.FrameMs, m.AckedAtMove, m.InputsAtPress)
		if frames < 1 || frames > 2 {
			t.Errorf("press %d: the own player was drawn moving %d frames after the key press, want 1 or 2", i+1, frames)
		}
		// What was drawn cannot have come from the server: it had not
		// consumed any input made since the key went down.
		if m.AckedAtMove > m.InputsAtPress {
			t.Errorf("press %d: when the move was drawn the server had consumed %d inputs, %d of them made after the key press: the move was not predicted",
				i+1, m.AckedAtMove, m.AckedAtMove-m.InputsAtPress)
		}
	}
	t.Logf("worst of %d presses: %d frame(s)", presses, worst)

	checkNetGraph(t, ctx)
	t.Logf("test took %v", time.Since(start).Round(time.Millisecond))
}

// waitProbe polls the probe until ok and returns it.
func waitProbe(t *testing.T, ctx context.Context, what string, ok func(probe) bool) probe {
	t.Helper()
	for {
		p, err := chromedp.Run(ctx, chromedp.Evaluate[probe](`window.arenaProbe || {}`))
		if err == nil && ok(p) {
			return p
		}
		select {
		case <-ctx.Done():
			t.Fatalf("waiting for %s: %v (last probe %+v, err %v)", what, ctx.Err(), p, err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// waitStill waits until the local player has been drawn at one place for
// half a second: a press then moves it, nothing else.
func waitStill(t *testing.T, ctx context.Context) {
	t.Helper()
	var last probe
	since := time.Now()
	waitProbe(t, ctx, "the local player standing still", func(p probe) bool {
		if p.X != last.X || p.Y != last.Y || !p.Alive {
			last, since = p, time.Now()
			return false
		}
		return time.Since(since) >= 500*time.Millisecond
	})
}

// pressAndMeasure holds D until the player is drawn moving, releases it
// and returns the measurement.
func pressAndMeasure(t *testing.T, ctx context.Context) movement {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](armJS)); err != nil {
		t.Fatalf("arm the measurement: %v", err)
	}
	keys := kb.Encode('d') // key down, char, key up
	down, up := keys[:len(keys)-1], keys[len(keys)-1:]
	if err := chromedp.Do(ctx, keyEvents(down...)); err != nil {
		t.Fatalf("press D: %v", err)
	}
	var m movement
	deadline := time.Now().Add(5 * time.Second)
	for {
		var err error
		if m, err = chromedp.Run(ctx, chromedp.Evaluate[movement](`window.arenaMove`)); err != nil {
			t.Fatalf("read the movement watch: %v", err)
		}
		if m.Moved || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := chromedp.Do(ctx, keyEvents(up...)); err != nil {
		t.Fatalf("release D: %v", err)
	}
	if !m.Moved {
		t.Fatalf("the player was not drawn moving within 5 s of pressing D (watch %+v)", m)
	}
	return m
}

// checkNetGraph presses F3, checks that the net graph is shown and drawn
// (its panel changes the bottom right of the screen) and saves
// netgraph.png at the full 1280 x 720.
func checkNetGraph(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 720)); err != nil {
		t.Fatalf("restore the viewport: %v", err)
	}
	time.Sleep(500 * time.Millisecond) // the canvas follows the new size
	before := screenshot(t, ctx)
	pressKey(t, ctx, []rune(kb.F3)[0])
	waitProbe(t, ctx, "the net graph shown", func(p probe) bool { return p.NetGraph })
	time.Sleep(1500 * time.Millisecond) // a full rate window and some gaps in the bars
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	saveArtifact(t, "netgraph.png", shot)
	after := decodePNG(t, shot)
	// The panel is 480 x 281 pixels above the key hints in the bottom
	// right corner (client/ui/netgraph.go): most of its pixels change.
	panel := image.Rect(800, 410, 1260, 670)
	if changed := changedShare(before, after, panel); changed < 0.3 {
		t.Fatalf("the net graph's area changed %.0f%% when F3 was pressed, want most of it", 100*changed)
	}
	pressKey(t, ctx, []rune(kb.F3)[0])
	waitProbe(t, ctx, "the net graph hidden", func(p probe) bool { return !p.NetGraph })
}

// keyEvents dispatches key events to the page, as the keyboard would.
func keyEvents(ks ...*input.DispatchKeyEventParams) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, k := range ks {
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, *k); err != nil {
				return err
			}
		}
		return nil
	})
}

// pressKey presses one key, holds it for a few frames and releases it.
func pressKey(t *testing.T, ctx context.Context, r rune) {
	t.Helper()
	keys := kb.Encode(r)
	if err := chromedp.Do(ctx, keyEvents(keys[:len(keys)-1]...)); err != nil {
		t.Fatalf("press %q: %v", r, err)
	}
	time.Sleep(50 * time.Millisecond)
	if err := chromedp.Do(ctx, keyEvents(keys[len(keys)-1])); err != nil {
		t.Fatalf("release %q: %v", r, err)
	}
}

// screenshot captures the page.
func screenshot(t *testing.T, ctx context.Context) image.Image {
	t.Helper()
	b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	return decodePNG(t, b)
}

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode screenshot: %v", err)
	}
	return img
}

// changedShare is the share of the pixels in r (every third) that differ
// between a and b.
func changedShare(a, b image.Image, r image.Rectangle) float64 {
	n, changed := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y += 3 {
		for x := r.Min.X; x < r.Max.X; x += 3 {
			n++
			if a.At(x, y) != b.At(x, y) {
				changed++
			}
		}
	}
	return float64(changed) / float64(max(n, 1))
}
