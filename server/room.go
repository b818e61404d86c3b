package server

import (
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"arena/game"
	"arena/netcode"
)

// inputBuffer is how many future inputs a room keeps per player. One is
// applied per tick; a client that sends more than that overflows it (a speed
// hack, or a burst after a stall) and the excess is dropped and counted.
const inputBuffer = 8

// chatQueue is the capacity of a room's chat channel.
const chatQueue = 64

// errRoomClosed is returned to a connection whose room stopped under it.
var errRoomClosed = errors.New("room closed")

// RoomInfo describes a room for the room list (/rooms).
type RoomInfo struct {
	ID       string   `json:"id"`
	Map      string   `json:"map"`
	Players  int      `json:"players"`
	Capacity int      `json:"capacity"`
	TickRate int      `json:"tick_rate"`
	Names    []string `json:"names"`
}

// peer is what a Room sends to: a connection, or a recorder in tests. Both
// methods copy b and never block.
type peer interface {
	sendSnapshot(b []byte)
	sendReliable(b []byte)
}

// Room is one match: a goroutine that owns a game.Rules (a game.World by
// default) and steps it on a fixed schedule. Connections reach it only
// through its bounded channels, which the tick drains once per tick. A
// Room's exported methods may be called concurrently.
type Room struct {
	id           string
	mapName      string
	capacity     int
	tickRate     int
	snapshotRate int
	clock        Clock
	log          *slog.Logger
	metrics      *Metrics
	release      func(*Room) // gives back a seat after a player left; may stop the room

	joins  chan *joinRequest
	leaves chan game.PlayerID
	inputs chan inputBatch
	chats  chan chatLine

	quit     chan struct{} // closed by stop
	stopOnce sync.Once
	done     chan struct{} // closed when run returns

	tick atomic.Uint32 // the World's tick after the last step, for Pong

	infoMu sync.Mutex // infoMu guards names
	names  []string

	// Owned by the room goroutine (run/step).
	rules   game.Rules // the match; only this goroutine touches it
	timer   Timer
	sched   scheduler
	members []*member // in join order
	byID    map[game.PlayerID]*member
	enc     *netcode.Encoder
	frame   netcode.Frame
	shots   []netcode.Shot  // fired since the last snapshot
	events  []netcode.Event // reliable events waiting for the end of the tick
	scratch []netcode.Event
	snap    netcode.Snapshot
	snapAcc int // accumulates SnapshotRate per tick; a snapshot is due at TickRate
}

// member is a player of the room, owned by the room goroutine.
type member struct {
	id         game.PlayerID
	name       string
	peer       peer
	pending    [inputBuffer]netcode.InputFrame // ring of inputs not applied yet
	head, n    int
	lastQueued uint32 // highest Seq accepted into pending
	lastSeq    uint32 // Seq of the last applied input
}

type joinRequest struct {
	name  string
	peer  peer
	reply chan joinReply // capacity 1
}

type joinReply struct {
	id  game.PlayerID
	err error
}

// inputBatch carries new input frames of one player to the room.
type inputBatch struct {
	id     game.PlayerID
	n      int
	frames [netcode.MaxInputWindow]netcode.InputFrame
}

type chatLine struct {
	id   game.PlayerID
	text string
}

// roomConfig is what a room needs from the server's Config.
type roomConfig struct {
	id      string
	cfg     Config
	gameMap *game.Map
	seed    uint64
	metrics *Metrics
	release func(*Room)
}

func newRoom(rc roomConfig) (*Room, error) {
	rules, err := rc.cfg.Rules(game.Config{TickRate: rc.cfg.TickRate, Seed: rc.seed, Map: rc.gameMap})
	if err != nil {
		return nil, fmt.Errorf("room %s: %w", rc.id, err)
	}
	capacity := rc.cfg.RoomCapacity
	return &Room{
		id:           rc.id,
		mapName:      rc.cfg.MapName,
		capacity:     capacity,
		tickRate:     rc.cfg.TickRate,
		snapshotRate: rc.cfg.SnapshotRate,
		clock:        rc.cfg.Clock,
		log:          rc.cfg.Logger.With("room", rc.id),
		metrics:      rc.metrics,
		release:      rc.release,
		joins:        make(chan *joinRequest, capacity),
		leaves:       make(chan game.PlayerID, capacity),
		inputs:       make(chan inputBatch, rc.cfg.InputQueue),
		chats:        make(chan chatLine, chatQueue),
		quit:         make(chan struct{}),
		done:         make(chan struct{}),
		rules:        rules,
		timer:        rc.cfg.Clock.NewTimer(),
		byID:         make(map[game.PlayerID]*member, capacity),
		enc:          netcode.NewEncoder(),
	}, nil
}

// ID returns the room's id.
func (r *Room) ID() string { return r.id }

// Info returns the room's current description.
func (r *Room) Info() RoomInfo {
	r.infoMu.Lock()
	names := append([]string{}, r.names...)
	r.infoMu.Unlock()
	return RoomInfo{
		ID:       r.id,
		Map:      r.mapName,
		Players:  len(names),
		Capacity: r.capacity,
		TickRate: r.tickRate,
		Names:    names,
	}
}

// Tick returns the World's tick after the last step.
func (r *Room) Tick() uint32 { return r.tick.Load() }

// stop ends the room's goroutine; it may be called more than once.
func (r *Room) stop() { r.stopOnce.Do(func() { close(r.quit) }) }

// Done is closed when the room's goroutine has returned.
func (r *Room) Done() <-chan struct{} { return r.done }

// run is the room's goroutine: it steps the World on a drift-free schedule
// until stop.
func (r *Room) run() {
	defer close(r.done)
	defer r.timer.Stop()
	r.metrics.RoomsStarted.Add(1)
	defer r.metrics.RoomsEnded.Add(1)
	r.log.Info("room started")
	defer r.log.Info("room ended")
	r.sched = newScheduler(r.clock.Now(), r.tickRate)
	for r.waitUntil(r.sched.due()) {
		now := r.clock.Now()
		late, skipped := r.sched.begin(now)
		if skipped > 0 {
			r.metrics.TickOverruns.Add(1)
			r.metrics.TicksSkipped.Add(uint64(skipped))
			r.log.Warn("room fell behind: ticks skipped", "skipped", skipped)
		}
		r.metrics.TickLateness.Observe(late)
		r.step()
		r.metrics.TickDuration.Observe(r.clock.Now().Sub(now))
	}
}

// waitUntil sleeps until t; it returns false when the room was stopped.
func (r *Room) waitUntil(t time.Time) bool {
	select {
	case <-r.quit:
		return false
	default:
	}
	d := t.Sub(r.clock.Now())
	if d <= 0 {
		return true
	}
	r.timer.Reset(d)
	select {
	case <-r.timer.C():
		return true
	case <-r.quit:
		return false
	}
}

// step runs one tick: drain the channels, apply one input per player, step
// the World, send events and, when due, snapshots.
func (r *Room) step() {
	r.drainLeaves()
	r.flushEvents() // leaves before joins, so newcomers never hear of them
	r.drainJoins()
	r.drainInputs()
	r.drainChat()
	for _, m := range r.members {
		r.applyInput(m)
	}
	r.rules.Step()
	tick := r.rules.Tick()
	r.tick.Store(tick)
	for _, e := range r.rules.Events() {
		switch e.Kind {
		case game.EventShot:
			if len(r.shots) < netcode.MaxShots {
				r.shots = append(r.shots, netcode.ShotOf(tick, e))
			}
		case game.EventKill:
			r.events = append(r.events, netcode.Event{Kind: netcode.EventKill, Player: e.Actor, Other: e.Target})
		}
	}
	r.flushEvents()
	r.snapAcc += r.snapshotRate
	if r.snapAcc >= r.tickRate {
		r.snapAcc -= r.tickRate
		r.sendSnapshots(tick)
	}
	r.metrics.Ticks.Add(1)
}

func (r *Room) drainLeaves() {
	for {
		select {
		case id := <-r.leaves:
			r.leave(id)
		default:
			return
		}
	}
}

func (r *Room) drainJoins() {
	for {
		select {
		case req := <-r.joins:
			r.join(req)
		default:
			return
		}
	}
}

func (r *Room) drainInputs() {
	for {
		select {
		case b := <-r.inputs:
			m := r.byID[b.id]
			if m == nil {
				continue
			}
			for _, f := range b.frames[:b.n] {
				r.queueInput(m, f)
			}
		default:
			return
		}
	}
}

func (r *Room) drainChat() {
	for {
		select {
		case c := <-r.chats:
			if r.byID[c.id] == nil {
				continue
			}
			b := r.enc.ChatFrom(&netcode.ChatFrom{From: c.id, Text: c.text})
			for _, m := range r.members {
				m.peer.sendReliable(b)
			}
		default:
			return
		}
	}
}

// join adds a player, sends it Welcome and everyone present (itself
// included), and tells the others.
func (r *Room) join(req *joinRequest) {
	id, err := r.rules.AddPlayer(req.name)
	if err != nil {
		req.reply <- joinReply{err: fmt.Errorf("room %s: %w", r.id, err)}
		r.release(r)
		return
	}
	m := &member{id: id, name: r.rules.Player(id).Name, peer: req.peer}
	r.members = append(r.members, m)
	r.byID[id] = m
	r.updateInfo() // before Welcome, so a welcomed client is in the room list

	m.peer.sendReliable(r.enc.Welcome(&netcode.Welcome{
		PlayerID:     id,
		RoomID:       r.id,
		Map:          r.mapName,
		TickRate:     uint16(r.tickRate),
		SnapshotRate: uint16(r.snapshotRate),
		ServerTick:   r.rules.Tick(),
	}))
	r.scratch = r.scratch[:0]
	for _, o := range r.members {
		r.scratch = append(r.scratch, netcode.Event{Kind: netcode.EventJoin, Player: o.id, Name: o.name})
	}
	m.peer.sendReliable(r.enc.Events(&netcode.Events{Events: r.scratch}))

	r.scratch = append(r.scratch[:0], netcode.Event{Kind: netcode.EventJoin, Player: id, Name: m.name})
	b := r.enc.Events(&netcode.Events{Events: r.scratch})
	for _, o := range r.members {
		if o != m {
			o.peer.sendReliable(b)
		}
	}
	r.metrics.Joins.Add(1)
	r.log.Info("player joined", "player", id, "name", m.name, "players", len(r.members))
	req.reply <- joinReply{id: id}
}

// leave removes a player and gives its seat back.
func (r *Room) leave(id game.PlayerID) {
	m := r.byID[id]
	if m == nil {
		return
	}
	delete(r.byID, id)
	for i, o := range r.members {
		if o == m {
			r.members = append(r.members[:i], r.members[i+1:]...)
			break
		}
	}
	r.rules.RemovePlayer(id)
	r.events = append(r.events, netcode.Event{Kind: netcode.EventLeave, Player: id})
	r.updateInfo()
	r.metrics.Leaves.Add(1)
	r.log.Info("player left", "player", id, "name", m.name, "players", len(r.members))
	r.release(r)
}

// queueInput keeps f if it is newer than anything seen from m and the
// buffer has room; otherwise it is dropped (and counted when it was new).
func (r *Room) queueInput(m *member, f netcode.InputFrame) {
	if f.Seq <= m.lastQueued {
		return // a repeat from the client's window
	}
	m.lastQueued = f.Seq
	if m.n == len(m.pending) {
		r.metrics.SpeedHack.Add(1)
		return
	}
	m.pending[(m.head+m.n)%len(m.pending)] = f
	m.n++
}

// applyInput applies m's oldest pending input, if any; without one the World
// repeats the last input.
func (r *Room) applyInput(m *member) {
	if m.n == 0 {
		return
	}
	f := m.pending[m.head]
	m.head = (m.head + 1) % len(m.pending)
	m.n--
	r.rules.SetInput(m.id, f.Input)
	m.lastSeq = f.Seq
	if p := r.rules.Player(m.id); p != nil {
		p.LastSeq = f.Seq
	}
}

// flushEvents sends the reliable events of this tick to everyone.
func (r *Room) flushEvents() {
	for i := 0; i < len(r.events); i += netcode.MaxEvents {
		batch := r.events[i:min(i+netcode.MaxEvents, len(r.events))]
		b := r.enc.Events(&netcode.Events{Events: batch})
		for _, m := range r.members {
			m.peer.sendReliable(b)
		}
	}
	r.events = r.events[:0]
}

// sendSnapshots captures the World once and encodes a Snapshot per member.
func (r *Room) sendSnapshots(tick uint32) {
	netcode.Capture(&r.frame, tick, r.rules.Players(), r.shots)
	for _, m := range r.members {
		// Today every client gets the full frame; a delta against the
		// client's acknowledged baseline slots in here.
		r.snap = r.frame.Snapshot(m.lastSeq)
		m.peer.sendSnapshot(r.enc.Snapshot(&r.snap))
	}
	r.shots = r.shots[:0]
	r.metrics.Snapshots.Add(uint64(len(r.members)))
}

func (r *Room) updateInfo() {
	r.infoMu.Lock()
	r.names = r.names[:0]
	for _, m := range r.members {
		r.names = append(r.names, m.name)
	}
	r.infoMu.Unlock()
}

// requestJoin asks the room to add a player and waits for its id. The
// caller holds a seat reserved in the directory.
func (r *Room) requestJoin(name string, p peer) (game.PlayerID, error) {
	req := &joinRequest{name: name, peer: p, reply: make(chan joinReply, 1)}
	select {
	case r.joins <- req:
	case <-r.done:
		return 0, errRoomClosed
	}
	select {
	case rep := <-req.reply:
		return rep.id, rep.err
	case <-r.done:
		return 0, errRoomClosed
	}
}

// submitLeave tells the room that player id is gone.
func (r *Room) submitLeave(id game.PlayerID) {
	select {
	case r.leaves <- id:
	case <-r.done:
	}
}

// submitInput hands new input frames to the room; when its channel is full
// they are dropped and counted, never blocking the reader.
func (r *Room) submitInput(b *inputBatch) {
	select {
	case r.inputs <- *b:
	default:
		r.metrics.InputsDropped.Add(1)
	}
}

// submitChat hands a chat line to the room; it reports false when the
// room's chat channel is full.
func (r *Room) submitChat(id game.PlayerID, text string) bool {
	select {
	case r.chats <- chatLine{id: id, text: text}:
		return true
	default:
		return false
	}
}
