package main

import (
	"flag"

	"arena/server"
)

// modeOptions are the flags of mode.go.
type modeOptions struct{}

func (g *modeOptions) register(fs *flag.FlagSet, lookupEnv func(string) (string, bool)) error {
	return nil
}

func (g *modeOptions) check() error { return nil }

// apply sets the rule (and whatever else the mode needs) in cfg.
func (g *modeOptions) apply(cfg *server.Config) error { return nil }
