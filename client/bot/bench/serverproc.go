package main

// The gameserver binary as a subprocess on loopback (client/bot/serverproc),
// with what the bench adds: -mode bench, the admin listener (or -pprof on
// an older binary), /rooms and /metrics.

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"arena/client/bot/serverproc"
)

// serverProc is a running gameserver.
type serverProc struct {
	*serverproc.Proc
	admin string // host:port of -admin-addr (/metrics, pprof); "" without
	pprof string // host:port of -pprof, when there is no admin listener
}

// startServer runs bin -mode bench on free loopback ports (with the admin
// listener when bin has one, else -pprof), its logs into dir, and waits
// until it answers /healthz.
func startServer(ctx context.Context, bin, dir string) (*serverProc, error) {
	side, err := serverproc.FreeAddr()
	if err != nil {
		return nil, err
	}
	p := &serverProc{}
	args := []string{"-mode", "bench"}
	if serverproc.HasFlag(bin, "admin-addr") {
		p.admin = side
		args = append(args, "-admin-addr", side)
	} else {
		p.pprof = side
		args = append(args, "-pprof", side)
	}
	if p.Proc, err = serverproc.Start(ctx, bin, dir, args...); err != nil {
		return nil, err
	}
	return p, nil
}

// profileURL is where the server's CPU profile is served, "" if nowhere.
func (p *serverProc) profileURL(d time.Duration) string {
	host := p.admin
	if host == "" {
		host = p.pprof
	}
	return fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", host, int(d.Seconds()))
}

// roomSample is what /rooms says of one room.
type roomSample struct {
	Players int `json:"players"`
	// TickRateAchieved is nil when the server does not report it.
	TickRateAchieved *float64 `json:"tick_rate_achieved"`
}

// rooms reads /rooms.
func (p *serverProc) rooms() ([]roomSample, error) {
	b, err := p.Get("http://" + p.Addr + "/rooms")
	if err != nil {
		return nil, err
	}
	var rs []roomSample
	if err := json.Unmarshal(b, &rs); err != nil {
		return nil, fmt.Errorf("/rooms: %w", err)
	}
	return rs, nil
}

// metrics scrapes the admin listener's /metrics; nil without one.
func (p *serverProc) metrics() (map[string]histogram, error) {
	if p.admin == "" {
		return nil, nil
	}
	b, err := p.Get("http://" + p.admin + "/metrics")
	if err != nil {
		return nil, err
	}
	return parseHistograms(b)
}
