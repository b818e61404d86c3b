//go:build linux

package e2e_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestDesktopMenus drives the desktop client's menus with a fake keyboard
// and mouse on a virtual display, as a person would: the settings change by
// keys and by clicks and are saved to the settings file, a typed name and a
// click on Quick play join a room (the server sees the player), and Esc then
// Leave match leaves it (the server sees the player go).
//
// A frame of the client under Xvfb's software GL on a loaded machine can
// take longer than a key press, and Ebiten samples the keys once a frame,
// so each step presses again until the screen (the focused button's
// marker) or the server shows that it took.
func TestDesktopMenus(t *testing.T) {
	requireE2E(t)
	base := startBareServer(t, "-min-players", "0")
	display := startXvfb(t, 1280, 720)
	in := newFakeInput(t, display)

	dir := t.TempDir()
	settingsFile := filepath.Join(dir, "settings.json")
	bin := goBuild(t, "./client/cmd/gameclient", dir)
	cmd := exec.Command(bin, "-server", "ws"+base[len("http"):]+"/ws", "-settings", settingsFile, "-mute")
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	exited := startProcess(t, cmd, "gameclient.log")
	t.Cleanup(func() {
		if t.Failed() { // what the screen showed when it failed
			saveArtifact(t, "desktop-failed.png", in.screenshotPNG(1280, 720))
		}
	})

	// The window is the screen (1280x720 at 0,0): logical pixels are the
	// screen's. A focused button has a marker in the accent color 11 px in
	// from its left edge, half way down (client/ui/menu.go).
	type column struct{ x, y, h, gap int }
	title := column{430, 318, 44, 10}    // client/ui/title.go titleColumn
	settings := column{400, 200, 48, 12} // client/ui/menu_settings.go
	pause := column{460, 320, 48, 14}    // client/ui/menu_pause.go pauseColumn
	center := func(c column, i int) (x, y int) { return 640, c.y + (c.h+c.gap)*i + c.h/2 }
	focused := func(c column, n int) int {
		for i := range n {
			if in.pixel(c.x+11, c.y+(c.h+c.gap)*i+c.h/2) == 0xffc857 {
				return i
			}
		}
		return -1
	}
	// until repeats act until done says so, for at most 30 s.
	until := func(what string, act func(), done func() bool) {
		t.Helper()
		waitFor(t, 30*time.Second, what, func() bool {
			if done() {
				return true
			}
			act()
			time.Sleep(800 * time.Millisecond) // a few frames to show it
			return done()
		})
	}
	focus := func(c column, n, target int, what string) {
		t.Helper()
		until(what, func() {
			if f := focused(c, n); f >= 0 && f < target {
				in.press(keyDown)
			} else if f > target {
				in.press(keyUp)
			}
		}, func() bool { return focused(c, n) == target })
	}

	waitFor(t, 60*time.Second, "the title with Quick play focused", func() bool { return focused(title, 5) == 0 })

	// Keys: down to Settings, Enter, Right (the volume up a step), Esc.
	focus(title, 5, 4, "Settings focused by the arrows")
	until("the settings scene by Enter", func() { in.press(keyReturn) }, func() bool { return focused(settings, 5) >= 0 })
	// The volume before Right: 70, the default (no file yet), or more if
	// a repeated Enter landed on the volume row.
	time.Sleep(time.Second)
	v0 := readSettings(settingsFile).Volume
	if v0 == 0 {
		v0 = 70
	}
	until("the volume up by Right", func() { in.press(keyRight) }, func() bool { return readSettings(settingsFile).Volume > v0 })
	volume := readSettings(settingsFile).Volume
	until("the title by Esc", func() { in.press(keyEscape) }, func() bool { return focused(title, 5) >= 0 })

	// The mouse: Settings, then the net graph row (Esc goes back: a
	// second click on Back would land on the main menu's Join by code).
	until("the settings scene by a click", func() { in.click(center(title, 4)) }, func() bool { return focused(settings, 5) >= 0 })
	until("the net graph on by a click", func() { in.click(center(settings, 3)) }, func() bool { return readSettings(settingsFile).NetGraph })
	until("the title by Esc", func() { in.press(keyEscape) }, func() bool { return focused(title, 5) >= 0 })

	// A name (typed characters come as events: none is lost), then a
	// click on Quick play: the server sees the player.
	const name = "menutester"
	in.typeText(name)
	until("the player in a room", func() { in.click(center(title, 0)) }, func() bool { return playerInRooms(base, name) })
	if s := readSettings(settingsFile); s.Name != name || s.Volume != volume || !s.NetGraph {
		t.Errorf("settings after joining: %+v, want name %q kept with the rest", s, name)
	}

	time.Sleep(time.Second)
	saveArtifact(t, "desktop-match.png", in.screenshotPNG(1280, 720))

	// Esc opens the pause menu; Down, Enter leaves for the main menu.
	until("the pause menu by Esc", func() { in.press(keyEscape) }, func() bool { return focused(pause, 2) >= 0 })
	focus(pause, 2, 1, "Leave match focused")
	saveArtifact(t, "desktop-pause.png", in.screenshotPNG(1280, 720))
	// Until the main menu shows, not until the server sees the player go:
	// one Enter too many on the main menu would join again.
	until("the main menu by Enter on Leave match", func() { in.press(keyReturn) }, func() bool { return focused(title, 5) == 0 })
	waitFor(t, 10*time.Second, "the player gone from the rooms", func() bool { return !playerInRooms(base, name) })
	saveArtifact(t, "desktop-menu.png", in.screenshotPNG(1280, 720))
	select {
	case <-exited:
		t.Fatal("the client exited instead of going back to the menu")
	default:
	}
}

// savedSettings is the settings file's JSON, as far as the test reads it.
type savedSettings struct {
	Name     string `json:"name"`
	Volume   int    `json:"volume"`
	NetGraph bool   `json:"net_graph"`
}

func readSettings(path string) savedSettings {
	var s savedSettings
	if b, err := os.ReadFile(path); err == nil {
		json.Unmarshal(b, &s)
	}
	return s
}

// startBareServer starts the gameserver without the browser client (no
// `make wasm` needed), with extra flags args, and returns its base URL.
func startBareServer(t *testing.T, args ...string) string {
	t.Helper()
	bin := goBuild(t, "./server/cmd/gameserver", t.TempDir(), "CGO_ENABLED=0")
	port, adminPort := freePort(t), freePort(t)
	args = append([]string{"-addr", "127.0.0.1", "-port", fmt.Sprint(port), "-admin-addr", fmt.Sprintf("127.0.0.1:%d", adminPort)}, args...)
	startProcess(t, exec.Command(bin, args...), "gameserver.log")
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	adminOf.Store(base, fmt.Sprintf("http://127.0.0.1:%d", adminPort))
	waitFor(t, 20*time.Second, "server healthy", func() bool {
		resp, err := http.Get(base + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return base
}
