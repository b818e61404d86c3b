//go:build linux

package e2e_test

// Quick play as a person does it in the browser, checked from the server's
// side: a native Session in the same room watches the browser's player.

import (
	"context"
	"encoding/json"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"arena/client"
	"arena/game"
)

// adminRooms returns the rooms of the server at base as its admin feed
// lists them (with names and the private flag; /rooms has neither).
func adminRooms(t *testing.T, base string) []roomInfo {
	t.Helper()
	admin, ok := adminOf.Load(base)
	if !ok {
		t.Fatalf("no admin listener known for %s (start it with startServer)", base)
	}
	resp, err := http.Get(admin.(string) + "/stats.json")
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	var stats struct {
		Rooms []roomInfo `json:"rooms"`
	}
	if json.NewDecoder(resp.Body).Decode(&stats) != nil {
		return nil
	}
	return stats.Rooms
}

// roomOf returns the id of the room a player named name is in, or "".
func roomOf(t *testing.T, base, name string) string {
	t.Helper()
	for _, r := range adminRooms(t, base) {
		for _, n := range r.Names {
			if strings.EqualFold(n, name) {
				return r.ID
			}
		}
	}
	return ""
}

// observe joins room on the server at base as a native client that only
// watches; it leaves when the test ends.
func observe(t *testing.T, base, room string) *client.Session {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ws := "ws" + strings.TrimPrefix(base, "http") + "/ws"
	s, err := client.Dial(ctx, ws, &client.Options{Name: "observer", Room: room})
	if err != nil {
		t.Fatalf("observer: join room %s: %v", room, err)
	}
	t.Cleanup(func() { s.Close() })
	if got := s.Info().Room; got != room {
		t.Fatalf("observer joined room %q, want %q", got, room)
	}
	return s
}

// playerNamed returns what s sees of the player named name.
func playerNamed(s *client.Session, name string) (client.PlayerView, bool) {
	s.Update(time.Now(), game.Input{}) // keeps the observer's link alive
	for _, p := range s.Players(time.Now(), nil) {
		if strings.EqualFold(p.Name, name) {
			return p, true
		}
	}
	return client.PlayerView{}, false
}

// TestBrowserQuickPlayMoves: open /, type a name, press Enter (quick play
// is the title's first button), hold D: the server's room has the player,
// in a match that is playing, and another client in that room sees it
// move while D is held, and stand still before.
func TestBrowserQuickPlayMoves(t *testing.T) {
	requireE2E(t)
	chromium := requireTool(t, "chromium")
	// No bots (-min-players 0): nothing but the key moves the player.
	base := startServer(t, "-min-players", "0")
	ctx := openGame(t, chromium, base+"/")
	const name = "quickplayer"
	waitFor(t, 60*time.Second, "the browser player in a room", func() bool {
		_ = chromedp.Do(ctx,
			chromedp.MouseClickXY(640, 200),
			chromedp.KeyEvent(kb.End),
			chromedp.KeyEvent(strings.Repeat(kb.Backspace, 16)),
			chromedp.KeyEvent(name),
			chromedp.KeyEvent(kb.Enter),
			chromedp.Sleep(2*time.Second),
		)
		return roomOf(t, base, name) != ""
	})
	room := roomOf(t, base, name)
	obs := observe(t, base, room)

	var before client.PlayerView
	waitFor(t, 30*time.Second, "the match playing and the browser player alive and still", func() bool {
		p, ok := playerNamed(obs, name)
		if !ok || !p.Alive || obs.Match().Phase != game.PhasePlaying {
			return false
		}
		still := p.Pos == before.Pos
		before = p
		if !still {
			time.Sleep(300 * time.Millisecond)
		}
		return still
	})
	m := obs.Match()
	t.Logf("room %s, match %d on %s, %v left; %s at %v", room, m.Number, m.Map, m.Remaining(), name, before.Pos)

	keys := kb.Encode('d')
	down, up := keys[:len(keys)-1], keys[len(keys)-1:]
	if err := chromedp.Do(ctx, keyEvents(down...)); err != nil {
		t.Fatalf("press D: %v", err)
	}
	var moved float64
	var after client.PlayerView
	held := time.Now()
	for time.Since(held) < 1500*time.Millisecond {
		if p, ok := playerNamed(obs, name); ok {
			after = p
			moved = math.Hypot(float64(p.Pos.X-before.Pos.X), float64(p.Pos.Y-before.Pos.Y))
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := chromedp.Do(ctx, keyEvents(up...)); err != nil {
		t.Fatalf("release D: %v", err)
	}
	t.Logf("holding D for 1.5 s moved %s from %v to %v (%.0f units, as another client in the room saw it)", name, before.Pos, after.Pos, moved)
	if moved < 30 {
		t.Errorf("the browser player moved %.0f units while D was held, want at least 30", moved)
	}
	if after.Pos.X <= before.Pos.X {
		t.Errorf("D moved the player from x %v to %v, want rightwards", before.Pos.X, after.Pos.X)
	}
	if ph := obs.Match().Phase; ph != game.PhasePlaying && ph != game.PhaseEnded {
		t.Errorf("the room's match is in phase %v, want playing", ph)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	saveArtifact(t, "quickplay.png", shot)
}
