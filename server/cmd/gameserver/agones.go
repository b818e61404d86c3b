package main

import (
	"context"
	"log/slog"

	"arena/server"
)

// agonesLink reports this game server's life to the Agones SDK sidecar
// (-agones). Without -agones it does nothing.
type agonesLink struct{}

// startAgones starts reporting when o asks for it.
func startAgones(ctx context.Context, o agonesOptions, srv *server.Server, log *slog.Logger) (*agonesLink, error) {
	return &agonesLink{}, nil
}

// drainRequested is closed when the server should stop by itself (a nil
// channel never is).
func (a *agonesLink) drainRequested() <-chan struct{} { return nil }

// shutdown tells Agones the server is going away, after the drain.
func (a *agonesLink) shutdown(ctx context.Context) error { return nil }
