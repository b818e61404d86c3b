package cluster

// Match and Listing: reading every process's rooms.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	"github.com/redis/go-redis/v9"

	"arena/server"
)

// Match implements server.RoomDirectory over every process's rooms of this
// process's map, and holds the seat it answers for HoldTTL. When no room
// anywhere has a seat, it answers a new room here. Without Redis it
// answers by the in-process rule.
func (d *Directory) Match(ctx context.Context, wish string) (server.Placement, error) {
	d.mu.Lock()
	use, url, mapName := d.useRedisLocked(), d.url, d.mapName
	d.mu.Unlock()
	if !use {
		return d.localMatch(wish, url), nil
	}
	ctx, cancel := context.WithTimeout(ctx, d.cfg.Timeout)
	defer cancel()
	res, err := matchScript.Run(ctx, d.rdb, nil, d.cfg.Prefix, wish, d.cfg.HoldTTL.Milliseconds(), holdID(), mapName).StringSlice()
	switch {
	case errors.Is(err, redis.Nil):
		return server.Placement{URL: url}, nil
	case err != nil:
		d.failed("match", err)
		return d.localMatch(wish, url), nil
	case len(res) != 2:
		return server.Placement{}, fmt.Errorf("cluster: match answered %q", res)
	}
	return server.Placement{Room: res[0], URL: res[1]}, nil
}

// localMatch is Match by this process's own rooms.
func (d *Directory) localMatch(wish, url string) server.Placement {
	d.mu.Lock()
	defer d.mu.Unlock()
	p := server.Placement{URL: url}
	if cands, _ := d.candidatesLocked(wish); len(cands) > 0 {
		p.Room = cands[0].id
	}
	return p
}

// holdID returns a random member for a hold's sorted set.
func holdID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Listing implements server.RoomDirectory: this process's rooms (live),
// then the other processes' as Redis lists them, with their seats taken as
// players and no names. Without Redis, this process's only.
func (d *Directory) Listing(ctx context.Context) ([]server.RoomListing, error) {
	d.mu.Lock()
	use, url := d.useRedisLocked(), d.url
	local := make([]server.RoomListing, len(d.rooms))
	for i, e := range d.rooms {
		local[i] = server.RoomListing{RoomInfo: e.room.Info(), URL: url, Process: d.cfg.ProcessID}
	}
	d.mu.Unlock()
	if !use {
		return local, nil
	}
	ctx, cancel := context.WithTimeout(ctx, d.cfg.Timeout)
	defer cancel()
	listed, err := d.list(ctx)
	if err != nil {
		d.failed("list", err)
		return local, nil
	}
	for _, l := range listed {
		if l.Process != d.cfg.ProcessID {
			// The seats are written at every join and leave, the players
			// field only at heartbeats: seats are the fresher count.
			l.Players = l.Seats
			local = append(local, l.RoomListing)
		}
	}
	return local, nil
}

// Listed is a room as Redis lists it.
type Listed struct {
	server.RoomListing
	// Seats is the seats taken as the owner last wrote them; Holds the
	// unexpired holds.
	Seats, Holds int
}

// list reads the listing (listScript).
func (d *Directory) list(ctx context.Context) ([]Listed, error) {
	return List(ctx, d.rdb, d.cfg.Prefix)
}

// List returns every room listed under prefix in rdb, with its seats and
// holds: what /match chooses from.
func List(ctx context.Context, rdb *redis.Client, prefix string) ([]Listed, error) {
	if prefix == "" {
		prefix = DefaultPrefix
	}
	rows, err := listScript.Run(ctx, rdb, nil, prefix).Slice()
	if err != nil {
		return nil, err
	}
	out := make([]Listed, 0, len(rows))
	for _, row := range rows {
		f, ok := row.([]any)
		if !ok || len(f) != len(listFields)+1 {
			return nil, fmt.Errorf("cluster: list row %v", row)
		}
		s := func(i int) string { v, _ := f[i].(string); return v }
		n := func(i int) int { v, _ := strconv.Atoi(s(i)); return v }
		out = append(out, Listed{
			RoomListing: server.RoomListing{
				RoomInfo: server.RoomInfo{ID: s(0), Map: s(2), Mode: s(3), Players: n(4), Capacity: n(5), TickRate: n(6), Names: []string{}},
				URL:      s(1), Process: s(7),
			},
			Seats: n(8), Holds: n(9),
		})
	}
	return out, nil
}
