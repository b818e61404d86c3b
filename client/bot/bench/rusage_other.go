//go:build !unix

package main

import "time"

// selfCPU returns 0: this platform has no getrusage (the bench measures
// on Linux).
func selfCPU() time.Duration { return 0 }
