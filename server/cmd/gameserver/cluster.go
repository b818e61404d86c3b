package main

import (
	"context"
	"log/slog"
	"net/url"

	"arena/server"
	clusterpkg "arena/server/cluster"
)

// cluster joins this process to the others sharing a Redis (-redis). Without
// -redis it does nothing and the server places players in-process.
type cluster struct {
	o   clusterOptions
	log *slog.Logger
	dir *clusterpkg.Directory // nil without -redis
}

// newCluster connects to Redis when o asks for it: an unreachable Redis is
// an error here, at start.
func newCluster(ctx context.Context, o clusterOptions, log *slog.Logger) (*cluster, error) {
	c := &cluster{o: o, log: log}
	if o.redis == "" {
		return c, nil
	}
	clusterpkg.SetRedisLogger(log)
	rdb, err := clusterpkg.Connect(ctx, o.redis, clusterpkg.DefaultTimeout)
	if err != nil {
		return nil, err
	}
	c.dir, err = clusterpkg.New(clusterpkg.Config{Redis: rdb, ProcessID: o.processID, TTL: o.ttl, HoldTTL: o.holdTTL, Logger: log})
	if err != nil {
		_ = rdb.Close()
		return nil, err
	}
	return c, nil
}

// directory returns the RoomDirectory the server places players with; nil
// is the in-process one.
func (c *cluster) directory() server.RoomDirectory {
	if c.dir == nil {
		return nil
	}
	return c.dir
}

// start begins listing srv's rooms, reachable at -public-url or else at
// baseURL (scheme://host:port).
func (c *cluster) start(srv *server.Server, baseURL string) error {
	if c.dir == nil {
		return nil
	}
	public := c.o.publicURL
	if public == "" {
		public = baseURL
		if u, err := url.Parse(baseURL); err == nil && isLoopback(u.Hostname()) {
			c.log.Warn("-redis without -public-url: this process is listed at a loopback address, which other machines cannot reach", "url", baseURL)
		}
	}
	ws, err := clusterpkg.WebSocketURL(public)
	if err != nil {
		return err
	}
	// Quick play across processes keeps to rooms of this map, unless the
	// rooms rotate maps: then a room's map says nothing of the process.
	mapName := srv.Config().MapName
	if srv.Config().Match.Enabled() {
		mapName = ""
	}
	if err := c.dir.Start(ws, mapName); err != nil {
		return err
	}
	c.log.Info("cluster", "process", c.dir.ProcessID(), "public_url", ws, "redis", c.o.redis)
	return nil
}

// close stops listing (this process's rooms leave Redis) and disconnects.
func (c *cluster) close() {
	if c.dir == nil {
		return
	}
	c.dir.Close()
	_ = c.dir.Redis().Close()
}

// isLoopback reports whether host names this machine only.
func isLoopback(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}
