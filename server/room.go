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

// chatQueue is the capacity of a room's chat channel.
const chatQueue = 64

// errRoomClosed is returned to a connection whose room stopped under it.
var errRoomClosed = errors.New("room closed")

// RoomInfo describes a room for the room list (/rooms).
type RoomInfo struct {
	ID       string   `json:"id"`
	Map      string   `json:"map"`
	Mode     string   `json:"mode"`
	Players  int      `json:"players"`
	Capacity int      `json:"capacity"`
	TickRate int      `json:"tick_rate"`
	Names    []string `json:"names"`
	// Private rooms are joined by their code (ID) only; Server.Rooms and
	// the admin page show them, /rooms does not.
	Private bool `json:"private"`
	// Bots is how many bots play in the room besides its Players (people).
	Bots int `json:"bots"`

	// TickRateAchieved is the ticks the room stepped per second over its
	// last second (0 in its first second): below TickRate when it overruns.
	TickRateAchieved float64 `json:"tick_rate_achieved"`
}

// peer is what a Room sends to: a connection, or a recorder in tests. None
// of its methods block.
type peer interface {
	// queue is where the room puts the peer's snapshots and Welcome.
	queue() *sendQueue
	// fellBehind closes a peer that missed reliable events.
	fellBehind(reason string)
	// poll reads and handles what the peer sent since the last tick.
	poll(now time.Time, t *tally)
	// readByRoom reports whether the room reads the peer's socket itself
	// (it is detached from Go's poller); from then on the room polls the
	// peer on snapshot ticks only. A peer without such a socket (yet)
	// returns false and is polled every tick.
	readByRoom() bool
	// replaced closes a peer whose seat another connection resumed.
	replaced()
}

// Room is one match: a goroutine that owns a game.Rules (a game.World by
// default) and steps it on a fixed schedule. Connections reach it through
// its bounded join, leave and chat channels, drained once per tick, and
// through each player's own inputBuffer. A Room's exported methods may be
// called concurrently.
type Room struct {
	id           string
	mapName      string // written by the room goroutine under infoMu
	private      bool   // joined by its code only (its id), never by quick play, never listed
	capacity     int
	tickRate     int
	snapshotRate int
	clock        Clock
	epoch        time.Time // the server's tick grid (see alignedStart); zero: none
	log          *slog.Logger
	metrics      *Metrics
	release      func(*Room)  // gives back a seat after a player left; may stop the room
	resumes      *resumeTable // the server's tokens; nil: seats are not kept
	graceTicks   uint32       // how long a dropped player's seat is kept, in ticks

	joins  chan *joinRequest
	leaves chan leaveRequest
	chats  chan chatLine

	quit     chan struct{} // closed by stop
	stopOnce sync.Once
	done     chan struct{} // closed when run returns

	tick     atomic.Uint32 // the World's tick after the last step
	achieved tickRateMeter // ticks stepped per second (room_rate.go)

	infoMu sync.Mutex // infoMu guards names, bots and mapName
	names  []string
	bots   int

	// Owned by the room goroutine (run/step).
	rules    game.Rules // the match; only this goroutine touches it
	mode     string
	params   []netcode.Rule
	timer    Timer
	sched    scheduler
	members  []*member // in join order
	fill     botFill   // the bots (fillbots.go)
	dropped  int       // members whose connection dropped, waiting for a resume
	byID     map[game.PlayerID]*member
	cmds     []game.Command // scratch: one member's commands for this tick
	enc      *netcode.Encoder
	snapAcc  int // accumulates SnapshotRate per tick; a snapshot is due at TickRate
	snapLane int // which ticks of the server's grid this room's snapshots fall on (snapshotLane)
	view     viewConfig
	frames   frameRing
	events   eventRing
	interest *netcode.Interest
	snap     netcode.Snapshot
	recip    netcode.Recipient
	pong     netcode.Pong
	welcome  netcode.Welcome
	match    *netcode.Match // the match cycle now, nil: none (rotation.go)
	rec      *matchRecorder // nil: not recording (record.go)
	tally    tally          // this tick's share of the metrics, flushed after it
}

// viewConfig is the interest box every client of the room gets.
type viewConfig struct {
	width, height, hysteresis float64
}

// joinRequest asks for a new player, or for a dropped one's seat.
type joinRequest struct {
	name   string
	resume game.PlayerID // non-zero: give this player's seat to peer
	peer   peer
	inputs *inputBuffer   // a new player's buffer
	reply  chan joinReply // capacity 1
}

type joinReply struct {
	id     game.PlayerID
	inputs *inputBuffer // the seat's buffer
	err    error
}

// leaveRequest says that a player's connection peer ended.
type leaveRequest struct {
	id   game.PlayerID
	peer peer
	keep bool // hold the seat for a resume
}

type chatLine struct {
	id   game.PlayerID
	text string
}

// roomConfig is what a room needs from the server's Config.
type roomConfig struct {
	id      string
	private bool
	cfg     Config
	gameMap *game.Map
	maps    []*game.Map // the rotation of timed matches (cfg.Match), nil: none
	epoch   time.Time
	lane    int // the room's snapshot lane (snapshotLane)
	seed    uint64
	metrics *Metrics
	release func(*Room)
	resumes *resumeTable // nil: seats are not kept
}

func newRoom(rc roomConfig) (*Room, error) {
	gc := game.Config{TickRate: rc.cfg.TickRate, Seed: rc.seed, Map: rc.gameMap, LagCompMax: rc.cfg.LagCompMax}
	if len(rc.maps) > 0 {
		gc.Map, gc.Match = rc.maps[0], rc.cfg.Match.gameMatch(rc.maps)
	}
	rules, err := rc.cfg.Rules(gc)
	if err != nil {
		return nil, fmt.Errorf("room %s: %w", rc.id, err)
	}
	var params []netcode.Rule
	for _, p := range rules.Params() {
		params = append(params, netcode.Rule{Name: p.Name, Value: p.Value})
	}
	var graceTicks uint32
	if rc.resumes != nil && rc.cfg.ResumeGrace > 0 {
		graceTicks = uint32(max(1, rc.cfg.ResumeGrace.Seconds()*float64(rc.cfg.TickRate)))
	}
	params = append(params, netcode.Rule{Name: netcode.RuleResumeGraceTicks, Value: int64(graceTicks)})
	capacity := rc.cfg.RoomCapacity
	log := rc.cfg.Logger.With("room", rc.id)
	fill := newBotFill(rules, rc.cfg, rc.seed)
	view := viewConfig{float64(rc.cfg.ViewWidth), float64(rc.cfg.ViewHeight), viewHysteresis}
	return &Room{
		id:           rc.id,
		mapName:      gc.Map.Name,
		private:      rc.private,
		capacity:     capacity,
		tickRate:     rc.cfg.TickRate,
		snapshotRate: rc.cfg.SnapshotRate,
		clock:        rc.cfg.Clock,
		epoch:        rc.epoch,
		snapLane:     rc.lane,
		log:          log,
		metrics:      rc.metrics,
		release:      rc.release,
		resumes:      rc.resumes,
		graceTicks:   graceTicks,
		joins:        make(chan *joinRequest, capacity),
		leaves:       make(chan leaveRequest, capacity),
		chats:        make(chan chatLine, chatQueue),
		quit:         make(chan struct{}),
		done:         make(chan struct{}),
		rules:        rules,
		fill:         fill,
		mode:         rules.Mode(),
		params:       params,
		timer:        rc.cfg.Clock.NewTimer(),
		byID:         make(map[game.PlayerID]*member, capacity),
		cmds:         make([]game.Command, 0, maxCatchUp),
		enc:          netcode.NewEncoder(),
		view:         view,
		interest:     netcode.NewInterest(gc.Map.Width, gc.Map.Height, view.width, view.height, view.hysteresis),
		match:        matchOf(rules),
		rec:          newMatchRecorder(rc, gc, rules, log),
	}, nil
}

// ID returns the room's id.
func (r *Room) ID() string { return r.id }

// Info returns the room's current description.
func (r *Room) Info() RoomInfo {
	r.infoMu.Lock()
	names := append([]string{}, r.names...)
	mapName := r.mapName
	bots := r.bots
	r.infoMu.Unlock()
	return RoomInfo{
		ID:       r.id,
		Map:      mapName,
		Mode:     r.mode,
		Players:  len(names),
		Capacity: r.capacity,
		TickRate: r.tickRate,
		Names:    names,
		Private:  r.private,
		Bots:     bots,

		TickRateAchieved: r.achieved.rate(),
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
	defer r.revokeTokens()
	defer r.tally.flush(r.metrics)
	r.metrics.RoomsStarted.Add(1)
	defer r.metrics.RoomsEnded.Add(1)
	r.log.Info("room started")
	defer r.log.Info("room ended")
	r.rec.begin(r.rules.Tick(), nil)
	defer func() { r.rec.close(r.rules.Players()) }()
	r.sched = newScheduler(alignedStart(r.clock.Now(), r.epoch, r.tickRate), r.tickRate)
	r.snapAcc = snapshotPhase(r.sched.start, r.epoch, r.tickRate, r.snapshotRate, r.snapLane)
	for r.waitUntil(r.sched.due()) {
		now := r.clock.Now()
		late, skipped := r.sched.begin(now)
		if skipped > 0 {
			r.metrics.TickOverruns.Add(1)
			r.metrics.TicksSkipped.Add(uint64(skipped))
			r.log.Warn("room fell behind: ticks skipped", "skipped", skipped)
			// The players were held through the skipped ticks: they may
			// catch up on them, or the inputs their clients made for
			// them would stand in the queue and be trimmed.
			for _, m := range r.members {
				m.inputs.grant(int(skipped), r.tickRate)
			}
			// Keep the snapshots on the room's lane of the grid.
			r.snapAcc = int((int64(r.snapAcc) + skipped*int64(r.snapshotRate)) % int64(r.tickRate))
		}
		r.tally.tickLateness.observe(r.metrics.TickLateness, late)
		r.step(now)
		r.achieved.tick(now)
		// Not tallied: the step's tally is flushed already, and a scrape
		// must find every tick it counts observed.
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

// step runs one tick: leaves, joins and chat; each player's inputs due
// this tick; the World's step and its events; and, when due, a snapshot for
// everyone.
func (r *Room) step(now time.Time) {
	next := r.rules.Tick() + 1 // the tick this step makes
	r.snapAcc += r.snapshotRate
	snapshot := r.snapAcc >= r.tickRate
	if snapshot {
		r.snapAcc -= r.tickRate
	}
	r.pollMembers(now, snapshot)
	r.drainLeaves(next)
	r.expireSeats(next)
	r.drainJoins(next)
	r.fillBots(next)
	r.drainChat(next)
	for _, m := range r.members {
		r.applyInputs(m, next, now, snapshot || !m.sockets)
	}
	r.applyBotCommands()
	r.rules.Step()
	r.rec.step(r.rules)
	tick := r.rules.Tick()
	r.tick.Store(tick)
	for _, e := range r.rules.Events() {
		switch e.Kind {
		case game.EventShot:
			r.events.add(netcode.ShotOf(tick, e))
		case game.EventKill:
			r.events.add(netcode.Event{Kind: netcode.EventKill, Tick: tick, Player: e.Actor, Other: e.Target})
		case game.EventExplosion, game.EventPickup:
			r.entityEvent(tick, e)
		case game.EventPhase:
			r.phaseChanged(tick)
		}
	}
	if snapshot {
		r.sendSnapshots(tick, now)
	}
	r.metrics.Ticks.Add(1)
	r.tally.flush(r.metrics)
}

// viewTickAllowance is how far past the newest snapshot sent to a client
// the render tick of its inputs may be: a client extrapolates the others
// for a few ticks when a snapshot is late. A later render tick is clamped
// to it, so that no client can claim to have seen the future.
const viewTickAllowance = 8

// applyInputs gives the World m's commands for this tick (the inputs its
// buffer lets it simulate now; none: it is held) and records how many of
// m's inputs the tick consumed, for the snapshot's input steps. read says
// whether m's socket was read at the start of this tick.
func (r *Room) applyInputs(m *member, tick uint32, now time.Time, read bool) {
	t := m.inputs.take(r.tickRate, read)
	cmds := r.cmds[:0]
	if len(t.inputs) > 0 {
		newest := m.takenTick() + viewTickAllowance
		for _, in := range t.inputs {
			cmds = append(cmds, game.Command{Input: in.f.Input, ViewTick: min(in.f.RenderTick, newest), Late: in.late})
			r.tally.inputDelay.observe(r.metrics.InputDelay, time.Duration(max(0, now.UnixNano()-in.arrived)))
		}
	}
	r.cmds = cmds
	r.rules.SetCommands(m.id, cmds)
	r.rec.commands(m.id, cmds)
	if t.held {
		r.tally.inputsMissed++
	}
	if t.trimmed > 0 {
		r.tally.inputsTrimmed += uint64(t.trimmed)
	}
	seq := m.appliedSeq
	if t.seq != 0 {
		seq = t.seq
	}
	m.steps[tick%stepHistory] = seq - m.appliedSeq
	m.appliedSeq = seq
}

func (r *Room) drainLeaves(tick uint32) {
	select {
	case <-r.quit:
		return // the room is ending with the players it has (Server.Shutdown)
	default:
	}
	for {
		select {
		case req := <-r.leaves:
			r.connectionEnded(req, tick)
		default:
			return
		}
	}
}

func (r *Room) drainJoins(tick uint32) {
	for {
		select {
		case req := <-r.joins:
			r.join(req, tick)
		default:
			return
		}
	}
}

// drainChat takes at most a channel's worth of lines per tick, so a tick's
// work stays bounded however fast lines arrive.
func (r *Room) drainChat(tick uint32) {
	for range len(r.chats) {
		c := <-r.chats
		if r.byID[c.id] == nil {
			continue
		}
		r.events.add(netcode.Event{Kind: netcode.EventChat, Tick: tick, Player: c.id, Text: c.text})
	}
}
