package procstat

import (
	"fmt"
	"math"
	"os"
	"time"
)

// Read reads pid's CPU time and resident set size.
func Read(pid int) (Sample, error) {
	now := time.Now()
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return Sample{}, fmt.Errorf("pid %d: %w", pid, err)
	}
	cpu, err := ParseStatCPU(stat)
	if err != nil {
		return Sample{}, fmt.Errorf("pid %d: %w", pid, err)
	}
	rss, err := RSSKiB(pid)
	if err != nil {
		return Sample{}, err
	}
	return Sample{At: now, CPU: cpu, RSSKiB: rss}, nil
}

// RSSKiB reads pid's resident set size, in KiB.
func RSSKiB(pid int) (int64, error) {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("pid %d: %w", pid, err)
	}
	rss, err := ParseStatusRSS(status)
	if err != nil {
		return 0, fmt.Errorf("pid %d: %w", pid, err)
	}
	return rss, nil
}

// LoadAvg returns the 1-minute load average of the machine (other work
// running beside a measurement shows here), NaN when unknown.
func LoadAvg() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return math.NaN()
	}
	return ParseLoadAvg(b)
}
