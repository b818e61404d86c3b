// Command gamebot runs a swarm of headless bots against an Arena game server
// and reports what it measured:
//
//	gamebot -server ws://127.0.0.1:8080/ws -bots 8 -duration 30s -json
//
// It runs until -duration has passed or until Ctrl-C / SIGTERM, then every bot
// leaves cleanly and a summary is printed (with -json, its last line is one
// JSON object). The exit status is 1 when any bot failed to connect or was
// dropped, 2 for bad flags.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"

	"arena/client"
	"arena/client/bot"
	"arena/client/bot/procstat"
	"arena/netcode/impair"
)

// impairConfig builds the bots' link impairment from -impair and the
// -latency, -jitter and -loss shorthands (which set both directions).
func impairConfig(spec string, latency, jitter time.Duration, loss float64) (impair.Config, error) {
	var cfg impair.Config
	if spec != "" {
		var err error
		if cfg, err = impair.Parse(spec); err != nil {
			return cfg, fmt.Errorf("-impair: %w", err)
		}
	}
	for _, l := range []*impair.Link{&cfg.Up, &cfg.Down} {
		if latency != 0 {
			l.Latency = latency
		}
		if jitter != 0 {
			l.Jitter = jitter
		}
		if loss != 0 {
			l.Loss = loss
		}
	}
	if err := cfg.Validate(); err != nil {
		return cfg, err
	}
	return cfg, nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "gamebot:", err)
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// usageError is a bad command line; main exits 2 for it.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// run parses args, runs the swarm until ctx ends or -duration has passed, and
// prints the report to stdout. It returns an error when any bot failed to
// connect or was dropped.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gamebot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("server", "ws://127.0.0.1:8080/ws", "game server WebSocket URL")
	bots := fs.Int("bots", 8, "number of bots")
	duration := fs.Duration("duration", 0, "how long to play (0 = until Ctrl-C/SIGTERM)")
	name := fs.String("name", "bot", "name prefix: bots are named <prefix>-1..N")
	room := fs.String("room", "", "join this room exactly: a room id or a private room's code (a wrong one fails with 4008, a full one 4009); default quick play")
	jsonOut := fs.Bool("json", false, "print the report as one JSON object on the last line")
	seed := fs.Uint64("seed", uint64(time.Now().UnixNano()), "seed of the bots' decisions")
	verbose := fs.Bool("v", false, "log every bot's connection events")
	batch := fs.Int("input-batch", 0, "inputs per Inputs message (0 = the server's ticks per snapshot; 1 = every tick)")
	idle := fs.Bool("idle", false, "join and send no inputs (players at rest)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the swarm to this file")
	serverPID := fs.Int("server-pid", 0, "also measure this local server process from /proc (CPU over a steady window, RSS)")
	exactAim := fs.Bool("exact-aim", false, "bots aim exactly at where they see their target (measures lag compensation)")
	latency := fs.Duration("latency", 0, "impair each bot's link: one-way latency added in each direction (e.g. 75ms)")
	jitter := fs.Duration("jitter", 0, "impair each bot's link: one-way jitter, without reordering (e.g. 10ms)")
	loss := fs.Float64("loss", 0, "impair each bot's link: probability per write of a retransmission stall, each direction (e.g. 0.02)")
	cutEvery := fs.Duration("cut-every", 0, "reset each bot's TCP connection at random moments this far apart on average (e.g. 20s), to test resuming; 0 = never")
	mode := fs.String("mode", "arena", `the bots' game: "arena" (chase, aim, shoot) or "bench" (the bench rule's random walk, random aim, fire half the time; needs gameserver -mode bench)`)
	impairSpec := fs.String("impair", "", `impair each bot's link in full, as gameserver -impair (e.g. "latency=75ms,jitter=10ms,loss=0.02,down.bandwidth=32000"); -latency, -jitter and -loss apply on top`)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gamebot [flags]")
		fmt.Fprintln(stderr, "Runs headless bots against an Arena game server and reports network figures.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	switch {
	case fs.NArg() > 0:
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	case *bots < 1:
		return usageError{fmt.Errorf("-bots must be at least 1, got %d", *bots)}
	case *duration < 0:
		return usageError{fmt.Errorf("-duration must not be negative, got %v", *duration)}
	case *server == "":
		return usageError{errors.New("-server must not be empty")}
	case len(*room) > client.MaxRoomBytes:
		return usageError{fmt.Errorf("-room must be at most %d bytes, got %d", client.MaxRoomBytes, len(*room))}
	case *serverPID != 0 && *duration == 0:
		return usageError{errors.New("-server-pid needs a -duration to measure over")}
	case *cutEvery < 0:
		return usageError{fmt.Errorf("-cut-every must not be negative, got %v", *cutEvery)}
	case *mode != "arena" && *mode != "bench":
		return usageError{fmt.Errorf("-mode must be arena or bench, got %q", *mode)}
	case *batch < 0 || *batch > 16:
		return usageError{fmt.Errorf("-input-batch must be 0..16, got %d", *batch)}
	}

	link, err := impairConfig(*impairSpec, *latency, *jitter, *loss)
	if err != nil {
		return usageError{err}
	}

	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	if *duration > 0 {
		fmt.Fprintf(stdout, "gamebot: %d bots on %s for %v\n", *bots, *server, *duration)
	} else {
		fmt.Fprintf(stdout, "gamebot: %d bots on %s until Ctrl-C\n", *bots, *server)
	}
	if link.Active() {
		fmt.Fprintf(stdout, "gamebot: each bot's link is impaired: %s\n", link)
	}
	if *cutEvery > 0 {
		fmt.Fprintf(stdout, "gamebot: each bot's connection is reset about every %v; the bots resume\n", *cutEvery)
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	var before procstat.Sample
	if *serverPID != 0 {
		var err error
		if before, err = procstat.Read(*serverPID); err != nil {
			return fmt.Errorf("server %w", err)
		}
	}
	// The steady window: from when every bot has dialed and played a
	// little to a second before the end.
	const stagger = 5 * time.Millisecond
	warm := time.Duration(*bots)*stagger + 3*time.Second
	window := make(chan [2]procstat.Sample, 1)
	if *serverPID != 0 && *duration > warm+2*time.Second {
		go func() {
			time.Sleep(warm)
			from, err1 := procstat.Read(*serverPID)
			time.Sleep(*duration - warm - time.Second)
			to, err2 := procstat.Read(*serverPID)
			if err1 == nil && err2 == nil {
				window <- [2]procstat.Sample{from, to}
			}
		}()
	} else if *serverPID != 0 {
		return usageError{fmt.Errorf("-duration %v is too short to measure the server: want over %v", *duration, warm+2*time.Second)}
	}
	report, err := bot.Swarm(ctx, bot.SwarmConfig{
		URL:        *server,
		Bots:       *bots,
		Duration:   *duration,
		NamePrefix: *name,
		Room:       *room,
		Seed:       *seed,
		Logger:     log,
		Stagger:    stagger,
		InputBatch: *batch,
		Idle:       *idle,
		ExactAim:   *exactAim,
		Impair:     link,
		CutEvery:   *cutEvery,
		Mode:       *mode,
	})
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, report.Summary())
	var out any = report
	select {
	case w := <-window:
		f := figures(before, w[0], w[1], *bots)
		fmt.Fprintf(stdout, "server: %.3f cores over %.1f s (%.3f%% of a core per client), RSS %d KiB (%.1f KiB per client)\n",
			f.CPUCores, f.WindowS, f.CPUPctPerClient, f.RSSKiB, f.RSSKiBPerClient)
		out = struct {
			bot.Report
			serverFigures
		}{report, f}
	default:
	}
	if *jsonOut {
		line, err := json.Marshal(out)
		if err != nil {
			return fmt.Errorf("encode report: %w", err)
		}
		fmt.Fprintf(stdout, "%s\n", line)
	}
	return report.Failed()
}
