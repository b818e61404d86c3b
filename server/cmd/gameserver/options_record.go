package main

import (
	"flag"
	"fmt"
	"os"

	"arena/server"
)

// recordOptions are the flags of recording matches (server/record.go).
type recordOptions struct {
	dir string // "": no recording
}

func (g *recordOptions) register(fs *flag.FlagSet, lookupEnv func(string) (string, bool)) error {
	envString(lookupEnv, "ARENA_RECORD", &g.dir)
	fs.StringVar(&g.dir, "record", g.dir, "write every match to a file in this directory (made if missing), to play back with gameclient -replay FILE; the arena mode only [ARENA_RECORD]")
	return nil
}

func (g *recordOptions) check() error { return nil }

// apply sets the recording directory in cfg, making it when missing. The
// bench rule is not recorded: asking for both is an error.
func (g *recordOptions) apply(cfg *server.Config, mode string) error {
	if g.dir == "" {
		return nil
	}
	if mode != modeArena {
		return fmt.Errorf("-record records the arena mode only; -mode %s is not recorded: drop -record (or ARENA_RECORD)", mode)
	}
	if err := os.MkdirAll(g.dir, 0o755); err != nil {
		return fmt.Errorf("-record: %w", err)
	}
	cfg.RecordDir = g.dir
	return nil
}
