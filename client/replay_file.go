package client

import (
	"fmt"
	"os"
	"path/filepath"

	"arena/game/replay"
)

// Limits of OpenReplayFile: how many files back it follows, and how
// large one may be (a 5-minute match of 16 players is about 2 MB).
const (
	maxReplayChain = 10000
	maxReplayFile  = 256 << 20
)

// OpenReplayFile reads the recording at path and, when it continues
// another (a room's later match), the files before it from the same
// directory, and prepares it to play (see OpenReplayChain). Errors name
// the file. Not in the browser, which has no files.
func OpenReplayFile(path string, maps *Maps) (*Replay, error) {
	var files [][]byte
	seen := make(map[string]bool)
	for name := path; ; {
		data, err := readReplayFile(name)
		if err != nil {
			if len(files) > 0 {
				return nil, fmt.Errorf("%s continues %s, which cannot be read: %w", path, filepath.Base(name), err)
			}
			return nil, err
		}
		seen[filepath.Base(name)] = true
		files = append([][]byte{data}, files...)
		rec, err := replay.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if rec.Header.Prev == "" {
			break
		}
		if len(files) >= maxReplayChain || filepath.Base(rec.Header.Prev) != rec.Header.Prev || seen[rec.Header.Prev] {
			return nil, fmt.Errorf("%s: the chain of recordings is broken at %q", name, rec.Header.Prev)
		}
		name = filepath.Join(filepath.Dir(path), rec.Header.Prev)
	}
	rp, err := OpenReplayChain(files, maps)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rp, nil
}

// readReplayFile reads a recording, refusing one over maxReplayFile.
func readReplayFile(name string) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if fi.Size() > maxReplayFile {
		return nil, fmt.Errorf("%s: %d bytes, more than a recording's %d", name, fi.Size(), maxReplayFile)
	}
	return os.ReadFile(name)
}
