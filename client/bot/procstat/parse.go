package procstat

import (
	"bytes"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

// ClockTicks is USER_HZ, the unit of utime and stime in /proc/PID/stat:
// 100 on every Linux architecture Go supports.
const ClockTicks = 100

// Sample is one reading of a process.
type Sample struct {
	At     time.Time     // when it was read
	CPU    time.Duration // user + system CPU time since the process started
	RSSKiB int64         // resident set size (VmRSS), in KiB
}

// ParseStatCPU returns utime+stime of a /proc/PID/stat line.
func ParseStatCPU(stat []byte) (time.Duration, error) {
	// The command name may hold spaces and parentheses; the fields after
	// the last ')' are fixed.
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, errors.New("malformed /proc stat")
	}
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 13 {
		return 0, errors.New("short /proc stat")
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64) // field 14 of stat
	stime, err2 := strconv.ParseInt(f[12], 10, 64) // field 15
	if err1 != nil || err2 != nil {
		return 0, errors.New("bad cpu times in /proc stat")
	}
	return time.Duration(utime+stime) * time.Second / ClockTicks, nil
}

// ParseStatusRSS returns VmRSS of a /proc/PID/status, in KiB.
func ParseStatusRSS(status []byte) (int64, error) {
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kib, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				return 0, errors.New("bad VmRSS in /proc status")
			}
			return kib, nil
		}
	}
	return 0, errors.New("no VmRSS in /proc status")
}

// ParseLoadAvg returns the 1-minute load average of a /proc/loadavg, NaN
// when it holds none.
func ParseLoadAvg(loadavg []byte) float64 {
	f := strings.Fields(string(loadavg))
	if len(f) == 0 {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return math.NaN()
	}
	return v
}
