//go:build linux

package e2e_test

import (
	"os/exec"
	"testing"
	"time"
)

// TestDesktopClientJoins starts the desktop client in a virtual X display and
// checks that the server sees its player.
func TestDesktopClientJoins(t *testing.T) {
	requireE2E(t)
	xvfbRun := requireTool(t, "xvfb-run")
	base := startServer(t)
	client := goBuild(t, "./client/cmd/gameclient", t.TempDir())
	const name = "desktoptester"
	cmd := exec.Command(xvfbRun, "-a", "-s", "-screen 0 1280x720x24",
		client, "-server", "ws"+base[len("http"):]+"/ws", "-name", name)
	exited := startProcess(t, cmd, "gameclient.log")
	waitFor(t, 60e9, "the desktop player in /rooms", func() bool { return playerInRooms(base, name) })
	// And it keeps playing: a failure that surfaces a few frames into the
	// game (an audio device that cannot be opened ends Ebiten's RunGame)
	// must not end the client.
	select {
	case <-exited:
		t.Fatal("the desktop client exited after joining")
	case <-time.After(4 * time.Second):
	}
	if !playerInRooms(base, name) {
		t.Fatal("the desktop player left the room after joining")
	}
}
