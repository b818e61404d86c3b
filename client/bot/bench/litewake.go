package main

// The light swarm's blocking reads (-lite-reads wake): each bot has a
// goroutine blocked reading its netcode/wstest connection, which Go's
// network poller wakes for every message. Kept to measure against the
// polled reads (litepoll.go).

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"arena/client/bot"
	"arena/game"
	"arena/netcode"
	"arena/netcode/wstest"
)

// runWake dials one bot, hands it to its driver (add) and reads it until
// its connection ends.
func (s *liteSwarm) runWake(ctx context.Context, u *url.URL, seed uint64, add chan<- *liteBot) {
	b, err := dialLite(u.Host, u.Path, seed)
	if err != nil {
		s.fail(err)
		return
	}
	s.mu.Lock()
	s.bots = append(s.bots, b)
	s.mu.Unlock()
	// The end of the run closes the bot (with a close frame, so the server
	// frees its seat at once), whenever it joined.
	stop := context.AfterFunc(ctx, func() {
		_ = b.conn.WriteClose(1000, "")
		b.conn.Close()
	})
	defer stop()
	add <- b
	s.read(ctx, b)
}

// dialLite opens one bot's connection: Hello, then Welcome, which must
// name the bench rule.
func dialLite(host, path string, seed uint64) (*liteBot, error) {
	conn, err := wstest.Dial(host, path, netcode.Subprotocol)
	if err != nil {
		return nil, err
	}
	// A server that never answers must not hold the run.
	_ = conn.Raw().SetDeadline(time.Now().Add(dialTimeout))
	enc := netcode.NewEncoder()
	if err := conn.WriteMessage(enc.Hello(&netcode.Hello{Version: netcode.Version, Name: "bench"})); err != nil {
		conn.Close()
		return nil, err
	}
	dec := netcode.NewDecoder()
	var msg netcode.ServerMessage
	for {
		p, err := conn.ReadMessage()
		if err != nil {
			conn.Close()
			return nil, fmt.Errorf("wait for welcome: %w", err)
		}
		if err := dec.DecodeServer(p, &msg); err != nil {
			conn.Close()
			return nil, fmt.Errorf("wait for welcome: %w", err)
		}
		if msg.Type != netcode.MsgWelcome {
			continue
		}
		if msg.Welcome.Mode != game.ModeBench {
			conn.Close()
			return nil, fmt.Errorf("bench bots need a server playing the bench rule (gameserver -mode bench); this one plays %q", msg.Welcome.Mode)
		}
		_ = conn.Raw().SetDeadline(time.Time{})
		return &liteBot{conn: conn, brain: bot.NewBench(seed, int(msg.Welcome.TickRate))}, nil
	}
}

// read counts b's messages until its connection ends.
func (s *liteSwarm) read(ctx context.Context, b *liteBot) {
	for {
		p, err := b.conn.ReadMessage()
		if err != nil {
			s.lose(ctx, b, err)
			return
		}
		b.down.Add(uint64(len(p)))
		if tick, ok := snapshotTick(p); ok {
			b.snapshots.Add(1)
			if tick > b.ack.Load() {
				b.ack.Store(tick)
			}
		}
	}
}
