package bot

// The swarm runner: N bots, each with its own Session and Bot, playing at the
// server's tick rate until the run ends, then leaving cleanly.

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"net"
	"runtime"
	"sync"
	"time"

	"arena/client"
	"arena/game"
	"arena/netcode/impair"
)

// SwarmConfig configures Swarm. Zero fields take defaults; Swarm copies it.
type SwarmConfig struct {
	URL        string        // required, e.g. "ws://127.0.0.1:8080/ws"
	Bots       int           // default 8
	Duration   time.Duration // 0 = until ctx ends
	NamePrefix string        // bots are named prefix-1..N; default "bot"
	// Room, when set, is the room every bot joins exactly (a room id or a
	// private room's code, client.Options.Room); "" is quick play.
	Room string
	Seed uint64 // bot i plays with a seed derived from Seed and i
	// Maps holds maps/<name>.json for the map Welcome names; nil means
	// the maps built into the client. Every bot shares one parsed map.
	Maps    fs.FS
	Stagger time.Duration // between two dials; default 5 ms
	Logger  *slog.Logger  // nil = discard
	// InputBatch is client.Options.InputBatch: inputs per Inputs message
	// (0 = the server's ticks per snapshot).
	InputBatch int
	// Idle bots join and stay without sending inputs: players at rest, for
	// measuring what a joined connection costs the server.
	Idle bool
	// ExactAim bots aim exactly at where they see their target (no aim
	// error): their shots measure lag compensation (Report.ExactAimHitPct).
	ExactAim bool
	// Impair, when active, impairs each bot's own link (netcode/impair):
	// latency, jitter, loss as stalls, as a bad network would.
	Impair impair.Config
	// CutEvery, when positive, resets each bot's TCP connection at random
	// moments, CutEvery apart on average (exponentially distributed), to
	// test resumable sessions (cut.go): the bots resume by themselves and
	// the Report counts it.
	CutEvery time.Duration
	// Mode is the bots' policy: "" or game.ModeArena, the arena bot
	// (Bot); game.ModeBench, the bench rule's random walk (BenchBot),
	// which needs a server playing that mode.
	Mode string
}

// policy decides a bot's input once per server tick: Bot or BenchBot.
type policy interface {
	Decide(players []client.PlayerView) game.Input
	Target() game.PlayerID
}

// Swarm runs cfg.Bots bots against cfg.URL until ctx ends or cfg.Duration has
// passed, closes every session cleanly and reports what it measured. It
// returns an error only for a bad configuration; failures of bots are counted
// in the Report (see Report.Failed). Swarm may be called concurrently.
func Swarm(ctx context.Context, cfg SwarmConfig) (Report, error) {
	if cfg.URL == "" {
		return Report{}, errors.New("swarm: no server URL")
	}
	if err := cfg.Impair.Validate(); err != nil {
		return Report{}, fmt.Errorf("swarm: %w", err)
	}
	if cfg.Bots < 0 {
		return Report{}, fmt.Errorf("swarm: %d bots", cfg.Bots)
	}
	if cfg.CutEvery < 0 {
		return Report{}, fmt.Errorf("swarm: cut every %v", cfg.CutEvery)
	}
	if cfg.Mode != "" && cfg.Mode != game.ModeArena && cfg.Mode != game.ModeBench {
		return Report{}, fmt.Errorf("swarm: mode %q: want %s or %s", cfg.Mode, game.ModeArena, game.ModeBench)
	}
	if cfg.Bots == 0 {
		cfg.Bots = 8
	}
	if cfg.NamePrefix == "" {
		cfg.NamePrefix = "bot"
	}
	if cfg.Stagger <= 0 {
		cfg.Stagger = 5 * time.Millisecond
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, cfg.Duration)
		defer cancel()
	}

	var maps *client.Maps // nil: the built-in maps
	if cfg.Maps != nil {
		maps = client.NewMaps(cfg.Maps)
	}
	var dialer func(ctx context.Context, network, addr string) (net.Conn, error)
	if cfg.Impair.Active() {
		dialer = impair.Dialer(cfg.Impair)
	}
	results := make([]botResult, cfg.Bots)
	start := time.Now()
	// The run's duration ends with ctx, not after the bots have left.
	var mu sync.Mutex // guards stopped
	var stopped time.Time
	unregister := context.AfterFunc(ctx, func() {
		mu.Lock()
		stopped = time.Now()
		mu.Unlock()
	})
	// A few drivers step every bot each tick, instead of a ticker per bot:
	// a swarm of hundreds then costs the machine a few wakes per tick, not
	// one per bot, and leaves the CPU to the server it measures.
	drivers := make([]*driver, runtime.GOMAXPROCS(0))
	var dwg sync.WaitGroup
	for i := range drivers {
		drivers[i] = newDriver(cfg.Idle)
		dwg.Go(func() { drivers[i].run(ctx) })
	}
	var wg sync.WaitGroup
	for i := range cfg.Bots {
		opts := client.Options{Room: cfg.Room, Logger: cfg.Logger, InputBatch: cfg.InputBatch, Maps: maps, Dialer: dialer}
		wg.Go(func() { runBot(ctx, &cfg, i, opts, drivers[i%len(drivers)], &results[i]) })
	}
	wg.Wait()
	unregister()
	dwg.Wait()
	mu.Lock()
	end := stopped
	mu.Unlock()
	if end.IsZero() {
		end = time.Now()
	}
	return buildReport(results, end.Sub(start)), nil
}

// runBot dials, hands the bot to its driver until ctx ends or the session
// does, and leaves. A session that ends because its seat expired during a
// reconnect (4006) is joined afresh, counted in Report.Rejoins.
func runBot(ctx context.Context, cfg *SwarmConfig, i int, opts client.Options, d *driver, res *botResult) {
	select {
	case <-ctx.Done():
		return
	case <-time.After(time.Duration(i) * cfg.Stagger):
	}
	name := fmt.Sprintf("%s-%d", cfg.NamePrefix, i+1)
	log := cfg.Logger.With("bot", name)
	opts.Name, opts.Logger = name, log
	var cut *cutter
	if cfg.CutEvery > 0 {
		cut = &cutter{next: opts.Dialer}
		opts.Dialer = cut.dial
	}
	for {
		again := playSession(ctx, cfg, i, &opts, d, res, log, cut)
		if !again {
			return
		}
		res.rejoins++
		log.Info("seat expired: joining again")
	}
}

// playSession dials one session and plays it until ctx ends or the session
// does; it reports whether to join again (the seat expired).
func playSession(ctx context.Context, cfg *SwarmConfig, i int, opts *client.Options, d *driver, res *botResult, log *slog.Logger, cut *cutter) bool {
	sess, err := client.DialMatched(ctx, cfg.URL, opts)
	if err != nil {
		if ctx.Err() == nil {
			res.err = err
			log.Warn("dial failed", "err", err)
		}
		return false
	}
	info := sess.Info()
	if cfg.Mode == game.ModeBench && info.Mode != game.ModeBench {
		res.err = fmt.Errorf("bench bots need a server playing the bench rule (gameserver -mode bench); this one plays %q", info.Mode)
		sess.Close()
		return false
	}
	res.connected = true
	res.exactAim = cfg.ExactAim
	rate := info.TickRate
	seed := cfg.Seed ^ (uint64(i+1) * 0x9e3779b97f4a7c15)
	var brain policy = New(Config{Map: info.Map, Seed: seed, TickRate: rate, ExactAim: cfg.ExactAim})
	if cfg.Mode == game.ModeBench {
		brain = NewBench(seed, rate)
	}
	b := &botRun{
		sess:  sess,
		brain: brain,
		// A bench bot looks at no one: the players' interpolation is not
		// computed for it.
		blind: cfg.Mode == game.ModeBench,
		self:  sess.LocalID(),
		res:   res,
		log:   log,
		done:  make(chan struct{}),
		cut:   cut,
		every: cfg.CutEvery,
		rng:   rand.New(rand.NewPCG(cfg.Seed, uint64(i))),
	}
	if cut != nil {
		// The first cut within CutEvery, so every bot of a run a few
		// CutEvery long is cut; exponential gaps after it.
		b.cutAt = time.Now().Add(rand.N(cfg.CutEvery))
	}
	d.add(b, rate)
	<-b.done // the driver steps the bot until the run or the session ends
	b.collect()
	var again bool
	select {
	case <-sess.Done():
		var ce *client.CloseError
		err := sess.Err()
		if errors.As(err, &ce) && ce.Code == client.CloseResumeRefused && ctx.Err() == nil {
			again = true
		} else {
			res.disconnected = true
			res.err = err
		}
	default:
	}
	st := sess.Stats()
	res.connectedFor += time.Since(st.Connected)
	res.addStats(&st)
	if err := sess.Close(); err != nil {
		log.Debug("close", "err", err)
	}
	return again
}

// botRun is one playing bot: its session, its brain and what it measured.
type botRun struct {
	sess       *client.Session
	brain      policy
	blind      bool // the brain does not look at the players
	self       game.PlayerID
	res        *botResult
	log        *slog.Logger
	done       chan struct{} // closed by the driver when it stops stepping the bot
	players    []client.PlayerView
	events     []client.Event
	lastPongs  uint64
	targetDied uint32 // tick the bot's target (or its last victim) was last killed

	// Cutting the connection (cut.go) and checking what a resume kept.
	cut        *cutter // nil: no cuts
	every      time.Duration
	rng        *rand.Rand
	cutAt      time.Time
	local      client.PlayerView // the own player as last seen while connected
	localOK    bool
	resumes    uint64            // Stats.Resumes when last looked
	before     client.PlayerView // the own player at the cut
	awaitAfter bool              // resumed; waiting for the first snapshot after it
	snapsAt    uint64            // snapshots received when the resume was seen
}

// deadTargetTicks is how long after its target was killed a bot's miss is
// put down to that: about the longest a shooter keeps seeing a target alive
// after its death (the round trip plus the interpolation delay).
const deadTargetTicks = 30

// step plays one tick: what the bot sees, what it decides (the session
// makes the inputs due on the server's clock), what it counts.
func (b *botRun) step(now time.Time, idle bool) {
	if !idle {
		if !b.blind {
			b.players = b.sess.Players(now, b.players[:0])
			if m, ok := b.brain.(interface{ SetMap(*game.Map) }); ok {
				m.SetMap(b.sess.Map()) // a new match may play another map
			}
		}
		if _, err := b.sess.Update(now, b.brain.Decide(b.players)); err != nil {
			b.log.Debug("update", "err", err)
		}
		if !b.blind {
			b.checkResume()
		}
	}
	b.collect()
	if b.cut != nil && now.After(b.cutAt) {
		if !b.sess.Reconnecting() && b.cut.cut() {
			b.res.cuts++
		}
		b.cutAt = nextCut(now, b.every, b.rng)
	}
}

// checkResume compares the bot's own kills, deaths and score from the
// last snapshot before its connection was lost with the first after the
// resume: while away the player is held in the world, so none may go
// down (kills may go up from inputs in flight at the cut, deaths from
// being hit while held); a fresh seat would start them at 0. A resume is
// seen by Stats.Resumes, so one faster than a tick is not missed.
func (b *botRun) checkResume() {
	var me client.PlayerView
	ok := false
	for _, p := range b.players {
		if p.Local {
			me, ok = p, true
		}
	}
	st := b.sess.Stats()
	switch {
	case st.Resumes != b.resumes:
		b.resumes = st.Resumes
		b.before, b.awaitAfter = b.local, b.localOK
		b.snapsAt = st.SnapshotsReceived
		return
	case st.Reconnecting:
		return
	case b.awaitAfter && ok && st.SnapshotsReceived > b.snapsAt:
		b.awaitAfter = false
		b.res.resumesChecked++
		if me.Kills+me.Deaths > 0 {
			b.res.resumesWithScore++
		}
		if me.ID != b.before.ID || me.Kills < b.before.Kills || me.Deaths < b.before.Deaths || me.Score < b.before.Score {
			b.res.scoreLost++
			b.log.Warn("resume lost the score", "before", fmt.Sprintf("%+v", b.before), "after", fmt.Sprintf("%+v", me))
		}
	}
	if ok && !b.awaitAfter {
		b.local, b.localOK = me, true
	}
}

// collect counts the bot's shots, hits, kills and deaths, and RTT samples.
// A miss at a target that had been killed shortly before the shot (by this
// bot or another: the shooter still saw it alive) is counted apart, since
// no netcode could have made it hit.
func (b *botRun) collect() {
	res := b.res
	b.events = b.sess.DrainEvents(b.events[:0])
	for _, e := range b.events {
		switch {
		case e.Kind == client.EventShot && e.Player == b.self && !e.Predicted:
			if e.Other == 0 && b.targetDied != 0 && e.Tick-b.targetDied <= deadTargetTicks {
				res.shotsAtDead++
				continue
			}
			res.shots++
			if e.Other != 0 {
				res.hits++
			}
		case e.Kind == client.EventKill && e.Player == b.self && e.Other != b.self:
			res.kills++
		case e.Kind == client.EventKill && e.Other == b.self:
			res.deaths++
		}
		if e.Kind == client.EventKill && e.Other != b.self && (e.Other == b.brain.Target() || e.Player == b.self) {
			b.targetDied = e.Tick
		}
	}
	if st := b.sess.Stats(); st.PongsReceived != b.lastPongs {
		b.lastPongs = st.PongsReceived
		res.rtts = append(res.rtts, st.LastRTT)
	}
}
