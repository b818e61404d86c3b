//go:build linux

package e2e_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"arena/client"
	"arena/game"
	"arena/game/replay"
	"arena/server"
)

// TestDesktopReplayPlays records a short match of a person and fill bots
// through a real server (-record's Config.RecordDir), then plays the file
// in the desktop client under xvfb-run (gameclient -replay) until the
// client says the playback reached the end, and saves a screenshot of
// it (replay.png).
func TestDesktopReplayPlays(t *testing.T) {
	requireE2E(t)
	xvfbRun := requireTool(t, "xvfb-run")
	requireTool(t, "xwd")
	file := recordShortMatch(t, 3*time.Second)
	bin := goBuild(t, "./client/cmd/gameclient", t.TempDir())
	dir := t.TempDir()
	shot, logPath := filepath.Join(dir, "replay.xwd"), filepath.Join(dir, "gameclient.log")
	// One shell inside the virtual display: the client, then a screenshot
	// once it logged the end (or after 60 s), then stop it.
	script := fmt.Sprintf(`%q -replay %q -mute >%q 2>&1 & pid=$!
for i in $(seq 120); do grep -q "replay ended" %q && break; sleep 0.5; done
sleep 1; xwd -root -silent -out %q; kill $pid; wait $pid; true`, bin, file, logPath, logPath, shot)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, xvfbRun, "-a", "-s", "-screen 0 1280x720x24", "sh", "-c", script).CombinedOutput()
	logged, _ := os.ReadFile(logPath)
	if err != nil {
		t.Fatalf("xvfb-run: %v\n%s\n%s", err, out, logged)
	}
	if !bytes.Contains(logged, []byte("replay ended")) {
		t.Fatalf("the client did not play the replay to its end:\n%s", logged)
	}
	data, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	img, err := decodeXWD(data)
	if err != nil {
		t.Fatal(err)
	}
	if n := distinctColors(img, 64); n < 8 {
		t.Fatalf("the screenshot looks blank: %d distinct colors", n)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	saveArtifact(t, "replay.png", buf.Bytes())
}

// recordShortMatch plays d of a room with a person (a Session standing
// still) and three fill bots on a real server that records, stops the
// server and returns the recording's path.
func recordShortMatch(t *testing.T, d time.Duration) string {
	t.Helper()
	dir := t.TempDir()
	srv, err := server.New(server.Config{RecordDir: dir, MinPlayers: 4, BotLevels: []game.BotLevel{game.BotHard}})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sess, err := client.Dial(ctx, "ws"+strings.TrimPrefix(hs.URL, "http")+"/ws", &client.Options{Name: "recorded"})
	if err != nil {
		t.Fatal(err)
	}
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(16 * time.Millisecond) {
		sess.Update(time.Now(), game.Input{})
	}
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	sess.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "*"+replay.FileExt))
	if len(files) != 1 {
		t.Fatalf("recordings: %v", files)
	}
	return files[0]
}

// decodeXWD decodes the screenshot xwd takes of a 24-bit Xvfb screen
// (ZPixmap, 32 bits per pixel, little-endian BGRX).
func decodeXWD(data []byte) (image.Image, error) {
	if len(data) < 100 {
		return nil, fmt.Errorf("xwd: %d bytes", len(data))
	}
	u := func(i int) int { return int(binary.BigEndian.Uint32(data[i*4:])) }
	header, w, h, bpp, bpl, ncolors := u(0), u(4), u(5), u(11), u(12), u(19)
	off := header + ncolors*12
	if bpp != 32 || w <= 0 || h <= 0 || off+h*bpl > len(data) {
		return nil, fmt.Errorf("xwd: %dx%d at %d bits per pixel, %d bytes: not a 24-bit screen", w, h, bpp, len(data))
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			p := data[off+y*bpl+x*4:]
			img.Set(x, y, color.RGBA{p[2], p[1], p[0], 255})
		}
	}
	return img, nil
}
