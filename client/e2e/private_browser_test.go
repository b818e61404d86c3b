//go:build linux

package e2e_test

import (
	"context"
	"fmt"
	"net"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"arena/client"
)

// isPrivate reports whether the admin feed of the server at base marks
// room id private.
func isPrivate(t *testing.T, base, id string) bool {
	t.Helper()
	admin, ok := adminOf.Load(base)
	if !ok {
		t.Fatalf("no admin listener known for %s (start it with startServer)", base)
	}
	var stats struct {
		Rooms []struct {
			ID      string `json:"id"`
			Private bool   `json:"private"`
		} `json:"rooms"`
	}
	if err := getJSON(admin.(string)+"/stats.json", &stats); err != nil {
		t.Fatalf("admin feed: %v", err)
	}
	for _, r := range stats.Rooms {
		if r.ID == id {
			return r.Private
		}
	}
	return false
}

// TestDesktopPrivateRoom: gameclient -private -name makes a private room
// at once, and a second desktop client given its code with -room joins it.
func TestDesktopPrivateRoom(t *testing.T) {
	requireE2E(t)
	xvfbRun := requireTool(t, "xvfb-run")
	base := startServer(t, "-min-players", "0")
	bin := goBuild(t, "./client/cmd/gameclient", t.TempDir())
	ws := "ws" + strings.TrimPrefix(base, "http") + "/ws"
	settings := t.TempDir() // not the user's settings file
	run := func(name string, args ...string) {
		args = append([]string{"-server", ws, "-name", name, "-mute", "-settings", settings + "/" + name + ".json"}, args...)
		startProcess(t, exec.Command(xvfbRun, append([]string{"-a", "-s", "-screen 0 1280x720x24", bin}, args...)...), name+".log")
	}
	run("deskhost", "-private")
	var room string
	waitFor(t, 60*time.Second, "the desktop host in a room", func() bool {
		room = roomOf(t, base, "deskhost")
		return room != ""
	})
	if !isPrivate(t, base, room) {
		t.Fatalf("gameclient -private joined %q, a public room", room)
	}
	run("deskfriend", "-room", strings.ToLower(room))
	waitFor(t, 60*time.Second, "the desktop friend in the host's room", func() bool {
		return roomOf(t, base, "deskfriend") == room
	})
}

// TestBrowserPrivateLinkOnAnotherProcess: two gameservers share a Redis; a
// private room is made on A; its link opened on B's page joins it: the
// WASM client's /match on B finds the code on A, and the page opens a
// cross-origin WebSocket there. A wrong code on B's page stays out of
// every room (the client shows "No such room").
func TestBrowserPrivateLinkOnAnotherProcess(t *testing.T) {
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
	a := startServer(t, "-redis", redisAddr, "-process-id", "a", "-allowed-origins", "127.0.0.1:*", "-min-players", "0")
	b := startServer(t, "-redis", redisAddr, "-process-id", "b", "-allowed-origins", "127.0.0.1:*", "-min-players", "0")

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var host *client.Session
	waitFor(t, 20*time.Second, "a private room on a", func() bool {
		s, err := client.Dial(ctx, "ws"+strings.TrimPrefix(a, "http")+"/ws", &client.Options{Name: "host", Private: true})
		if err != nil {
			return false // a may not list its rooms yet
		}
		host = s
		return true
	})
	defer host.Close()
	code := host.Info().Room

	page := openGame(t, chromium, b+"/?room="+strings.ToLower(code)+"&name=crossfriend")
	waitFor(t, 60*time.Second, "the browser player in a's private room", func() bool {
		return roomOf(t, a, "crossfriend") == code
	})
	if local := roomOf(t, b, "crossfriend"); local != "" {
		t.Errorf("the browser player is also in b's room %s", local)
	}
	if shot, err := chromedp.Run(page, chromedp.CaptureScreenshot()); err == nil {
		saveArtifact(t, "private-cross.png", shot)
	}

	wrong := openGame(t, chromium, b+"/?room=ZZZZZZ&name=lostfriend")
	time.Sleep(5 * time.Second)
	if r := roomOf(t, a, "lostfriend") + roomOf(t, b, "lostfriend"); r != "" {
		t.Errorf("a wrong code's player is in room %q", r)
	}
	if shot, err := chromedp.Run(wrong, chromedp.CaptureScreenshot()); err == nil {
		saveArtifact(t, "private-wrong-code.png", shot)
	}
}
