package main

import (
	"flag"
	"fmt"
	"net"
	"strconv"
)

// adminOptions are the flags of admin.go.
type adminOptions struct {
	addr string // host:port of the admin listener; "": none
}

func (g *adminOptions) register(fs *flag.FlagSet, lookupEnv func(string) (string, bool)) error {
	envString(lookupEnv, "ARENA_ADMIN_ADDR", &g.addr)
	fs.StringVar(&g.addr, "admin-addr", g.addr, `serve the admin page, /metrics (Prometheus) and /debug/pprof/ on this host:port, e.g. "127.0.0.1:9090"; never the public port; off by default [ARENA_ADMIN_ADDR]`)
	return nil
}

func (g *adminOptions) check() error {
	if g.addr == "" {
		return nil
	}
	if _, err := parseHostPort(g.addr); err != nil {
		return fmt.Errorf("admin-addr %q: %w", g.addr, err)
	}
	return nil
}

// notPublic refuses an admin address that is the public one (listen, as
// host:port): the admin interface must not be reachable by players.
func (g *adminOptions) notPublic(listen string) error {
	if g.addr == "" {
		return nil
	}
	if sameListener(g.addr, listen) {
		return fmt.Errorf("admin-addr %q is the public listen address %q: the admin page, /metrics and pprof must be on a private port of their own", g.addr, listen)
	}
	return nil
}

// parseHostPort checks host:port and returns the port.
func parseHostPort(addr string) (int, error) {
	_, p, err := net.SplitHostPort(addr)
	if err != nil {
		return 0, fmt.Errorf("want host:port, e.g. 127.0.0.1:9090")
	}
	port, err := strconv.Atoi(p)
	if err != nil || port < 0 || port > 65535 {
		return 0, fmt.Errorf("port %q out of range 0..65535", p)
	}
	return port, nil
}

// sameListener reports whether two host:port addresses would listen on the
// same socket: the same port (not 0, which picks a free one each time) and
// the same host, or either on every interface.
func sameListener(a, b string) bool {
	ha, pa, errA := net.SplitHostPort(a)
	hb, pb, errB := net.SplitHostPort(b)
	if errA != nil || errB != nil {
		return false
	}
	na, _ := strconv.Atoi(pa)
	nb, _ := strconv.Atoi(pb)
	if na == 0 || na != nb {
		return false
	}
	anyHost := func(h string) bool {
		ip := net.ParseIP(h)
		return h == "" || (ip != nil && ip.IsUnspecified())
	}
	if anyHost(ha) || anyHost(hb) {
		return true
	}
	return ha == hb || (net.ParseIP(ha) != nil && net.ParseIP(ha).Equal(net.ParseIP(hb)))
}
