package server

// The HTTP server in front of Handler, with limits on what a client may
// cost before its WebSocket upgrade: the size of its request headers, the
// time it may take to send them (a slowloris that sends headers a byte at
// a time is cut), and how long a keep-alive HTTP connection may sit idle.
//
// None of these reach a WebSocket: net/http clears the connection's
// deadlines when the handler hijacks it for the upgrade (conn.hijackLocked
// calls SetDeadline(time.Time{}); TestWebSocketOutlivesHTTPTimeouts checks
// both read paths), and a joined player's socket is taken out of Go's
// poller altogether (conn_poll.go). ReadTimeout and WriteTimeout are left
// unset: every request served is a GET without a body, so the header
// timeout bounds its reading. From the upgrade on, the hello timeout (4004), the idle
// timeout (4005) and the write timeout (4003) bound a connection.

import (
	"net/http"
	"time"
)

// Defaults of HTTPLimits.
const (
	DefaultHeaderTimeout   = 10 * time.Second
	DefaultMaxHeaderBytes  = 16 << 10
	DefaultHTTPIdleTimeout = 60 * time.Second
)

// HTTPLimits bounds the HTTP side of a connection, before any upgrade.
// Zero fields take the defaults above.
type HTTPLimits struct {
	// HeaderTimeout is how long a client may take to send a request's
	// headers (http.Server.ReadHeaderTimeout).
	HeaderTimeout time.Duration
	// MaxHeaderBytes caps a request's headers; a larger request is answered
	// 431 Request Header Fields Too Large. (net/http allows 4 KiB of slack
	// on top for its buffer.)
	MaxHeaderBytes int
	// IdleTimeout is how long a keep-alive HTTP connection may wait for its
	// next request.
	IdleTimeout time.Duration
}

func (l HTTPLimits) withDefaults() HTTPLimits {
	if l.HeaderTimeout == 0 {
		l.HeaderTimeout = DefaultHeaderTimeout
	}
	if l.MaxHeaderBytes == 0 {
		l.MaxHeaderBytes = DefaultMaxHeaderBytes
	}
	if l.IdleTimeout == 0 {
		l.IdleTimeout = DefaultHTTPIdleTimeout
	}
	return l
}

// HTTPServer returns an http.Server for handler (normally Handler) with
// limits l; the caller serves it on its listener. gameserver and the tests
// use it, so both run with the same settings.
func HTTPServer(handler http.Handler, l HTTPLimits) *http.Server {
	l = l.withDefaults()
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: l.HeaderTimeout,
		MaxHeaderBytes:    l.MaxHeaderBytes,
		IdleTimeout:       l.IdleTimeout,
	}
}
