package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// matchTimeout bounds Match when ctx has no deadline.
const matchTimeout = 5 * time.Second

// matchBodyLimit bounds the /match answer Match reads.
const matchBodyLimit = 64 << 10

// matchAnswer is the body of a 200 from /match.
type matchAnswer struct {
	URL  string `json:"url"`
	Room string `json:"room"`
}

// Match asks the server where to play before dialing: GET /match?room=wish
// on server (a ws(s)://host:port/ws game URL, or the http(s)://host:port
// base). It returns the WebSocket URL to Dial and the room to wish for in
// Options.Room; with several processes sharing a Redis that may be another
// process, which holds a seat for a few seconds. A server without /match
// (an older one: 404, or any answer that is not /match's JSON) gets
// server's own WebSocket URL and wish back, so dialing it works as before;
// /match's own errors (503 {"error": ...}) are errors; a wish for a room
// that does not exist or is full (404, 409) is the *CloseError a Hello with
// that wish would get (CloseNoSuchRoom, CloseRoomFull), so a caller tells
// them apart one way. opts may be nil; its Dialer and TLSConfig are used as
// Dial uses them (native builds).
//
// A resumed session goes back to the URL it dialed, never through Match.
func Match(ctx context.Context, server, wish string, opts *Options) (wsURL, room string, err error) {
	if opts == nil {
		opts = &Options{}
	}
	matchURL, ws, err := matchURLs(server, wish)
	if err != nil {
		return "", "", err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, matchTimeout)
		defer cancel()
	}
	status, statusLine, body, err := matchGet(ctx, opts, matchURL)
	if err != nil {
		return "", "", fmt.Errorf("match %s: %w", matchURL, err)
	}
	switch status {
	case 200: // OK
	default:
		// /match's own errors are JSON {"error": ...}; any other answer
		// comes from a server (or proxy) that has no /match: dial it.
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(body, &e) != nil || e.Error == "" {
			return ws, wish, nil
		}
		switch status {
		case 404: // the wish names no room on any process
			return "", "", &CloseError{Code: CloseNoSuchRoom, Reason: e.Error}
		case 409: // the room has no free seat
			return "", "", &CloseError{Code: CloseRoomFull, Reason: e.Error}
		}
		return "", "", fmt.Errorf("match %s: %s: %s", matchURL, statusLine, e.Error)
	}
	var a matchAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		return "", "", fmt.Errorf("match %s: bad answer: %w", matchURL, err)
	}
	u, err := url.Parse(a.URL)
	if err != nil || (u.Scheme != "ws" && u.Scheme != "wss") || u.Host == "" {
		return "", "", fmt.Errorf("match %s: the answer's url %q is not a ws:// or wss:// URL", matchURL, a.URL)
	}
	if strings.EqualFold(u.Host, askedHost(matchURL)) {
		// The server that answered: dial it the way it was reached (a TLS
		// proxy in front answers ws:// for wss://, a path prefix is lost).
		return ws, a.Room, nil
	}
	return a.URL, a.Room, nil
}

// askedHost returns the host:port of an http(s) URL.
func askedHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Host
}

// matchURLs returns the /match URL for server and wish, and server's own
// WebSocket URL: its path up to a final /ws, then /ws.
func matchURLs(server, wish string) (matchURL, wsURL string, err error) {
	u, err := url.Parse(server)
	if err != nil {
		return "", "", fmt.Errorf("match: server %q: %w", server, err)
	}
	if u.Host == "" {
		return "", "", fmt.Errorf("match: server %q: want ws://host:port/ws or http://host:port", server)
	}
	httpU, wsU := *u, *u
	switch u.Scheme {
	case "ws", "http":
		httpU.Scheme, wsU.Scheme = "http", "ws"
	case "wss", "https":
		httpU.Scheme, wsU.Scheme = "https", "wss"
	default:
		return "", "", fmt.Errorf("match: server %q: want a ws, wss, http or https URL", server)
	}
	base := strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), "/ws")
	httpU.Path = base + "/match"
	httpU.RawQuery = url.Values{"room": {wish}}.Encode()
	httpU.Fragment = ""
	wsU.Path, wsU.RawPath = base+"/ws", ""
	wsU.RawQuery, wsU.Fragment = "", ""
	return httpU.String(), wsU.String(), nil
}

// DialMatched asks server's /match where to play (Match, with
// opts.Room as the wish) and dials there with the room it answered. The
// session's resumes go back to the URL dialed. With opts.Private it skips
// /match: the process server reaches makes the new private room.
func DialMatched(ctx context.Context, server string, opts *Options) (*Session, error) {
	if opts == nil {
		opts = &Options{}
	}
	if opts.Private {
		_, ws, err := matchURLs(server, "")
		if err != nil {
			return nil, err
		}
		return Dial(ctx, ws, opts)
	}
	o := *opts
	for attempt := 0; ; attempt++ {
		wsURL, room, err := Match(ctx, server, opts.Room, opts)
		if err != nil {
			return nil, err
		}
		if opts.Room == "" && attempt == quickPlayRematches {
			// Quick play that kept losing its race: the process asked
			// seats the player itself, as a Hello without a wish does.
			_, wsURL, _ = matchURLs(server, "")
			room = ""
		}
		o.Room = room
		s, err := Dial(ctx, wsURL, &o)
		if _, _, refused := RoomRefused(err); refused && opts.Room == "" && room != "" {
			// Quick play: the room /match chose filled or ended before the
			// Hello came (a hold outlives an empty room). The player asked
			// for any room, so ask again rather than fail.
			continue
		}
		return s, err
	}
}

// quickPlayRematches is how many times DialMatched asks /match again when
// the room it answered for quick play refused the Hello.
const quickPlayRematches = 2
