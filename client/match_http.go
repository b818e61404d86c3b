//go:build !js

package client

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// matchGet GETs rawURL for Match with opts' Dialer and TLSConfig when set,
// and returns the status code, the status line ("503 Service Unavailable")
// and at most matchBodyLimit bytes of the body.
func matchGet(ctx context.Context, opts *Options, rawURL string) (status int, statusLine string, body []byte, err error) {
	hc := http.DefaultClient
	if opts.Dialer != nil || opts.TLSConfig != nil {
		// One request per client: no idle connection left behind.
		hc = &http.Client{Transport: &http.Transport{DialContext: opts.Dialer, TLSClientConfig: opts.TLSConfig, DisableKeepAlives: true}}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return 0, "", nil, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, "", nil, err
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, matchBodyLimit))
	if err != nil {
		return 0, "", nil, fmt.Errorf("read: %w", err)
	}
	return resp.StatusCode, resp.Status, body, nil
}
