//go:build !js

package client

import "net/http"

// matchHTTPClient returns the HTTP client of Match: one with opts' Dialer
// and TLSConfig when set.
func matchHTTPClient(opts *Options) (*http.Client, error) {
	if opts.Dialer == nil && opts.TLSConfig == nil {
		return http.DefaultClient, nil
	}
	// One request per client: no idle connection left behind.
	return &http.Client{Transport: &http.Transport{DialContext: opts.Dialer, TLSClientConfig: opts.TLSConfig, DisableKeepAlives: true}}, nil
}
