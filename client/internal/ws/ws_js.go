//go:build js

package ws

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"syscall/js"
	"time"
	"unicode/utf8"
)

// StatusCode is a WebSocket close code (RFC 6455 section 7.4).
type StatusCode int

// The close codes client uses, as coder/websocket names them.
const (
	StatusNormalClosure   StatusCode = 1000
	StatusGoingAway       StatusCode = 1001
	StatusUnsupportedData StatusCode = 1003
	StatusPolicyViolation StatusCode = 1008
	StatusMessageTooBig   StatusCode = 1009
	StatusAbnormalClosure StatusCode = 1006
	StatusInternalError   StatusCode = 1011
)

// MessageType is a data message's type.
type MessageType int

// The message types, with coder/websocket's values.
const (
	MessageText MessageType = iota + 1
	MessageBinary
)

// CloseError is the close of a connection: the code and reason of the
// close event (a close frame), or StatusAbnormalClosure when the
// connection was lost without one.
type CloseError struct {
	Code   StatusCode
	Reason string
}

func (ce CloseError) Error() string {
	return fmt.Sprintf("status = %d and reason = %q", int(ce.Code), ce.Reason)
}

// ErrMessageTooBig is returned by Read for a message over the read limit.
var ErrMessageTooBig = errors.New("websocket: message too big")

// errClosed is returned by Write and Close on a closed connection.
var errClosed = errors.New("websocket: use of closed connection")

// closeWait bounds how long Close waits for the close event.
const closeWait = 5 * time.Second

// DialOptions are Dial's options; the browser offers only subprotocols.
type DialOptions struct {
	Subprotocols []string
}

// Conn is a browser WebSocket.
type Conn struct {
	ws        js.Value
	readLimit atomic.Int64
	signal    chan struct{} // a message was queued (capacity 1)
	closed    chan struct{} // closed by the close event
	handlers  []handler     // removed and released on close

	mu       sync.Mutex // guards queue and closeErr
	queue    []message  // received, not yet read
	closeErr error      // the close event's CloseError, once closed
}

type handler struct {
	event string
	fn    js.Func
}

type message struct {
	typ  MessageType
	data []byte
}

// Dial opens a WebSocket to url and waits until it is open, ctx ends or it
// closes. The second result is always nil: it stands for coder/websocket's
// *http.Response, which the browser does not expose.
func Dial(ctx context.Context, url string, opts *DialOptions) (_ *Conn, _ any, err error) {
	if opts == nil {
		opts = &DialOptions{}
	}
	protocols := make([]any, len(opts.Subprotocols))
	for i, p := range opts.Subprotocols {
		protocols[i] = p
	}
	c := &Conn{signal: make(chan struct{}, 1), closed: make(chan struct{})}
	c.readLimit.Store(32768)
	if err := catch(func() {
		c.ws = js.Global().Get("WebSocket").New(url, protocols)
		c.ws.Set("binaryType", "arraybuffer")
	}); err != nil {
		return nil, nil, fmt.Errorf("failed to WebSocket dial %q: %w", url, err)
	}
	opened := make(chan struct{})
	c.on("open", func(js.Value) { close(opened) })
	c.on("message", c.received)
	c.on("close", c.closedBy)
	select {
	case <-opened:
		return c, nil, nil
	case <-c.closed:
		return nil, nil, fmt.Errorf("failed to WebSocket dial %q: the connection closed before it opened (%v)", url, c.err())
	case <-ctx.Done():
		c.CloseNow()
		return nil, nil, fmt.Errorf("failed to WebSocket dial %q: %w", url, ctx.Err())
	}
}

// on adds an event handler, released when the connection closes.
func (c *Conn) on(event string, fn func(js.Value)) {
	f := js.FuncOf(func(_ js.Value, args []js.Value) any {
		fn(args[0])
		return nil
	})
	c.handlers = append(c.handlers, handler{event, f})
	c.ws.Call("addEventListener", event, f)
}

// received queues a message event's data.
func (c *Conn) received(e js.Value) {
	m := message{typ: MessageText}
	data := e.Get("data")
	if data.Type() == js.TypeString {
		m.data = []byte(data.String())
	} else {
		u8 := js.Global().Get("Uint8Array").New(data)
		m.data = make([]byte, u8.Length())
		js.CopyBytesToGo(m.data, u8)
		m.typ = MessageBinary
	}
	c.mu.Lock()
	c.queue = append(c.queue, m)
	c.mu.Unlock()
	select {
	case c.signal <- struct{}{}:
	default:
	}
}

// closedBy records the close event and ends the connection.
func (c *Conn) closedBy(e js.Value) {
	ce := CloseError{Code: StatusCode(e.Get("code").Int()), Reason: e.Get("reason").String()}
	if !e.Get("wasClean").Bool() {
		ce = CloseError{Code: StatusAbnormalClosure, Reason: ce.Reason}
	}
	c.mu.Lock()
	c.closeErr = ce
	c.mu.Unlock()
	close(c.closed)
	for _, h := range c.handlers {
		c.ws.Call("removeEventListener", h.event, h.fn)
	}
	// Released after this handler returns: it is one of them.
	go func() {
		for _, h := range c.handlers {
			h.fn.Release()
		}
	}()
}

// err returns the close event's CloseError.
func (c *Conn) err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closeErr
}

// Read returns the next message. Messages received before the close are
// read first; then Read returns the CloseError. When ctx ends first the
// connection is closed (StatusPolicyViolation, as coder/websocket does).
func (c *Conn) Read(ctx context.Context) (MessageType, []byte, error) {
	for {
		c.mu.Lock()
		if len(c.queue) > 0 {
			m := c.queue[0]
			c.queue[0] = message{}
			c.queue = c.queue[1:]
			c.mu.Unlock()
			if limit := c.readLimit.Load(); limit >= 0 && int64(len(m.data)) > limit {
				reason := fmt.Sprintf("read limited at %d bytes", limit)
				c.Close(StatusMessageTooBig, reason)
				return 0, nil, fmt.Errorf("failed to read: %w: %s", ErrMessageTooBig, reason)
			}
			return m.typ, m.data, nil
		}
		closeErr := c.closeErr
		c.mu.Unlock()
		if closeErr != nil {
			return 0, nil, fmt.Errorf("failed to read: %w", closeErr)
		}
		select {
		case <-c.signal:
		case <-c.closed:
		case <-ctx.Done():
			c.Close(StatusPolicyViolation, "read timed out")
			return 0, nil, fmt.Errorf("failed to read: %w", ctx.Err())
		}
	}
}

// Reader is Read with the message as an io.Reader.
func (c *Conn) Reader(ctx context.Context) (MessageType, io.Reader, error) {
	typ, p, err := c.Read(ctx)
	if err != nil {
		return 0, nil, err
	}
	return typ, bytes.NewReader(p), nil
}

// SetReadLimit sets the largest message Read accepts (-1: no limit);
// 32768 by default.
func (c *Conn) SetReadLimit(n int64) { c.readLimit.Store(n) }

// Write sends a message; the browser queues it, so Write never blocks.
func (c *Conn) Write(_ context.Context, typ MessageType, p []byte) error {
	if c.err() != nil || c.ws.Get("readyState").Int() != 1 { // OPEN
		return fmt.Errorf("failed to write: %w", errClosed)
	}
	err := catch(func() {
		switch typ {
		case MessageText:
			c.ws.Call("send", string(p))
		default:
			u8 := js.Global().Get("Uint8Array").New(len(p))
			js.CopyBytesToJS(u8, p)
			c.ws.Call("send", u8)
		}
	})
	if err != nil {
		return fmt.Errorf("failed to write: %w", err)
	}
	return nil
}

// Close sends a close with code and reason and waits (a few seconds at
// most) for the connection to close. The browser sends only 1000 and
// 3000-4999: another code goes as 1000 with the same reason.
func (c *Conn) Close(code StatusCode, reason string) error {
	if err := c.startClose(code, reason); err != nil {
		return err
	}
	select {
	case <-c.closed:
	case <-time.After(closeWait):
	}
	return nil
}

// CloseNow closes the connection without waiting for the close handshake
// (the browser still performs it).
func (c *Conn) CloseNow() error {
	return c.startClose(StatusNormalClosure, "")
}

func (c *Conn) startClose(code StatusCode, reason string) error {
	if c.err() != nil {
		return fmt.Errorf("failed to close WebSocket: %w", errClosed)
	}
	if code != StatusNormalClosure && (code < 3000 || code > 4999) {
		code = StatusNormalClosure
	}
	for len(reason) > 123 {
		_, n := utf8.DecodeLastRuneInString(reason)
		reason = reason[:len(reason)-n]
	}
	if err := catch(func() { c.ws.Call("close", int(code), reason) }); err != nil {
		return fmt.Errorf("failed to close WebSocket: %w", err)
	}
	return nil
}

// catch runs fn and returns a JavaScript exception it throws as an error.
func catch(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if je, ok := r.(js.Error); ok {
				err = je
				return
			}
			panic(r)
		}
	}()
	fn()
	return nil
}
