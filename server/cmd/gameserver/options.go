package main

// The command line: flags, their environment variables, and their checks.

import (
	"flag"
	"fmt"
	"io"
	"net"
	"path"
	"strconv"
	"strings"
	"time"

	"arena/assets"
	"arena/netcode/impair"
	"arena/server"
)

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
	tlsCert      string        // PEM certificate chain; with tlsKey, serve HTTPS and WSS
	tlsKey       string        // PEM private key
	// shutdownTimeout bounds how long a clean stop may take.
	shutdownTimeout time.Duration
	pingInterval    time.Duration // a quiet client gets a WebSocket ping this often
	idleTimeout     time.Duration // a client silent this long is closed
	// Connection limits (0: none); loopback clients are exempt from the
	// per-address ones unless limitLoopback.
	maxConns, maxConnsPerAddr, joinsPerAddr int
	trustedProxies                          string
	limitLoopback                           bool
	// allowedOrigins are host patterns a browser page may come from
	// besides the server's own host.
	allowedOrigins string
	// What one connection may send per second (0: no limit).
	maxMsgsPerSec, maxBytesPerSec int
	// resumeGrace is how long a dropped player's seat waits (0: off).
	resumeGrace time.Duration
	// HTTP limits before the upgrade: header time and size, keep-alive idle.
	headerTimeout, httpIdleTimeout time.Duration
	maxHeaderBytes                 int

	// Groups with files of their own: each registers its flags and checks
	// them (options_<group>.go).
	admin   adminOptions   // -admin-addr: /metrics, pprof and the admin page
	agones  agonesOptions  // -agones: the Agones SDK sidecar
	cluster clusterOptions // -redis: rooms across processes
	mode    modeOptions    // -mode: the rule every room plays
	bots    botOptions     // -min-players: bots that fill rooms
	match   matchOptions   // -match-length, -maps: timed matches on a rotation
	record  recordOptions  // -record: write every match to a file
}

// optionGroup is a group of flags in a file of its own.
type optionGroup interface {
	// register reads the group's environment variables as defaults and
	// adds its flags to fs.
	register(fs *flag.FlagSet, lookupEnv func(string) (string, bool)) error
	// check validates the parsed values.
	check() error
}

// groups returns the option groups, in the order their flags are listed.
func (o *options) groups() []optionGroup {
	return []optionGroup{&o.admin, &o.agones, &o.cluster, &o.mode, &o.bots, &o.match, &o.record}
}

// The range of -shutdown-timeout: long enough to close every client, short
// enough that an orchestrator's kill does not come first.
const (
	defaultShutdownTimeout = 10 * time.Second
	minShutdownTimeout     = time.Second
	maxShutdownTimeout     = 5 * time.Minute
)

// parseOptions reads flags from args with defaults from the environment.
func parseOptions(args []string, lookupEnv func(string) (string, bool), errOut io.Writer) (options, error) {
	var impairSpec string
	o := options{port: 8080, mapName: assets.DefaultMap, logFormat: "text",
		tickRate: server.DefaultTickRate, snapshotRate: server.DefaultSnapshotRate,
		roomCapacity: server.DefaultRoomCapacity, lagCompMax: server.DefaultLagCompMax,
		shutdownTimeout: defaultShutdownTimeout,
		pingInterval:    server.DefaultPingInterval, idleTimeout: server.DefaultIdleTimeout,
		maxConns: server.DefaultMaxConns, maxConnsPerAddr: server.DefaultMaxConnsPerAddr,
		joinsPerAddr:  server.DefaultJoinsPerAddr,
		maxMsgsPerSec: server.DefaultMessagesPerSec, maxBytesPerSec: server.DefaultBytesPerSec,
		resumeGrace:   server.DefaultResumeGrace,
		headerTimeout: server.DefaultHeaderTimeout, httpIdleTimeout: server.DefaultHTTPIdleTimeout,
		maxHeaderBytes: server.DefaultMaxHeaderBytes}
	durations := []struct {
		env string
		dst *time.Duration
	}{
		{"ARENA_LAG_COMP_MAX", &o.lagCompMax},
		{"ARENA_SHUTDOWN_TIMEOUT", &o.shutdownTimeout},
		{"ARENA_PING_INTERVAL", &o.pingInterval},
		{"ARENA_IDLE_TIMEOUT", &o.idleTimeout},
		{"ARENA_RESUME_GRACE", &o.resumeGrace},
		{"ARENA_HEADER_TIMEOUT", &o.headerTimeout},
		{"ARENA_HTTP_IDLE_TIMEOUT", &o.httpIdleTimeout},
	}
	for _, v := range durations {
		if s, ok := lookupEnv(v.env); ok {
			d, err := time.ParseDuration(s)
			if err != nil {
				return o, fmt.Errorf("environment variable %s=%q: not a duration", v.env, s)
			}
			*v.dst = d
		}
	}
	ints := []struct {
		env string
		dst *int
	}{
		{"ARENA_PORT", &o.port},
		{"ARENA_TICK_RATE", &o.tickRate},
		{"ARENA_SNAPSHOT_RATE", &o.snapshotRate},
		{"ARENA_ROOM_CAPACITY", &o.roomCapacity},
		{"ARENA_MAX_CONNS", &o.maxConns},
		{"ARENA_MAX_CONNS_PER_ADDR", &o.maxConnsPerAddr},
		{"ARENA_JOINS_PER_ADDR", &o.joinsPerAddr},
		{"ARENA_MAX_MSGS_PER_SEC", &o.maxMsgsPerSec},
		{"ARENA_MAX_BYTES_PER_SEC", &o.maxBytesPerSec},
		{"ARENA_MAX_HEADER_BYTES", &o.maxHeaderBytes},
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
		{"ARENA_TLS_CERT", &o.tlsCert},
		{"ARENA_TLS_KEY", &o.tlsKey},
		{"ARENA_TRUSTED_PROXIES", &o.trustedProxies},
		{"ARENA_ALLOWED_ORIGINS", &o.allowedOrigins},
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
	fs.StringVar(&o.pprofAddr, "pprof", o.pprofAddr, `serve Go's profiler (/debug/pprof/) on this host:port, e.g. "127.0.0.1:6060", with the rest of the admin interface (as -admin-addr); off by default [ARENA_PPROF]`)
	fs.StringVar(&impairSpec, "impair", impairSpec, `impair every connection on purpose, e.g. "latency=75ms,jitter=10ms,loss=0.02" (keys: latency, jitter, loss, stall, bandwidth, reset, seed; up./down. for one direction); off by default [ARENA_IMPAIR]`)
	fs.DurationVar(&o.lagCompMax, "lag-comp-max", o.lagCompMax, "lag compensation: how far back a shot may be resolved where its shooter saw its targets, 0..1s; 0 turns it off [ARENA_LAG_COMP_MAX]")
	fs.StringVar(&o.tlsCert, "tls-cert", o.tlsCert, "PEM certificate file (chain); with -tls-key, serve HTTPS and WSS on the same port [ARENA_TLS_CERT]")
	fs.StringVar(&o.tlsKey, "tls-key", o.tlsKey, "PEM private key file for -tls-cert [ARENA_TLS_KEY]")
	fs.DurationVar(&o.shutdownTimeout, "shutdown-timeout", o.shutdownTimeout, "how long a clean stop on SIGINT/SIGTERM may take, 1s..5m [ARENA_SHUTDOWN_TIMEOUT]")
	fs.DurationVar(&o.pingInterval, "ping-interval", o.pingInterval, "a joined client that sent nothing for this long gets a WebSocket ping [ARENA_PING_INTERVAL]")
	fs.DurationVar(&o.idleTimeout, "idle-timeout", o.idleTimeout, "a joined client that sent nothing, not even a pong, for this long is closed (4005); over -ping-interval [ARENA_IDLE_TIMEOUT]")
	fs.IntVar(&o.maxConns, "max-conns", o.maxConns, "WebSocket connections the server holds at once; 0 = no limit [ARENA_MAX_CONNS]")
	fs.IntVar(&o.maxConnsPerAddr, "max-conns-per-addr", o.maxConnsPerAddr, "connections at once per client address; 0 = no limit (loopback clients are exempt unless -limit-loopback) [ARENA_MAX_CONNS_PER_ADDR]")
	fs.IntVar(&o.joinsPerAddr, "joins-per-addr", o.joinsPerAddr, "connections per second one client address may open (bursts of twice that); 0 = no limit [ARENA_JOINS_PER_ADDR]")
	fs.StringVar(&o.trustedProxies, "trusted-proxies", o.trustedProxies, `reverse proxies whose X-Forwarded-For names the client, addresses or prefixes, e.g. "10.0.0.0/8,192.168.1.1" [ARENA_TRUSTED_PROXIES]`)
	fs.BoolVar(&o.limitLoopback, "limit-loopback", o.limitLoopback, "apply the per-address limits to loopback clients too (local bot swarms then need them raised)")
	fs.IntVar(&o.maxMsgsPerSec, "max-msgs-per-sec", o.maxMsgsPerSec, "messages per second one connection may send on average (bursts of a second's worth); over it: close 1008; 0 = no limit [ARENA_MAX_MSGS_PER_SEC]")
	fs.IntVar(&o.maxBytesPerSec, "max-bytes-per-sec", o.maxBytesPerSec, "bytes per second one connection may send on average (bursts of a second's worth); over it: close 1008; 0 = no limit [ARENA_MAX_BYTES_PER_SEC]")
	fs.DurationVar(&o.resumeGrace, "resume-grace", o.resumeGrace, "how long a dropped player's seat, position and score wait for it to reconnect, 0..10m; 0 = free it at once [ARENA_RESUME_GRACE]")
	fs.StringVar(&o.allowedOrigins, "allowed-origins", o.allowedOrigins, `host patterns browser pages may open the game socket from besides this server's own host, e.g. "game.example.com,*.example.org"; clients that send no Origin (bots, the desktop client) are always allowed [ARENA_ALLOWED_ORIGINS]`)
	fs.DurationVar(&o.headerTimeout, "header-timeout", o.headerTimeout, "how long a client may take to send an HTTP request's headers (the WebSocket upgrade's too), 100ms..5m; a slower one is cut [ARENA_HEADER_TIMEOUT]")
	fs.IntVar(&o.maxHeaderBytes, "max-header-bytes", o.maxHeaderBytes, "largest HTTP request headers, 1 KiB..1 MiB; larger: HTTP 431 [ARENA_MAX_HEADER_BYTES]")
	fs.DurationVar(&o.httpIdleTimeout, "http-idle-timeout", o.httpIdleTimeout, "how long a keep-alive HTTP connection may wait for its next request, 1s..1h (never applies to a WebSocket) [ARENA_HTTP_IDLE_TIMEOUT]")
	for _, g := range o.groups() {
		if err := g.register(fs, lookupEnv); err != nil {
			return o, err
		}
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	for _, g := range o.groups() {
		if err := g.check(); err != nil {
			return o, err
		}
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if err := o.admin.notPublic(o.listenAddr()); err != nil {
		return o, err
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
	if o.pingInterval <= 0 || o.idleTimeout <= o.pingInterval {
		return o, fmt.Errorf("idle-timeout %v must exceed ping-interval %v, and both be positive", o.idleTimeout, o.pingInterval)
	}
	if o.shutdownTimeout < minShutdownTimeout || o.shutdownTimeout > maxShutdownTimeout {
		return o, fmt.Errorf("shutdown-timeout %v out of range %v..%v", o.shutdownTimeout, minShutdownTimeout, maxShutdownTimeout)
	}
	if o.resumeGrace < 0 || o.resumeGrace > server.MaxResumeGrace {
		return o, fmt.Errorf("resume-grace %v out of range 0..%v (0 frees a dropped player's seat at once)", o.resumeGrace, server.MaxResumeGrace)
	}
	if o.headerTimeout < 100*time.Millisecond || o.headerTimeout > 5*time.Minute {
		return o, fmt.Errorf("header-timeout %v out of range 100ms..5m", o.headerTimeout)
	}
	if o.maxHeaderBytes < 1<<10 || o.maxHeaderBytes > 1<<20 {
		return o, fmt.Errorf("max-header-bytes %d out of range 1024..1048576", o.maxHeaderBytes)
	}
	if o.httpIdleTimeout < time.Second || o.httpIdleTimeout > time.Hour {
		return o, fmt.Errorf("http-idle-timeout %v out of range 1s..1h", o.httpIdleTimeout)
	}
	if (o.tlsCert == "") != (o.tlsKey == "") {
		return o, fmt.Errorf("-tls-cert and -tls-key go together: give both (HTTPS and WSS) or neither (HTTP and WS)")
	}
	for _, v := range []struct {
		name string
		n    int
	}{{"max-conns", o.maxConns}, {"max-conns-per-addr", o.maxConnsPerAddr}, {"joins-per-addr", o.joinsPerAddr},
		{"max-msgs-per-sec", o.maxMsgsPerSec}, {"max-bytes-per-sec", o.maxBytesPerSec}} {
		if v.n < 0 {
			return o, fmt.Errorf("%s %d: must be 0 (no limit) or more", v.name, v.n)
		}
	}
	if _, err := server.ParseTrustedProxies(o.trustedProxies); err != nil {
		return o, fmt.Errorf("trusted-proxies: %w", err)
	}
	for _, p := range o.originPatterns() {
		if _, err := path.Match(p, ""); err != nil {
			return o, fmt.Errorf("allowed-origins: bad pattern %q: %w", p, err)
		}
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

// limits returns the server's connection limits (a flag's 0 is Limits' -1:
// no limit).
func (o options) limits() server.Limits {
	off := func(n int) int {
		if n == 0 {
			return -1
		}
		return n
	}
	proxies, _ := server.ParseTrustedProxies(o.trustedProxies) // checked by parseOptions
	return server.Limits{
		MaxConns: off(o.maxConns), MaxConnsPerAddr: off(o.maxConnsPerAddr), JoinsPerAddr: off(o.joinsPerAddr),
		MessagesPerSec: off(o.maxMsgsPerSec), BytesPerSec: off(o.maxBytesPerSec),
		TrustedProxies: proxies, LimitLoopback: o.limitLoopback,
	}
}

// httpLimits returns the limits of the HTTP server before the upgrade.
func (o options) httpLimits() server.HTTPLimits {
	return server.HTTPLimits{HeaderTimeout: o.headerTimeout, MaxHeaderBytes: o.maxHeaderBytes, IdleTimeout: o.httpIdleTimeout}
}

// resumeGraceConfig returns -resume-grace as Config takes it (the flag's 0
// is off, Config's the default).
func (o options) resumeGraceConfig() time.Duration {
	if o.resumeGrace == 0 {
		return server.ResumeOff
	}
	return o.resumeGrace
}

// originPatterns returns -allowed-origins as a list.
func (o options) originPatterns() []string {
	var out []string
	for _, p := range strings.Split(o.allowedOrigins, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// listenAddr returns the host:port to listen on.
func (o options) listenAddr() string {
	if _, _, err := net.SplitHostPort(o.addr); err == nil {
		return o.addr
	}
	return net.JoinHostPort(o.addr, strconv.Itoa(o.port))
}
