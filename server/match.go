package server

// /match: where a player should connect, and /rooms: the room list.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"arena/netcode"
)

// matchTimeout bounds one /match or /rooms answer from the directory (a
// shared directory asks Redis).
const matchTimeout = 2 * time.Second

// matchHandler returns the handler of GET /match, with its limiter.
func (s *Server) matchHandler() http.HandlerFunc {
	limit := newMatchLimiter(s.cfg.Limits, s.clock)
	return func(w http.ResponseWriter, r *http.Request) { s.handleMatch(w, r, limit) }
}

// handleMatch answers GET /match?room=WISH with the Placement of the
// directory's rule, as JSON. A Placement for this process gets the URL the
// request reached: ws(s)://Host/ws.
func (s *Server) handleMatch(w http.ResponseWriter, r *http.Request, limit *matchLimiter) {
	w.Header().Set("Cache-Control", "no-store")
	if !s.Accepting() {
		writeJSONError(w, http.StatusServiceUnavailable, "server shutting down")
		return
	}
	if !limit.allow(s.clientAddr(r)) {
		writeJSONError(w, http.StatusTooManyRequests,
			fmt.Sprintf("too many matches from your address: at most %d a second", s.cfg.Limits.JoinsPerAddr))
		return
	}
	wish := r.URL.Query().Get("room")
	if len(wish) > netcode.MaxRoomBytes {
		writeJSONError(w, http.StatusBadRequest, "room: longer than 32 bytes")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), matchTimeout)
	defer cancel()
	p, err := s.dir.Match(ctx, wish)
	if err != nil {
		s.log.Warn("match failed", "wish", wish, "err", err)
		writeJSONError(w, http.StatusServiceUnavailable, "match: "+err.Error())
		return
	}
	if p.URL == "" {
		p.URL = ownWebSocketURL(r)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(p)
}

// ownWebSocketURL is the /ws URL of the server as the request r reached it:
// wss when it came over TLS, or through a proxy that says so
// (X-Forwarded-Proto: https; a forged one only misleads its sender).
func ownWebSocketURL(r *http.Request) string {
	scheme := "ws"
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "wss"
	}
	return scheme + "://" + r.Host + "/ws"
}

// handleRooms answers GET /rooms with the directory's listing (every
// process's rooms with a shared directory), or with ?scope=local this
// process's rooms only.
func (s *Server) handleRooms(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	var list []RoomListing
	switch scope := r.URL.Query().Get("scope"); scope {
	case "local":
		for _, info := range s.Rooms() {
			list = append(list, RoomListing{RoomInfo: info})
		}
	case "", "cluster":
		ctx, cancel := context.WithTimeout(r.Context(), matchTimeout)
		defer cancel()
		var err error
		if list, err = s.dir.Listing(ctx); err != nil {
			writeJSONError(w, http.StatusServiceUnavailable, "rooms: "+err.Error())
			return
		}
	default:
		writeJSONError(w, http.StatusBadRequest, "scope: want local or cluster, not "+scope)
		return
	}
	if list == nil {
		list = []RoomListing{} // [] rather than null, as before
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(list)
}

// writeJSONError answers {"error": msg} with status.
func writeJSONError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(struct {
		Error string `json:"error"`
	}{msg})
}
