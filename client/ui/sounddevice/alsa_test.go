//go:build cgo && !android && !darwin && !js && !windows && !nintendosdk && !playstation5

package sounddevice_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"arena/client/ui/model"
	"arena/client/ui/sounddevice"
)

// checkEnv names the ALSA configuration a child test process runs Check
// under; ALSA reads its configuration once a process, so each setup runs
// in a process of its own.
const checkEnv = "SOUNDDEVICE_TEST_CHECK"

// TestCheckChild is the child: it runs Check and prints its verdict.
func TestCheckChild(t *testing.T) {
	if os.Getenv(checkEnv) == "" {
		t.Skip("run by TestCheckALSA")
	}
	if err := sounddevice.Check(model.SoundSampleRate); err != nil {
		t.Log("VERDICT fail:", err)
		return
	}
	t.Log("VERDICT ok")
}

// checkUnder runs Check in a child process whose ~/.asoundrc is asoundrc,
// and returns the child's verdict and all it printed.
func checkUnder(t *testing.T, asoundrc string) (verdict, output string) {
	t.Helper()
	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, ".asoundrc"), []byte(asoundrc), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestCheckChild$", "-test.v", "-test.count=1")
	// GORACE: a race-enabled child would otherwise wait a second at exit.
	cmd.Env = append(os.Environ(), checkEnv+"=1", "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, "xdg"), "GORACE=atexit_sleep_ms=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if _, v, ok := strings.Cut(line, "VERDICT "); ok {
			return v, string(out)
		}
	}
	t.Fatalf("child gave no verdict:\n%s", out)
	return "", ""
}

// TestCheckALSA: a default device that exists (ALSA's null device, which
// swallows what it is given) passes; one that does not (a PCM no machine
// has) fails with the reason, without ALSA's own complaints on stderr
// (unsilenced, ALSA prints "Unknown PCM nosuchpcm" for each device tried).
func TestCheckALSA(t *testing.T) {
	t.Parallel()
	if v, _ := checkUnder(t, "pcm.!default { type null }\n"); v != "ok" {
		t.Errorf("null device: %s, want ok", v)
	}
	v, out := checkUnder(t, "pcm.!default { type plug slave.pcm \"nosuchpcm\" }\n")
	if !strings.HasPrefix(v, "fail:") || !strings.Contains(v, `"default"`) || !strings.Contains(v, `"plug:default"`) {
		t.Errorf("missing card: %q, want a failure naming both devices tried", v)
	}
	if strings.Contains(out, "ALSA lib") {
		t.Errorf("ALSA's own messages leaked:\n%s", out)
	}
}
