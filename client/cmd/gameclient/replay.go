//go:build !js

package main

import (
	"fmt"

	"arena/client"
)

// openReplay reads and checks the recording at path (-replay), with the
// files before it when it is a room's later match.
func openReplay(path string) (*client.Replay, error) {
	rp, err := client.OpenReplayFile(path, nil)
	if err != nil {
		return nil, fmt.Errorf("-replay: %w", err)
	}
	return rp, nil
}
