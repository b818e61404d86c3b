//go:build !js

package client_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"arena/client"
	"arena/game/gametest"
	"arena/server"
)

// TestRealServerShowsBots: a Session in a room the server fills with bots
// shows them with Bot set and their names, and its own player without.
func TestRealServerShowsBots(t *testing.T) {
	t.Parallel()
	srv, err := server.New(server.Config{Maps: gametest.MapFS("open", gametest.DuelJSON()), MapName: "open", MinPlayers: 3})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		hs.Close()
	})
	s := dial(t, "ws"+strings.TrimPrefix(hs.URL, "http")+"/ws", "solo")
	var ps []client.PlayerView
	waitFor(t, "two bots and the local player", func() bool {
		ps = s.Players(time.Now(), ps[:0])
		bots := 0
		for _, p := range ps {
			if p.Bot && !p.Local && strings.HasPrefix(p.Name, "Bot ") {
				bots++
			}
		}
		return bots == 2 && len(ps) == 3
	})
	for _, p := range ps {
		if p.Local && p.Bot {
			t.Errorf("the local player %+v is shown as a bot", p)
		}
	}
}
