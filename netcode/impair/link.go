package impair

// What a link does to the bytes crossing it, and its text form for flags.

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Link is the impairment of one direction of a connection. The zero Link
// passes bytes straight through.
type Link struct {
	// Latency is the one-way delay added to every write.
	Latency time.Duration
	// Jitter spreads each write's delay uniformly over
	// Latency-Jitter..Latency+Jitter (never below zero); bytes still
	// arrive in order, so a write never overtakes an earlier one.
	Jitter time.Duration
	// Loss is the probability (0..1) that a write is "lost": TCP
	// retransmits it, so it and everything after it in this direction
	// wait an extra Stall.
	Loss float64
	// Stall is the retransmission stall of a lost write; 0 means
	// DefaultStall: max(200ms, 2*Latency + 4*Jitter), TCP's minimum
	// retransmission timeout or its estimate from the round trip.
	Stall time.Duration
	// Bandwidth caps the direction at this many bytes per second (0: no
	// cap): a write of n bytes occupies the link for n/Bandwidth seconds,
	// queued behind the writes before it.
	Bandwidth int
	// Reset is the probability (0..1) per write that the connection is
	// reset: closed abruptly on both sides, as a middlebox or a dying
	// NAT would.
	Reset float64
}

// Active reports whether l impairs anything.
func (l Link) Active() bool {
	return l.Latency > 0 || l.Jitter > 0 || l.Loss > 0 || l.Bandwidth > 0 || l.Reset > 0
}

// DefaultStall returns the stall of a lost write when Stall is 0.
func (l Link) DefaultStall() time.Duration {
	return max(200*time.Millisecond, 2*l.Latency+4*l.Jitter)
}

// stall returns the stall of a lost write.
func (l Link) stall() time.Duration {
	if l.Stall > 0 {
		return l.Stall
	}
	return l.DefaultStall()
}

// validate reports the first field of l out of range, naming it by its key
// in Parse's syntax after prefix.
func (l Link) validate(prefix string) error {
	for _, d := range []struct {
		key string
		v   time.Duration
	}{{"latency", l.Latency}, {"jitter", l.Jitter}, {"stall", l.Stall}} {
		if d.v < 0 {
			return fmt.Errorf("impair: %s%s %v is negative", prefix, d.key, d.v)
		}
	}
	for _, p := range []struct {
		key string
		v   float64
	}{{"loss", l.Loss}, {"reset", l.Reset}} {
		if !(p.v >= 0 && p.v <= 1) { // also catches NaN
			return fmt.Errorf("impair: %s%s %v outside [0,1] (a probability per write)", prefix, p.key, p.v)
		}
	}
	if l.Bandwidth < 0 {
		return fmt.Errorf("impair: %sbandwidth %d is negative (bytes per second; 0 = no cap)", prefix, l.Bandwidth)
	}
	return nil
}

// format returns l in Parse's syntax with every key prefixed by prefix
// ("", "up." or "down."), leaving out fields that are zero.
func (l Link) format(prefix string) string {
	var parts []string
	add := func(key, v string) { parts = append(parts, prefix+key+"="+v) }
	if l.Latency > 0 {
		add("latency", l.Latency.String())
	}
	if l.Jitter > 0 {
		add("jitter", l.Jitter.String())
	}
	if l.Loss > 0 {
		add("loss", strconv.FormatFloat(l.Loss, 'g', -1, 64))
	}
	if l.Stall > 0 {
		add("stall", l.Stall.String())
	}
	if l.Bandwidth > 0 {
		add("bandwidth", strconv.Itoa(l.Bandwidth))
	}
	if l.Reset > 0 {
		add("reset", strconv.FormatFloat(l.Reset, 'g', -1, 64))
	}
	return strings.Join(parts, ",")
}

// Config is the impairment of a whole connection: Up is what the client
// sends to the server, Down what the server sends to the client. Seed
// makes the random draws (jitter, loss, resets) repeatable.
type Config struct {
	Up, Down Link
	Seed     uint64
}

// Active reports whether c impairs either direction.
func (c Config) Active() bool { return c.Up.Active() || c.Down.Active() }

// Validate reports the first field of c out of range.
func (c Config) Validate() error {
	if c.Up == c.Down {
		return c.Up.validate("")
	}
	return errors.Join(c.Up.validate("up."), c.Down.validate("down."))
}

// String returns c in Parse's syntax, so that Parse(c.String()) == c:
// one set of keys when both directions are the same, else up.* and
// down.* keys; "off" when nothing is impaired.
func (c Config) String() string {
	var s string
	if c.Up == c.Down {
		s = c.Up.format("")
	} else {
		s = strings.Trim(c.Up.format("up.")+","+c.Down.format("down."), ",")
	}
	if s == "" {
		s = "off"
	}
	if c.Seed != 0 {
		s += ",seed=" + strconv.FormatUint(c.Seed, 10)
	}
	return s
}

// keys lists Parse's keys, for its error messages.
const keys = "latency, jitter, loss, stall, bandwidth, reset, seed; up. or down. before a key sets one direction"

// Parse reads a Config from comma-separated key=value pairs, such as
//
//	latency=75ms,jitter=10ms,loss=0.02,bandwidth=64000,stall=250ms,reset=0.001
//
// A key without a prefix sets both directions (latency is one way, so a
// round trip takes twice it); "up." or "down." before it sets one
// direction and wins over the unprefixed key, wherever it stands:
// "latency=50ms,down.latency=100ms". Durations are Go durations, loss and
// reset probabilities per write, bandwidth bytes per second, seed an
// unsigned integer. "" and "off" are no impairment.
func Parse(s string) (Config, error) {
	var c Config
	s = strings.TrimSpace(s)
	if s == "" || s == "off" {
		return c, nil
	}
	seen := map[string]bool{}
	var both, directed []string // both directions first, so that a direction's own key wins
	for _, kv := range strings.Split(s, ",") {
		kv = strings.TrimSpace(kv)
		key, _, ok := strings.Cut(kv, "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" {
			return Config{}, fmt.Errorf("impair: %q: want key=value (keys: %s)", kv, keys)
		}
		if seen[key] {
			return Config{}, fmt.Errorf("impair: %s given twice", key)
		}
		seen[key] = true
		if strings.HasPrefix(key, "up.") || strings.HasPrefix(key, "down.") {
			directed = append(directed, kv)
		} else {
			both = append(both, kv)
		}
	}
	for _, kv := range append(both, directed...) {
		key, val, _ := strings.Cut(kv, "=")
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if key == "seed" {
			n, err := strconv.ParseUint(val, 10, 64)
			if err != nil {
				return Config{}, fmt.Errorf("impair: seed %q: want an unsigned integer", val)
			}
			c.Seed = n
			continue
		}
		dir, name, ok := strings.Cut(key, ".")
		links := []*Link{&c.Up, &c.Down}
		switch {
		case !ok:
			name = key
		case dir == "up":
			links = links[:1]
		case dir == "down":
			links = links[1:]
		default:
			return Config{}, fmt.Errorf("impair: unknown key %q (want %s)", key, keys)
		}
		for _, l := range links {
			if err := setField(l, key, name, val); err != nil {
				return Config{}, err
			}
		}
	}
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// setField sets l's field name (the key without its direction) from val;
// key is the whole key, for errors.
func setField(l *Link, key, name, val string) error {
	duration := func(dst *time.Duration) error {
		d, err := time.ParseDuration(val)
		if err != nil {
			return fmt.Errorf("impair: %s %q: want a duration such as 75ms", key, val)
		}
		*dst = d
		return nil
	}
	probability := func(dst *float64) error {
		p, err := strconv.ParseFloat(val, 64)
		if err != nil {
			return fmt.Errorf("impair: %s %q: want a probability per write, 0..1, such as 0.02", key, val)
		}
		*dst = p
		return nil
	}
	switch name {
	case "latency":
		return duration(&l.Latency)
	case "jitter":
		return duration(&l.Jitter)
	case "stall":
		return duration(&l.Stall)
	case "loss":
		return probability(&l.Loss)
	case "reset":
		return probability(&l.Reset)
	case "bandwidth":
		n, err := strconv.Atoi(val)
		if err != nil {
			return fmt.Errorf("impair: %s %q: want bytes per second, such as 64000", key, val)
		}
		l.Bandwidth = n
		return nil
	case "seed":
		return fmt.Errorf("impair: %s: the seed is one for both directions (write seed=N)", key)
	}
	return fmt.Errorf("impair: unknown key %q (want %s)", key, keys)
}
