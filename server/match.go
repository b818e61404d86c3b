package server

// /match: where a player should connect, and /rooms: the room list.

import (
	"context"
	"encoding/json"
	"errors"
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
	var re *RoomError
	if errors.As(err, &re) {
		status := http.StatusNotFound
		if errors.Is(err, ErrRoomFull) {
			status = http.StatusConflict
		}
		writeJSONError(w, status, re.Error())
		return
	}
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

// PublicRoom is a room as GET /rooms shows it to anyone: what it plays
// and how full it is, never who is in it (the operator's admin page has
// the names).
type PublicRoom struct {
	ID       string `json:"id"`
	Map      string `json:"map"`
	Mode     string `json:"mode"`
	Players  int    `json:"players"`
	Capacity int    `json:"capacity"`
	TickRate int    `json:"tick_rate"`
	// Bots: see RoomInfo (0 for another process's room).
	Bots int `json:"bots"`
	// TickRateAchieved: see RoomInfo.
	TickRateAchieved float64 `json:"tick_rate_achieved"`
	// URL and Process: see RoomListing.
	URL     string `json:"url,omitempty"`
	Process string `json:"process,omitempty"`
}

// publicRooms returns list's public rooms as /rooms shows them.
func publicRooms(list []RoomListing) []PublicRoom {
	out := []PublicRoom{} // [] rather than null
	for _, l := range list {
		if l.Private {
			continue
		}
		out = append(out, PublicRoom{
			ID: l.ID, Map: l.Map, Mode: l.Mode, Players: l.Players, Capacity: l.Capacity,
			TickRate: l.TickRate, Bots: l.Bots, TickRateAchieved: l.TickRateAchieved, URL: l.URL, Process: l.Process,
		})
	}
	return out
}

// handleRooms answers GET /rooms with the directory's listing of public
// rooms (every process's with a shared directory), or with ?scope=local
// this process's public rooms only: counts, no names.
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
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(publicRooms(list))
}

// writeJSONError answers {"error": msg} with status.
func writeJSONError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(struct {
		Error string `json:"error"`
	}{msg})
}
