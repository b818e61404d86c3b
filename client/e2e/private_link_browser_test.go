//go:build linux

package e2e_test

// A private room as two people make and share it in the browser: one
// creates it from the title's menu, the other opens its link.

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"arena/client"
)

// holdRune presses the key r (a kb constant's rune, or a character) on a
// page opened with ?probe=1, holds it until the game has drawn two frames
// (so an Update saw it down, however slow software WebGL makes frames),
// and releases it.
func holdRune(t *testing.T, ctx context.Context, r rune) {
	t.Helper()
	frame := func() uint64 {
		p, err := chromedp.Run(ctx, chromedp.Evaluate[probe](`window.arenaProbe || {}`))
		if err != nil {
			return 0
		}
		return p.Frame
	}
	keys := kb.Encode(r)
	f0 := frame()
	if err := chromedp.Do(ctx, keyEvents(keys[:len(keys)-1]...)); err != nil {
		t.Fatalf("press %q: %v", r, err)
	}
	for deadline := time.Now().Add(10 * time.Second); frame() < f0+2 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	if err := chromedp.Do(ctx, keyEvents(keys[len(keys)-1])); err != nil {
		t.Fatalf("release %q: %v", r, err)
	}
}

// typeNameOnTitle waits until the page (opened with ?probe=1) has drawn
// its title scene a few times, then types name into its name field.
func typeNameOnTitle(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	waitCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	waitProbe(t, waitCtx, "the title scene drawn", func(p probe) bool { return p.Frame >= 5 })
	if err := chromedp.Do(ctx,
		chromedp.KeyEvent(kb.End),
		chromedp.KeyEvent(strings.Repeat(kb.Backspace, 16)),
		chromedp.KeyEvent(name),
	); err != nil {
		t.Fatalf("type the name: %v", err)
	}
}

// publicRoomIDs returns the ids /rooms lists.
func publicRoomIDs(t *testing.T, base string) []string {
	t.Helper()
	resp, err := http.Get(base + "/rooms")
	if err != nil {
		t.Fatalf("GET /rooms: %v", err)
	}
	defer resp.Body.Close()
	var rooms []roomInfo
	if err := json.NewDecoder(resp.Body).Decode(&rooms); err != nil {
		t.Fatalf("GET /rooms: %v", err)
	}
	ids := make([]string, len(rooms))
	for i, r := range rooms {
		ids[i] = r.ID
	}
	return ids
}

// TestBrowserPrivateRoomLink: in one browser a player types a name, goes
// down to "Create private room" and presses Enter; the server makes a
// private room for it. A second browser opens the room's link
// /?room=CODE, types a name and presses Enter (the title's first button is
// then that room): both are in that room, which /rooms does not list and
// quick play does not fill.
func TestBrowserPrivateRoomLink(t *testing.T) {
	requireE2E(t)
	chromium := requireTool(t, "chromium")
	base := startServer(t, "-min-players", "0")

	host := openGame(t, chromium, base+"/?probe=1")
	typeNameOnTitle(t, host, "host")
	holdRune(t, host, '\t') // Tab: Quick play -> Create private room (a held arrow repeats)
	holdRune(t, host, '\r')
	var code string
	waitFor(t, 30*time.Second, "a private room with the host in it", func() bool {
		for _, r := range adminRooms(t, base) {
			for _, n := range r.Names {
				if strings.EqualFold(n, "host") && r.Private {
					code = r.ID
				}
			}
		}
		return code != ""
	})
	t.Logf("the host's private room: %s", code)
	shot, err := chromedp.Run(host, chromedp.CaptureScreenshot())
	if err == nil {
		saveArtifact(t, "private-host.png", shot)
	}

	guest := openGame(t, chromium, base+"/?room="+code+"&probe=1")
	typeNameOnTitle(t, guest, "guest")
	holdRune(t, guest, '\r') // the focused button: "Join room CODE"
	waitFor(t, 30*time.Second, "the guest in the host's room "+code, func() bool { return roomOf(t, base, "guest") == code })
	if got := roomOf(t, base, "host"); got != code {
		t.Errorf("the host is in room %q, want %q", got, code)
	}
	for _, r := range adminRooms(t, base) {
		if r.ID == code && (!r.Private || r.Players != 2) {
			t.Errorf("room %s: private %v, %d players; want private with the two", code, r.Private, r.Players)
		}
	}
	for _, id := range publicRoomIDs(t, base) {
		if strings.EqualFold(id, code) {
			t.Errorf("/rooms lists the private room %s", code)
		}
	}
	// Quick play never places anyone in it.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	quick, err := client.DialMatched(ctx, "ws"+strings.TrimPrefix(base, "http")+"/ws", &client.Options{Name: "quick"})
	if err != nil {
		t.Fatalf("quick play: %v", err)
	}
	defer quick.Close()
	if got := quick.Info().Room; strings.EqualFold(got, code) {
		t.Errorf("quick play joined the private room %s", code)
	}
	time.Sleep(time.Second) // the guest's match scene, a few frames in
	shot, err = chromedp.Run(guest, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	saveArtifact(t, "private-guest.png", shot)
}

// pageLog collects what the page logs to its console (the Go client's
// log goes there) and counts its WebSockets.
type pageLog struct {
	mu      sync.Mutex
	lines   []string
	sockets int
}

func watchPage(t *testing.T, ctx context.Context) *pageLog {
	t.Helper()
	l := &pageLog{}
	if err := chromedp.Listen(ctx, func(ev any) {
		l.mu.Lock()
		defer l.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			var line []string
			for _, a := range ev.Args {
				line = append(line, string(a.Value))
			}
			l.lines = append(l.lines, strings.Join(line, " "))
		case *network.EventWebSocketCreated:
			l.sockets++
		}
	}); err != nil {
		t.Fatal(err)
	}
	return l
}

// line returns the last console line containing s, or "".
func (l *pageLog) line(s string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := len(l.lines) - 1; i >= 0; i-- {
		if strings.Contains(l.lines[i], s) {
			return l.lines[i]
		}
	}
	return ""
}

func (l *pageLog) socketCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.sockets
}

// joinRefused opens path on base in a new browser, types name, presses
// Enter (the title's first button joins the linked room), and returns the
// client's "connect failed" log line; it checks the player was seated
// nowhere and the join was not retried.
func joinRefused(t *testing.T, chromium, base, path, name string) string {
	t.Helper()
	ctx := newBrowser(t, chromium)
	log := watchPage(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+path)); err != nil {
		t.Fatal(err)
	}
	typeNameOnTitle(t, ctx, name)
	holdRune(t, ctx, '\r')
	var failed string
	waitFor(t, 30*time.Second, `the client's "connect failed"`, func() bool {
		failed = log.line("connect failed")
		return failed != ""
	})
	t.Logf("console: %s", failed)
	time.Sleep(time.Second)
	if room := roomOf(t, base, name); room != "" {
		t.Errorf("the player was seated in room %s", room)
	}
	if n := log.socketCount(); n > 1 {
		t.Errorf("%d WebSockets opened; a refused room is not retried", n)
	}
	if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		saveArtifact(t, "refused-"+name+".png", shot)
	}
	return failed
}

// TestBrowserWrongCodeSaysNoSuchRoom: a link with a code no room has
// (/?room=ZZZZZZ), a name and Enter: the client says "no such room" (its
// log, the page's console) and seats the player nowhere; it does not fall
// back to a public room.
func TestBrowserWrongCodeSaysNoSuchRoom(t *testing.T) {
	requireE2E(t)
	chromium := requireTool(t, "chromium")
	base := startServer(t, "-min-players", "0")
	if failed := joinRefused(t, chromium, base, "/?room=ZZZZZZ&probe=1", "lost"); !strings.Contains(strings.ToLower(failed), "no such room") {
		t.Errorf("the client's failure %q does not say no such room", failed)
	}
}

// TestBrowserFullRoomSaysFull: with rooms of one (-room-capacity 1), a
// private room's link opened while its maker plays says "room full" and
// seats the second player nowhere.
func TestBrowserFullRoomSaysFull(t *testing.T) {
	requireE2E(t)
	chromium := requireTool(t, "chromium")
	base := startServer(t, "-min-players", "0", "-room-capacity", "1")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	host, err := client.DialMatched(ctx, "ws"+strings.TrimPrefix(base, "http")+"/ws", &client.Options{Name: "host", Private: true})
	if err != nil {
		t.Fatalf("create a private room: %v", err)
	}
	defer host.Close()
	code := host.Info().Room
	failed := joinRefused(t, chromium, base, "/?room="+code+"&probe=1", "second")
	if !strings.Contains(strings.ToLower(failed), "full") {
		t.Errorf("the client's failure %q does not say the room is full", failed)
	}
}
