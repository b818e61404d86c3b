//go:build linux

package e2e_test

import (
	"os/exec"
	"testing"
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
	startProcess(t, cmd, "gameclient.log")
	waitFor(t, 60e9, "the desktop player in /rooms", func() bool { return playerInRooms(base, name) })
}
