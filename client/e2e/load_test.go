//go:build linux

package e2e_test

// The first load as a person's browser sees it: game.wasm arrives
// compressed, the page shows its progress, says clearly when it cannot
// start the game, and gets to Ebiten's first frame.

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"arena/server/web"
)

// maxWasmOnWire is issue 17's budget for game.wasm's bytes on the wire.
const maxWasmOnWire = 4_000_000

// loadTiming is the page's window.arenaLoad (index.html): ms since
// navigation start.
type loadTiming struct {
	Bytes      int64   `json:"bytes"`
	Encoding   string  `json:"encoding"`
	Downloaded float64 `json:"downloaded"`
	Started    float64 `json:"started"`
	Canvas     float64 `json:"canvas"`
	FirstFrame float64 `json:"firstFrame"`
	Error      string  `json:"error"`
}

// wasmResponse is what the browser got for game.wasm, from DevTools'
// network events.
type wasmResponse struct {
	mu       sync.Mutex
	id       network.RequestID
	headers  map[string]string // lower-case names
	status   int64
	onWire   float64 // encoded bytes received, once finished
	finished bool
}

// watchWasm records the response to game.wasm of the page in ctx; call it
// before navigating.
func watchWasm(t *testing.T, ctx context.Context) *wasmResponse {
	t.Helper()
	w := &wasmResponse{}
	err := chromedp.Listen(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventResponseReceived:
			if strings.HasSuffix(ev.Response.URL, "/game.wasm") {
				w.id, w.status = ev.RequestID, ev.Response.Status
				w.headers = map[string]string{}
				for k, v := range ev.Response.Headers {
					w.headers[strings.ToLower(k)] = fmt.Sprint(v)
				}
			}
		case *network.EventLoadingFinished:
			if w.headers != nil && ev.RequestID == w.id {
				w.onWire, w.finished = ev.EncodedDataLength, true
			}
		}
	})
	if err != nil {
		t.Fatalf("listen to the browser: %v", err)
	}
	return w
}

func (w *wasmResponse) done() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.finished
}

// newBrowser starts headless Chromium (as openGame does) without opening
// a page; it stops when the test ends.
func newBrowser(t *testing.T, chromium string, extra ...chromedp.ExecAllocatorOption) context.Context {
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
	opts = append(opts, extra...)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithLogf(t.Logf))
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // starts the browser for the life of ctx
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// pageTiming reads window.arenaLoad.
func pageTiming(ctx context.Context) (loadTiming, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[loadTiming](`window.arenaLoad || {}`))
}

// TestBrowserLoadsCompressed: Chromium gets game.wasm from the real server
// brotli-compressed (Content-Encoding br, Vary, the media type), within
// issue 17's 4 MB on the wire, the page's stream yields the whole
// uncompressed file, and the game reaches its first frame. It logs the
// figures the README quotes and saves them with a screenshot.
func TestBrowserLoadsCompressed(t *testing.T) {
	requireE2E(t)
	chromium := requireTool(t, "chromium")
	base := startServer(t)
	ctx := newBrowser(t, chromium)
	wasm := watchWasm(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatalf("open %s: %v", base, err)
	}
	var tm loadTiming
	waitFor(t, 60*time.Second, "the game's first frame (window.arenaLoad.firstFrame)", func() bool {
		var err error
		tm, err = pageTiming(ctx)
		if err == nil && tm.Error != "" {
			t.Fatalf("the page failed: %s", tm.Error)
		}
		return err == nil && tm.FirstFrame > 0 && wasm.done()
	})

	wasm.mu.Lock()
	h, onWire, status := wasm.headers, wasm.onWire, wasm.status
	wasm.mu.Unlock()
	if status != 200 || h["content-encoding"] != "br" || h["content-type"] != "application/wasm" ||
		!strings.EqualFold(h["vary"], "Accept-Encoding") || h["etag"] == "" {
		t.Errorf("game.wasm arrived as %d with headers %v; want 200 br application/wasm, Vary and an ETag", status, h)
	}
	if onWire <= 0 || onWire > maxWasmOnWire {
		t.Errorf("game.wasm took %.0f bytes on the wire; the budget is %d", onWire, maxWasmOnWire)
	}
	size, _ := strconv.ParseInt(h[strings.ToLower(web.UncompressedLengthHeader)], 10, 64)
	if st, err := os.Stat(filepath.Join(repoRoot(t), "server", "web", "static", "game.wasm")); err != nil || st.Size() != size {
		t.Errorf("%s = %d, game.wasm is %v bytes (%v)", web.UncompressedLengthHeader, size, st.Size(), err)
	}
	if tm.Encoding != "br" || tm.Bytes != size {
		t.Errorf("the page's stream yielded %d bytes (encoding %q); want all %d, br", tm.Bytes, tm.Encoding, size)
	}
	if !(tm.Downloaded > 0 && tm.Downloaded <= tm.Started && tm.Started <= tm.Canvas && tm.Canvas <= tm.FirstFrame) {
		t.Errorf("load steps out of order: %+v", tm)
	}
	t.Logf("game.wasm: %.0f bytes on the wire (%s) for %d; from navigation start: downloaded and compiled %.0f ms, "+
		"started %.0f ms, Ebiten's canvas %.0f ms, first frame %.0f ms (headless Chromium, swiftshader, loopback, %d CPUs)",
		onWire, tm.Encoding, size, tm.Downloaded, tm.Started, tm.Canvas, tm.FirstFrame, runtime.NumCPU())
	figures, _ := json.MarshalIndent(map[string]any{"wasmOnWire": onWire, "headers": h, "timing": tm}, "", "  ")
	saveArtifact(t, "load.json", figures)

	time.Sleep(time.Second) // the title scene, a few frames in
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	saveArtifact(t, "first-frame.png", shot)

	// A reload revalidates (Cache-Control: no-cache, the ETag): the server
	// answers 304 with no body and the page starts from the browser's copy.
	// (DevTools reports the copy's 200; the bytes on the wire are the 304.)
	wasm.mu.Lock()
	wasm.headers, wasm.finished, wasm.onWire, wasm.status = nil, false, 0, 0
	wasm.mu.Unlock()
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatalf("reload: %v", err)
	}
	waitFor(t, 60*time.Second, "the game's first frame after the reload", func() bool {
		tm2, err := pageTiming(ctx)
		return err == nil && tm2.FirstFrame > 0 && tm2.Bytes == size && wasm.done()
	})
	wasm.mu.Lock()
	status, onWire = wasm.status, wasm.onWire
	wasm.mu.Unlock()
	t.Logf("after a reload: game.wasm %d, %.0f bytes on the wire", status, onWire)
	if (status != http.StatusOK && status != http.StatusNotModified) || onWire <= 0 || onWire > 2000 {
		t.Errorf("a reload got game.wasm as %d with %.0f bytes on the wire; want a 304's headers only", status, onWire)
	}
}

// TestBrowserLoadProgress: on a slow link (DevTools throttling to 1
// MB/s) the page shows a bar that fills and "N MB of M MB" where M is the
// uncompressed size, while the game downloads.
func TestBrowserLoadProgress(t *testing.T) {
	requireE2E(t)
	chromium := requireTool(t, "chromium")
	base := startServer(t)
	ctx := newBrowser(t, chromium)
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{DownloadThroughput: 1e6, UploadThroughput: -1}},
	}); err != nil {
		t.Fatalf("throttle the network: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatalf("open %s: %v", base, err)
	}
	st, err := os.Stat(filepath.Join(repoRoot(t), "server", "web", "static", "game.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	total := fmt.Sprintf("of %.1f MB", float64(st.Size())/1048576)
	type bar struct {
		Status string  `json:"status"`
		Width  float64 `json:"width"` // % of the bar filled
	}
	// received parses the MB received from "Downloading the game… 3.1 MB of 18.7 MB".
	received := func(status string) float64 {
		var got, of float64
		if _, err := fmt.Sscanf(strings.TrimPrefix(status, "Downloading the game… "), "%f MB of %f MB", &got, &of); err != nil {
			return -1
		}
		return got
	}
	var seen []bar
	waitFor(t, 30*time.Second, "the bar filling with \""+total+"\"", func() bool {
		b, err := chromedp.Run(ctx, chromedp.Evaluate[bar](`({status: document.getElementById("status").textContent,
			width: 100 * document.getElementById("fill").getBoundingClientRect().width /
			       document.getElementById("bar").getBoundingClientRect().width})`))
		if err != nil || !strings.Contains(b.Status, total) {
			return false
		}
		mb := received(b.Status)
		if mb <= 0 || mb >= float64(st.Size())/1048576 {
			return false
		}
		// The bar's width is the share received (it eases over 0.1 s).
		if want := 100 * mb * 1048576 / float64(st.Size()); b.Width < want-5 || b.Width > want+5 {
			return false
		}
		if len(seen) == 0 || received(seen[len(seen)-1].Status) < mb {
			seen = append(seen, b)
		}
		return len(seen) >= 2 // it moves
	})
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	saveArtifact(t, "loading.png", shot)
	for _, b := range seen {
		t.Logf("while loading: %q, bar %.0f%% filled", b.Status, b.Width)
	}
}

// TestBrowserLoaderExplains: when game.wasm is not built or is not a
// WebAssembly file, the page says so and what to do, in red, instead of a
// blank page.
func TestBrowserLoaderExplains(t *testing.T) {
	requireE2E(t)
	chromium := requireTool(t, "chromium")
	index, err := fs.ReadFile(web.FS, "static/index.html")
	if err != nil {
		t.Fatal(err)
	}
	execJS, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t, chromium)
	for _, tc := range []struct {
		name string
		wasm []byte // nil: not built
		want string
	}{
		{"not built", nil, "game.wasm was not found on the server (404).\nBuild the browser client with `make wasm`"},
		{"not wasm", []byte("<html>a proxy's error page</html>"), "game.wasm could not be started"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			static := fstest.MapFS{"index.html": {Data: index}, "wasm_exec.js": {Data: execJS}}
			if tc.wasm != nil {
				static["game.wasm"] = &fstest.MapFile{Data: tc.wasm}
			}
			hs := httptest.NewServer(web.Handler(static))
			defer hs.Close()
			if err := chromedp.Do(ctx, chromedp.Navigate(hs.URL+"/")); err != nil {
				t.Fatalf("open: %v", err)
			}
			type shown struct {
				Text  string `json:"text"`
				Class string `json:"class"`
			}
			var got shown
			waitFor(t, 20*time.Second, "the page's message: "+tc.want, func() bool {
				got, err = chromedp.Run(ctx, chromedp.Evaluate[shown](
					`({text: document.getElementById("status").innerText, class: document.getElementById("status").className})`))
				return err == nil && got.Class == "error"
			})
			if !strings.Contains(got.Text, tc.want) {
				t.Errorf("the page says %q; want it to contain %q", got.Text, tc.want)
			}
			shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err == nil {
				saveArtifact(t, "loader-"+strings.ReplaceAll(tc.name, " ", "-")+".png", shot)
			}
		})
	}
}

// TestBrowserOverPlainHTTPGetsGzipWithinBudget: browsers offer brotli only
// on secure origins, so a page served over plain HTTP from a host that is
// not local (a LAN address, a name) gets the gzip copy: Chromium, told
// that the name arena.test is 127.0.0.1, asks http://arena.test:PORT/ for
// gzip and deflate only. That copy must fit issue 17's 4 MB too, and the
// game must still start.
func TestBrowserOverPlainHTTPGetsGzipWithinBudget(t *testing.T) {
	requireE2E(t)
	chromium := requireTool(t, "chromium")
	base := startServer(t)
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t, chromium, chromedp.Flag("host-resolver-rules", "MAP arena.test 127.0.0.1"))
	wasm := watchWasm(t, ctx)
	page := "http://arena.test:" + u.Port() + "/"
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatalf("open %s: %v", page, err)
	}
	var tm loadTiming
	waitFor(t, 60*time.Second, "the game's first frame (window.arenaLoad.firstFrame)", func() bool {
		var err error
		tm, err = pageTiming(ctx)
		if err == nil && tm.Error != "" {
			t.Fatalf("the page failed: %s", tm.Error)
		}
		return err == nil && tm.FirstFrame > 0 && wasm.done()
	})
	wasm.mu.Lock()
	h, onWire, status := wasm.headers, wasm.onWire, wasm.status
	wasm.mu.Unlock()
	if status != 200 || h["content-encoding"] != "gzip" || tm.Encoding != "gzip" {
		t.Errorf("game.wasm arrived as %d, Content-Encoding %q (the page saw %q); want 200 gzip", status, h["content-encoding"], tm.Encoding)
	}
	if onWire <= 0 || onWire > maxWasmOnWire {
		t.Errorf("game.wasm took %.0f bytes on the wire as gzip; the budget is %d", onWire, maxWasmOnWire)
	}
	t.Logf("over plain HTTP to a name: game.wasm %.0f bytes on the wire (%s), first frame %.0f ms", onWire, tm.Encoding, tm.FirstFrame)
}
