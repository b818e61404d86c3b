// Command gameserver runs the Arena game server: the rooms, the WebSocket at
// /ws, the browser client at /, and /healthz, /readyz and /rooms.
//
// Usage:
//
//	gameserver [-port 8080] [-addr host] [-tick-rate 60] [-snapshot-rate 30]
//	           [-room-capacity 16] [-map arena] [-log-format text|json]
//	           [-pprof 127.0.0.1:6060] [-impair latency=75ms,jitter=10ms,loss=0.02]
//	           [-lag-comp-max 250ms]
//
// Every flag has an environment equivalent (ARENA_PORT, ARENA_ADDR,
// ARENA_TICK_RATE, ARENA_SNAPSHOT_RATE, ARENA_ROOM_CAPACITY, ARENA_MAP,
// ARENA_LOG_FORMAT, ARENA_PPROF, ARENA_IMPAIR, ARENA_LAG_COMP_MAX); a flag
// given on the command line wins over its variable. -addr is the host to
// listen on ("" = all interfaces); it may also be host:port, whose port
// then wins over -port. -port 0 picks a free port; the "listening" log
// line says which.
//
// -impair makes every connection cross a bad network on purpose (see
// package arena/netcode/impair for the keys; latency is one way), so a
// person can feel the netcode from a browser on localhost. It is off by
// default and logged as a warning when on.
//
// -lag-comp-max caps lag compensation: how far back a shot may be resolved
// against where its shooter saw its targets, 0..1s; 0 turns it off.
//
// SIGINT or SIGTERM stops the server cleanly: clients are closed with 1001,
// rooms end, and the process exits 0.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"arena/assets"
	"arena/netcode/impair"
	"arena/server"
)

// shutdownTimeout bounds how long a clean stop may take.
const shutdownTimeout = 10 * time.Second

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gameserver:", err)
		os.Exit(1)
	}
}

// run runs the server until SIGINT or SIGTERM.
func run() error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, os.Args[1:], os.LookupEnv, os.Stderr)
}

// options are the parsed flags and environment.
type options struct {
	port         int
	addr         string
	tickRate     int
	snapshotRate int
	roomCapacity int
	mapName      string
	logFormat    string
	pprofAddr    string
	impair       impair.Config
	lagCompMax   time.Duration // 0: off
}

// parseOptions reads flags from args with defaults from the environment.
func parseOptions(args []string, lookupEnv func(string) (string, bool), errOut io.Writer) (options, error) {
	var impairSpec string
	o := options{port: 8080, mapName: assets.DefaultMap, logFormat: "text",
		tickRate: server.DefaultTickRate, snapshotRate: server.DefaultSnapshotRate,
		roomCapacity: server.DefaultRoomCapacity, lagCompMax: server.DefaultLagCompMax}
	if s, ok := lookupEnv("ARENA_LAG_COMP_MAX"); ok {
		d, err := time.ParseDuration(s)
		if err != nil {
			return o, fmt.Errorf("environment variable ARENA_LAG_COMP_MAX=%q: not a duration", s)
		}
		o.lagCompMax = d
	}
	ints := []struct {
		env string
		dst *int
	}{
		{"ARENA_PORT", &o.port},
		{"ARENA_TICK_RATE", &o.tickRate},
		{"ARENA_SNAPSHOT_RATE", &o.snapshotRate},
		{"ARENA_ROOM_CAPACITY", &o.roomCapacity},
	}
	for _, v := range ints {
		if s, ok := lookupEnv(v.env); ok {
			n, err := strconv.Atoi(s)
			if err != nil {
				return o, fmt.Errorf("environment variable %s=%q: not an integer", v.env, s)
			}
			*v.dst = n
		}
	}
	strs := []struct {
		env string
		dst *string
	}{
		{"ARENA_ADDR", &o.addr},
		{"ARENA_MAP", &o.mapName},
		{"ARENA_LOG_FORMAT", &o.logFormat},
		{"ARENA_PPROF", &o.pprofAddr},
		{"ARENA_IMPAIR", &impairSpec},
	}
	for _, v := range strs {
		if s, ok := lookupEnv(v.env); ok {
			*v.dst = s
		}
	}

	fs := flag.NewFlagSet("gameserver", flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.IntVar(&o.port, "port", o.port, "TCP port to listen on (0 picks a free one) [ARENA_PORT]")
	fs.StringVar(&o.addr, "addr", o.addr, `host to listen on, "" for all interfaces; host:port overrides -port [ARENA_ADDR]`)
	fs.IntVar(&o.tickRate, "tick-rate", o.tickRate, "simulation ticks per second [ARENA_TICK_RATE]")
	fs.IntVar(&o.snapshotRate, "snapshot-rate", o.snapshotRate, "snapshots per second per client [ARENA_SNAPSHOT_RATE]")
	fs.IntVar(&o.roomCapacity, "room-capacity", o.roomCapacity, "players per room [ARENA_ROOM_CAPACITY]")
	fs.StringVar(&o.mapName, "map", o.mapName, "map name (assets/maps/<name>.json) [ARENA_MAP]")
	fs.StringVar(&o.logFormat, "log-format", o.logFormat, "log format: text or json [ARENA_LOG_FORMAT]")
	fs.StringVar(&o.pprofAddr, "pprof", o.pprofAddr, `serve Go's profiler (/debug/pprof/) on this host:port, e.g. "127.0.0.1:6060"; off by default [ARENA_PPROF]`)
	fs.StringVar(&impairSpec, "impair", impairSpec, `impair every connection on purpose, e.g. "latency=75ms,jitter=10ms,loss=0.02" (keys: latency, jitter, loss, stall, bandwidth, reset, seed; up./down. for one direction); off by default [ARENA_IMPAIR]`)
	fs.DurationVar(&o.lagCompMax, "lag-comp-max", o.lagCompMax, "lag compensation: how far back a shot may be resolved where its shooter saw its targets, 0..1s; 0 turns it off [ARENA_LAG_COMP_MAX]")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if o.port < 0 || o.port > 65535 {
		return o, fmt.Errorf("port %d out of range 0..65535", o.port)
	}
	for _, v := range []struct {
		name string
		n    int
	}{{"tick rate", o.tickRate}, {"snapshot rate", o.snapshotRate}, {"room capacity", o.roomCapacity}} {
		if v.n < 1 {
			// Config treats 0 as "default"; on the command line it is a mistake.
			return o, fmt.Errorf("%s %d: must be at least 1", v.name, v.n)
		}
	}
	if o.lagCompMax < 0 || o.lagCompMax > server.MaxLagCompMax {
		return o, fmt.Errorf("lag-comp-max %v out of range 0..%v (0 turns lag compensation off)", o.lagCompMax, server.MaxLagCompMax)
	}
	if o.logFormat != "text" && o.logFormat != "json" {
		return o, fmt.Errorf("log format %q: want text or json", o.logFormat)
	}
	var err error
	if o.impair, err = impair.Parse(impairSpec); err != nil {
		return o, err // "impair: ..." names the flag
	}
	return o, nil
}

// profiler is Go's pprof handler, on its own mux so that it is served only
// on the -pprof listener.
func profiler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

// listenAddr returns the host:port to listen on.
func (o options) listenAddr() string {
	if _, _, err := net.SplitHostPort(o.addr); err == nil {
		return o.addr
	}
	return net.JoinHostPort(o.addr, strconv.Itoa(o.port))
}

// serve runs the server until ctx is done, logging to logOut.
func serve(ctx context.Context, args []string, lookupEnv func(string) (string, bool), logOut io.Writer) error {
	o, err := parseOptions(args, lookupEnv, logOut)
	if err != nil {
		return err
	}
	var h slog.Handler = slog.NewTextHandler(logOut, nil)
	if o.logFormat == "json" {
		h = slog.NewJSONHandler(logOut, nil)
	}
	log := slog.New(h)

	lagCompMax := o.lagCompMax
	if lagCompMax == 0 {
		lagCompMax = server.LagCompOff // Config's 0 means the default; the flag's means off
	}
	srv, err := server.New(server.Config{
		TickRate:     o.tickRate,
		SnapshotRate: o.snapshotRate,
		RoomCapacity: o.roomCapacity,
		MapName:      o.mapName,
		Logger:       log,
		LagCompMax:   lagCompMax,
	})
	if err != nil {
		return err
	}
	if o.pprofAddr != "" {
		pl, err := net.Listen("tcp", o.pprofAddr)
		if err != nil {
			return fmt.Errorf("pprof listen: %w", err)
		}
		defer pl.Close()
		go func() { _ = http.Serve(pl, profiler()) }()
		log.Info("profiler", "url", "http://"+pl.Addr().String()+"/debug/pprof/")
	}
	ln, err := net.Listen("tcp", o.listenAddr())
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	if o.impair.Active() {
		log.Warn("IMPAIRED NETWORK: every connection to this server is delayed and disturbed on purpose (-impair)",
			"impair", o.impair.String(), "round_trip_added", o.impair.Up.Latency+o.impair.Down.Latency)
		ln = impair.Listen(ln, o.impair)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()

	tcp := ln.Addr().(*net.TCPAddr)
	host := "127.0.0.1"
	if !tcp.IP.IsUnspecified() {
		host = tcp.IP.String()
	}
	cfg := srv.Config()
	log.Info("listening", "url", "http://"+net.JoinHostPort(host, strconv.Itoa(tcp.Port))+"/",
		"addr", tcp.String(), "tick_rate", cfg.TickRate, "snapshot_rate", cfg.SnapshotRate,
		"room_capacity", cfg.RoomCapacity, "map", cfg.MapName)

	select {
	case err := <-serveErr:
		_ = srv.Shutdown(context.Background())
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("stopping")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	errGame := srv.Shutdown(sctx)
	errHTTP := hs.Shutdown(sctx)
	if err := <-serveErr; !errors.Is(err, http.ErrServerClosed) {
		errHTTP = errors.Join(errHTTP, err)
	}
	if err := errors.Join(errGame, errHTTP); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}
