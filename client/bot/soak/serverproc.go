package soak

// The gameserver binary as a subprocess on loopback (client/bot/serverproc),
// with what the soak adds: the profiler on its own port, and the figures
// read from it, /proc and /rooms.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"arena/client/bot/procstat"
	"arena/client/bot/serverproc"
)

// serverProc is the gameserver binary running as a subprocess on loopback.
type serverProc struct {
	*serverproc.Proc
	pprof string // host:port of the profiler
}

// startServer runs bin on a free loopback port, the profiler on another,
// its logs into dir, and waits until it answers /healthz.
func startServer(ctx context.Context, bin, dir string, extra ...string) (*serverProc, error) {
	pprof, err := serverproc.FreeAddr()
	if err != nil {
		return nil, err
	}
	p := &serverProc{pprof: pprof}
	if p.Proc, err = serverproc.Start(ctx, bin, dir, append([]string{"-pprof", pprof}, extra...)...); err != nil {
		return nil, err
	}
	return p, nil
}

// serverFigures is what the server process costs at one moment.
type serverFigures struct {
	HeapInuse  uint64 `json:"heap_inuse_bytes"` // runtime.MemStats.HeapInuse after a forced GC
	Goroutines int    `json:"goroutines"`
	RSS        uint64 `json:"rss_bytes"` // VmRSS
	Rooms      int    `json:"rooms"`
	Players    int    `json:"players"` // seated, held seats included
}

var (
	heapInuseRe  = regexp.MustCompile(`(?m)^# HeapInuse = (\d+)$`)
	goroutinesRe = regexp.MustCompile(`^goroutine profile: total (\d+)`)
)

// figures reads the server's heap after forcing a collection (the heap
// profile's ?gc=1, twice, so what the first one queued for finalizers is
// gone too), its goroutines, its RSS and its rooms.
func (p *serverProc) figures() (serverFigures, error) {
	var f serverFigures
	var heap []byte
	for range 2 {
		var err error
		if heap, err = p.Get("http://" + p.pprof + "/debug/pprof/heap?gc=1&debug=1"); err != nil {
			return f, err
		}
	}
	m := heapInuseRe.FindSubmatch(heap)
	if m == nil {
		return f, errors.New("heap profile without a HeapInuse line")
	}
	f.HeapInuse, _ = strconv.ParseUint(string(m[1]), 10, 64)
	g, err := p.Get("http://" + p.pprof + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		return f, err
	}
	if m := goroutinesRe.FindSubmatch(g); m != nil {
		f.Goroutines, _ = strconv.Atoi(string(m[1]))
	} else {
		return f, errors.New("goroutine profile without a total")
	}
	rssKiB, err := procstat.RSSKiB(p.PID())
	if err != nil {
		return f, err
	}
	f.RSS = uint64(rssKiB) << 10
	f.Rooms, f.Players, err = p.rooms()
	return f, err
}

// rooms returns how many rooms the server has open and how many players
// they seat.
func (p *serverProc) rooms() (rooms, players int, err error) {
	b, err := p.Get("http://" + p.Addr + "/rooms")
	if err != nil {
		return 0, 0, err
	}
	var list []struct{ Players int }
	if err := json.Unmarshal(b, &list); err != nil {
		return 0, 0, fmt.Errorf("/rooms: %w", err)
	}
	for _, r := range list {
		players += r.Players
	}
	return len(list), players, nil
}
