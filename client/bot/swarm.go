package bot

// The swarm runner: N bots, each with its own Session and Bot, playing at the
// server's tick rate until the run ends, then leaving cleanly.

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"sync"
	"time"

	"arena/client"
	"arena/game"
)

// SwarmConfig configures Swarm. Zero fields take defaults; Swarm copies it.
type SwarmConfig struct {
	URL        string        // required, e.g. "ws://127.0.0.1:8080/ws"
	Bots       int           // default 8
	Duration   time.Duration // 0 = until ctx ends
	NamePrefix string        // bots are named prefix-1..N; default "bot"
	Seed       uint64        // bot i plays with a seed derived from Seed and i
	// Maps holds maps/<name>.json for the map Welcome names (assets.FS in
	// the programs). Required.
	Maps    fs.FS
	Stagger time.Duration // between two dials; default 5 ms
	Logger  *slog.Logger  // nil = discard
}

// Swarm runs cfg.Bots bots against cfg.URL until ctx ends or cfg.Duration has
// passed, closes every session cleanly and reports what it measured. It
// returns an error only for a bad configuration; failures of bots are counted
// in the Report (see Report.Failed). Swarm may be called concurrently.
func Swarm(ctx context.Context, cfg SwarmConfig) (Report, error) {
	if cfg.URL == "" {
		return Report{}, errors.New("swarm: no server URL")
	}
	if cfg.Maps == nil {
		return Report{}, errors.New("swarm: no Maps to load the server's map from")
	}
	if cfg.Bots < 0 {
		return Report{}, fmt.Errorf("swarm: %d bots", cfg.Bots)
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

	maps := &mapCache{fsys: cfg.Maps, maps: make(map[string]*game.Map)}
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
	var wg sync.WaitGroup
	for i := range cfg.Bots {
		wg.Go(func() { runBot(ctx, &cfg, i, maps, &results[i]) })
	}
	wg.Wait()
	unregister()
	mu.Lock()
	end := stopped
	mu.Unlock()
	if end.IsZero() {
		end = time.Now()
	}
	return buildReport(results, end.Sub(start)), nil
}

// runBot dials, plays until ctx ends or the session does, and leaves.
func runBot(ctx context.Context, cfg *SwarmConfig, i int, maps *mapCache, res *botResult) {
	select {
	case <-ctx.Done():
		return
	case <-time.After(time.Duration(i) * cfg.Stagger):
	}
	name := fmt.Sprintf("%s-%d", cfg.NamePrefix, i+1)
	log := cfg.Logger.With("bot", name)
	sess, err := client.Dial(ctx, cfg.URL, &client.Options{Name: name, Logger: log})
	if err != nil {
		if ctx.Err() == nil {
			res.err = err
			log.Warn("dial failed", "err", err)
		}
		return
	}
	res.connected = true
	welcome := sess.Welcome()
	m, err := maps.load(welcome.Map)
	if err != nil {
		res.err = err
		log.Error("load map", "err", err)
		sess.Close()
		return
	}
	rate := int(welcome.TickRate)
	if rate <= 0 {
		rate = game.DefaultTickRate
	}
	brain := New(Config{Map: m, Seed: cfg.Seed ^ (uint64(i+1) * 0x9e3779b97f4a7c15), TickRate: rate})
	self := sess.LocalID()

	ticker := time.NewTicker(time.Second / time.Duration(rate))
	defer ticker.Stop()
	var players []client.PlayerView
	var events []client.Event
	var lastPongs uint64
	collect := func() {
		events = sess.DrainEvents(events[:0])
		for _, e := range events {
			switch {
			case e.Kind == client.EventShot && e.Player == self:
				res.shots++
				if e.Other != 0 {
					res.hits++
				}
			case e.Kind == client.EventKill && e.Player == self && e.Other != self:
				res.kills++
			case e.Kind == client.EventKill && e.Other == self:
				res.deaths++
			}
		}
		if st := sess.Stats(); st.PongsReceived != lastPongs {
			lastPongs = st.PongsReceived
			res.rtts = append(res.rtts, st.LastRTT)
		}
	}
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case <-sess.Done():
			res.disconnected = true
			res.err = sess.Err()
			log.Warn("disconnected", "err", res.err)
			break loop
		case <-ticker.C:
		}
		players = sess.Players(time.Now(), players[:0])
		if err := sess.SendInput(brain.Decide(players)); err != nil {
			log.Debug("send input", "err", err)
		}
		collect()
	}
	collect()
	if !res.disconnected {
		select {
		case <-sess.Done():
			res.disconnected = true
			res.err = sess.Err()
		default:
		}
	}
	st := sess.Stats()
	res.connectedFor = time.Since(st.Connected)
	res.snapshots, res.bytesDown, res.bytesUp, res.inputs = st.SnapshotsReceived, st.BytesDown, st.BytesUp, st.InputsSent
	if err := sess.Close(); err != nil {
		log.Debug("close", "err", err)
	}
}

// mapCache loads each map once for all bots. Its methods may be called
// concurrently.
type mapCache struct {
	fsys fs.FS
	mu   sync.Mutex // guards maps
	maps map[string]*game.Map
}

func (c *mapCache) load(name string) (*game.Map, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if m, ok := c.maps[name]; ok {
		return m, nil
	}
	m, err := game.LoadMap(c.fsys, name)
	if err != nil {
		return nil, err
	}
	c.maps[name] = m
	return m, nil
}
