package impair_test

import (
	"strings"
	"testing"
	"time"

	"arena/netcode/impair"
)

func TestParse(t *testing.T) {
	t.Parallel()
	both := impair.Link{Latency: 75 * time.Millisecond, Jitter: 10 * time.Millisecond, Loss: 0.02,
		Bandwidth: 64000, Stall: 250 * time.Millisecond, Reset: 0.001}
	for _, tc := range []struct {
		in   string
		want impair.Config
	}{
		{"", impair.Config{}},
		{"off", impair.Config{}},
		{"latency=75ms,jitter=10ms,loss=0.02,bandwidth=64000,stall=250ms,reset=0.001",
			impair.Config{Up: both, Down: both}},
		{" latency = 75ms , seed=7 ", impair.Config{
			Up: impair.Link{Latency: 75 * time.Millisecond}, Down: impair.Link{Latency: 75 * time.Millisecond}, Seed: 7}},
		// A direction's own key wins over the unprefixed one, before or after it.
		{"down.latency=100ms,latency=50ms,up.loss=0.5", impair.Config{
			Up:   impair.Link{Latency: 50 * time.Millisecond, Loss: 0.5},
			Down: impair.Link{Latency: 100 * time.Millisecond}}},
		{"up.bandwidth=1000", impair.Config{Up: impair.Link{Bandwidth: 1000}}},
	} {
		got, err := impair.Parse(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
			continue
		}
		// String is Parse's syntax: it reads back to the same Config.
		back, err := impair.Parse(got.String())
		if err != nil || back != got {
			t.Errorf("Parse(%q.String() = %q) = %+v, %v", tc.in, got.String(), back, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"x=1", `impair: unknown key "x" (want latency, jitter, loss, stall, bandwidth, reset, seed`},
		{"sideways.latency=1ms", `unknown key "sideways.latency"`},
		{"up.nope=1", `unknown key "up.nope"`},
		{"latency", `"latency": want key=value`},
		{"latency=75", `latency "75": want a duration such as 75ms`},
		{"up.jitter=fast", `up.jitter "fast": want a duration`},
		{"latency=-5ms", "latency -5ms is negative"},
		{"loss=1.5", "loss 1.5 outside [0,1]"},
		{"down.reset=-0.1", "down.reset -0.1 outside [0,1]"},
		{"loss=NaN", "loss NaN outside [0,1]"},
		{"loss=lots", `loss "lots": want a probability`},
		{"bandwidth=64kB", `bandwidth "64kB": want bytes per second`},
		{"bandwidth=-1", "bandwidth -1 is negative"},
		{"seed=-1", `seed "-1": want an unsigned integer`},
		{"up.seed=1", "the seed is one for both directions"},
		{"latency=1ms,latency=2ms", "latency given twice"},
	} {
		_, err := impair.Parse(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want an error containing %q", tc.in, err, tc.want)
		}
	}
}

func TestConfigString(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		c    impair.Config
		want string
	}{
		{impair.Config{}, "off"},
		{impair.Config{Up: impair.Link{Latency: 75 * time.Millisecond, Loss: 0.02}, Down: impair.Link{Latency: 75 * time.Millisecond, Loss: 0.02}},
			"latency=75ms,loss=0.02"},
		{impair.Config{Down: impair.Link{Jitter: time.Millisecond}, Seed: 3}, "down.jitter=1ms,seed=3"},
	} {
		if got := tc.c.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.c, got, tc.want)
		}
	}
}

func TestLinkActiveAndStall(t *testing.T) {
	t.Parallel()
	if (impair.Link{Stall: time.Second}).Active() {
		t.Error("a Stall without Loss is active")
	}
	for _, l := range []impair.Link{{Latency: 1}, {Jitter: 1}, {Loss: 0.1}, {Bandwidth: 1}, {Reset: 0.1}} {
		if !l.Active() {
			t.Errorf("%+v is not active", l)
		}
	}
	if d := (impair.Link{Latency: 10 * time.Millisecond}).DefaultStall(); d != 200*time.Millisecond {
		t.Errorf("DefaultStall at 10ms = %v, want the 200ms floor", d)
	}
	if d := (impair.Link{Latency: 100 * time.Millisecond, Jitter: 20 * time.Millisecond}).DefaultStall(); d != 280*time.Millisecond {
		t.Errorf("DefaultStall at 100ms±20ms = %v, want 2*100+4*20 = 280ms", d)
	}
}
