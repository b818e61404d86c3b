package server

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"slices"
	"strings"

	"github.com/coder/websocket"

	"arena/netcode"
	"arena/server/web"
)

// Handler returns the Server's HTTP interface:
//
//	/          the browser shell (index.html, wasm_exec.js, game.wasm by Accept-Encoding: package web)
//	/ws        the game WebSocket (subprotocol netcode.Subprotocol)
//	/healthz   200 "ok" while the process runs
//	/readyz    200 while accepting players, 503 once Shutdown began
//	/rooms     JSON array of RoomListing (?scope=local: this process's rooms only)
//	/match     JSON Placement: where to connect for ?room=WISH (match.go)
//	/maps/NAME.json  the maps rooms play (Tiled JSON), for clients that do not ship them
//
// The handler may serve requests concurrently.
func (s *Server) Handler() http.Handler {
	static, err := fs.Sub(web.FS, "static")
	if err != nil {
		panic(err) // "static" is a constant, valid path
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", s.handleReady)
	mux.HandleFunc("GET /rooms", s.handleRooms)
	mux.HandleFunc("GET /match", s.matchHandler())
	mux.HandleFunc("GET /ws", s.handleWS)
	mux.HandleFunc("GET /maps/{file}", s.handleMap)
	mux.Handle("GET /", web.Handler(static))
	return mux
}

func (s *Server) handleReady(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if !s.Accepting() {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("shutting down\n"))
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

// handleMap serves maps/NAME.json from Config.Maps.
func (s *Server) handleMap(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	name, ok := strings.CutSuffix(file, ".json")
	if !ok || name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		http.Error(w, "no such map: want /maps/NAME.json", http.StatusNotFound)
		return
	}
	data, err := fs.ReadFile(s.cfg.Maps, "maps/"+file)
	if err != nil {
		http.Error(w, fmt.Sprintf("no map %q", name), http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(data)
}

func (s *Server) handleWS(w http.ResponseWriter, r *http.Request) {
	if !s.Accepting() {
		http.Error(w, "server shutting down", http.StatusServiceUnavailable)
		return
	}
	// A client that offers subprotocols must offer ours: answering 101
	// without one would make it fail the handshake itself, with no reason.
	// One that offers none gets the handshake and then close 4002.
	if offered := offeredSubprotocols(r); len(offered) > 0 && !slices.Contains(offered, netcode.Subprotocol) {
		http.Error(w, fmt.Sprintf("subprotocol %q required (offered: %s)", netcode.Subprotocol,
			strings.Join(offered, ", ")), http.StatusBadRequest)
		return
	}
	var c *conn // made once the handshake is done; pings are answered through it
	hj := &hijackRecorder{ResponseWriter: w}
	ws, err := websocket.Accept(hj, r, &websocket.AcceptOptions{
		Subprotocols:   []string{netcode.Subprotocol},
		OriginPatterns: s.cfg.OriginPatterns,
		OnPingReceived: func(ctx context.Context, p []byte) bool { return c.pingReceived(ctx, p) },
		OnPongReceived: func(ctx context.Context, p []byte) { c.pongReceived(ctx, p) },
		// No extensions: after Hello the server reads frames itself.
		CompressionMode: websocket.CompressionDisabled,
	})
	if err != nil {
		// Accept has written the HTTP error.
		s.log.Info("websocket handshake failed", "remote", r.RemoteAddr, "err", err)
		return
	}
	c = newConn(s, ws, hj.conn, hj.brw, s.nextConn.Add(1), r.RemoteAddr)
	s.serveConn(c, s.clientAddr(r))
}

// offeredSubprotocols returns the subprotocols a WebSocket handshake offers.
func offeredSubprotocols(r *http.Request) []string {
	var out []string
	for _, h := range r.Header.Values("Sec-WebSocket-Protocol") {
		for _, p := range strings.Split(h, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}
