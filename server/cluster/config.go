package cluster

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Defaults of Config.
const (
	// DefaultTTL is how long a room stays listed without a heartbeat.
	DefaultTTL = 10 * time.Second
	// DefaultHoldTTL is how long a seat /match promised stays held.
	DefaultHoldTTL = 10 * time.Second
	// DefaultTimeout bounds each Redis call.
	DefaultTimeout = time.Second
	// DefaultPrefix starts every key.
	DefaultPrefix = "arena:"
	// MaxProcessIDBytes bounds a process id, so that room ids
	// (<process>-<n>) fit netcode.MaxRoomBytes.
	MaxProcessIDBytes = 16
)

// Config configures a Directory.
type Config struct {
	// Redis is the client (see Connect); required.
	Redis *redis.Client
	// ProcessID names this process in room ids (<process>-<n>) and in the
	// listing; "" picks a random one (NewProcessID).
	ProcessID string
	// TTL is how long a room stays listed without a heartbeat (one every
	// TTL/3); 0 is DefaultTTL.
	TTL time.Duration
	// HoldTTL is how long a seat promised by Match waits for its player;
	// 0 is DefaultHoldTTL.
	HoldTTL time.Duration
	// Timeout bounds each Redis call; 0 is DefaultTimeout.
	Timeout time.Duration
	// Prefix starts every key; "" is DefaultPrefix.
	Prefix string
	// Logger gets Redis being lost and found again; nil discards.
	Logger *slog.Logger
}

var processIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_]*$`)

// CheckProcessID returns why id cannot be a process id, or nil.
func CheckProcessID(id string) error {
	if len(id) > MaxProcessIDBytes || !processIDPattern.MatchString(id) {
		return fmt.Errorf("process id %q: want 1-%d characters of a-z, 0-9 and _, starting with a letter or digit", id, MaxProcessIDBytes)
	}
	return nil
}

// NewProcessID returns a random process id: 8 characters of base32 from
// crypto/rand.
func NewProcessID() string {
	var b [5]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	return strings.ToLower(base32.StdEncoding.EncodeToString(b[:]))
}

// withDefaults fills Config's zero values.
func (c Config) withDefaults() Config {
	if c.ProcessID == "" {
		c.ProcessID = NewProcessID()
	}
	if c.TTL <= 0 {
		c.TTL = DefaultTTL
	}
	if c.HoldTTL <= 0 {
		c.HoldTTL = DefaultHoldTTL
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.Prefix == "" {
		c.Prefix = DefaultPrefix
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Connect returns a client of the Redis at addr (host:port, or a
// redis:// or rediss:// URL) once it answered a PING within timeout.
// Each command of the client is bounded by timeout too.
func Connect(ctx context.Context, addr string, timeout time.Duration) (*redis.Client, error) {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	var opts *redis.Options
	if strings.Contains(addr, "://") {
		var err error
		if opts, err = redis.ParseURL(addr); err != nil {
			return nil, fmt.Errorf("redis %q: %w", addr, err)
		}
	} else {
		if _, _, err := net.SplitHostPort(addr); err != nil {
			return nil, fmt.Errorf("redis %q: want host:port or redis://host:port: %w", addr, err)
		}
		opts = &redis.Options{Addr: addr}
	}
	opts.DialTimeout, opts.ReadTimeout, opts.WriteTimeout = timeout, timeout, timeout
	opts.MaxRetries = 1
	rdb := redis.NewClient(opts)
	pctx, cancel := context.WithTimeout(ctx, 3*timeout)
	defer cancel()
	if err := rdb.Ping(pctx).Err(); err != nil {
		_ = rdb.Close()
		return nil, fmt.Errorf("redis %s: not reachable: %w", redactURL(addr), err)
	}
	return rdb, nil
}

// redactURL hides a password in a redis:// URL for messages.
func redactURL(addr string) string {
	if u, err := url.Parse(addr); err == nil && u.User != nil {
		return u.Redacted()
	}
	return addr
}

// WebSocketURL turns a public base URL (ws://host:port, wss://…, or the
// http(s) equivalent, with or without the /ws path) into the game
// socket's URL, ws(s)://host:port/ws.
func WebSocketURL(base string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("public url %q: %w", base, err)
	}
	switch u.Scheme {
	case "ws", "wss":
	case "http":
		u.Scheme = "ws"
	case "https":
		u.Scheme = "wss"
	default:
		return "", fmt.Errorf("public url %q: want ws://host:port or wss://host:port", base)
	}
	if u.Host == "" {
		return "", fmt.Errorf("public url %q: no host", base)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", errors.New("public url " + base + ": no user, query or fragment, please")
	}
	switch strings.TrimSuffix(u.Path, "/") {
	case "":
		u.Path = "/ws"
	case "/ws":
		u.Path = "/ws"
	default:
		if !strings.HasSuffix(u.Path, "/ws") {
			u.Path = strings.TrimSuffix(u.Path, "/") + "/ws"
		}
	}
	return u.String(), nil
}

// SetRedisLogger sends go-redis's own log lines (it logs dial failures by
// itself, process-wide) to log at debug level: the Directory logs Redis
// being lost and found once each, at warning and info.
func SetRedisLogger(log *slog.Logger) { redis.SetLogger(redisLogger{log}) }

// redisLogger adapts slog to go-redis's logger.
type redisLogger struct{ log *slog.Logger }

func (l redisLogger) Printf(ctx context.Context, format string, v ...any) {
	l.log.DebugContext(ctx, "redis: "+fmt.Sprintf(format, v...))
}
