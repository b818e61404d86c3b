package main

import "flag"

// adminOptions are the flags of admin.go.
type adminOptions struct{}

func (g *adminOptions) register(fs *flag.FlagSet, lookupEnv func(string) (string, bool)) error {
	return nil
}

func (g *adminOptions) check() error { return nil }
