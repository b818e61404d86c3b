//go:build linux

package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"arena/client"
)

// TestBrowserJoinsRoomOnAnotherProcess: two gameservers share a Redis; a
// player sits in a room on A; a browser opens B's page and joins, and lands
// in A's room: the WASM client asked B's /match, then opened a
// cross-origin WebSocket on A (allowed by -allowed-origins).
func TestBrowserJoinsRoomOnAnotherProcess(t *testing.T) {
	requireE2E(t)
	chromium := requireTool(t, "chromium")
	redisServer := requireTool(t, "redis-server")
	redisAddr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	_, port, _ := strings.Cut(redisAddr, ":")
	startProcess(t, exec.Command(redisServer, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
		"--dir", t.TempDir()), "redis.log")
	waitFor(t, 10*time.Second, "redis-server listening", func() bool {
		c, err := net.DialTimeout("tcp", redisAddr, time.Second)
		if err == nil {
			c.Close()
		}
		return err == nil
	})
	a := startServer(t, "-redis", redisAddr, "-process-id", "a", "-allowed-origins", "127.0.0.1:*")
	b := startServer(t, "-redis", redisAddr, "-process-id", "b", "-allowed-origins", "127.0.0.1:*")
	aWS := "ws" + strings.TrimPrefix(a, "http") + "/ws"

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var first *client.Session
	waitFor(t, 20*time.Second, "a player seated on a", func() bool {
		s, err := client.Dial(ctx, aWS, &client.Options{Name: "seated"})
		if err != nil {
			return false // a may not list its rooms yet
		}
		first = s
		return true
	})
	defer first.Close()
	waitFor(t, 10*time.Second, "b lists a's room", func() bool {
		var p struct{ URL, Room string }
		if getJSON(b+"/match", &p) != nil {
			return false
		}
		return p.URL == aWS && p.Room == first.Info().Room
	})

	ctxB := openGame(t, chromium, b+"/")
	const name = "crosstester"
	waitFor(t, 60*time.Second, "the browser player in a's rooms", func() bool {
		_ = chromedp.Do(ctxB,
			chromedp.MouseClickXY(8, 288), // focus the canvas: its left edge, away from the menu's buttons
			chromedp.KeyEvent(kb.End),
			chromedp.KeyEvent(strings.Repeat(kb.Backspace, 16)),
			chromedp.KeyEvent(name),
			chromedp.KeyEvent(kb.Enter),
			chromedp.Sleep(2*time.Second),
		)
		return playerInRooms(a, name)
	})
	var local []roomInfo
	if err := getJSON(b+"/rooms?scope=local", &local); err != nil || len(local) != 0 {
		t.Errorf("b's own rooms: %+v (%v), want none: the browser plays on a", local, err)
	}
}

// getJSON GETs url into v.
func getJSON(url string, v any) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}
