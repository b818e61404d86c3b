//go:build linux

package e2e_test

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestDesktopScreenshotShowsTheMatch starts the desktop client in its own
// virtual X display, lets it join a match, and takes a screenshot of the
// display (xwd): it must show the match with its HUD, not a blank or a
// menu. The screenshot is saved as desktop-match.png.
func TestDesktopScreenshotShowsTheMatch(t *testing.T) {
	requireE2E(t)
	xvfb := requireTool(t, "Xvfb")
	xwd := requireTool(t, "xwd")
	base := startServer(t, "-min-players", "0", "-countdown", "1s")
	client := goBuild(t, "./client/cmd/gameclient", t.TempDir())

	// Xvfb picks a free display and writes its number to the pipe.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	x := exec.Command(xvfb, "-displayfd", "3", "-screen", "0", "1280x720x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	startProcess(t, x, "xvfb.log")
	w.Close()
	line, err := readLineWithin(r, 20*time.Second)
	if err != nil {
		t.Fatalf("Xvfb did not say its display: %v", err)
	}
	display := ":" + strings.TrimSpace(line)

	const name = "shot"
	cmd := exec.Command(client, "-server", "ws"+base[len("http"):]+"/ws", "-name", name, "-mute")
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	startProcess(t, cmd, "gameclient.log")
	waitFor(t, 60*time.Second, "the desktop player in a room", func() bool { return playerInRooms(base, name) })

	// Frames of the match, then the shot; a slow software renderer may
	// take a few seconds for its first ones.
	var img image.Image
	waitFor(t, 30*time.Second, "a screenshot with the match's HUD", func() bool {
		time.Sleep(time.Second)
		out, err := exec.Command(xwd, "-root", "-silent", "-display", display).Output()
		if err != nil {
			t.Logf("xwd: %v", err)
			return false
		}
		if img, err = decodeXWD(out); err != nil {
			t.Fatalf("decode the screenshot: %v", err)
		}
		return hasHealthBar(img)
	})
	if n := distinctColors(img, 200); n < 50 {
		t.Errorf("the screenshot has %d distinct colours: not the match", n)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	saveArtifact(t, "desktop-match.png", buf.Bytes())
}

// hasHealthBar reports whether img shows the HUD's health bar full (a
// lone player is never hurt): a run of its green in the bottom-left panel.
func hasHealthBar(img image.Image) bool {
	want := color.NRGBA{0x5e, 0xe0, 0x7a, 0xff}
	n := 0
	for y := 650; y < 710; y++ {
		for x := 60; x < 320; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if near(r>>8, want.R) && near(g>>8, want.G) && near(b>>8, want.B) {
				n++
			}
		}
	}
	return n > 2000 // the bar is about 236 x 28
}

func near(v uint32, w uint8) bool { return v+12 >= uint32(w) && v <= uint32(w)+12 }

// readLineWithin reads a line from r, or fails after d.
func readLineWithin(r *os.File, d time.Duration) (string, error) {
	ch := make(chan string, 1)
	errc := make(chan error, 1)
	go func() {
		l, err := bufio.NewReader(r).ReadString('\n')
		if err != nil {
			errc <- err
			return
		}
		ch <- l
	}()
	select {
	case l := <-ch:
		return l, nil
	case err := <-errc:
		return "", err
	case <-time.After(d):
		r.Close()
		return "", fmt.Errorf("nothing within %v", d)
	}
}
