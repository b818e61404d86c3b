//go:build !linux

package procstat

import (
	"errors"
	"fmt"
	"math"
	"runtime"
)

// errNoProc is what the readers return where there is no Linux /proc.
var errNoProc = errors.New("reading a process's CPU time and RSS needs Linux's /proc; this is " + runtime.GOOS)

// Read returns an error: this platform has no Linux /proc.
func Read(pid int) (Sample, error) {
	return Sample{}, fmt.Errorf("pid %d: %w", pid, errNoProc)
}

// RSSKiB returns an error: this platform has no Linux /proc.
func RSSKiB(pid int) (int64, error) {
	return 0, fmt.Errorf("pid %d: %w", pid, errNoProc)
}

// LoadAvg returns NaN: this platform has no /proc/loadavg.
func LoadAvg() float64 { return math.NaN() }
