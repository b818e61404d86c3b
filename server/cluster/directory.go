package cluster

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"arena/server"
)

// Directory is a server.RoomDirectory whose rooms are listed in Redis for
// the other processes, and whose Match places players over every process's
// rooms. Make it with New, give it to server.Config.Directory, call Start
// once the server listens and Close after it stopped.
type Directory struct {
	cfg Config
	rdb *redis.Client
	log *slog.Logger

	mu      sync.Mutex // mu guards what follows
	rooms   []*entry   // this process's rooms, oldest first
	made    uint64     // rooms made: the next id is <process>-<made+1>
	ver     uint64     // the newest seat version written
	url     string     // this process's WebSocket URL; "" before Start
	claim   string     // "<url> <nonce>": this process's hold on its id in Redis
	mapName string     // the map this process's rooms play
	started bool
	closed  bool

	down    atomic.Bool // Redis failed last time: place locally until a heartbeat succeeds
	ops     chan release
	stop    chan struct{}
	done    chan struct{}
	stopped sync.Once
}

// entry is one of this process's rooms.
type entry struct {
	room     *server.Room
	id       string
	capacity int
	reserved int
	ver      uint64 // version of the last change of reserved
}

// release is a seat change for the writer goroutine to mirror.
type release struct {
	id    string
	ver   uint64
	seats int
}

// releaseQueue is how many seat changes may wait for Redis; past it the
// next heartbeat corrects the listing.
const releaseQueue = 4096

// New returns a Directory on cfg.Redis. It lists nothing until Start.
func New(cfg Config) (*Directory, error) {
	cfg = cfg.withDefaults()
	if cfg.Redis == nil {
		return nil, errors.New("cluster: no Redis client")
	}
	if err := CheckProcessID(cfg.ProcessID); err != nil {
		return nil, fmt.Errorf("cluster: %w", err)
	}
	return &Directory{
		cfg:  cfg,
		rdb:  cfg.Redis,
		log:  cfg.Logger.With("process", cfg.ProcessID),
		ops:  make(chan release, releaseQueue),
		stop: make(chan struct{}),
		done: make(chan struct{}),
	}, nil
}

// ProcessID returns this process's id.
func (d *Directory) ProcessID() string { return d.cfg.ProcessID }

// URL returns this process's WebSocket URL ("" before Start).
func (d *Directory) URL() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.url
}

// Start lists this process's rooms as reachable at wsURL (ws(s)://…/ws),
// playing mapName, and starts the heartbeat. It lists the rooms at once,
// so it fails when Redis does not answer.
func (d *Directory) Start(wsURL, mapName string) error {
	d.mu.Lock()
	if d.started {
		d.mu.Unlock()
		return errors.New("cluster: started twice")
	}
	d.url, d.mapName = wsURL, mapName
	d.claim = wsURL + " " + holdID()
	d.mu.Unlock()
	ctx, cancel := d.ctx()
	defer cancel()
	res, err := claimScript.Run(ctx, d.rdb, nil, d.cfg.Prefix, d.cfg.ProcessID, d.claim, wsURL, d.cfg.TTL.Milliseconds()).Result()
	if err != nil {
		return fmt.Errorf("cluster: claim process id %q: %w", d.cfg.ProcessID, err)
	}
	if other, ok := res.(string); ok {
		return fmt.Errorf("cluster: process id %q is in use by the process at %s (another gameserver with the same -process-id, or one that stopped less than the TTL %v ago)",
			d.cfg.ProcessID, claimURL(other), d.cfg.TTL)
	}
	if err := d.heartbeat(); err != nil {
		return fmt.Errorf("cluster: first heartbeat: %w", err)
	}
	d.mu.Lock()
	d.started = true
	d.mu.Unlock()
	go d.write()
	d.log.Info("rooms listed in redis", "url", wsURL, "ttl", d.cfg.TTL, "hold_ttl", d.cfg.HoldTTL)
	return nil
}

// Close stops the heartbeat and removes this process's rooms from the
// listing (call it after the server stopped). It is safe to call more than
// once.
func (d *Directory) Close() {
	d.stopped.Do(func() {
		d.mu.Lock()
		started := d.started
		d.closed = true
		d.mu.Unlock()
		if !started {
			return
		}
		close(d.stop)
		<-d.done
	})
}

// ctx returns a context bounded by the Redis timeout.
func (d *Directory) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d.cfg.Timeout)
}

// failed notes a Redis error: the first of a run is logged, and placement
// stays local until a heartbeat succeeds.
func (d *Directory) failed(what string, err error) {
	if !d.down.Swap(true) {
		d.log.Warn("redis lost: placing players in this process's rooms only until it answers again", "op", what, "err", err)
	}
}

// useRedisLocked reports whether Reserve and Match should ask Redis.
func (d *Directory) useRedisLocked() bool { return d.started && !d.closed && !d.down.Load() }

// Reserve implements server.RoomDirectory: the room wished for (taking one
// of its holds, or a seat not held for anyone), else the fullest of this
// process's rooms with a seat nobody holds, else a new room.
func (d *Directory) Reserve(wish string, newRoom func(id string) (*server.Room, error)) (*server.Room, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	cands, wishFirst := d.candidatesLocked(wish)
	if len(cands) > 0 {
		i := 0
		if d.useRedisLocked() {
			var err error
			if i, err = d.seatLocked(cands, wishFirst); err != nil {
				d.failed("reserve", err)
				i = 0 // the in-process rule: the first candidate has a free seat
			}
		}
		if i >= 0 {
			e := cands[i]
			d.ver++
			e.reserved++
			e.ver = d.ver
			return e.room, nil
		}
	}
	id := d.cfg.ProcessID + "-" + strconv.FormatUint(d.made+1, 10)
	r, err := newRoom(id)
	if err != nil {
		return nil, err
	}
	d.made++
	d.ver++
	e := &entry{room: r, id: id, capacity: r.Info().Capacity, reserved: 1, ver: d.ver}
	d.rooms = append(d.rooms, e)
	if d.useRedisLocked() {
		if err := d.listLocked([]*entry{e}); err != nil {
			d.failed("list new room", err)
		}
	}
	return r, nil
}

// candidatesLocked returns this process's rooms with a free seat in the
// order Reserve tries them: the wished one first (wishFirst reports it
// is there), then the fullest first, the oldest among equals.
func (d *Directory) candidatesLocked(wish string) (cands []*entry, wishFirst bool) {
	for _, e := range d.rooms {
		if e.reserved < e.capacity {
			cands = append(cands, e)
		}
	}
	slices.SortStableFunc(cands, func(a, b *entry) int {
		if aw, bw := wish != "" && a.id == wish, wish != "" && b.id == wish; aw != bw {
			if aw {
				return -1
			}
			return 1
		}
		return b.reserved - a.reserved
	})
	return cands, len(cands) > 0 && wish != "" && cands[0].id == wish
}

// seatLocked runs seatScript over cands; it returns the index of the room
// that took the player, or -1 when none had a seat nobody holds.
func (d *Directory) seatLocked(cands []*entry, wishFirst bool) (int, error) {
	args := []any{d.cfg.Prefix, d.ver + 1, boolArg(wishFirst)}
	for _, e := range cands {
		args = append(args, e.id, e.reserved, e.capacity)
	}
	ctx, cancel := d.ctx()
	defer cancel()
	k, err := seatScript.Run(ctx, d.rdb, nil, args...).Int()
	if err != nil {
		return 0, err
	}
	return k - 1, nil
}

func boolArg(b bool) int {
	if b {
		return 1
	}
	return 0
}

// listLocked writes es's listings (heartbeatScript).
func (d *Directory) listLocked(es []*entry) error {
	return d.runList(d.listArgsLocked(es))
}

// listArgsLocked returns heartbeatScript's arguments for es.
func (d *Directory) listArgsLocked(es []*entry) []any {
	args := make([]any, 0, 4+len(es)*heartbeatFields)
	args = append(args, d.cfg.Prefix, d.cfg.TTL.Milliseconds(), d.cfg.ProcessID, d.claim)
	for _, e := range es {
		info := e.room.Info()
		args = append(args, e.id, e.ver, e.reserved, info.Players, e.capacity, d.url,
			info.Map, info.Mode, info.TickRate, d.cfg.ProcessID)
	}
	return args
}

// runList runs heartbeatScript with args.
func (d *Directory) runList(args []any) error {
	ctx, cancel := d.ctx()
	defer cancel()
	res, err := heartbeatScript.Run(ctx, d.rdb, nil, args...).Result()
	if err != nil {
		return err
	}
	if other, ok := res.(string); ok {
		return &takenOverError{id: d.cfg.ProcessID, by: claimURL(other)}
	}
	return nil
}

// takenOverError is a heartbeat that found another process claiming this
// one's id.
type takenOverError struct{ id, by string }

func (e *takenOverError) Error() string {
	return fmt.Sprintf("process id %q is claimed by the process at %s: two processes run with one -process-id; this one's rooms are not listed", e.id, e.by)
}

// claimURL returns the URL of a process id's claim ("<url> <nonce>").
func claimURL(claim string) string {
	url, _, _ := strings.Cut(claim, " ")
	return url
}

// Release implements server.RoomDirectory. Redis hears of it from the
// writer goroutine, so a room's goroutine never waits for Redis; until
// then the listing counts the seat as taken, which errs on the safe side.
func (d *Directory) Release(r *server.Room) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	for i, e := range d.rooms {
		if e.room != r {
			continue
		}
		d.ver++
		e.reserved--
		e.ver = d.ver
		empty := e.reserved <= 0
		if empty {
			d.rooms = slices.Delete(d.rooms, i, i+1)
		}
		if d.started && !d.closed {
			select {
			case d.ops <- release{id: e.id, ver: e.ver, seats: e.reserved}:
			default: // the next heartbeat writes the seats; an empty room's listing expires
			}
		}
		return empty
	}
	return false
}

// Rooms implements server.RoomDirectory: this process's rooms.
func (d *Directory) Rooms() []*server.Room {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]*server.Room, len(d.rooms))
	for i, e := range d.rooms {
		out[i] = e.room
	}
	return out
}

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

// write is the writer goroutine: it mirrors releases in order and renews
// the listing every TTL/3 until Close, then removes this process's rooms.
func (d *Directory) write() {
	defer close(d.done)
	t := time.NewTicker(d.cfg.TTL / 3)
	defer t.Stop()
	for {
		select {
		case op := <-d.ops:
			d.mirror(op)
		case <-t.C:
			var taken *takenOverError
			if err := d.heartbeat(); errors.As(err, &taken) {
				d.down.Store(true)
				d.log.Error("process id taken over", "err", err)
			} else if err != nil {
				d.failed("heartbeat", err)
			} else if d.down.Swap(false) {
				d.log.Info("redis answers again: placing players across processes")
			}
		case <-d.stop:
			d.dropAll()
			return
		}
	}
}

// mirror writes one seat change.
func (d *Directory) mirror(op release) {
	if d.down.Load() {
		return // the heartbeat that finds Redis again writes every seat
	}
	ctx, cancel := d.ctx()
	defer cancel()
	if err := releaseScript.Run(ctx, d.rdb, nil, d.cfg.Prefix, op.id, op.ver, op.seats).Err(); err != nil {
		d.failed("release", err)
	}
}

// heartbeat renews the process id's claim and every room's listing. It
// holds the lock only to read the rooms: a room's goroutine releasing a
// seat never waits for Redis. Versions keep a newer seat count written
// meanwhile by Reserve, and a release queued meanwhile runs after it (same
// goroutine).
func (d *Directory) heartbeat() error {
	d.mu.Lock()
	args := d.listArgsLocked(d.rooms)
	d.mu.Unlock()
	return d.runList(args)
}

// dropAll removes this process's rooms from the listing.
func (d *Directory) dropAll() {
	for len(d.ops) > 0 {
		d.mirror(<-d.ops)
	}
	d.mu.Lock()
	args := []any{d.cfg.Prefix, d.cfg.ProcessID, d.claim}
	for _, e := range d.rooms {
		args = append(args, e.id)
	}
	d.mu.Unlock()
	ctx, cancel := d.ctx()
	defer cancel()
	if err := dropScript.Run(ctx, d.rdb, nil, args...).Err(); err != nil {
		d.log.Warn("could not unlist this process's rooms; they expire after the TTL", "err", err, "ttl", d.cfg.TTL)
	}
}

var _ server.RoomDirectory = (*Directory)(nil)

// Redis returns the Directory's client.
func (d *Directory) Redis() *redis.Client { return d.rdb }
