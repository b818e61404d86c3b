package procstat

import (
	"math"
	"testing"
	"time"
)

func TestParseStatCPU(t *testing.T) {
	// utime 250 and stime 50 ticks; the command name holds a space and a ')'.
	stat := []byte("42 (game srv) x) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 9 0 1000 0 0")
	cpu, err := ParseStatCPU(stat)
	if err != nil {
		t.Fatal(err)
	}
	if cpu != 3*time.Second {
		t.Errorf("cpu %v, want 3s", cpu)
	}
	for _, bad := range []string{"12 (a b) c", "no parenthesis", "1 (a) S 1 1 1 0 -1 0 0 0 0 0 x 50 0"} {
		if _, err := ParseStatCPU([]byte(bad)); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestParseStatusRSS(t *testing.T) {
	rss, err := ParseStatusRSS([]byte("Name:\tgameserver\nVmPeak:\t  9000 kB\nVmRSS:\t    1234 kB\nThreads:\t5\n"))
	if err != nil {
		t.Fatal(err)
	}
	if rss != 1234 {
		t.Errorf("rss %d KiB, want 1234", rss)
	}
	if _, err := ParseStatusRSS([]byte("Name:\tzombie\nState:\tZ (zombie)\n")); err == nil {
		t.Error("a status without VmRSS parsed")
	}
	if _, err := ParseStatusRSS([]byte("VmRSS:\t lots kB\n")); err == nil {
		t.Error("a bad VmRSS parsed")
	}
}

func TestParseLoadAvg(t *testing.T) {
	if v := ParseLoadAvg([]byte("1.25 0.80 0.50 2/345 6789\n")); v != 1.25 {
		t.Errorf("load %v, want 1.25", v)
	}
	for _, bad := range []string{"", "x 1 2"} {
		if v := ParseLoadAvg([]byte(bad)); !math.IsNaN(v) {
			t.Errorf("%q: load %v, want NaN", bad, v)
		}
	}
}
