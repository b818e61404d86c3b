//go:build linux

package e2e_test

// A virtual X display of the test's own and a fake keyboard and mouse on it
// (the XTEST extension), to drive the desktop client as a person would.

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

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	"github.com/jezek/xgb/xtest"
)

// startXvfb starts Xvfb on a free display (it picks one, -displayfd) with
// a w x h screen and returns the display's name (":N"); it stops with the test.
func startXvfb(t *testing.T, w, h int) string {
	t.Helper()
	bin := requireTool(t, "Xvfb")
	r, wr, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-displayfd", "3", "-screen", "0", fmt.Sprintf("%dx%dx24", w, h), "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{wr}
	startProcess(t, cmd, "xvfb.log")
	wr.Close()
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
		r.Close()
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatal("Xvfb did not say its display")
		}
		return ":" + n
	case <-time.After(20 * time.Second):
		t.Fatal("Xvfb did not start in 20 s")
	}
	return ""
}

// fakeInput presses keys and moves and clicks the mouse on a display.
type fakeInput struct {
	t    *testing.T
	c    *xgb.Conn
	root xproto.Window
	syms []xproto.Keysym // by keycode - min
	min  xproto.Keycode
	per  int // keysyms per keycode
}

// Keysyms of the keys the tests press.
const (
	keyReturn = 0xff0d
	keyEscape = 0xff1b
	keyDown   = 0xff54
	keyUp     = 0xff52
	keyRight  = 0xff53
	keyLeft   = 0xff51
)

func newFakeInput(t *testing.T, display string) *fakeInput {
	t.Helper()
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatalf("connect to %s: %v", display, err)
	}
	t.Cleanup(c.Close)
	if err := xtest.Init(c); err != nil {
		t.Fatalf("XTEST on %s: %v", display, err)
	}
	setup := xproto.Setup(c)
	km, err := xproto.GetKeyboardMapping(c, setup.MinKeycode, byte(setup.MaxKeycode-setup.MinKeycode+1)).Reply()
	if err != nil {
		t.Fatal(err)
	}
	return &fakeInput{t: t, c: c, root: setup.DefaultScreen(c).Root, syms: km.Keysyms, min: setup.MinKeycode, per: int(km.KeysymsPerKeycode)}
}

func (f *fakeInput) keycode(sym xproto.Keysym) byte {
	for i, s := range f.syms {
		if s == sym {
			return byte(int(f.min) + i/f.per)
		}
	}
	f.t.Fatalf("no keycode for keysym %#x", sym)
	return 0
}

// hold is how long a key or button stays down: Ebiten samples the keys
// once a frame, and a software-rendered frame under a loaded Xvfb can take
// tens of milliseconds.
const hold = 300 * time.Millisecond

func (f *fakeInput) fake(typ, detail byte, x, y int16) {
	f.t.Helper()
	if err := xtest.FakeInputChecked(f.c, typ, detail, 0, f.root, x, y, 0).Check(); err != nil {
		f.t.Fatalf("fake input: %v", err)
	}
}

// press presses and releases each key in turn.
func (f *fakeInput) press(syms ...xproto.Keysym) {
	f.t.Helper()
	f.pressFor(hold, syms...)
}

// pressFor is press with each key held, and then released, for d.
func (f *fakeInput) pressFor(d time.Duration, syms ...xproto.Keysym) {
	f.t.Helper()
	for _, s := range syms {
		k := f.keycode(s)
		f.fake(xproto.KeyPress, k, 0, 0)
		time.Sleep(d)
		f.fake(xproto.KeyRelease, k, 0, 0)
		time.Sleep(d)
	}
}

// typeText types lower-case letters and digits.
func (f *fakeInput) typeText(s string) {
	f.t.Helper()
	for _, r := range s {
		f.press(xproto.Keysym(r))
	}
}

// click moves the pointer to (x, y) on the screen and clicks the left
// button, each step held twice as long as a key: a click counts on the
// frame that sees the button up after a frame that saw it down, and a
// frame of the loaded machine can take a few hundred milliseconds.
func (f *fakeInput) click(x, y int) {
	f.t.Helper()
	f.fake(xproto.MotionNotify, 0, int16(x), int16(y))
	time.Sleep(2 * hold)
	f.fake(xproto.ButtonPress, 1, 0, 0)
	time.Sleep(2 * hold)
	f.fake(xproto.ButtonRelease, 1, 0, 0)
	time.Sleep(2 * hold)
}

// pixel returns the screen's color at (x, y) as 0xRRGGBB (24-bit TrueColor
// Xvfb: the image is BGRX bytes).
func (f *fakeInput) pixel(x, y int) uint32 {
	f.t.Helper()
	img, err := xproto.GetImage(f.c, xproto.ImageFormatZPixmap, xproto.Drawable(f.root), int16(x), int16(y), 1, 1, ^uint32(0)).Reply()
	if err != nil || len(img.Data) < 3 {
		return 0
	}
	return uint32(img.Data[2])<<16 | uint32(img.Data[1])<<8 | uint32(img.Data[0])
}

// screenshotPNG returns the screen (w x h from its top-left) as a PNG.
func (f *fakeInput) screenshotPNG(w, h int) []byte {
	f.t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	// In bands: one request's reply is limited in size.
	for y0 := 0; y0 < h; y0 += 64 {
		bh := min(64, h-y0)
		r, err := xproto.GetImage(f.c, xproto.ImageFormatZPixmap, xproto.Drawable(f.root), 0, int16(y0), uint16(w), uint16(bh), ^uint32(0)).Reply()
		if err != nil {
			f.t.Fatalf("screenshot: %v", err)
		}
		for i := 0; i+3 < len(r.Data) && i/4 < w*bh; i += 4 {
			p := i / 4
			img.Set(p%w, y0+p/w, color.RGBA{r.Data[i+2], r.Data[i+1], r.Data[i], 0xff})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		f.t.Fatal(err)
	}
	return b.Bytes()
}
