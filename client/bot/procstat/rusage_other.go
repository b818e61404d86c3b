//go:build !unix

package procstat

import "time"

// SelfCPU returns 0: this platform has no getrusage (measurements are made
// on Linux).
func SelfCPU() time.Duration { return 0 }
