package server

import (
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"

	"github.com/coder/websocket"

	"arena/netcode"
	"arena/server/web"
)

// wasmMissing is the body of /game.wasm when the WASM client was not built.
const wasmMissing = "game.wasm is not built: run `make wasm`\n"

// Handler returns the Server's HTTP interface:
//
//	/          the browser shell (index.html, wasm_exec.js, game.wasm)
//	/ws        the game WebSocket (subprotocol netcode.Subprotocol)
//	/healthz   200 "ok" while the process runs
//	/readyz    200 while accepting players, 503 once Shutdown began
//	/rooms     JSON array of RoomInfo
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
	mux.HandleFunc("GET /ws", s.handleWS)
	mux.Handle("GET /", staticHandler(static))
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

func (s *Server) handleRooms(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(s.Rooms())
}

func (s *Server) handleWS(w http.ResponseWriter, r *http.Request) {
	if !s.Accepting() {
		http.Error(w, "server shutting down", http.StatusServiceUnavailable)
		return
	}
	ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{
		Subprotocols:   []string{netcode.Subprotocol},
		OriginPatterns: s.cfg.OriginPatterns,
	})
	if err != nil {
		// Accept has written the HTTP error.
		s.log.Info("websocket handshake failed", "remote", r.RemoteAddr, "err", err)
		return
	}
	s.ServeConn(ws, r.RemoteAddr)
}

// staticHandler serves the browser shell: index.html uncached, game.wasm
// with its media type (or a 404 that says how to build it), the rest as
// files.
func staticHandler(static fs.FS) http.Handler {
	files := http.FileServerFS(static)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/", "/index.html":
			w.Header().Set("Cache-Control", "no-cache, no-store, must-revalidate")
			http.ServeFileFS(w, r, static, "index.html")
			return
		case "/game.wasm":
			if _, err := fs.Stat(static, "game.wasm"); errors.Is(err, fs.ErrNotExist) {
				w.Header().Set("Content-Type", "text/plain; charset=utf-8")
				w.WriteHeader(http.StatusNotFound)
				_, _ = w.Write([]byte(wasmMissing))
				return
			}
			w.Header().Set("Content-Type", "application/wasm")
			w.Header().Set("Cache-Control", "no-cache")
		}
		files.ServeHTTP(w, r)
	})
}
