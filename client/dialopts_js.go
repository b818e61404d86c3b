//go:build js

package client

import (
	"errors"

	websocket "arena/client/internal/ws"

	"arena/netcode"
)

// dialOptions returns the WebSocket dial options for opts. The browser
// makes the connection itself, so neither a Dialer nor a TLSConfig can
// be used.
func dialOptions(opts *Options) (*websocket.DialOptions, error) {
	if opts.Dialer != nil {
		return nil, errors.New("Options.Dialer is not supported in the browser")
	}
	if opts.TLSConfig != nil {
		return nil, errors.New("Options.TLSConfig is not supported in the browser")
	}
	return &websocket.DialOptions{Subprotocols: []string{netcode.Subprotocol}}, nil
}
