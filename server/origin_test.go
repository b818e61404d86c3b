package server_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/coder/websocket"

	"arena/netcode"
	"arena/server"
)

// dialOrigin dials url with an Origin header and returns the HTTP status of
// a refused handshake, or 101 when it was accepted.
func dialOrigin(t *testing.T, url, origin string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	h := http.Header{}
	if origin != "" {
		h.Set("Origin", origin)
	}
	ws, resp, err := websocket.Dial(ctx, url, &websocket.DialOptions{Subprotocols: []string{netcode.Subprotocol}, HTTPHeader: h})
	if err == nil {
		ws.CloseNow()
		return http.StatusSwitchingProtocols
	}
	if resp == nil {
		t.Fatalf("dial with Origin %q: %v", origin, err)
	}
	return resp.StatusCode
}

// TestOriginPolicy: a browser page from another site cannot open the game
// socket (HTTP 403), the server's own pages and native clients (no Origin)
// can, and OriginPatterns (gameserver -allowed-origins) admits more.
func TestOriginPolicy(t *testing.T) {
	t.Parallel()
	_, hs, url := startServer(t, nil)
	self := hs.URL // the page's own origin
	for _, tc := range []struct {
		origin string
		want   int
	}{
		{"", http.StatusSwitchingProtocols},
		{self, http.StatusSwitchingProtocols},
		{"https://evil.example", http.StatusForbidden},
		{"https://game.example.com", http.StatusForbidden},
	} {
		if got := dialOrigin(t, url, tc.origin); got != tc.want {
			t.Errorf("Origin %q: HTTP %d, want %d", tc.origin, got, tc.want)
		}
	}
	_, _, url2 := startServer(t, func(c *server.Config) { c.OriginPatterns = []string{"game.example.com", "*.arena.test"} })
	for _, tc := range []struct {
		origin string
		want   int
	}{
		{"https://game.example.com", http.StatusSwitchingProtocols},
		{"https://eu.arena.test", http.StatusSwitchingProtocols},
		{"https://evil.example", http.StatusForbidden},
	} {
		if got := dialOrigin(t, url2, tc.origin); got != tc.want {
			t.Errorf("allowed %v, Origin %q: HTTP %d, want %d", []string{"game.example.com", "*.arena.test"}, tc.origin, got, tc.want)
		}
	}
}
