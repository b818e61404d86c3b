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

// Match implements server.RoomDirectory over every process's rooms, and
// holds the seat it answers for HoldTTL. A wish names one room of any
// process (its id, or a private room's code in any case), else a
// *server.RoomError; quick play picks among the public rooms of this
// process's map, and when none has a seat it answers a new room here.
// Without Redis it answers by the in-process rule.
func (d *Directory) Match(ctx context.Context, wish string) (server.Placement, error) {
	d.mu.Lock()
	use, url, mapName := d.useRedisLocked(), d.url, d.mapName
	d.mu.Unlock()
	if !use {
		return d.localMatch(wish, url)
	}
	code, _ := server.RoomCodeKey(wish)
	ctx, cancel := context.WithTimeout(ctx, d.cfg.Timeout)
	defer cancel()
	res, err := matchScript.Run(ctx, d.rdb, nil, d.cfg.Prefix, wish, code, d.cfg.HoldTTL.Milliseconds(), holdID(), mapName).StringSlice()
	switch {
	case errors.Is(err, redis.Nil):
		return server.Placement{URL: url}, nil
	case err != nil:
		d.failed("match", err)
		return d.localMatch(wish, url)
	case len(res) != 2:
		return server.Placement{}, fmt.Errorf("cluster: match answered %q", res)
	case res[0] == "none":
		return server.Placement{}, server.NoSuchRoom(wish)
	case res[0] == "full":
		return server.Placement{}, &server.RoomError{Err: server.ErrRoomFull, Room: res[1]}
	}
	return server.Placement{Room: res[0], URL: res[1]}, nil
}

// localMatch is Match by this process's own rooms.
func (d *Directory) localMatch(wish, url string) (server.Placement, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	p := server.Placement{URL: url}
	if wish != "" {
		e, err := d.wishedLocked(wish)
		if err != nil {
			return server.Placement{}, err
		}
		p.Room = e.id
	} else if cands := d.candidatesLocked(); len(cands) > 0 {
		p.Room = cands[0].id
	}
	return p, nil
}

// holdID returns a random member for a hold's sorted set.
func holdID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Listing implements server.RoomDirectory: this process's public rooms
// (live), then the other processes' as Redis lists them, with their seats
// taken as players. Without Redis, this process's only. Private rooms are
// never listed.
func (d *Directory) Listing(ctx context.Context) ([]server.RoomListing, error) {
	d.mu.Lock()
	use, url := d.useRedisLocked(), d.url
	local := []server.RoomListing{}
	for _, e := range d.rooms {
		if !e.private {
			local = append(local, server.RoomListing{RoomInfo: e.room.Info(), URL: url, Process: d.cfg.ProcessID})
		}
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
		if l.Process != d.cfg.ProcessID && !l.Private {
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
				RoomInfo: server.RoomInfo{ID: s(0), Map: s(2), Mode: s(3), Players: n(4), Capacity: n(5), TickRate: n(6),
					Private: s(9) == "1"},
				URL: s(1), Process: s(7),
			},
			Seats: n(8), Holds: n(10),
		})
	}
	return out, nil
}
