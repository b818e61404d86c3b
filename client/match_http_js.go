//go:build js

package client

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"syscall/js"
)

// matchGet GETs rawURL for Match with the browser's fetch, which makes the
// connection itself, and returns the status code, the status line ("503
// Service Unavailable") and at most matchBodyLimit bytes of the body.
//
// It calls fetch directly rather than through net/http's Client: the
// Client's Transport linked crypto/tls, crypto/x509 and HTTP/2 into
// game.wasm for a fallback the browser never takes, 5.8 MB of the
// uncompressed file (README, "First load in the browser").
func matchGet(ctx context.Context, opts *Options, rawURL string) (status int, statusLine string, body []byte, err error) {
	if opts.Dialer != nil {
		return 0, "", nil, errNoDialerInBrowser
	}
	fetch := js.Global().Get("fetch")
	if fetch.Type() != js.TypeFunction {
		return 0, "", nil, errors.New("this browser has no fetch")
	}
	// Aborting makes the pending promise reject, so await always returns.
	abort := js.Global().Get("AbortController").New()
	stop := context.AfterFunc(ctx, func() { abort.Call("abort") })
	defer stop()
	init := js.Global().Get("Object").New()
	init.Set("signal", abort.Get("signal"))
	init.Set("cache", "no-store")
	resp, err := await(fetch.Invoke(rawURL, init))
	if err != nil {
		return 0, "", nil, ctxErr(ctx, err)
	}
	buf, err := await(resp.Call("arrayBuffer"))
	if err != nil {
		return 0, "", nil, ctxErr(ctx, fmt.Errorf("read: %w", err))
	}
	u8 := js.Global().Get("Uint8Array").New(buf)
	n := min(u8.Length(), matchBodyLimit)
	body = make([]byte, n)
	js.CopyBytesToGo(body, u8.Call("subarray", 0, n))
	status = resp.Get("status").Int()
	statusLine = strings.TrimSpace(fmt.Sprintf("%d %s", status, resp.Get("statusText").String()))
	return status, statusLine, body, nil
}

// await waits for promise to settle and returns its value, or its
// rejection's text as an error.
func await(promise js.Value) (js.Value, error) {
	type settled struct {
		v   js.Value
		err error
	}
	ch := make(chan settled, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- settled{v: args[0]}
		return nil
	})
	defer then.Release()
	catch := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- settled{err: errors.New(args[0].Call("toString").String())}
		return nil
	})
	defer catch.Release()
	promise.Call("then", then, catch)
	s := <-ch
	return s.v, s.err
}

// ctxErr prefers ctx's error when ctx ended: an aborted fetch says only
// "AbortError".
func ctxErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// errNoDialerInBrowser is matchGet's error for a Dialer under js.
var errNoDialerInBrowser = errors.New("Options.Dialer is not supported in the browser")
