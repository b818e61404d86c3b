// Command gameserver runs the Arena game server: the rooms, the WebSocket at
// /ws, the browser client at /, and /healthz, /readyz and /rooms.
//
// Usage:
//
//	gameserver [-port 8080] [-addr host] [-tick-rate 60] [-snapshot-rate 30]
//	           [-room-capacity 16] [-map arena] [-log-format text|json]
//	           [-pprof 127.0.0.1:6060] [-impair latency=75ms,jitter=10ms,loss=0.02]
//	           [-lag-comp-max 250ms] [-tls-cert FILE -tls-key FILE]
//	           [-shutdown-timeout 10s]
//	           [-admin-addr 127.0.0.1:9090 | ARENA_ADMIN_ADDR: admin page, /metrics, pprof; -pprof serves the same]
//	           [-redis host:port [-public-url ws://host:port] [-redis-ttl 10s]
//	            [-redis-hold 10s] [-process-id ID]: rooms shared with the other
//	            processes on that Redis; /match answers where to connect]
//
// Every flag has an environment equivalent (ARENA_PORT, ARENA_ADDR,
// ARENA_TICK_RATE, ARENA_SNAPSHOT_RATE, ARENA_ROOM_CAPACITY, ARENA_MAP,
// ARENA_LOG_FORMAT, ARENA_PPROF, ARENA_IMPAIR, ARENA_LAG_COMP_MAX,
// ARENA_TLS_CERT, ARENA_TLS_KEY, ARENA_SHUTDOWN_TIMEOUT); a flag
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
// -tls-cert and -tls-key (PEM files, both or neither) serve HTTPS and WSS
// on the same port instead of HTTP and WS; the browser client follows the
// page's scheme.
//
// SIGINT or SIGTERM stops the server cleanly: clients are closed with 1001,
// rooms end, and the process exits 0, within -shutdown-timeout (1s..5m).
// -exit-when-empty does the same once the last room has ended; -agones
// reports Ready, Health, players and Shutdown to Agones' SDK sidecar.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"arena/netcode/impair"
	"arena/server"
)

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
	cl, err := newCluster(ctx, o.cluster, log)
	if err != nil {
		return err
	}
	defer cl.close()
	cfg := server.Config{
		TickRate:       o.tickRate,
		SnapshotRate:   o.snapshotRate,
		RoomCapacity:   o.roomCapacity,
		MapName:        o.mapName,
		Logger:         log,
		LagCompMax:     lagCompMax,
		PingInterval:   o.pingInterval,
		IdleTimeout:    o.idleTimeout,
		Limits:         o.limits(),
		ResumeGrace:    o.resumeGraceConfig(),
		OriginPatterns: o.originPatterns(),
		Directory:      cl.directory(),
	}
	o.match.apply(&cfg)
	if err := o.mode.apply(&cfg); err != nil {
		return err
	}
	if err := o.bots.apply(&cfg, o.mode.mode); err != nil {
		return err
	}
	if err := o.record.apply(&cfg, o.mode.mode); err != nil {
		return err
	}
	srv, err := server.New(cfg)
	if err != nil {
		return err
	}
	var tlsConfig *tls.Config
	if o.tlsCert != "" {
		// Read before listening: a bad file is an error at start, not at the
		// first handshake.
		if tlsConfig, err = loadTLS(o.tlsCert, o.tlsKey); err != nil {
			return err
		}
	}
	if o.pprofAddr != "" {
		// -pprof serves the whole admin interface (admin.go), pprof included.
		stopPprof, err := serveAdmin(o.pprofAddr, srv, log, "profiler")
		if err != nil {
			return err
		}
		defer stopPprof()
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
	scheme := "http"
	if tlsConfig != nil {
		ln = tls.NewListener(ln, tlsConfig) // over the impaired link, as TLS over a bad network is
		scheme = "https"
	}
	hs := server.HTTPServer(srv.Handler(), o.httpLimits())
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()

	tcp := ln.Addr().(*net.TCPAddr)
	host := "127.0.0.1"
	if !tcp.IP.IsUnspecified() {
		host = tcp.IP.String()
	}
	cfg = srv.Config()
	baseURL := scheme + "://" + net.JoinHostPort(host, strconv.Itoa(tcp.Port))
	log.Info("listening", "url", baseURL+"/",
		"addr", tcp.String(), "tick_rate", cfg.TickRate, "snapshot_rate", cfg.SnapshotRate,
		"room_capacity", cfg.RoomCapacity, "map", cfg.MapName)

	if err := cl.start(srv, baseURL); err != nil {
		_ = srv.Shutdown(context.Background())
		return err
	}
	stopAdmin, err := startAdmin(o.admin, srv, log)
	if err != nil {
		_ = srv.Shutdown(context.Background())
		return err
	}
	defer stopAdmin()
	ag, err := startAgones(ctx, o.agones, srv, log)
	if err != nil {
		_ = srv.Shutdown(context.Background())
		return err
	}

	select {
	case err := <-serveErr:
		_ = srv.Shutdown(context.Background())
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	case <-ag.drainRequested():
		log.Info("draining: the last room ended")
	}
	log.Info("stopping")
	sctx, cancel := context.WithTimeout(context.Background(), o.shutdownTimeout)
	defer cancel()
	errGame := srv.Shutdown(sctx)
	errHTTP := hs.Shutdown(sctx)
	if err := <-serveErr; !errors.Is(err, http.ErrServerClosed) {
		errHTTP = errors.Join(errHTTP, err)
	}
	errAgones := ag.shutdown(sctx)
	if err := errors.Join(errGame, errHTTP, errAgones); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}
