package cluster_test

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"arena/client"
	"arena/client/bot"
	"arena/server"
)

// swarm runs n bots through g until the returned stop is called, which
// returns their report.
func swarm(t *testing.T, g *gameserver, name string, n int) (stop func() bot.Report) {
	t.Helper()
	return swarmWith(t, g, bot.SwarmConfig{Bots: n, NamePrefix: name})
}

// swarmWith is swarm with more of the swarm's configuration.
func swarmWith(t *testing.T, g *gameserver, cfg bot.SwarmConfig) (stop func() bot.Report) {
	t.Helper()
	name := cfg.NamePrefix
	cfg.URL, cfg.Seed = g.ws, 1
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan bot.Report, 1)
	go func() {
		rep, err := bot.Swarm(ctx, cfg)
		if err != nil {
			t.Errorf("swarm %s: %v", name, err)
		}
		done <- rep
	}()
	var once sync.Once
	var rep bot.Report
	stop = func() bot.Report {
		once.Do(func() {
			cancel()
			select {
			case rep = <-done:
			case <-time.After(20 * time.Second):
				t.Errorf("swarm %s did not stop in 20 s", name)
			}
		})
		return rep
	}
	t.Cleanup(func() { stop() })
	return stop
}

// players sums the players of rooms.
func players(rooms []server.RoomListing) int {
	n := 0
	for _, r := range rooms {
		n += r.Players
	}
	return n
}

// checkRooms fails when a room in a listing or in Redis is over capacity
// (for Redis: seats plus unexpired holds).
func checkRooms(t *testing.T, rs *redisServer, gs ...*gameserver) {
	t.Helper()
	for _, g := range gs {
		for _, r := range g.rooms("local") {
			if r.Players > r.Capacity {
				t.Errorf("%s: room %s has %d players, capacity %d", g.name, r.ID, r.Players, r.Capacity)
			}
		}
	}
	for _, l := range rs.listed(t) {
		if l.Seats+l.Holds > l.Capacity {
			t.Errorf("redis: room %s has %d seats + %d holds, capacity %d", l.ID, l.Seats, l.Holds, l.Capacity)
		}
	}
}

// TestSixteenAcrossTwoProcesses: 8 bots through process A, then 8 through
// B, all end up in one room of 16 on A.
func TestSixteenAcrossTwoProcesses(t *testing.T) {
	t.Parallel()
	rs := startRedis(t)
	a := startGameserver(t, "a", "-redis", rs.addr, "-process-id", "a")
	b := startGameserver(t, "b", "-redis", rs.addr, "-process-id", "b")
	stopA := swarm(t, a, "a", 8)
	waitFor(t, 15*time.Second, "8 players on a", func() bool { return players(a.rooms("local")) == 8 })
	stopB := swarm(t, b, "b", 8)
	waitFor(t, 15*time.Second, "16 players on a", func() bool { return players(a.rooms("local")) == 16 })

	rooms := a.rooms("local")
	if len(rooms) != 1 || rooms[0].Players != 16 || rooms[0].ID != "a-1" {
		t.Fatalf("a's rooms: %+v, want one room a-1 of 16", rooms)
	}
	if local := b.rooms("local"); len(local) != 0 {
		t.Errorf("b has rooms of its own: %+v", local)
	}
	all := b.rooms("")
	if len(all) != 1 || all[0].ID != "a-1" || all[0].URL != a.ws || all[0].Process != "a" || all[0].Players != 16 {
		t.Errorf("b's /rooms: %+v, want a-1 at %s with 16 players", all, a.ws)
	}
	for _, r := range append(all, rooms...) {
		if len(r.Names) != 0 {
			t.Errorf("/rooms names the players of %s: %v", r.ID, r.Names)
		}
	}
	if p := b.match(""); p.Room != "" || p.URL != b.ws {
		t.Errorf("b's /match with a-1 full = %+v, want a new room on b (%s)", p, b.ws)
	}
	checkRooms(t, rs, a, b)
	for name, rep := range map[string]bot.Report{"a": stopA(), "b": stopB()} {
		if rep.Connected != 8 || rep.Errors != 0 || rep.Disconnects != 0 {
			t.Errorf("bots through %s: %d connected, %d errors, %d disconnects (%v)", name, rep.Connected, rep.Errors, rep.Disconnects, rep.FirstErrors)
		}
	}
}

// TestResumeGoesBackToTheRoomsProcess: bots matched through B into A's
// room resume on A after their connections are cut, never through /match
// (B knows no token: they would be refused and join afresh).
func TestResumeGoesBackToTheRoomsProcess(t *testing.T) {
	t.Parallel()
	rs := startRedis(t)
	a := startGameserver(t, "a", "-redis", rs.addr, "-process-id", "a")
	b := startGameserver(t, "b", "-redis", rs.addr, "-process-id", "b")
	stopA := swarm(t, a, "a", 2)
	waitFor(t, 15*time.Second, "2 players on a", func() bool { return players(a.rooms("local")) == 2 })
	stopB := swarmWith(t, b, bot.SwarmConfig{Bots: 4, NamePrefix: "b", CutEvery: 400 * time.Millisecond})
	waitFor(t, 15*time.Second, "6 players on a", func() bool { return players(a.rooms("local")) == 6 })
	time.Sleep(2 * time.Second)
	rep := stopB()
	stopA()
	// A cut just before the stop may still be resuming: at most one a bot.
	if rep.Cuts == 0 || rep.Resumes < rep.Cuts-4 || rep.ResumeFailures != 0 || rep.Rejoins != 0 || rep.Connected != 4 {
		t.Errorf("bots through b, cut: %d cuts, %d resumes, %d failures, %d rejoins, %d connected (%v)",
			rep.Cuts, rep.Resumes, rep.ResumeFailures, rep.Rejoins, rep.Connected, rep.FirstErrors)
	}
	if local := b.rooms("local"); len(local) != 0 {
		t.Errorf("b has rooms: %+v", local)
	}
	t.Logf("%d cuts, %d resumed on a", rep.Cuts, rep.Resumes)
}

// TestFortyBotsCapacity16: 40 bots through one process of two, rooms of
// 16: all play, and no room is ever over capacity.
func TestFortyBotsCapacity16(t *testing.T) {
	t.Parallel()
	rs := startRedis(t)
	a := startGameserver(t, "a", "-redis", rs.addr)
	b := startGameserver(t, "b", "-redis", rs.addr)
	stop := swarm(t, a, "bot", 40)
	deadline := time.Now().Add(20 * time.Second)
	for players(a.rooms("local")) < 40 && time.Now().Before(deadline) {
		checkRooms(t, rs, a, b)
		time.Sleep(25 * time.Millisecond)
	}
	checkRooms(t, rs, a, b)
	rooms := a.rooms("")
	if players(rooms) != 40 || len(rooms) < 3 {
		t.Fatalf("rooms: %+v, want 40 players in 3 or more rooms", rooms)
	}
	time.Sleep(time.Second) // play a while
	checkRooms(t, rs, a, b)
	if rep := stop(); rep.Connected != 40 || rep.Errors != 0 || rep.Disconnects != 0 || rep.Kills == 0 {
		t.Errorf("bots: %d connected, %d errors, %d disconnects, %d kills (%v)", rep.Connected, rep.Errors, rep.Disconnects, rep.Kills, rep.FirstErrors)
	}
}

// TestKilledProcessRoomsVanish: a process killed without a goodbye leaves
// its rooms in Redis until the TTL passes, then nowhere.
func TestKilledProcessRoomsVanish(t *testing.T) {
	t.Parallel()
	rs := startRedis(t)
	a := startGameserver(t, "a", "-redis", rs.addr, "-process-id", "a", "-redis-ttl", "1s")
	b := startGameserver(t, "b", "-redis", rs.addr, "-process-id", "b")
	stop := swarm(t, a, "a", 4)
	waitFor(t, 15*time.Second, "a's room listed by b", func() bool {
		all := b.rooms("")
		return len(all) == 1 && all[0].Process == "a"
	})
	if p := b.match(""); p.Room != "a-1" || p.URL != a.ws {
		t.Fatalf("b's /match = %+v, want a-1 at %s", p, a.ws)
	}
	a.kill()
	killed := time.Now()
	stop()
	waitFor(t, 5*time.Second, "a's rooms gone from b's /rooms", func() bool { return len(b.rooms("")) == 0 })
	gone := time.Since(killed)
	if gone > 2500*time.Millisecond {
		t.Errorf("a's rooms vanished %v after the kill, want within the 1 s TTL plus a heartbeat", gone)
	}
	if p := b.match(""); p.Room != "" || p.URL != b.ws {
		t.Errorf("b's /match after a died = %+v, want a new room on b", p)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if keys, err := rs.rdb.Keys(ctx, "arena:room:*").Result(); err != nil || len(keys) != 0 {
		t.Errorf("redis still has %v (%v)", keys, err)
	}
	t.Logf("a's rooms vanished %v after the kill (TTL 1 s)", gone.Round(10*time.Millisecond))
}

// TestConcurrentMatchesKeepCapacity: 48 players at once, half matched
// through each process, rooms of 4: every room stays within 4 in both
// processes' listings and in Redis (seats plus holds) at every sample and
// at the end, and every player plays.
func TestConcurrentMatchesKeepCapacity(t *testing.T) {
	t.Parallel()
	rs := startRedis(t)
	a := startGameserver(t, "a", "-redis", rs.addr, "-room-capacity", "4")
	b := startGameserver(t, "b", "-redis", rs.addr, "-room-capacity", "4")
	const n = 48
	stopSampling := make(chan struct{})
	sampled := make(chan int)
	go func() {
		samples := 0
		for {
			select {
			case <-stopSampling:
				sampled <- samples
				return
			default:
			}
			checkRooms(t, rs, a, b)
			samples++
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	sessions := make([]*client.Session, n)
	var wg sync.WaitGroup
	for i := range n {
		g := a
		if i%2 == 1 {
			g = b
		}
		wg.Go(func() {
			s, err := client.DialMatched(ctx, g.ws, &client.Options{Name: fmt.Sprintf("p%d", i)})
			if err != nil {
				t.Errorf("player %d through %s: %v", i, g.name, err)
				return
			}
			sessions[i] = s
		})
	}
	wg.Wait()
	defer func() {
		for _, s := range sessions {
			if s != nil {
				s.Close()
			}
		}
	}()
	close(stopSampling)
	samples := <-sampled
	checkRooms(t, rs, a, b)
	local := append(a.rooms("local"), b.rooms("local")...)
	if got := players(local); got != n {
		t.Errorf("%d players in the rooms, want %d", got, n)
	}
	seats := map[string]int{}
	for _, l := range rs.listed(t) {
		seats[l.ID] = l.Seats
	}
	for _, r := range local {
		if seats[r.ID] != r.Players {
			t.Errorf("room %s: %d players, redis counts %d seats", r.ID, r.Players, seats[r.ID])
		}
	}
	t.Logf("%d players in %d rooms of 4 (%d sampled checks)", n, len(local), samples)
}

// TestHeldSeatIsKept: a seat /match promised is not given to a player who
// skipped /match; the one who asked gets it; an unused hold expires.
func TestHeldSeatIsKept(t *testing.T) {
	t.Parallel()
	rs := startRedis(t)
	a := startGameserver(t, "a", "-redis", rs.addr, "-process-id", "a", "-room-capacity", "2", "-redis-hold", "1s", "-min-players", "0")
	b := startGameserver(t, "b", "-redis", rs.addr, "-process-id", "b", "-room-capacity", "2", "-redis-hold", "1s", "-min-players", "0")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	dial := func(url, name, wish string) *client.Session {
		t.Helper()
		s, err := client.Dial(ctx, url, &client.Options{Name: name, Room: wish})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	first := dial(a.ws, "first", "")
	if room := first.Info().Room; room != "a-1" {
		t.Fatalf("first joined %s, want a-1", room)
	}
	p := b.match("")
	if p.Room != "a-1" || p.URL != a.ws {
		t.Fatalf("b's /match = %+v, want the last seat of a-1 at %s", p, a.ws)
	}
	if p := b.match(""); p.Room != "" || p.URL != b.ws {
		t.Errorf("b's second /match = %+v, want a new room on b: a-1's last seat is held", p)
	}
	if room := dial(a.ws, "skipper", "").Info().Room; room != "a-2" {
		t.Errorf("a player who skipped /match joined %s, want a-2: a-1's seat is held", room)
	}
	if room := dial(p.URL, "holder", p.Room).Info().Room; room != "a-1" {
		t.Errorf("the holder joined %s, want a-1", room)
	}
	checkRooms(t, rs, a, b)

	// A hold nobody uses expires: a-2's last seat, held by this /match,
	// goes to a player who skipped /match once -redis-hold (1 s) passed
	// (a-2 and a-3 have one player each: the older one, unless held).
	if p := b.match(""); p.Room != "a-2" {
		t.Fatalf("b's /match = %+v, want the last seat of a-2", p)
	}
	if room := dial(a.ws, "early", "").Info().Room; room != "a-3" {
		t.Errorf("a player who skipped /match while a-2's seat was held joined %s, want a-3", room)
	}
	time.Sleep(1200 * time.Millisecond)
	if room := dial(a.ws, "late", "").Info().Room; room != "a-2" {
		t.Errorf("after the hold expired a player joined %s, want a-2", room)
	}
}

// TestRedisLostLater: a process that loses Redis keeps placing players in
// its own rooms, and says so in its log; when Redis is back it lists its
// rooms again.
func TestRedisLostLater(t *testing.T) {
	t.Parallel()
	rs := startRedis(t)
	a := startGameserver(t, "a", "-redis", rs.addr, "-process-id", "a", "-redis-ttl", "1s")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s1, err := client.DialMatched(ctx, a.ws, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s1.Close()
	rs.stop()
	lost := time.Now()
	waitFor(t, 5*time.Second, "a logs that redis is lost", func() bool { return strings.Contains(a.log.String(), "redis lost") })
	t.Logf("redis lost logged %v after the kill", time.Since(lost).Round(time.Millisecond))
	s2, err := client.DialMatched(ctx, a.ws, nil)
	if err != nil {
		t.Fatalf("joining a without redis: %v", err)
	}
	defer s2.Close()
	t.Logf("joined without redis %v after the kill", time.Since(lost).Round(time.Millisecond))
	if s2.Info().Room != s1.Info().Room {
		t.Errorf("without redis the second player joined %s, want the first one's room %s", s2.Info().Room, s1.Info().Room)
	}
	if rooms := a.rooms(""); players(rooms) != 2 {
		t.Errorf("a's /rooms without redis: %+v, want its room with 2 players", rooms)
	}

	// Redis comes back, empty: the next heartbeat lists a's room again,
	// with both seats.
	rs.restart(t)
	back := time.Now()
	waitFor(t, 5*time.Second, "a's room listed again", func() bool {
		l := rs.listed(t)
		return len(l) == 1 && l[0].ID == s1.Info().Room && l[0].Seats == 2
	})
	t.Logf("listed again %v after redis came back", time.Since(back).Round(time.Millisecond))
	waitFor(t, 5*time.Second, "a logs that redis answers again", func() bool { return strings.Contains(a.log.String(), "redis answers again") })
}

// TestUnreachableRedisAtStart: the gameserver exits 1 with a clear error.
func TestUnreachableRedisAtStart(t *testing.T) {
	t.Parallel()
	bin, err := gameserverBin()
	if err != nil {
		t.Fatal(err)
	}
	port := freePort(t) // nothing listens there
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-redis", fmt.Sprintf("127.0.0.1:%d", port))
	out, err := cmd.CombinedOutput()
	want := fmt.Sprintf("gameserver: redis 127.0.0.1:%d: not reachable", port)
	if cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != 1 || !strings.Contains(string(out), want) {
		t.Errorf("gameserver -redis to nothing: %v, output:\n%s\nwant exit 1 and %q", err, out, want)
	}
}

// TestProcessIDClaim: a second process with the same -process-id is
// refused at start while the first lives; the same process restarted at
// its address after a SIGKILL takes its id back at once and drops the
// rooms its previous run left listed.
func TestProcessIDClaim(t *testing.T) {
	t.Parallel()
	rs := startRedis(t)
	addr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	a := startGameserver(t, "a", "-redis", rs.addr, "-process-id", "a", "-addr", addr)
	stop := swarm(t, a, "a", 2)
	waitFor(t, 15*time.Second, "a's room listed", func() bool { return len(rs.listed(t)) == 1 })

	bin, err := gameserverBin()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-addr", "127.0.0.1:0", "-redis", rs.addr, "-process-id", "a").CombinedOutput()
	if err == nil || !strings.Contains(string(out), `process id "a" is in use by the process at `+a.ws) {
		t.Errorf("a second process with id a: %v\n%s", err, out)
	}

	a.kill()
	stop()
	again := startGameserver(t, "a again", "-redis", rs.addr, "-process-id", "a", "-addr", addr)
	if l := rs.listed(t); len(l) != 0 {
		t.Errorf("the restarted process still lists its previous run's rooms: %+v", l)
	}
	if p := again.match(""); p.Room != "" || p.URL != again.ws {
		t.Errorf("/match on the restarted process = %+v, want a new room there", p)
	}
}
