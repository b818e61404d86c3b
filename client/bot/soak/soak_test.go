package soak

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"arena/client/bot/serverproc"
)

var (
	soakOn      = flag.Bool("soak", false, "run TestSoak (also with ARENA_SOAK=1 in the environment)")
	soakMinutes = flag.Float64("soak-minutes", 10, "minutes of churn between the two measurements")
	soakBots    = flag.Int("soak-bots", 200, "bots playing at once")
	soakHostile = flag.Int("soak-hostile", 2, "hostile clients of each kind connected at once")
	soakSeed    = flag.Uint64("soak-seed", 1, "seed of the churn and the bots")
)

// TestSoak runs the real gameserver under churn for -soak-minutes and
// fails when its heap, goroutines or RSS grew past the limits of
// figures.go between the start of the steady state and the end. Skipped
// unless -soak (or ARENA_SOAK=1); `make soak` runs it.
func TestSoak(t *testing.T) {
	if !*soakOn && os.Getenv("ARENA_SOAK") == "" {
		t.Skip("the soak runs for minutes: make soak, or go test -run TestSoak -args -soak")
	}
	run := time.Duration(*soakMinutes * float64(time.Minute))
	// The warm-up lets the rooms' rings, the buffers and the runtime's
	// pools grow to their steady size before the start is read.
	warmUp := min(max(run/5, 20*time.Second), time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), warmUp+run+10*time.Minute)
	defer cancel()
	out := os.Stdout
	dir := t.TempDir()
	bin, err := serverproc.Build(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := startServer(ctx, bin, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := srv.Stop(); err != nil {
			t.Errorf("gameserver after SIGTERM: %v", err)
		}
	}()
	fmt.Fprintf(out, "soak: gameserver %s (pid %d), %d bots, %d hostile clients of each of %d kinds; %v warm-up, then %v of churn\n",
		strings.Join(srv.Args, " "), srv.PID(), *soakBots, *soakHostile, len(hostileKinds), warmUp, run)

	pop := newPopulation(srv.URL(), *soakBots, *soakSeed)
	popCtx, stopPop := context.WithCancel(ctx)
	popDone := make(chan struct{})
	go func() { pop.run(popCtx); close(popDone) }()
	defer func() { stopPop(); <-popDone }()
	hostile := newHostiles(srv.Addr, *soakHostile, *soakSeed)
	startHostiles := func() (stop func()) {
		hctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { hostile.run(hctx); close(done) }()
		return func() { cancel(); <-done }
	}
	stopHostiles := startHostiles()

	progress := func(phase string, since time.Time) {
		_, seated, _ := srv.rooms()
		fmt.Fprintf(out, "soak: %s %v: joins %d, leaves %d, cuts %d, resumes %d, cut then ended %d, seated %d\n",
			phase, time.Since(since).Round(time.Second), pop.joins.Load(), pop.leaves.Load(), pop.cuts.Load(),
			pop.resumes.Load(), sum(pop.cutEnded.snapshot()), seated)
	}
	// measure stops the churn and the hostile clients, waits until the
	// server seats exactly the bots (held seats of cut ones resumed or
	// expired), and reads its figures.
	measure := func(phase string) serverFigures {
		pop.paused.Store(true)
		stopHostiles()
		deadline := time.Now().Add(time.Minute)
		for {
			_, seated, err := srv.rooms()
			if err == nil && seated == *soakBots && pop.settled() {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("%s: after a minute without churn the server seats %d players (%v), want the %d bots", phase, seated, err, *soakBots)
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
		f, err := srv.figures()
		if err != nil {
			t.Fatalf("%s: reading the server's figures: %v", phase, err)
		}
		fmt.Fprintf(out, "soak: %s: heap in use %.1f MiB, %d goroutines, RSS %.1f MiB, %d rooms seating %d\n",
			phase, float64(f.HeapInuse)/(1<<20), f.Goroutines, float64(f.RSS)/(1<<20), f.Rooms, f.Players)
		return f
	}

	t0 := time.Now()
	if !wait(ctx, warmUp) {
		t.Fatal("the soak's deadline passed during the warm-up")
	}
	progress("warm-up", t0)
	start := measure("start")
	pop.paused.Store(false)
	stopHostiles = startHostiles()

	t1 := time.Now()
	for next := t1.Add(time.Minute); ; next = next.Add(time.Minute) {
		if end := t1.Add(run); next.After(end) {
			next = end
		}
		if !wait(ctx, time.Until(next)) {
			t.Fatal("the soak's deadline passed during the churn")
		}
		progress("churn", t1)
		if !next.Before(t1.Add(run)) {
			break
		}
	}
	end := measure("end")
	stopPop()
	<-popDone

	p50, p99, worst := pop.resumeStats()
	r := soakReport{
		Minutes: *soakMinutes, Bots: *soakBots, HostileKinds: *soakHostile, Start: start, End: end,
		Joins: pop.joins.Load(), JoinFailures: pop.joinFailed.snapshot(), Leaves: pop.leaves.Load(),
		Cuts: pop.cuts.Load(), Resumes: pop.resumes.Load(),
		ResumeMsP50: ms(p50), ResumeMsP99: ms(p99), ResumeMsMax: ms(worst),
		CutEnded: pop.cutEnded.snapshot(), Stuck: pop.stuck.Load(), Ended: pop.ended.snapshot(),
		Hostile: make(map[string]map[string]int),
	}
	fmt.Fprintf(out, "\nbots: %d joins (join failures: %s), %d leaves, %d cuts: %d resumed (p50 %.0f ms, p99 %.0f ms, max %.0f ms), ended instead and replaced: %s; %d stuck\n",
		r.Joins, pop.joinFailed, r.Leaves, r.Cuts, r.Resumes, r.ResumeMsP50, r.ResumeMsP99, r.ResumeMsMax, pop.cutEnded, r.Stuck)
	fmt.Fprintf(out, "bots' sessions that ended with no cut or leave: %s\n", pop.ended)
	for _, k := range hostileKinds {
		r.Hostile[k.name] = hostile.ended[k.name].snapshot()
		fmt.Fprintf(out, "hostile %-12s %s; ended: %s\n", k.name+":", hostile.spawned[k.name], hostile.ended[k.name])
	}
	errs := serverLogErrors(srv.LogPath)
	r.ServerError = len(errs)
	fmt.Fprintf(out, "server log: %d errors\n", len(errs))
	for i, e := range errs {
		if i == 5 {
			break
		}
		fmt.Fprintf(out, "  %s\n", e)
	}
	fmt.Fprintln(out)
	r.Over = compare(out, start, end)
	fmt.Fprintf(out, "\nsoak json: %s\n", r.jsonLine())
	for _, o := range r.Over {
		t.Error(o)
	}
	if r.Stuck > 0 {
		t.Errorf("%d cut bots neither resumed nor ended within %v", r.Stuck, resumeWait)
	}
	if r.Joins < int64(*soakBots) {
		t.Errorf("only %d joins for %d bots", r.Joins, *soakBots)
	}
	if len(errs) > 0 {
		t.Errorf("the server logged %d errors (first: %s)", len(errs), errs[0])
	}
}

// wait sleeps d or until ctx ends; it reports whether d passed.
func wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	select {
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// serverLogErrors returns the server's log lines at level ERROR, and any
// panic.
func serverLogErrors(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		return []string{err.Error()}
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if l := sc.Text(); strings.Contains(l, `"level":"ERROR"`) || strings.HasPrefix(l, "panic:") {
			out = append(out, l)
		}
	}
	return out
}
