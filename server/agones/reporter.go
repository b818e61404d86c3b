package agones

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// DefaultHealthInterval is how often a Reporter pings Health: well inside
// Agones' default health period of 5 s.
const DefaultHealthInterval = 2 * time.Second

// DefaultPollInterval is how often a Reporter reads the roster for the
// player count.
const DefaultPollInterval = time.Second

// DefaultCounter is the name of the counter PlayersCounter sets.
const DefaultCounter = "players"

// PlayerMode says how a Reporter publishes the player count.
type PlayerMode string

// The player modes; see the package documentation.
const (
	PlayersAuto     PlayerMode = "auto"
	PlayersCounter  PlayerMode = "counter"
	PlayersTracking PlayerMode = "tracking"
	PlayersOff      PlayerMode = "off"
)

// ParsePlayerMode parses "auto", "counter", "tracking" or "off".
func ParsePlayerMode(s string) (PlayerMode, error) {
	switch m := PlayerMode(s); m {
	case PlayersAuto, PlayersCounter, PlayersTracking, PlayersOff:
		return m, nil
	}
	return "", fmt.Errorf("agones players %q: want auto, counter, tracking or off", s)
}

// Config configures a Reporter.
type Config struct {
	// Client is the sidecar's client (required).
	Client *Client
	// HealthInterval is the time between Health pings
	// (DefaultHealthInterval when 0).
	HealthInterval time.Duration
	// PollInterval is the time between reads of Roster
	// (DefaultPollInterval when 0).
	PollInterval time.Duration
	// Players says how the player count is published (PlayersAuto when "").
	Players PlayerMode
	// Counter is the counter's name for PlayersCounter (DefaultCounter
	// when "").
	Counter string
	// Capacity is the player capacity published beside the count (none
	// when 0); a count above it raises it.
	Capacity int64
	// Roster returns an id for each player on the server now, each id
	// once. It is called from the Reporter's goroutine and must not block.
	// Nil: no player count.
	Roster func() []string
	// Logger receives what goes wrong (slog.Default when nil).
	Logger *slog.Logger
}

// Reporter tells the sidecar about the game server's life. Start it once
// the server listens; Shutdown it once the server stopped.
type Reporter struct {
	cfg    Config
	log    *slog.Logger
	stop   context.CancelFunc // ends the loops
	ctx    context.Context    // the loops' context: until Shutdown
	wg     sync.WaitGroup
	ready  chan struct{} // closed once Ready succeeded
	mode   PlayerMode    // the mode in use, once Ready succeeded (under mu)
	mu     sync.Mutex
	synced players // what the sidecar was last told; the player loop's own, and Shutdown's after it ended
}

// players is what the sidecar holds of the roster.
type players struct {
	known    bool // false: unknown (nothing told yet, or the last call failed)
	count    int64
	capacity int64
	ids      map[string]bool // PlayersTracking: connected (true), or asked and unconfirmed (false)
}

// Start starts reporting: Health pings at once and every HealthInterval,
// Ready retried with backoff until the sidecar takes it (or ctx ends, or
// Shutdown), then the player count. It returns at once.
func Start(ctx context.Context, cfg Config) (*Reporter, error) {
	if cfg.Client == nil {
		return nil, errors.New("agones: Config.Client is nil")
	}
	if cfg.HealthInterval == 0 {
		cfg.HealthInterval = DefaultHealthInterval
	}
	if cfg.PollInterval == 0 {
		cfg.PollInterval = DefaultPollInterval
	}
	if cfg.HealthInterval < 0 || cfg.PollInterval < 0 {
		return nil, errors.New("agones: negative interval")
	}
	if cfg.Players == "" {
		cfg.Players = PlayersAuto
	}
	if _, err := ParsePlayerMode(string(cfg.Players)); err != nil {
		return nil, err
	}
	if cfg.Counter == "" {
		cfg.Counter = DefaultCounter
	}
	if cfg.Roster == nil {
		cfg.Players = PlayersOff
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	r := &Reporter{cfg: cfg, log: log.With("component", "agones"), ready: make(chan struct{})}
	r.ctx, r.stop = context.WithCancel(context.Background())
	r.wg.Add(2)
	go r.healthLoop()
	go r.lifeLoop(ctx)
	return r, nil
}

// Ready is closed once the sidecar took Ready.
func (r *Reporter) Ready() <-chan struct{} { return r.ready }

// Mode returns how the player count is published: "" until Ready, then the
// mode detected or configured (PlayersOff when none).
func (r *Reporter) Mode() PlayerMode {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.mode
}

// Shutdown stops the loops, publishes the roster one last time (it is
// empty once the game server stopped) and then calls Shutdown, retrying
// while the sidecar does not answer, within ctx. Call it once.
func (r *Reporter) Shutdown(ctx context.Context) error {
	r.stop()
	r.wg.Wait()
	if mode := r.Mode(); mode == PlayersCounter || mode == PlayersTracking {
		if err := r.syncPlayers(ctx, mode); err != nil {
			r.log.Warn("agones: the last player count failed", "err", err)
		}
	}
	// A sidecar that never took Ready gets one attempt; one that did is
	// retried while it does not answer (an answer other than 200 is final).
	again := func(err error) bool { return !IsAnswer(err) }
	select {
	case <-r.ready:
	default:
		again = func(error) bool { return false }
	}
	err := retry(ctx, func() error { return r.cfg.Client.Shutdown(ctx) }, again, func(err error, attempt int) {
		if attempt == 1 {
			r.log.Warn("agones: Shutdown failed, retrying", "err", err)
		}
	})
	if err != nil {
		return fmt.Errorf("agones shutdown: %w", err)
	}
	r.log.Info("agones: Shutdown sent")
	return nil
}

// healthLoop pings Health until Shutdown, logging when the pings start and
// stop failing (not each failure).
func (r *Reporter) healthLoop() {
	defer r.wg.Done()
	t := time.NewTicker(r.cfg.HealthInterval)
	defer t.Stop()
	failing := false
	for {
		ctx, cancel := context.WithTimeout(r.ctx, r.cfg.HealthInterval)
		err := r.cfg.Client.Health(ctx)
		cancel()
		switch {
		case r.ctx.Err() != nil:
			return
		case err != nil && !failing:
			r.log.Warn("agones: Health failed", "err", err)
		case err == nil && failing:
			r.log.Info("agones: Health answered again")
		}
		failing = err != nil
		select {
		case <-r.ctx.Done():
			return
		case <-t.C:
		}
	}
}

// lifeLoop sends Ready (retried until it is taken or start ends), picks the
// player mode, and then publishes the roster on every change until
// Shutdown.
func (r *Reporter) lifeLoop(start context.Context) {
	defer r.wg.Done()
	readyCtx, cancel := context.WithCancel(r.ctx)
	stopReady := context.AfterFunc(start, cancel)
	always := func(error) bool { return true } // a sidecar starting may answer 5xx
	err := retry(readyCtx, func() error { return r.cfg.Client.Ready(readyCtx) }, always, func(err error, attempt int) {
		if attempt == 1 || attempt%20 == 0 {
			r.log.Warn("agones: Ready failed, retrying (is the SDK sidecar up?)", "err", err, "attempt", attempt)
		}
	})
	stopReady()
	cancel()
	if err != nil {
		if r.ctx.Err() == nil {
			r.log.Warn("agones: gave up on Ready: the server is stopping", "err", err)
		}
		return
	}
	r.log.Info("agones: Ready")
	mode := r.detectMode()
	r.mu.Lock()
	r.mode = mode
	r.mu.Unlock()
	close(r.ready)
	if mode == PlayersOff {
		return
	}
	r.log.Info("agones: publishing the player count", "via", string(mode), "counter", r.cfg.Counter)
	t := time.NewTicker(r.cfg.PollInterval)
	defer t.Stop()
	failing := false
	for {
		err := r.syncPlayers(r.ctx, mode)
		switch {
		case r.ctx.Err() != nil:
			return
		case err != nil && !failing:
			r.log.Warn("agones: publishing the player count failed; retrying each poll", "err", err)
		case err == nil && failing:
			r.log.Info("agones: player count published again")
		}
		failing = err != nil
		select {
		case <-r.ctx.Done():
			return
		case <-t.C:
		}
	}
}

// detectMode returns the configured mode, or for PlayersAuto the one the
// sidecar offers.
func (r *Reporter) detectMode() PlayerMode {
	if r.cfg.Players != PlayersAuto {
		return r.cfg.Players
	}
	ctx, cancel := context.WithTimeout(r.ctx, requestTimeout)
	defer cancel()
	_, errCounter := r.cfg.Client.Counter(ctx, r.cfg.Counter)
	if errCounter == nil {
		return PlayersCounter
	}
	_, errTracking := r.cfg.Client.PlayerCapacity(ctx)
	if errTracking == nil {
		return PlayersTracking
	}
	r.log.Info("agones: no player count: the sidecar offers neither the counter nor player tracking",
		"counter", r.cfg.Counter, "counter_err", errCounter, "tracking_err", errTracking)
	return PlayersOff
}
