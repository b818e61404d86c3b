package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// RoomListing is one room of the server's public list (GET /rooms), as a
// room list shows it: counts, not names.
type RoomListing struct {
	ID       string `json:"id"`
	Map      string `json:"map"`
	Mode     string `json:"mode"`
	Players  int    `json:"players"` // people
	Capacity int    `json:"capacity"`
	Bots     int    `json:"bots"` // the server's bots playing besides them; a person takes a bot's place
}

// ListRooms asks server (a ws(s)://host:port/ws game URL or the
// http(s)://host:port base, as Match takes) for its public rooms: GET
// /rooms. opts may be nil; its Dialer and TLSConfig are used as Match uses
// them. ctx bounds the request (matchTimeout when it has no deadline).
func ListRooms(ctx context.Context, server string, opts *Options) ([]RoomListing, error) {
	if opts == nil {
		opts = &Options{}
	}
	roomsURL, err := roomsURL(server)
	if err != nil {
		return nil, err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, matchTimeout)
		defer cancel()
	}
	// matchGet is Match's GET: net/http natively, the browser's fetch
	// under js (so game.wasm links no TLS or HTTP/2 stack).
	status, statusLine, body, err := matchGet(ctx, opts, roomsURL)
	if err != nil {
		return nil, fmt.Errorf("rooms %s: %w", roomsURL, err)
	}
	if status != 200 {
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(body, &e) == nil && e.Error != "" {
			return nil, fmt.Errorf("rooms %s: %s: %s", roomsURL, statusLine, e.Error)
		}
		return nil, fmt.Errorf("rooms %s: %s", roomsURL, statusLine)
	}
	var list []RoomListing
	if err := json.Unmarshal(body, &list); err != nil {
		return nil, fmt.Errorf("rooms %s: bad answer: %w", roomsURL, err)
	}
	return list, nil
}

// roomsURL returns the /rooms URL of server.
func roomsURL(server string) (string, error) {
	m, _, err := matchURLs(server, "")
	if err != nil {
		return "", fmt.Errorf("rooms: server %q: want a ws, wss, http or https URL with a host", server)
	}
	u, err := url.Parse(m)
	if err != nil {
		return "", fmt.Errorf("rooms: %w", err)
	}
	u.Path = strings.TrimSuffix(u.Path, "/match") + "/rooms"
	u.RawQuery = ""
	return u.String(), nil
}
