package server_test

import (
	"bytes"

	"sync"
	"testing"
	"time"

	"arena/game"
	"arena/netcode"
	"arena/server"
)

// TestRateLimitClosesFlooders: valid traffic at about 10x the default
// limits (1200 messages a second, or 320 KB a second in 4 KB messages) of
// every kind, after Hello and before it, is closed with 1008 and the
// reason naming the limit within 2 s, and counted as a bad message of
// kind "rate"; an honest player in the same room meanwhile keeps its
// snapshots' pace (no gap over 100 ms).
func TestRateLimitClosesFlooders(t *testing.T) {
	// Not parallel: it measures a real-time figure.
	enc := netcode.NewEncoder()
	unknown := binFrame(mpArr(mpUint(99), append([]byte{0xc5, 0x0f, 0xa0}, make([]byte, 4000)...))) // bin16 of 4000 bytes
	const tooMany, tooMuch = "too many messages: over 120 a second", "too much data: over 32768 bytes a second"
	kinds := []struct {
		name    string
		joined  bool
		unit    []byte
		perTick int // units per 10 ms
		reason  string
	}{
		{"Inputs", true, binFrame(enc.Inputs(&netcode.Inputs{N: 1, Frames: [netcode.MaxInputWindow]netcode.InputFrame{{Seq: 1}}})), 12, tooMany},
		{"Ping", true, binFrame(enc.Ping(&netcode.Ping{ClientTime: 7})), 12, tooMany},
		{"Chat", true, binFrame(enc.Chat(&netcode.Chat{Text: "spam"})), 12, tooMany},
		{"unknown type", true, binFrame(mpArr(mpUint(99))), 12, tooMany},
		{"WebSocket pings", true, maskedFrame(0x89, []byte("p")), 12, tooMany},
		{"WebSocket pongs", true, maskedFrame(0x8a, []byte("p")), 12, tooMany},
		{"empty fragments of one message", true, maskedFrame(0x00, nil), 12, tooMany},
		{"4 KB messages", true, unknown, 1, tooMuch},
		{"WebSocket pings before Hello", false, maskedFrame(0x89, []byte("p")), 12, tooMany},
		{"WebSocket pongs before Hello", false, maskedFrame(0x8a, []byte("p")), 12, tooMany},
	}
	for attempt := 1; ; attempt++ {
		srv, hs, _ := startServerRaw(t, func(c *server.Config) { c.ResumeGrace = server.ResumeOff })
		addr := hs.Listener.Addr().String()
		honest, err := dialHonest(addr, "honest")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = honest.ws.Close() })
		waitFor(t, 10*time.Second, "the honest player's first snapshots", func() bool { return honest.snapshots.Load() >= 3 })
		honest.startMeasuring()
		overruns0 := srv.Metrics().TickOverruns.Load()
		var wg sync.WaitGroup
		for _, k := range kinds {
			wg.Add(1)
			go func() {
				defer wg.Done()
				p, err := dialRaw(addr, k.joined)
				if err != nil {
					t.Error(err)
					return
				}
				defer p.ws.Close()
				done := make(chan struct{})
				flooded := make(chan struct{})
				if k.unit[0] == 0x00 { // continuations: start the message
					if err := p.write(maskedFrame(0x02, nil)); err != nil {
						t.Error(err)
						return
					}
				}
				start := time.Now()
				go func() {
					defer close(flooded)
					p.flood(k.unit, k.perTick, done)
				}()
				code, reason, err := p.awaitClose(5 * time.Second)
				took := time.Since(start)
				close(done)
				_ = p.ws.Close()
				<-flooded
				switch {
				case err != nil:
					t.Errorf("%s: no close frame: %v", k.name, err)
				case code != uint16(netcode.ClosePolicyViolation) || reason != k.reason:
					t.Errorf("%s: closed %d %q, want 1008 %q", k.name, code, reason, k.reason)
				case took > 2*time.Second:
					t.Errorf("%s: closed after %v, want within 2 s", k.name, took)
				default:
					t.Logf("%s: closed 1008 after %v", k.name, took.Round(time.Millisecond))
				}
			}()
		}
		wg.Wait()
		if got := srv.Metrics().BadMessages.Get("rate"); got != uint64(len(kinds)) {
			t.Errorf("%d bad messages of kind rate counted, want %d", got, len(kinds))
		}
		honest.mu.Lock()
		gap, herr := honest.worstGap, honest.err
		honest.mu.Unlock()
		if herr != nil {
			t.Fatalf("the honest player: %v", herr)
		}
		overruns := srv.Metrics().TickOverruns.Load() - overruns0
		t.Logf("run %d: honest player's longest snapshot gap %v, %d tick overruns", attempt, gap, overruns)
		if t.Failed() || gap <= hostileMaxGap {
			return
		}
		if attempt == 3 || overruns == 0 {
			t.Fatalf("the honest player waited %v for a snapshot during the floods (want at most %v)", gap, hostileMaxGap)
		}
	}
}

// TestRateLimitBytesBeforeHello: before Hello (coder/websocket reads) the
// byte limit holds too: pings of 125 bytes at 160 a second against a limit
// of 2000 bytes a second are closed with 1008.
func TestRateLimitBytesBeforeHello(t *testing.T) {
	t.Parallel()
	_, hs, _ := startServerRaw(t, func(c *server.Config) {
		c.Limits.MessagesPerSec, c.Limits.BytesPerSec = 1000, 2000
	})
	p, err := dialRaw(hs.Listener.Addr().String(), false)
	if err != nil {
		t.Fatal(err)
	}
	defer p.ws.Close()
	done := make(chan struct{})
	defer close(done)
	go p.flood(maskedFrame(0x89, bytes.Repeat([]byte{'p'}, 125)), 2, done)
	code, reason, err := p.awaitClose(5 * time.Second)
	if err != nil || code != uint16(netcode.ClosePolicyViolation) || reason != "too much data: over 2000 bytes a second" {
		t.Fatalf("closed %d %q (%v), want 1008 %q", code, reason, err, "too much data: over 2000 bytes a second")
	}
}

// TestRateLimitSparesStallingClient: an honest client whose link stalls
// for a second and then delivers it all at once (30 Inputs messages of two
// inputs each, a Ping message, a WebSocket pong), three times over, with
// paced play between the stalls, is never closed.
func TestRateLimitSparesStallingClient(t *testing.T) {
	t.Parallel()
	srv, hs, _ := startServerRaw(t, nil)
	p, err := dialRaw(hs.Listener.Addr().String(), true)
	if err != nil {
		t.Fatal(err)
	}
	defer p.ws.Close()
	enc := netcode.NewEncoder()
	seq := uint32(0)
	inputs := func() []byte {
		m := netcode.Inputs{N: 2}
		for k := range 2 {
			seq++
			m.Frames[k] = netcode.InputFrame{Seq: seq, Input: game.Input{MoveX: 50}}
		}
		return binFrame(enc.Inputs(&m))
	}
	ping := func() []byte { return binFrame(enc.Ping(&netcode.Ping{ClientTime: uint64(seq)})) }
	for round := range 3 {
		// A second of paced play: an Inputs message every 33 ms, a Ping.
		for i := range 30 {
			msg := inputs()
			if i == 0 {
				msg = append(msg, ping()...)
			}
			if err := p.write(msg); err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			time.Sleep(33 * time.Millisecond) // the pace being simulated, not synchronisation
		}
		// A second's stall delivered at once.
		var burst []byte
		for range 30 {
			burst = append(burst, inputs()...)
		}
		burst = append(burst, ping()...)
		burst = append(burst, maskedFrame(0x8a, []byte("arena"))...)
		if err := p.write(burst); err != nil {
			t.Fatalf("round %d: the burst: %v", round, err)
		}
	}
	// Still connected: a Leave is answered with 1000 "bye".
	if err := p.write(binFrame(enc.Leave())); err != nil {
		t.Fatal(err)
	}
	code, reason, err := p.awaitClose(5 * time.Second)
	if err != nil || code != uint16(netcode.CloseNormal) {
		t.Fatalf("closed %d %q (%v), want 1000 bye: the stalling client was cut", code, reason, err)
	}
	if got := srv.Metrics().BadMessages.Get("rate"); got != 0 {
		t.Fatalf("%d rate closes", got)
	}
}
