package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"arena/client/bot"
	"arena/client/bot/procstat"
	"arena/client/bot/serverproc"
	"arena/game"
	"arena/netcode/rawsock"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// config is the command line.
type config struct {
	bots           int
	window, warmup time.Duration
	stagger        time.Duration
	joinTimeout    time.Duration
	gameserver     string // binary; "": build one
	seed           uint64
	cpuProfile     string // the swarm's, over the window
	serverProfile  string // the server's, over the window
	verbose        bool
	swarm          string // swarmLite or swarmSession
	liteReads      string // readsPoll or readsWake: how the light swarm reads
}

// The swarms -swarm picks.
const (
	swarmLite    = "lite"    // bare connections (lite.go)
	swarmSession = "session" // client.Session per bot (bot.Swarm)
)

func parseConfig(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&c.bots, "bots", 500, "bench bots to run")
	fs.DurationVar(&c.window, "window", 20*time.Second, "the steady window measured, after every bot joined and -warmup")
	fs.DurationVar(&c.warmup, "warmup", 3*time.Second, "how long to wait after the last join before measuring")
	fs.DurationVar(&c.stagger, "stagger", 2*time.Millisecond, "between two bots' dials")
	fs.DurationVar(&c.joinTimeout, "join-timeout", 0, "give up waiting for every bot to be seated after this (0: 30 s plus twice the stagger per bot)")
	fs.StringVar(&c.gameserver, "gameserver", "", "the gameserver binary (default: go build arena/server/cmd/gameserver into a temporary directory)")
	fs.Uint64Var(&c.seed, "seed", 1, "seed of the bots' decisions")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write the swarm's CPU profile over the window to this file")
	fs.StringVar(&c.serverProfile, "server-cpuprofile", "", "write the server's CPU profile over the window to this file")
	fs.BoolVar(&c.verbose, "v", false, "print a human summary before the JSON line")
	fs.StringVar(&c.swarm, "swarm", swarmLite, `the bots: "lite" (bare WebSockets: the protocol and message rates of a client, no prediction; light enough to run thousands beside the server) or "session" (a full client.Session each, with prediction and its misprediction count)`)
	defaultReads := readsPoll
	if !rawsock.Supported {
		defaultReads = readsWake
	}
	fs.StringVar(&c.liteReads, "lite-reads", defaultReads, `how the light swarm's bots read: "poll" (each driver reads its bots' sockets, out of Go's network poller, on its ticks: no goroutine per bot, no wake per snapshot; Unix only) or "wake" (a goroutine per bot blocked in a read, woken by every snapshot, which on loopback the server pays for)`)
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch {
	case fs.NArg() > 0:
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case c.bots < 1:
		return c, fmt.Errorf("-bots must be at least 1, got %d", c.bots)
	case c.window < 2*time.Second:
		return c, fmt.Errorf("-window must be at least 2s, got %v", c.window)
	case c.swarm != swarmLite && c.swarm != swarmSession:
		return c, fmt.Errorf("-swarm must be lite or session, got %q", c.swarm)
	case c.liteReads != readsPoll && c.liteReads != readsWake:
		return c, fmt.Errorf("-lite-reads must be poll or wake, got %q", c.liteReads)
	case c.liteReads == readsPoll && !rawsock.Supported:
		return c, fmt.Errorf("-lite-reads poll needs a Unix system; use -lite-reads wake on %s", runtime.GOOS)
	case c.warmup < 0 || c.stagger < 0 || c.joinTimeout < 0:
		return c, errors.New("-warmup, -stagger and -join-timeout must not be negative")
	}
	if c.joinTimeout == 0 {
		c.joinTimeout = 30*time.Second + 2*time.Duration(c.bots)*c.stagger
	}
	return c, nil
}

// run does one bench run and prints its JSON line to stdout.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseConfig(args, stderr)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "arena-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := c.gameserver
	if bin == "" {
		if bin, err = serverproc.Build(ctx, dir); err != nil {
			return err
		}
	}
	srv, err := startServer(ctx, bin, dir)
	if err != nil {
		return err
	}
	defer srv.Stop()
	r, err := measure(ctx, c, srv)
	if err != nil {
		return err
	}
	if err := srv.Stop(); err != nil {
		r.Missing = append(r.Missing, "the server's exit: "+err.Error())
	}
	if c.verbose {
		fmt.Fprint(stdout, r.summary())
	}
	line, err := json.Marshal(r)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\n", line)
	if r.Errors > 0 || r.Disconnects > 0 {
		return fmt.Errorf("%d bots failed to connect, %d were disconnected (first: %s)", r.Errors, r.Disconnects, r.FirstError)
	}
	return nil
}

// swarmRun is a running swarm of either kind.
type swarmRun struct {
	ended  <-chan struct{}        // closed when the swarm stopped by itself; nil: never
	lost   <-chan struct{}        // closed when a bot's connection was lost; nil: never
	sample func() (traffic, bool) // counters so far; false: none (the session swarm)
	// finish waits for the swarm after its context ended.
	finish func() swarmEnd
}

// swarmEnd is how a swarm ended.
type swarmEnd struct {
	failed, dropped int
	first           error
	report          *bot.Report // the session swarm's
}

// startSwarm starts c's kind of swarm against srv until ctx ends.
func startSwarm(ctx context.Context, c config, srv *serverProc) (swarmRun, error) {
	if c.swarm == swarmLite {
		s, err := startLite(ctx, srv.URL(), c.bots, c.seed, c.stagger, c.liteReads)
		if err != nil {
			return swarmRun{}, err
		}
		return swarmRun{
			lost:   s.lost,
			sample: func() (traffic, bool) { return s.sample(), true },
			finish: func() swarmEnd {
				failed, dropped, first := s.wait()
				return swarmEnd{failed: failed, dropped: dropped, first: first}
			},
		}, nil
	}
	ended := make(chan struct{})
	var end swarmEnd
	go func() {
		defer close(ended)
		rep, err := bot.Swarm(ctx, bot.SwarmConfig{URL: srv.URL(), Bots: c.bots, Seed: c.seed,
			Stagger: c.stagger, Mode: game.ModeBench, Logger: slog.New(slog.DiscardHandler)})
		end = swarmEnd{failed: rep.Errors, dropped: rep.Disconnects, first: err, report: &rep}
		if err == nil {
			end.first = rep.Failed()
		}
	}()
	return swarmRun{
		ended:  ended,
		sample: func() (traffic, bool) { return traffic{}, false },
		finish: func() swarmEnd { <-ended; return end },
	}, nil
}

// measure runs the swarm against srv and measures the window.
func measure(ctx context.Context, c config, srv *serverProc) (*result, error) {
	r := &result{Mode: game.ModeBench, Clients: c.bots, StaggerMs: round3(c.stagger.Seconds() * 1000), CPUs: runtime.NumCPU()}
	before, err := procstat.Read(srv.PID())
	if err != nil {
		return nil, err
	}
	swarmCtx, stopSwarm := context.WithCancel(ctx)
	defer stopSwarm()
	start := time.Now()
	sw, err := startSwarm(swarmCtx, c, srv)
	if err != nil {
		return nil, err
	}
	joined, err := waitSeated(ctx, srv, c.bots, start.Add(c.joinTimeout), sw.ended, sw.lost)
	if err != nil {
		stopSwarm()
		if end := sw.finish(); end.first != nil {
			err = fmt.Errorf("%w (first bot error: %v)", err, end.first)
		}
		return nil, err
	}
	if joined == c.bots {
		r.JoinS = float(time.Since(start).Seconds())
	} else {
		r.Missing = append(r.Missing, fmt.Sprintf("join_s: only %d of %d bots were seated within %v", joined, c.bots, c.joinTimeout))
	}
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-sw.lost:
		stopSwarm()
		end := sw.finish()
		return nil, fmt.Errorf("%d of %d bots were disconnected before the window (first: %v)", end.dropped, c.bots, end.first)
	case <-time.After(c.warmup):
	}

	// The window.
	from, err := procstat.Read(srv.PID())
	if err != nil {
		return nil, err
	}
	selfFrom := procstat.SelfCPU()
	trafficFrom, counted := sw.sample()
	metricsFrom, errFrom := srv.metrics()
	profiled := startProfiles(c, srv)
	rates, rooms, seated, cut := sampleRooms(ctx, srv, c.window, sw.lost)
	to, err := procstat.Read(srv.PID())
	if err != nil {
		if cut {
			stopSwarm()
			end := sw.finish()
			err = fmt.Errorf("%d of %d bots were disconnected during the window (first: %v), and the server is gone: %w", end.dropped, c.bots, end.first, err)
		}
		return nil, err
	}
	selfTo := procstat.SelfCPU()
	trafficTo, _ := sw.sample()
	metricsTo, errTo := srv.metrics()
	wall := to.At.Sub(from.At).Seconds()
	if err := profiled(); err != nil {
		r.Missing = append(r.Missing, "profile: "+err.Error())
	}
	stopSwarm()
	end := sw.finish()
	r.Swarm = c.swarm
	if c.swarm == swarmLite {
		r.LiteReads = c.liteReads
	}
	if cut {
		r.Missing = append(r.Missing, fmt.Sprintf("window_s: cut short (%.1f s of %v): bots were disconnected", wall, c.window))
	}
	r.Joined, r.Rooms, r.WindowS, r.DurationS = seated, rooms, round3(wall), round3(time.Since(start).Seconds())
	r.LoadAvg = float(procstat.LoadAvg())
	r.ServerCPUPct = round3(100 * (to.CPU - from.CPU).Seconds() / wall)
	r.ServerCPUPctPerClient = round3(r.ServerCPUPct / float64(c.bots))
	r.ServerRSSMiB, r.ServerRSSMiBBefore = round3(float64(to.RSSKiB)/1024), round3(float64(before.RSSKiB)/1024)
	r.ServerRSSKiBPerClient = round3(float64(to.RSSKiB-before.RSSKiB) / float64(c.bots))
	r.SwarmCPUPct = round3(100 * (selfTo - selfFrom).Seconds() / wall)
	r.SwarmCPUPctPerBot = round3(r.SwarmCPUPct / float64(c.bots))
	r.Errors, r.Disconnects = end.failed, end.dropped
	if end.first != nil {
		r.FirstError = end.first.Error()
	}
	if counted {
		// Over the window alone.
		per := func(a, b uint64) float64 {
			return round3(float64(b-a) / trafficTo.at.Sub(trafficFrom.at).Seconds() / float64(max(1, seated)))
		}
		r.BytesDownPerClientPerS, r.BytesUpPerClientPerS = per(trafficFrom.down, trafficTo.down), per(trafficFrom.up, trafficTo.up)
		r.SnapshotsPerSPerClient, r.InputMsgsPerSPerClient = per(trafficFrom.snaps, trafficTo.snaps), per(trafficFrom.inputMsg, trafficTo.inputMsg)
	} else if rep := end.report; rep != nil {
		// The session swarm's own report: over each bot's whole session.
		r.BytesDownPerClientPerS, r.BytesUpPerClientPerS = rep.BytesDownPerBotPerS, rep.BytesUpPerBotPerS
		r.SnapshotsPerSPerClient, r.InputMsgsPerSPerClient = rep.SnapshotsPerSPerBot, rep.InputMessagesPerSPerBot
		r.MispredictionsPerMin = float(rep.MispredictionsPerMin)
	}
	if len(rates) == 0 {
		r.Missing = append(r.Missing, "tick_rate_min, tick_rate_mean: /rooms has no tick_rate_achieved (a server before it)")
	} else {
		lo, sum := math.Inf(1), 0.0
		for _, v := range rates {
			lo, sum = math.Min(lo, v), sum+v
		}
		r.TickRateMin, r.TickRateMean = float(lo), float(sum/float64(len(rates)))
	}
	tickFigures(r, metricsFrom, metricsTo, errors.Join(errFrom, errTo), srv.admin != "")
	return r, nil
}
