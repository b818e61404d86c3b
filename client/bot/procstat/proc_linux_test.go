package procstat

import (
	"math"
	"os"
	"testing"
	"time"
)

func TestReadOfItself(t *testing.T) {
	s, err := Read(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if s.RSSKiB <= 0 {
		t.Errorf("RSS %d KiB", s.RSSKiB)
	}
	if s.At.IsZero() || time.Since(s.At) > time.Minute {
		t.Errorf("read at %v", s.At)
	}
	// Burn some CPU: the next reading must not go backwards, and SelfCPU
	// must see it.
	self := SelfCPU()
	for x, end := 0, time.Now().Add(50*time.Millisecond); time.Now().Before(end); x++ {
		_ = x * x
	}
	s2, err := Read(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if s2.CPU < s.CPU {
		t.Errorf("cpu went back from %v to %v", s.CPU, s2.CPU)
	}
	if SelfCPU() <= self {
		t.Errorf("SelfCPU did not grow past %v over 50 ms of work", self)
	}
	if _, err := Read(-1); err == nil {
		t.Error("pid -1 read")
	}
	if _, err := RSSKiB(-1); err == nil {
		t.Error("RSS of pid -1 read")
	}
	if v := LoadAvg(); math.IsNaN(v) || v < 0 {
		t.Errorf("load average %v", v)
	}
}
