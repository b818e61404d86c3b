package prom_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"arena/game"
	"arena/game/gametest"
	"arena/netcode"
	"arena/server"
	"arena/server/prom"
)

// startServer starts a Server on the test map behind an httptest server,
// and its /metrics behind another; it returns the server, the game's ws://
// URL and the metrics URL. All stop at the end of the test.
func startServer(t *testing.T) (*server.Server, string, string) {
	t.Helper()
	return startServerWith(t, nil)
}

// startServerWith is startServer with mod applied to the Config.
func startServerWith(t *testing.T, mod func(*server.Config)) (*server.Server, string, string) {
	t.Helper()
	cfg := server.Config{Maps: gametest.MapFS("test", gametest.DuelJSON()), MapName: "test"}
	if mod != nil {
		mod(&cfg)
	}
	srv, err := server.New(cfg)
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	game := httptest.NewServer(srv.Handler())
	metrics := httptest.NewServer(prom.Handler(prom.NewRegistry(srv)))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		game.Close()
		metrics.Close()
	})
	return srv, "ws" + strings.TrimPrefix(game.URL, "http") + "/ws", metrics.URL + "/metrics"
}

// player is a joined WebSocket client.
type player struct {
	ws      *websocket.Conn
	enc     *netcode.Encoder
	welcome netcode.Welcome
	seq     uint32
}

// dialPlayer dials url and says nothing yet.
func dialPlayer(t *testing.T, url string) *player {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ws, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{Subprotocols: []string{netcode.Subprotocol}})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	ws.SetReadLimit(netcode.MaxServerFrame)
	t.Cleanup(func() { _ = ws.CloseNow() })
	return &player{ws: ws, enc: netcode.NewEncoder()}
}

// joinPlayer dials url, says Hello as name and waits for Welcome; from
// then on a goroutine reads (and drops) what the server sends.
func joinPlayer(t *testing.T, url, name string) *player {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	p := dialPlayer(t, url)
	ws := p.ws
	p.write(t, p.enc.Hello(&netcode.Hello{Version: netcode.Version, Name: name}))
	dec := netcode.NewDecoder()
	var m netcode.ServerMessage
	for {
		_, b, err := ws.Read(ctx)
		if err != nil {
			t.Fatalf("%s: waiting for Welcome: %v", name, err)
		}
		if err := dec.DecodeServer(b, &m); err != nil {
			t.Fatalf("%s: decode: %v", name, err)
		}
		if m.Type == netcode.MsgWelcome {
			p.welcome = m.Welcome
			break
		}
	}
	// Read (and drop) the snapshots from now on, as a client must.
	go func() {
		for {
			if _, _, err := ws.Read(context.Background()); err != nil {
				return
			}
		}
	}()
	return p
}

func (p *player) write(t *testing.T, b []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := p.ws.Write(ctx, websocket.MessageBinary, b); err != nil {
		t.Fatalf("write: %v", err)
	}
}

// sendInput sends one input message with the next seq (ack_tick 0 is
// always valid).
func (p *player) sendInput(t *testing.T) {
	p.seq++
	m := netcode.Inputs{N: 1}
	m.Frames[0] = netcode.InputFrame{Seq: p.seq, Input: game.Input{MoveX: 1}}
	p.write(t, p.enc.Inputs(&m))
}

// scrape fetches url and parses the Prometheus text format.
func scrape(t *testing.T, url string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s = %d: %s", url, resp.StatusCode, b)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("parse %s: %v", url, err)
	}
	return fams
}

// value returns the value of family name's sample whose labels include
// labels (name=value pairs), and whether there is one; a histogram's value
// is its sample count.
func value(fams map[string]*dto.MetricFamily, name string, labels ...string) (float64, bool) {
	f := fams[name]
	if f == nil {
		return 0, false
	}
next:
	for _, m := range f.GetMetric() {
		for i := 0; i+1 < len(labels); i += 2 {
			found := false
			for _, lp := range m.GetLabel() {
				if lp.GetName() == labels[i] && lp.GetValue() == labels[i+1] {
					found = true
				}
			}
			if !found {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue(), true
		case m.Gauge != nil:
			return m.Gauge.GetValue(), true
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount()), true
		}
	}
	return 0, false
}

// waitFor polls cond until it holds or timeout passes.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
