package main

import "flag"

// agonesOptions are the flags of agones.go.
type agonesOptions struct{}

func (g *agonesOptions) register(fs *flag.FlagSet, lookupEnv func(string) (string, bool)) error {
	return nil
}

func (g *agonesOptions) check() error { return nil }
