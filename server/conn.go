package server

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/coder/websocket"

	"arena/game"
	"arena/netcode"
)

// closeAbnormal marks a connection that ended without a close frame we know
// of (the peer vanished, or a write failed). It is never sent.
const closeAbnormal netcode.CloseCode = 0

// closeOther stands for a peer's close code outside netcode's table, so the
// metric labels stay few. It is never sent.
const closeOther netcode.CloseCode = 1

// maxCloseReason is the longest close reason a WebSocket close frame carries.
const maxCloseReason = 123

// conn is one client's WebSocket. Its reader goroutine (serve, on the HTTP
// handler's goroutine; conn_read.go) decodes messages and hands inputs to
// the player's inputBuffer; its writer goroutine (writeLoop, conn_write.go)
// is the only one that writes to the socket. The room puts messages in its
// sendQueue, which never blocks. closeWith may be called from any goroutine.
type conn struct {
	id     uint64
	srv    *Server
	ws     *websocket.Conn
	raw    net.Conn          // the hijacked socket frames are written to; nil: write through ws
	brw    *bufio.ReadWriter // the handshake's buffers: what coder/websocket read ahead
	q      *sendQueue
	inputs *inputBuffer  // this player's inputs, shared with its room
	hello  atomic.Bool   // Hello received
	helloC chan struct{} // closed when Hello arrived

	// logp is the connection's logger (see logger), used by the reader,
	// the writer and the room.
	logp atomic.Pointer[slog.Logger]

	closeOnce   sync.Once
	closing     chan struct{} // closed by closeWith, after the fields below are set
	closeCode   netcode.CloseCode
	closeReason string
	byServer    bool // the server decided to close (not the peer)

	writerDone chan struct{}
	helloDone  chan struct{} // closed when watchHello returns
	leaveOnce  sync.Once
	stalled    atomic.Bool // a write timed out: the socket is closed, no close frame can follow
	abandon    bool        // set by the reader before closing: send the close frame, wait for no answer

	// Polling (conn_poll.go): once polling is set, the room goroutine
	// reads; pollMu guards pollStopped, so finishPolled can take the
	// socket back.
	polling     atomic.Bool
	pollMu      sync.Mutex // guards pollStopped, and ws and raw once polling may start
	pollStopped bool
	sock        socket // the socket once detached from Go's poller (conn_poll.go)
	rbuf        []byte
	ahead       bool // rbuf holds read-ahead bytes not handled yet
	rd          wsReader
	peerClose   []byte // payload of the client's close frame, when it sent one

	// Owned by the reader goroutine, and by the room goroutine once polling.
	dec    *netcode.Decoder
	enc    *netcode.Encoder
	msg    netcode.ClientMessage
	buf    []byte
	room   *Room
	player game.PlayerID
	chat   chatLimiter
	rate   rateLimiter // messages and bytes a second (ratelimit.go)

	// Keepalive (keepalive.go). heard is written by whichever goroutine
	// reads the socket; the room goroutine owns the rest.
	heard       atomic.Int64 // clock time of the last bytes from the peer, Unix ns
	pingAt      int64        // no ping before this, Unix ns (one per PingInterval)
	keepaliveAt int64        // nothing to check before this, Unix ns
	pinging     atomic.Bool  // a ping through coder/websocket is waiting for its pong
}

// newConn makes the conn of ws; raw is the socket under it, or nil when
// the caller does not have it (then every frame goes through ws).
func newConn(s *Server, ws *websocket.Conn, raw net.Conn, brw *bufio.ReadWriter, id uint64, remote string) *conn {
	var direct func([]byte) (int, error)
	if raw != nil {
		direct = nonBlockingWriter(raw)
	}
	c := &conn{
		id:         id,
		srv:        s,
		ws:         ws,
		raw:        raw,
		brw:        brw,
		q:          newSendQueue(s.cfg.SendQueue, direct),
		inputs:     &inputBuffer{},
		helloC:     make(chan struct{}),
		closing:    make(chan struct{}),
		writerDone: make(chan struct{}),
		helloDone:  make(chan struct{}),
		dec:        netcode.NewDecoder(),
		enc:        netcode.NewEncoder(),
		buf:        make([]byte, 0, 256),
		rate:       newRateLimiter(s.cfg.Limits),
	}
	c.logp.Store(s.log.With("conn", id, "remote", remote))
	c.noteHeard(s.clock.Now())
	return c
}

// logger returns the connection's logger: its lines carry conn and remote,
// and room and player once the player has a seat (setSeat).
func (c *conn) logger() *slog.Logger { return c.logp.Load() }

// setSeat records the room and player this connection plays, and makes
// every later log line of the connection say them. It runs on the reader
// goroutine, before the room may read the socket.
func (c *conn) setSeat(room *Room, id game.PlayerID) {
	c.room, c.player = room, id
	c.logp.Store(c.logger().With("room", room.id, "player", id))
}

// pingReceived answers a WebSocket ping frame through the send queue, so
// that only the writer and the room's direct path write to the socket
// (coder/websocket would answer from the reader goroutine).
func (c *conn) pingReceived(_ context.Context, payload []byte) bool {
	now := c.srv.clock.Now()
	c.noteHeard(now)
	if !c.allowMessage(len(payload), now) {
		return false // closing: no pong
	}
	if c.raw == nil {
		return true // coder/websocket writes everything: let it answer
	}
	c.q.pushFrame(framePong, payload)
	return false
}

// queue implements peer.
func (c *conn) queue() *sendQueue { return c.q }

// fellBehind implements peer: the client missed what it must not miss.
func (c *conn) fellBehind(reason string) {
	c.logger().Warn("slow consumer", "reason", reason)
	c.closeWith(netcode.CloseSlowConsumer, reason, true)
}

// closeWith asks the writer to close the connection with code and reason.
// The first call wins; it never blocks.
func (c *conn) closeWith(code netcode.CloseCode, reason string, byServer bool) {
	c.closeOnce.Do(func() {
		c.closeCode, c.closeReason, c.byServer = code, truncateReason(reason), byServer
		close(c.closing)
	})
}

// reject closes the connection for bad input: logged and counted by kind.
func (c *conn) reject(code netcode.CloseCode, reason, kind string) {
	c.srv.metrics.BadMessages.Inc(kind)
	c.logger().Warn("bad input: closing connection", "code", int(code), "reason", reason, "kind", kind)
	c.closeWith(code, reason, true)
}

// sendReliable queues a message that must arrive; a full queue closes the
// slow consumer.
func (c *conn) sendReliable(b []byte) {
	if !c.q.pushReliable(b) {
		select {
		case <-c.closing:
		default:
			c.fellBehind("too many unsent messages: the client is not reading")
		}
	}
}

// serve runs the connection: it starts the writer and the Hello timer,
// then reads on the calling goroutine (the HTTP handler's). Once the player
// has joined and the room polls the socket, serve returns at once and the
// writer goroutine ends the connection: an idle joined player then costs
// one goroutine, and net/http's buffers and handler stack are let go.
func (c *conn) serve() {
	c.srv.metrics.Connections.Add(1)
	c.srv.metrics.ConnectionsOpen.Add(1)
	c.logger().Debug("connected")
	go c.writeLoop()
	go c.watchHello(c.helloDone)

	if c.ws.Subprotocol() != netcode.Subprotocol {
		c.reject(netcode.CloseVersionMismatch, subprotocolRequired, "subprotocol")
	} else if c.readLoop() && c.startPolling() {
		return // the room reads from now on; the writer calls end
	} else if c.room != nil {
		c.readLoop() // no socket to poll: go on reading here
	}
	c.end()
}

// leaveRoom takes the player out of its room, once.
func (c *conn) leaveRoom() {
	c.leaveOnce.Do(func() {
		if c.room != nil {
			c.room.submitLeave(c.player, c, c.keepsSeat())
		}
	})
}

// end finishes the connection's bookkeeping once reading has stopped: the
// player leaves, the writer ends, and the disconnect is counted and logged.
// It runs on the reader goroutine, or on the writer's for a polled
// connection.
func (c *conn) end() {
	c.leaveRoom()
	c.closeWith(closeAbnormal, "", false) // make sure the writer ends
	<-c.writerDone
	<-c.helloDone
	label := strconv.Itoa(int(c.closeCode))
	switch c.closeCode {
	case closeAbnormal:
		label = "abnormal"
	case closeOther:
		label = "other"
	}
	c.srv.metrics.Disconnects.Inc(label)
	c.srv.metrics.ConnectionsOpen.Add(-1)
	c.logger().Info("disconnected", "code", label, "reason", c.closeReason, "by_server", c.byServer)
	c.srv.unregister(c)
}

// closeNow drops the connection without a close handshake, from any
// goroutine (a shutdown out of time). A polled connection has no
// coder/websocket side left; its writer ends within closeWait.
func (c *conn) closeNow() {
	c.pollMu.Lock()
	ws := c.ws
	c.pollMu.Unlock()
	if ws != nil {
		_ = ws.CloseNow()
	}
}

// subprotocolRequired is the close reason for a client that offered no
// subprotocol (one that offered only others is refused during the handshake).
var subprotocolRequired = fmt.Sprintf("subprotocol %q required", netcode.Subprotocol)

// watchHello closes the connection when no Hello arrives in time.
func (c *conn) watchHello(done chan<- struct{}) {
	defer close(done)
	t := c.srv.clock.NewTimer()
	defer t.Stop()
	t.Reset(c.srv.cfg.HelloTimeout)
	select {
	case <-t.C():
		if !c.hello.Load() {
			c.reject(netcode.CloseHelloTimeout,
				fmt.Sprintf("no Hello within %v", c.srv.cfg.HelloTimeout), "hello_timeout")
		}
	case <-c.helloC:
	case <-c.closing:
	}
}

// peerCloseCode maps a peer's close code to one of netcode's table, so the
// metric labels stay few.
func peerCloseCode(code websocket.StatusCode) netcode.CloseCode {
	switch cc := netcode.CloseCode(code); cc {
	case netcode.CloseNormal, netcode.CloseGoingAway, netcode.CloseProtocolError, netcode.CloseUnsupportedData,
		netcode.ClosePolicyViolation, netcode.CloseTooBig, netcode.CloseInternalError,
		netcode.CloseTryAgainLater, netcode.CloseBadMessage, netcode.CloseProtocolViolation,
		netcode.CloseVersionMismatch, netcode.CloseSlowConsumer, netcode.CloseHelloTimeout, netcode.CloseIdleTimeout,
		netcode.CloseResumeRefused, netcode.CloseReplaced:
		return cc
	}
	return closeOther
}

// truncateReason cuts s to fit a close frame, on a rune boundary.
func truncateReason(s string) string { return netcode.CutString(s, maxCloseReason) }
