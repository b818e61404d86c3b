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

	"github.com/jezek/xgb/xproto"
)

// TestDesktopMenus drives the desktop client's menus with a fake keyboard
// and mouse on a virtual display, as a person would: the settings change by
// keys and by clicks and are saved to the settings file, a typed name and a
// click on Quick play join a room (the server sees the player), and Esc then
// Leave match leaves it (the server sees the player go).
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
	waitFor(t, 60*time.Second, "the client's window", func() bool {
		tree, err := xproto.QueryTree(in.c, in.root).Reply()
		return err == nil && len(tree.Children) > 0
	})
	time.Sleep(2 * time.Second) // its first frames

	// The window is the screen (1280x720 at 0,0): logical pixels are the
	// screen's. The main menu's buttons are 44 high, 54 apart from y 318.
	button := func(i int) (x, y int) { return 640, 318 + 54*i + 22 }

	// Keys: down to Settings, Enter, Right (volume 70 -> 80), Esc.
	in.press(keyDown, keyDown, keyDown, keyDown, keyReturn, keyRight, keyEscape)
	waitFor(t, 10*time.Second, "volume 80 in the settings file", func() bool {
		return readSettings(settingsFile).Volume == 80
	})

	// The mouse: Settings, then the net graph row (60 apart from y 200), then Back.
	in.click(button(4))
	in.click(640, 200+60*3+24)
	in.click(640, 200+60*4+24)
	waitFor(t, 10*time.Second, "the net graph on in the settings file", func() bool {
		return readSettings(settingsFile).NetGraph
	})

	// A name, then a click on Quick play: the server sees the player.
	const name = "menutester"
	in.typeText(name)
	in.click(button(0))
	waitFor(t, 30*time.Second, "the player in a room", func() bool { return playerInRooms(base, name) })
	if s := readSettings(settingsFile); s.Name != name || s.Volume != 80 || !s.NetGraph {
		t.Errorf("settings after joining: %+v, want name %q kept with the rest", s, name)
	}

	// Esc opens the pause menu; Down, Enter leaves for the main menu.
	in.press(keyEscape, keyDown, keyReturn)
	waitFor(t, 10*time.Second, "the player gone from the rooms", func() bool { return !playerInRooms(base, name) })
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
