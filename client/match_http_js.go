//go:build js

package client

import (
	"errors"
	"net/http"
)

// matchHTTPClient returns the HTTP client of Match: the browser's fetch,
// which makes the connection itself.
func matchHTTPClient(opts *Options) (*http.Client, error) {
	if opts.Dialer != nil {
		return nil, errNoDialerInBrowser
	}
	return http.DefaultClient, nil
}

// errNoDialerInBrowser is matchHTTPClient's error for a Dialer under js.
var errNoDialerInBrowser = errors.New("Options.Dialer is not supported in the browser")
