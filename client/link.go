package client

// The link: one WebSocket connection of a Session and the goroutines that
// end with it (reader, writer, pinger, write watchdog). What survives a
// lost connection (view, prediction, interpolation, clock, pacer, names,
// events, stats, the input log) is the Session's; a resume (reconnect.go)
// starts a new link on the same Session.

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	websocket "arena/client/internal/ws"

	"arena/netcode"
)

// link is one connection of a Session, from Welcome to its end.
type link struct {
	conn *websocket.Conn
	dec  *netcode.Decoder // the reader's

	dead       chan struct{}      // closed when the reader has stopped
	stopPing   context.CancelFunc // ends the ping goroutine
	pingDone   chan struct{}      // closed when the ping goroutine has stopped
	stopWriter chan struct{}      // closed (once) to stop the writer
	stopOnce   sync.Once
	writerDone chan struct{} // closed when the writer has stopped

	// The writer's: only it writes to conn until stopWriter is closed,
	// then only Close does.
	wenc     *netcode.Encoder
	inMsg    netcode.Inputs
	watchdog *time.Timer // closes the connection when a write stalls
	writing  atomic.Bool // a write is in progress
}

// newLink wraps a connection that has just received Welcome; start runs it.
func newLink(conn *websocket.Conn, dec *netcode.Decoder) *link {
	l := &link{
		conn:       conn,
		dec:        dec,
		dead:       make(chan struct{}),
		pingDone:   make(chan struct{}),
		stopWriter: make(chan struct{}),
		writerDone: make(chan struct{}),
		wenc:       netcode.NewEncoder(),
	}
	l.watchdog = newWatchdog(l.writeStalled)
	return l
}

// start runs the link's writer and pinger; the caller runs its reader
// (Session.run).
func (l *link) start(s *Session) {
	ctx, stop := context.WithCancel(context.Background())
	l.stopPing = stop
	go s.writeLoop(l)
	go s.pingLoop(ctx, l)
}

// stopSenders stops the pinger and the writer and waits for both. It may
// be called more than once and concurrently.
func (l *link) stopSenders() {
	l.stopPing()
	<-l.pingDone
	l.stopOnce.Do(func() { close(l.stopWriter) })
	<-l.writerDone
}

// write sends one binary message and counts its bytes. Only the writer
// goroutine calls it, and Close once the writer has stopped. No context
// with a deadline goes to the library (that costs allocations per write):
// a watchdog timer armed around the write closes a connection whose write
// takes longer than writeTimeout.
func (l *link) write(s *Session, b []byte) error {
	l.writing.Store(true)
	l.watchdog.Reset(writeTimeout)
	err := l.conn.Write(context.Background(), websocket.MessageBinary, b)
	l.watchdog.Stop()
	l.writing.Store(false)
	if err != nil {
		return fmt.Errorf("write %s: %w", s.url, err)
	}
	s.mu.Lock()
	s.stats.BytesUp += uint64(len(b))
	s.mu.Unlock()
	return nil
}

// writeStalled is the watchdog: a write took longer than writeTimeout.
func (l *link) writeStalled() {
	if l.writing.Load() {
		l.conn.CloseNow()
	}
}

// newWatchdog returns a stopped timer that calls f.
func newWatchdog(f func()) *time.Timer {
	t := time.AfterFunc(time.Hour, f)
	t.Stop()
	return t
}
