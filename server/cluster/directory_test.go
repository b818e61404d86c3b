package cluster_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"arena/client"
	"arena/server"
	"arena/server/cluster"
)

// inProcess is a server.Server with a cluster.Directory, served by
// httptest in the test process (so that -race sees the Directory).
type inProcess struct {
	srv *server.Server
	dir *cluster.Directory
	ws  string
}

func startInProcess(t *testing.T, rs *redisServer, id string, capacity int) *inProcess {
	t.Helper()
	rdb, err := cluster.Connect(context.Background(), rs.addr, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	dir, err := cluster.New(cluster.Config{Redis: rdb, ProcessID: id, TTL: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Config{Directory: dir, RoomCapacity: capacity})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	ws := "ws" + strings.TrimPrefix(hs.URL, "http") + "/ws"
	if err := dir.Start(ws, srv.Config().MapName); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		hs.Close()
		dir.Close()
		_ = rdb.Close()
	})
	return &inProcess{srv: srv, dir: dir, ws: ws}
}

// TestDirectoryChurn: players join through two in-process servers at once
// and leave at random while others join; Redis's seats + holds never pass
// the capacity, seats end equal to each room's players, and a Directory
// that closes takes its rooms out of Redis.
func TestDirectoryChurn(t *testing.T) {
	t.Parallel()
	rs := startRedis(t)
	a := startInProcess(t, rs, "a", 3)
	b := startInProcess(t, rs, "b", 3)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	stopSampling := make(chan struct{})
	var samplerDone sync.WaitGroup
	samplerDone.Go(func() {
		for {
			select {
			case <-stopSampling:
				return
			default:
			}
			for _, l := range rs.listed(t) {
				if l.Seats+l.Holds > l.Capacity {
					t.Errorf("redis: room %s has %d seats + %d holds, capacity %d", l.ID, l.Seats, l.Holds, l.Capacity)
				}
			}
		}
	})
	var mu sync.Mutex
	var kept []*client.Session
	var wg sync.WaitGroup
	for i := range 30 {
		via := a
		if i%2 == 1 {
			via = b
		}
		wg.Go(func() {
			s, err := client.DialMatched(ctx, via.ws, &client.Options{Name: fmt.Sprintf("p%d", i)})
			if err != nil {
				t.Errorf("player %d: %v", i, err)
				return
			}
			if rand.N(3) == 0 { // a third leave again soon
				time.Sleep(rand.N(50 * time.Millisecond))
				s.Close()
				return
			}
			mu.Lock()
			kept = append(kept, s)
			mu.Unlock()
		})
	}
	wg.Wait()
	close(stopSampling)
	samplerDone.Wait()

	// The leaves reach Redis from each Directory's writer goroutine.
	want := func() (map[string]int, int) {
		m, n := map[string]int{}, 0
		for _, p := range []*inProcess{a, b} {
			for _, r := range p.srv.Rooms() {
				m[r.ID] = r.Players
				n += r.Players
				if r.Players > r.Capacity {
					t.Errorf("room %s has %d players, capacity %d", r.ID, r.Players, r.Capacity)
				}
			}
		}
		return m, n
	}
	waitFor(t, 5*time.Second, "redis seats equal the rooms' players", func() bool {
		m, n := want()
		if n != len(kept) {
			return false
		}
		listed := rs.listed(t)
		if len(listed) != len(m) {
			return false
		}
		for _, l := range listed {
			if m[l.ID] != l.Seats {
				return false
			}
		}
		return true
	})
	for _, s := range kept {
		s.Close()
	}
	waitFor(t, 5*time.Second, "empty rooms leave redis", func() bool { return len(rs.listed(t)) == 0 })

	// A room, then a clean stop: the Directory unlists it at once.
	s, err := client.DialMatched(ctx, a.ws, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if l := rs.listed(t); len(l) != 1 || l[0].Process != "a" || l[0].URL != a.ws {
		t.Fatalf("listed: %+v, want a's room", l)
	}
	sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer scancel()
	_ = a.srv.Shutdown(sctx)
	a.dir.Close()
	if l := rs.listed(t); len(l) != 0 {
		t.Errorf("after a's Close redis lists %+v", l)
	}
}

// TestMatchLatency reports what one /match decision costs in Redis (the
// match script through Directory.Match) over 4 listed rooms of 1, full:
// a round trip and a scan, as a join's seat script is.
func TestMatchLatency(t *testing.T) {
	t.Parallel()
	rs := startRedis(t)
	a := startInProcess(t, rs, "a", 1)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var sessions []*client.Session
	defer func() {
		for _, s := range sessions {
			s.Close()
		}
	}()
	for i := range 4 {
		s, err := client.Dial(ctx, a.ws, &client.Options{Name: fmt.Sprintf("p%d", i)})
		if err != nil {
			t.Fatal(err)
		}
		sessions = append(sessions, s)
	}
	const n = 2000
	start := time.Now()
	for range n {
		if p, err := a.dir.Match(ctx, ""); err != nil || p.Room != "" {
			t.Fatalf("Match = %+v, %v; want a new room (all are full)", p, err)
		}
	}
	per := time.Since(start) / n
	t.Logf("Directory.Match over %d listed rooms: %v each (%d calls)", len(rs.listed(t)), per, n)
	if per > 50*time.Millisecond {
		t.Errorf("a match took %v on loopback", per)
	}

	// 1000 more full rooms of another process: the script scans them all.
	pipe := rs.rdb.Pipeline()
	expires := float64(time.Now().Add(time.Minute).UnixMilli()) // Redis's clock is this machine's
	for i := range 1000 {
		id := fmt.Sprintf("x-%d", i)
		pipe.HSet(ctx, "arena:room:"+id, "id", id, "seats", 16, "capacity", 16, "created", 0, "url", "ws://x/ws", "map", "arena", "process", "x")
		pipe.ZAdd(ctx, "arena:rooms", redis.Z{Score: expires, Member: id})
	}
	if _, err := pipe.Exec(ctx); err != nil {
		t.Fatal(err)
	}
	const m = 200
	start = time.Now()
	for range m {
		if p, err := a.dir.Match(ctx, ""); err != nil || p.Room != "" {
			t.Fatalf("Match = %+v, %v; want a new room (all are full)", p, err)
		}
	}
	t.Logf("Directory.Match over %d listed rooms, 1000 of them full: %v each (%d calls)", len(rs.listed(t)), time.Since(start)/m, m)

	// The worst case: 1000 rooms with free seats, all scanned (seats 8 of
	// 16 and 8 holds each, so that every match scans them all and answers
	// a new room).
	pipe = rs.rdb.Pipeline()
	for i := range 1000 {
		id := fmt.Sprintf("y-%d", i)
		pipe.HSet(ctx, "arena:room:"+id, "id", id, "seats", 8, "capacity", 16, "created", i, "url", "ws://y/ws", "map", "arena", "process", "y")
		pipe.ZAdd(ctx, "arena:rooms", redis.Z{Score: expires, Member: id})
		pipe.ZAdd(ctx, "arena:open", redis.Z{Score: float64(i), Member: id})
		for h := range 8 {
			pipe.ZAdd(ctx, "arena:holds:"+id, redis.Z{Score: expires, Member: strconv.Itoa(h)})
		}
	}
	if _, err := pipe.Exec(ctx); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	for range m {
		if p, err := a.dir.Match(ctx, ""); err != nil || p.Room != "" {
			t.Fatalf("Match = %+v, %v; want a new room (all are full or held)", p, err)
		}
	}
	t.Logf("Directory.Match over %d listed rooms, 1000 of them with free seats: %v each (%d calls)", len(rs.listed(t)), time.Since(start)/m, m)
}

// TestConfigErrors: what New, Connect and WebSocketURL refuse.
func TestConfigErrors(t *testing.T) {
	t.Parallel()
	if _, err := cluster.New(cluster.Config{}); err == nil || !strings.Contains(err.Error(), "no Redis client") {
		t.Errorf("New without a client: %v", err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	defer rdb.Close()
	if _, err := cluster.New(cluster.Config{Redis: rdb, ProcessID: "Bad-ID"}); err == nil || !strings.Contains(err.Error(), `process id "Bad-ID"`) {
		t.Errorf("New with a bad process id: %v", err)
	}
	if id := cluster.NewProcessID(); cluster.CheckProcessID(id) != nil || len(id) != 8 {
		t.Errorf("NewProcessID() = %q", id)
	}
	for _, tc := range []struct{ addr, want string }{
		{"nohost", "want host:port or redis://host:port"},
		{"redis://:pw@127.0.0.1:1/0", "redis redis://:xxxxx@127.0.0.1:1/0: not reachable"},
		{"mongodb://x", "invalid URL scheme"},
	} {
		if _, err := cluster.Connect(context.Background(), tc.addr, 200*time.Millisecond); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Connect(%q) = %v, want %q", tc.addr, err, tc.want)
		}
	}
	for in, want := range map[string]string{
		"ws://h:1": "ws://h:1/ws", "wss://h/": "wss://h/ws", "http://h:2/ws": "ws://h:2/ws",
		"https://h/game": "wss://h/game/ws", "ftp://h": "error", "ws://": "error", "ws://h/?q=1": "error",
	} {
		got, err := cluster.WebSocketURL(in)
		if err != nil {
			got = "error"
		}
		if got != want {
			t.Errorf("WebSocketURL(%q) = %q (%v), want %q", in, got, err, want)
		}
	}
}

// TestFullRoomOpensAgain: a room that filled leaves /match's choices, and
// comes back to them when a player leaves.
func TestFullRoomOpensAgain(t *testing.T) {
	t.Parallel()
	rs := startRedis(t)
	a := startInProcess(t, rs, "a", 2)
	b := startInProcess(t, rs, "b", 2)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var sessions []*client.Session
	for i := range 2 {
		s, err := client.DialMatched(ctx, a.ws, &client.Options{Name: fmt.Sprintf("p%d", i)})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		sessions = append(sessions, s)
	}
	if p, err := b.dir.Match(ctx, ""); err != nil || p.Room != "" || p.URL != b.ws {
		t.Fatalf("b's match with a-1 full = %+v, %v; want a new room on b", p, err)
	}
	sessions[1].Close()
	waitFor(t, 5*time.Second, "a-1 offered again after a leave", func() bool {
		p, err := b.dir.Match(ctx, "")
		return err == nil && p.Room == "a-1" && p.URL == a.ws
	})
}
