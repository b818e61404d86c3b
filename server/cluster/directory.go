package cluster

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

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
	private  bool // id is a code: joined by it only, never matched by quick play, never listed
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

// Reserve implements server.RoomDirectory. A wish names one of this
// process's rooms (its id, or a private room's code in any case), which
// takes one of its holds or a seat nobody holds, else the join is refused;
// quick play takes the fullest public room with a seat nobody holds, else
// a new room; a private Wish gets a new room whose code no process uses.
func (d *Directory) Reserve(w server.Wish, newRoom func(id string, private bool) (*server.Room, error)) (*server.Room, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if w.Private {
		return d.newPrivateLocked(newRoom)
	}
	var cands []*entry
	if w.Room != "" {
		e, err := d.wishedLocked(w.Room)
		if err != nil {
			return nil, err
		}
		cands = []*entry{e}
	} else {
		cands = d.candidatesLocked()
	}
	if len(cands) > 0 {
		i := 0
		if d.useRedisLocked() {
			var err error
			if i, err = d.seatLocked(cands, w.Room != ""); err != nil {
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
		if w.Room != "" {
			// Its free seats are held for players /match sent.
			return nil, &server.RoomError{Err: server.ErrRoomFull, Room: cands[0].id}
		}
	}
	return d.addLocked(d.cfg.ProcessID+"-"+strconv.FormatUint(d.made+1, 10), false, newRoom)
}

// newPrivateLocked makes a private room with a code that is free in this
// process and, when Redis answers, claimed there for this process (so no
// other process can make the same code).
func (d *Directory) newPrivateLocked(newRoom func(id string, private bool) (*server.Room, error)) (*server.Room, error) {
	useRedis := d.useRedisLocked()
	var redisErr error
	code, err := server.NewRoomCode(func(c string) bool {
		if d.findLocked(c) != nil {
			return true
		}
		if !useRedis || redisErr != nil {
			return false
		}
		ok, err := d.claimCode(c)
		if err != nil {
			redisErr = err
			return false // unique in this process; Redis is down
		}
		return !ok
	})
	if err != nil {
		return nil, err
	}
	if redisErr != nil {
		d.failed("claim room code", redisErr)
	}
	return d.addLocked(code, true, newRoom)
}

// claimCode claims a private room's code in Redis for this process; it
// reports false when another room (of any process) has it.
func (d *Directory) claimCode(code string) (bool, error) {
	ctx, cancel := d.ctx()
	defer cancel()
	n, err := codeScript.Run(ctx, d.rdb, nil, d.cfg.Prefix, code, d.cfg.ProcessID, d.cfg.TTL.Milliseconds()).Int()
	return n == 1, err
}

// addLocked makes a room with newRoom, seats the player and lists it at
// once (so the next /match anywhere sees it).
func (d *Directory) addLocked(id string, private bool, newRoom func(id string, private bool) (*server.Room, error)) (*server.Room, error) {
	r, err := newRoom(id, private)
	if err != nil {
		return nil, err
	}
	if !private {
		d.made++
	}
	d.ver++
	e := &entry{room: r, id: id, private: private, capacity: r.Info().Capacity, reserved: 1, ver: d.ver}
	d.rooms = append(d.rooms, e)
	if d.useRedisLocked() {
		if err := d.listLocked([]*entry{e}); err != nil {
			d.failed("list new room", err)
		}
	}
	return r, nil
}

// findLocked returns this process's room whose id is wish, or the private
// room whose code wish is in any case, or nil.
func (d *Directory) findLocked(wish string) *entry {
	code, isCode := server.RoomCodeKey(wish)
	for _, e := range d.rooms {
		if e.id == wish || (isCode && e.private && e.id == code) {
			return e
		}
	}
	return nil
}

// wishedLocked returns this process's room wish names if it has a free
// seat here, else a *server.RoomError. A room of another process is no
// such room here: its players connect there (/match says where).
func (d *Directory) wishedLocked(wish string) (*entry, error) {
	e := d.findLocked(wish)
	if e == nil {
		return nil, server.NoSuchRoom(wish)
	}
	if e.reserved >= e.capacity {
		return nil, &server.RoomError{Err: server.ErrRoomFull, Room: e.id}
	}
	return e, nil
}

// candidatesLocked returns this process's public rooms with a free seat in
// the order quick play tries them: the fullest first, the oldest among
// equals.
func (d *Directory) candidatesLocked() []*entry {
	var cands []*entry
	for _, e := range d.rooms {
		if !e.private && e.reserved < e.capacity {
			cands = append(cands, e)
		}
	}
	slices.SortStableFunc(cands, func(a, b *entry) int { return b.reserved - a.reserved })
	return cands
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

var _ server.RoomDirectory = (*Directory)(nil)

// Redis returns the Directory's client.
func (d *Directory) Redis() *redis.Client { return d.rdb }
