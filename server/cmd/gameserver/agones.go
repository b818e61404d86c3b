package main

// -agones: the game server's life told to the Agones SDK sidecar, and
// -exit-when-empty: the drain after the last match.

import (
	"context"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"arena/server"
	"arena/server/agones"
)

// emptyPollInterval is how often -exit-when-empty reads the rooms.
const emptyPollInterval = time.Second

// agonesLink reports this game server's life to the Agones SDK sidecar
// (-agones) and watches for the end of the last match (-exit-when-empty).
// With neither it does nothing.
type agonesLink struct {
	reporter *agones.Reporter // nil without -agones
	stopped  atomic.Bool      // the game server stopped: the roster is empty
	drain    chan struct{}    // closed when the last room ended; nil without -exit-when-empty
	stop     chan struct{}    // ends the rooms watcher
	stopOnce sync.Once
	done     chan struct{} // closed when the watcher returned
}

// startAgones starts reporting when o asks for it. It returns at once:
// Ready is retried in the background until the sidecar takes it or ctx
// ends.
func startAgones(ctx context.Context, o agonesOptions, srv *server.Server, log *slog.Logger) (*agonesLink, error) {
	a := &agonesLink{}
	if o.enabled {
		c, err := agones.NewClient(o.sdkURL)
		if err != nil {
			return nil, err
		}
		a.reporter, err = agones.Start(ctx, agones.Config{
			Client:         c,
			HealthInterval: o.healthInterval,
			Players:        o.playerMode,
			Capacity:       int64(srv.Config().RoomCapacity),
			Roster: func() []string {
				if a.stopped.Load() {
					return nil // rooms stopped by Shutdown may still be listed
				}
				return roster(srv.Rooms())
			},
			Logger: log,
		})
		if err != nil {
			return nil, err
		}
		log.Info("agones: reporting to the SDK sidecar", "url", o.sdkURL, "health_interval", o.healthInterval,
			"players", string(o.playerMode))
	}
	if o.exitWhenEmpty {
		a.drain, a.stop, a.done = make(chan struct{}), make(chan struct{}), make(chan struct{})
		go a.watchRooms(srv, log)
	}
	return a, nil
}

// watchRooms closes a.drain once a room has started (the metrics count it,
// however briefly it lasted) and none is left.
func (a *agonesLink) watchRooms(srv *server.Server, log *slog.Logger) {
	defer close(a.done)
	t := time.NewTicker(emptyPollInterval)
	defer t.Stop()
	played := false
	for {
		select {
		case <-a.stop:
			return
		case <-t.C:
		}
		n := len(srv.Rooms())
		if srv.Metrics().RoomsStarted.Load() > 0 && !played {
			played = true
			log.Info("exit-when-empty: a match started; the server exits when every room has ended")
		}
		if played && n == 0 {
			close(a.drain)
			return
		}
	}
}

// roster names each player in rooms once: "<room>/<name>", with "#2",
// "#3" after a name already taken in its room.
func roster(rooms []server.RoomInfo) []string {
	var ids []string
	for _, r := range rooms {
		seen := make(map[string]int, len(r.Names))
		for _, name := range r.Names {
			seen[name]++
			id := r.ID + "/" + name
			if n := seen[name]; n > 1 {
				id += "#" + strconv.Itoa(n)
			}
			ids = append(ids, id)
		}
	}
	return ids
}

// drainRequested is closed when the server should stop by itself (a nil
// channel never is).
func (a *agonesLink) drainRequested() <-chan struct{} { return a.drain }

// shutdown tells Agones the server is going away, after the drain: the
// last player count (none) and then Shutdown, within ctx.
func (a *agonesLink) shutdown(ctx context.Context) error {
	a.stopped.Store(true)
	if a.stop != nil {
		a.stopOnce.Do(func() { close(a.stop) })
		<-a.done
	}
	if a.reporter == nil {
		return nil
	}
	return a.reporter.Shutdown(ctx)
}
