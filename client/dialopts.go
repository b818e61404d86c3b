//go:build !js

package client

import (
	"net/http"

	"github.com/coder/websocket"

	"arena/netcode"
)

// dialOptions returns the WebSocket dial options for opts: the
// subprotocol, and the TCP dialer and TLS configuration when set.
func dialOptions(opts *Options) (*websocket.DialOptions, error) {
	d := &websocket.DialOptions{Subprotocols: []string{netcode.Subprotocol}}
	if opts.Dialer != nil || opts.TLSConfig != nil {
		d.HTTPClient = &http.Client{Transport: &http.Transport{
			DialContext:     opts.Dialer, // nil: net.Dialer's
			TLSClientConfig: opts.TLSConfig,
		}}
	}
	return d, nil
}
