//go:build !js

package main

import (
	"fmt"
	"os"

	"arena/client"
)

// openReplay reads and checks the recording at path (-replay).
func openReplay(path string) (*client.Replay, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("-replay: %w", err)
	}
	rp, err := client.OpenReplay(data, nil)
	if err != nil {
		return nil, fmt.Errorf("-replay %s: %w", path, err)
	}
	return rp, nil
}
