package main

import "flag"

// clusterOptions are the flags of cluster.go.
type clusterOptions struct{}

func (g *clusterOptions) register(fs *flag.FlagSet, lookupEnv func(string) (string, bool)) error {
	return nil
}

func (g *clusterOptions) check() error { return nil }
