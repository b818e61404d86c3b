package admin_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/game"
	"arena/game/gametest"
	"arena/netcode"
	"arena/server"
	"arena/server/admin"
)

// startServer starts a Server on the test map, its game handler and its
// admin handler behind two httptest servers; it returns the game's ws://
// URL and the admin base URL. All stop at the end of the test.
func startServer(t *testing.T) (wsURL, adminURL string) {
	t.Helper()
	srv, err := server.New(server.Config{Maps: gametest.MapFS("test", gametest.DuelJSON()), MapName: "test"})
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	pub := httptest.NewServer(srv.Handler())
	adm := httptest.NewServer(admin.Handler(srv))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		pub.Close()
		adm.Close()
	})
	return "ws" + strings.TrimPrefix(pub.URL, "http") + "/ws", adm.URL
}

// joinAndPlay joins url as name and sends an input every tick until the
// test ends, reading what the server sends.
func joinAndPlay(t *testing.T, url, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ws, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{Subprotocols: []string{netcode.Subprotocol}})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	ws.SetReadLimit(netcode.MaxServerFrame)
	enc := netcode.NewEncoder()
	if err := ws.Write(ctx, websocket.MessageBinary, enc.Hello(&netcode.Hello{Version: netcode.Version, Name: name})); err != nil {
		t.Fatalf("hello: %v", err)
	}
	go func() {
		for {
			if _, _, err := ws.Read(context.Background()); err != nil {
				return
			}
		}
	}()
	done := make(chan struct{})
	stopped := make(chan struct{})
	t.Cleanup(func() { close(done); <-stopped; _ = ws.CloseNow() })
	go func() {
		defer close(stopped)
		tick := time.NewTicker(time.Second / 60)
		defer tick.Stop()
		for seq := uint32(1); ; seq++ {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			m := netcode.Inputs{N: 1}
			m.Frames[0] = netcode.InputFrame{Seq: seq, Input: game.Input{MoveX: 1}}
			wctx, wcancel := context.WithTimeout(context.Background(), time.Second)
			err := ws.Write(wctx, websocket.MessageBinary, enc.Inputs(&m))
			wcancel()
			if err != nil {
				return
			}
		}
	}()
}

func get(t *testing.T, url string) (int, string, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
}

func feed(t *testing.T, adminURL string) admin.Stats {
	t.Helper()
	code, _, body := get(t, adminURL+"/stats.json")
	if code != http.StatusOK {
		t.Fatalf("/stats.json = %d: %s", code, body)
	}
	var s admin.Stats
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		t.Fatalf("/stats.json: %v: %s", err, body)
	}
	return s
}

// TestFeedShowsTheRoomsAndRates: with two players sending an input per
// tick, the feed lists their room with both, the tick rate it achieves,
// two connections, ticks, tick quantiles and bytes per second both ways.
func TestFeedShowsTheRoomsAndRates(t *testing.T) {
	t.Parallel()
	wsURL, adminURL := startServer(t)
	if s := feed(t, adminURL); len(s.Rooms) != 0 || s.Connections != 0 || !s.Accepting {
		t.Fatalf("feed before anyone joined: %+v", s)
	}
	joinAndPlay(t, wsURL, "alice")
	joinAndPlay(t, wsURL, "bob")
	var s admin.Stats
	deadline := time.Now().Add(10 * time.Second)
	for {
		s = feed(t, adminURL)
		if len(s.Rooms) == 1 && s.Rooms[0].TickRateAchieved > 0 && s.BytesInPerSec > 0 && s.WindowSec >= 0.9 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("feed after 10 s of play: %+v", s)
		}
		time.Sleep(200 * time.Millisecond)
	}
	r := s.Rooms[0]
	if r.Players != 2 || s.Players != 2 || s.Connections != 2 {
		t.Errorf("room players %d, players %d, connections %d: want 2 each", r.Players, s.Players, s.Connections)
	}
	// The operator's feed names who plays (the public /rooms does not).
	if names := strings.Join(r.Names, ","); names != "alice,bob" || r.Private {
		t.Errorf("feed's room names %q, private %v: want alice,bob in a public room", names, r.Private)
	}
	if r.TickRateAchieved > float64(r.TickRate)*1.05 {
		t.Errorf("tick rate achieved %.1f over the configured %d", r.TickRateAchieved, r.TickRate)
	}
	if s.TicksPerSec <= 0 || s.TickDuration.Count == 0 || s.TickDuration.P99 < s.TickDuration.P50 ||
		s.TickLateness.Count == 0 {
		t.Errorf("ticks/s %.1f, duration %+v, lateness %+v: want ticks measured", s.TicksPerSec, s.TickDuration, s.TickLateness)
	}
	// Two players at 60 inputs/s, each at least 6 bytes of frame: 720 B/s
	// at the very least, however loaded the machine.
	if s.BytesInPerSec < 100 || s.BytesOutPerSec < 100 || s.MessagesPerSec < 10 {
		t.Errorf("in %.0f B/s, out %.0f B/s, %.1f messages/s: want the players' traffic", s.BytesInPerSec, s.BytesOutPerSec, s.MessagesPerSec)
	}
	if s.Joins[server.JoinJoined] != 2 {
		t.Errorf("joins %v, want joined: 2", s.Joins)
	}
}

// TestAdminServesPageMetricsAndProfiler: the page (HTML that polls the
// feed), /metrics and /debug/pprof/ are on the admin handler.
func TestAdminServesPageMetricsAndProfiler(t *testing.T) {
	t.Parallel()
	_, adminURL := startServer(t)
	code, ctype, body := get(t, adminURL+"/")
	if code != http.StatusOK || !strings.HasPrefix(ctype, "text/html") || !strings.Contains(body, `fetch("stats.json"`) {
		t.Errorf("/ = %d %s, want the HTML page polling stats.json; body starts %.200q", code, ctype, body)
	}
	if code, _, body := get(t, adminURL+"/metrics"); code != http.StatusOK || !strings.Contains(body, "gameserver_rooms 0") ||
		!strings.Contains(body, "go_goroutines") {
		t.Errorf("/metrics = %d, want gameserver_rooms and go_goroutines; body starts %.300q", code, body)
	}
	if code, _, body := get(t, adminURL+"/debug/pprof/"); code != http.StatusOK || !strings.Contains(body, "goroutine") {
		t.Errorf("/debug/pprof/ = %d %.200q", code, body)
	}
	if code, _, _ := get(t, adminURL+"/debug/pprof/goroutine?debug=1"); code != http.StatusOK {
		t.Errorf("/debug/pprof/goroutine = %d", code)
	}
	if code, _, _ := get(t, adminURL+"/nothing"); code != http.StatusNotFound {
		t.Errorf("/nothing = %d, want 404", code)
	}
}
