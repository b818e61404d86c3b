package main

// What the run reads during the window: the seats, the rooms' tick rates,
// the tick histograms, the profiles.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime/pprof"
	"time"
)

// lostGrace is how long the window goes on after a bot's connection was
// lost: a server that stops or fails drops every bot within it, and each
// is counted.
const lostGrace = 500 * time.Millisecond

// waitSeated polls /rooms until want players are seated, the deadline
// passes, the swarm ends or loses a bot, and returns how many were seated.
func waitSeated(ctx context.Context, srv *serverProc, want int, deadline time.Time, ended, lost <-chan struct{}) (int, error) {
	seated := 0
	for {
		if rs, err := srv.rooms(); err == nil {
			seated = 0
			for _, room := range rs {
				seated += room.Players
			}
		}
		if seated >= want || time.Now().After(deadline) {
			return seated, nil
		}
		select {
		case <-ctx.Done():
			return seated, ctx.Err()
		case <-ended:
			return seated, errors.New("the swarm ended before every bot was seated")
		case <-lost:
			return seated, errors.New("bots were disconnected before every bot was seated")
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// sampleRooms reads /rooms every second for d and returns every room's
// achieved tick rate of each sample (none if the server does not say),
// and the rooms and players of the last sample. A bot lost (lost closed)
// cuts it short, lostGrace later.
func sampleRooms(ctx context.Context, srv *serverProc, d time.Duration, lost <-chan struct{}) (rates []float64, rooms, seated int, cut bool) {
	end := time.Now().Add(d)
	for {
		wait := min(time.Second, time.Until(end))
		if wait <= 0 {
			return rates, rooms, seated, cut
		}
		select {
		case <-ctx.Done():
			return rates, rooms, seated, cut
		case <-lost:
			if !cut {
				cut, end, lost = true, time.Now().Add(lostGrace), nil
			}
			continue
		case <-time.After(wait):
		}
		rs, err := srv.rooms()
		if err != nil {
			continue
		}
		rooms, seated = len(rs), 0
		for _, room := range rs {
			seated += room.Players
			if room.TickRateAchieved != nil && *room.TickRateAchieved > 0 {
				rates = append(rates, *room.TickRateAchieved)
			}
		}
	}
}

// tickFigures sets the tick duration and lateness quantiles of the window
// from two scrapes of /metrics.
func tickFigures(r *result, from, to map[string]histogram, scrapeErr error, admin bool) {
	switch {
	case !admin:
		r.Missing = append(r.Missing, "tick_duration_ms_*, tick_lateness_ms_p99: the gameserver has no -admin-addr (no /metrics)")
		return
	case scrapeErr != nil:
		r.Missing = append(r.Missing, "tick_duration_ms_*, tick_lateness_ms_p99: /metrics: "+scrapeErr.Error())
		return
	}
	ms := func(name string, q float64) (*float64, bool) {
		h, ok := to[name].minus(from[name])
		if !ok || len(h) == 0 {
			return nil, false
		}
		return float(1000 * h.quantile(q)), true
	}
	var ok [3]bool
	r.TickDurationMsP50, ok[0] = ms(metricTickDuration, 0.50)
	r.TickDurationMsP99, ok[1] = ms(metricTickDuration, 0.99)
	r.TickLatenessMsP99, ok[2] = ms(metricTickLateness, 0.99)
	if h, good := to[metricTickDuration].minus(from[metricTickDuration]); good && len(h) > 0 {
		r.Ticks = float(h[len(h)-1].count)
	}
	if !ok[0] || !ok[1] || !ok[2] {
		r.Missing = append(r.Missing, fmt.Sprintf("tick figures: /metrics lacks %s or %s", metricTickDuration, metricTickLateness))
	}
}

// startProfiles starts the CPU profiles asked for; the function it returns
// waits for them and writes them.
func startProfiles(c config, srv *serverProc) func() error {
	var errs []error
	var finish []func() error
	if c.cpuProfile != "" {
		f, err := os.Create(c.cpuProfile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			errs = append(errs, err)
		} else {
			finish = append(finish, func() error { pprof.StopCPUProfile(); return f.Close() })
		}
	}
	if c.serverProfile != "" {
		got := make(chan error, 1)
		go func() { got <- fetchTo(srv.profileURL(c.window-time.Second), c.serverProfile) }()
		finish = append(finish, func() error { return <-got })
	}
	return func() error {
		for _, f := range finish {
			errs = append(errs, f())
		}
		return errors.Join(errs...)
	}
}

// fetchTo writes what url answers into the file path.
func fetchTo(url, path string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
