package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf8"

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
// handler's goroutine) decodes messages and talks to the room; its writer
// goroutine (writeLoop) is the only one that writes to the socket. The room
// hands it messages through sendSnapshot and sendReliable, which never
// block. closeWith may be called from any goroutine.
type conn struct {
	id     uint64
	srv    *Server
	ws     *websocket.Conn
	log    *slog.Logger // immutable: used by the reader, the writer and the room
	queue  *sendQueue
	hello  atomic.Bool   // Hello received
	helloC chan struct{} // closed when Hello arrived

	closeOnce   sync.Once
	closing     chan struct{} // closed by closeWith, after the fields below are set
	closeCode   netcode.CloseCode
	closeReason string
	byServer    bool // the server decided to close (not the peer)

	writerDone chan struct{}

	// Owned by the reader goroutine.
	dec     *netcode.Decoder
	enc     *netcode.Encoder
	msg     netcode.ClientMessage
	buf     []byte
	room    *Room
	player  game.PlayerID
	lastSeq uint32 // highest input Seq forwarded to the room
	batch   inputBatch
	chat    chatLimiter
}

func newConn(s *Server, ws *websocket.Conn, id uint64, remote string) *conn {
	return &conn{
		id:         id,
		srv:        s,
		ws:         ws,
		log:        s.log.With("conn", id, "remote", remote),
		queue:      newSendQueue(s.cfg.SendQueue),
		helloC:     make(chan struct{}),
		closing:    make(chan struct{}),
		writerDone: make(chan struct{}),
		dec:        netcode.NewDecoder(),
		enc:        netcode.NewEncoder(),
		buf:        make([]byte, 0, 512),
	}
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
	c.log.Warn("bad input: closing connection", "code", int(code), "reason", reason, "kind", kind)
	c.closeWith(code, reason, true)
}

// sendSnapshot implements peer.
func (c *conn) sendSnapshot(b []byte) {
	if c.queue.pushSnapshot(b) {
		c.srv.metrics.SnapshotsStale.Add(1)
	}
}

// sendReliable implements peer; a full queue closes the slow consumer.
func (c *conn) sendReliable(b []byte) {
	if !c.queue.pushReliable(b) {
		select {
		case <-c.closing:
		default:
			c.log.Warn("slow consumer: reliable queue full")
			c.closeWith(netcode.CloseSlowConsumer, "too many unsent messages: the client is not reading", true)
		}
	}
}

// serve runs the connection until it ends: it starts the writer and the
// Hello timer, then reads on the calling goroutine.
func (c *conn) serve() {
	c.srv.metrics.Connections.Add(1)
	c.log.Debug("connected")
	go c.writeLoop()
	helloDone := make(chan struct{})
	go c.watchHello(helloDone)

	if c.ws.Subprotocol() != netcode.Subprotocol {
		c.reject(netcode.CloseVersionMismatch,
			fmt.Sprintf("subprotocol %q required", netcode.Subprotocol), "subprotocol")
	} else {
		c.readLoop()
	}

	if c.room != nil {
		c.room.submitLeave(c.player)
	}
	c.closeWith(closeAbnormal, "", false) // make sure the writer ends
	<-c.writerDone
	<-helloDone
	label := strconv.Itoa(int(c.closeCode))
	switch c.closeCode {
	case closeAbnormal:
		label = "abnormal"
	case closeOther:
		label = "other"
	}
	c.srv.metrics.Disconnects.Inc(label)
	var room string
	if c.room != nil {
		room = c.room.id
	}
	c.log.Info("disconnected", "code", label, "reason", c.closeReason, "by_server", c.byServer,
		"room", room, "player", c.player)
}

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

// readLoop reads and handles messages until the connection ends.
func (c *conn) readLoop() {
	for {
		typ, b, err := c.readMessage()
		if err != nil {
			c.readFailed(err)
			return
		}
		if typ != websocket.MessageBinary {
			c.reject(netcode.CloseUnsupportedData, "text frames are not supported", "text_frame")
			return
		}
		if err := c.dec.DecodeClient(b, &c.msg); err != nil {
			c.reject(netcode.CloseBadMessage, netcode.CloseReason(err), "decode")
			return
		}
		if !c.handle(&c.msg) {
			return
		}
	}
}

// readMessage reads one message into the connection's reusable buffer.
// Text messages are not read (the connection is closed for them).
func (c *conn) readMessage() (websocket.MessageType, []byte, error) {
	typ, r, err := c.ws.Reader(context.Background())
	if err != nil {
		return 0, nil, err
	}
	if typ != websocket.MessageBinary {
		return typ, nil, nil
	}
	b := c.buf[:0]
	for {
		if len(b) == cap(b) {
			// Grow; the read limit (netcode.MaxClientFrame) bounds it.
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if errors.Is(err, io.EOF) {
			c.buf = b
			return typ, b, nil
		}
		if err != nil {
			return 0, nil, err
		}
	}
}

// readFailed records why reading stopped.
func (c *conn) readFailed(err error) {
	select {
	case <-c.closing:
		return // we are closing; the read error is the consequence
	default:
	}
	if errors.Is(err, websocket.ErrMessageTooBig) {
		// coder/websocket has already sent close 1009 with its reason.
		c.reject(netcode.CloseTooBig, fmt.Sprintf("message over %d bytes", netcode.MaxClientFrame), "too_big")
		return
	}
	if code := websocket.CloseStatus(err); code != -1 {
		c.closeWith(peerCloseCode(code), closeErrorReason(err), false)
		return
	}
	c.closeWith(closeAbnormal, err.Error(), false)
}

// peerCloseCode maps a peer's close code to one of netcode's table, so the
// metric labels stay few.
func peerCloseCode(code websocket.StatusCode) netcode.CloseCode {
	switch cc := netcode.CloseCode(code); cc {
	case netcode.CloseNormal, netcode.CloseGoingAway, netcode.CloseUnsupportedData,
		netcode.ClosePolicyViolation, netcode.CloseTooBig, netcode.CloseInternalError,
		netcode.CloseTryAgainLater, netcode.CloseBadMessage, netcode.CloseProtocolViolation,
		netcode.CloseVersionMismatch, netcode.CloseSlowConsumer, netcode.CloseHelloTimeout:
		return cc
	}
	return closeOther
}

func closeErrorReason(err error) string {
	var ce websocket.CloseError
	if errors.As(err, &ce) {
		return ce.Reason
	}
	return ""
}

// handle acts on one decoded message; it returns false when the connection
// is closing.
func (c *conn) handle(m *netcode.ClientMessage) bool {
	if m.Type != netcode.MsgHello && c.room == nil {
		c.reject(netcode.CloseProtocolViolation,
			fmt.Sprintf("%s before Hello", msgName(m.Type)), "protocol")
		return false
	}
	switch m.Type {
	case netcode.MsgHello:
		return c.handleHello(&m.Hello)
	case netcode.MsgInput:
		c.handleInputs(&m.Input)
	case netcode.MsgPing:
		c.sendReliable(c.enc.Pong(&netcode.Pong{ClientTime: m.Ping.ClientTime, ServerTick: c.room.Tick()}))
	case netcode.MsgChat:
		c.handleChat(m.Chat.Text)
	case netcode.MsgLeave:
		c.closeWith(netcode.CloseNormal, "bye", true)
		return false
	default:
		c.reject(netcode.CloseProtocolViolation,
			fmt.Sprintf("message type %d is not a client message", m.Type), "protocol")
		return false
	}
	return true
}

func (c *conn) handleHello(h *netcode.Hello) bool {
	if c.hello.Swap(true) {
		c.reject(netcode.CloseProtocolViolation, "second Hello", "protocol")
		return false
	}
	close(c.helloC)
	if h.Version != netcode.Version {
		c.reject(netcode.CloseVersionMismatch,
			fmt.Sprintf("protocol version %d not supported: this server speaks %d", h.Version, netcode.Version), "version")
		return false
	}
	room, id, err := c.srv.join(h.Name, h.Room, c)
	if err != nil {
		code, reason := netcode.CloseInternalError, "could not join a room"
		if errors.Is(err, errShuttingDown) || errors.Is(err, errRoomClosed) {
			code, reason = netcode.CloseGoingAway, "server shutting down"
		}
		c.log.Warn("join failed", "err", err)
		c.closeWith(code, reason, true)
		return false
	}
	c.room, c.player = room, id
	c.log.Info("joined", "room", room.id, "player", id)
	return true
}

// handleInputs forwards the frames the room has not seen yet.
func (c *conn) handleInputs(in *netcode.Inputs) {
	c.batch.id = c.player
	c.batch.n = 0
	for _, f := range in.Window() {
		if f.Seq > c.lastSeq {
			c.batch.frames[c.batch.n] = f
			c.batch.n++
			c.lastSeq = f.Seq
		}
	}
	if c.batch.n > 0 {
		c.room.submitInput(&c.batch)
	}
}

func (c *conn) handleChat(text string) {
	text = sanitizeChat(text)
	if text == "" {
		return
	}
	if !c.chat.allow(c.srv.clock.Now()) {
		c.srv.metrics.ChatDropped.Add(1)
		c.sendReliable(c.enc.Error(&netcode.Error{
			Code:    ErrorChatRateLimited,
			Message: fmt.Sprintf("chat too fast: at most %d lines per %v", chatBurst, chatWindow),
		}))
		return
	}
	if !c.room.submitChat(c.player, text) {
		c.srv.metrics.ChatDropped.Add(1)
	}
}

// writeLoop is the connection's writer goroutine: it writes queued messages
// until the connection closes, then performs the close handshake.
func (c *conn) writeLoop() {
	defer close(c.writerDone)
	for {
		select {
		case <-c.closing:
			c.finish()
			return
		case <-c.queue.wake:
		}
		for {
			select {
			case <-c.closing:
				c.finish()
				return
			default:
			}
			b, isSnapshot, ok := c.queue.take()
			if !ok {
				break
			}
			if err := c.write(b); err != nil {
				c.finish()
				return
			}
			if isSnapshot {
				c.queue.recycle(b)
			}
		}
	}
}

// write writes one message, closing the connection as a slow consumer when
// it takes longer than WriteTimeout.
func (c *conn) write(b []byte) error {
	ctx, cancel := context.WithTimeout(context.Background(), c.srv.cfg.WriteTimeout)
	defer cancel()
	err := c.ws.Write(ctx, websocket.MessageBinary, b)
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		c.log.Warn("slow consumer: write timed out", "timeout", c.srv.cfg.WriteTimeout)
		c.closeWith(netcode.CloseSlowConsumer, "write timed out: the client is not reading", true)
	} else {
		c.closeWith(closeAbnormal, err.Error(), false)
	}
	return err
}

// finish closes the socket with the recorded code: a close handshake when
// the server decided to close, else at once (the peer closed, and
// coder/websocket has answered its close frame, or the peer vanished).
func (c *conn) finish() {
	c.queue.close()
	if !c.byServer || c.closeCode == closeAbnormal {
		_ = c.ws.CloseNow()
		return
	}
	_ = c.ws.Close(websocket.StatusCode(c.closeCode), c.closeReason)
}

// truncateReason cuts s to fit a close frame, on a rune boundary.
func truncateReason(s string) string {
	if len(s) <= maxCloseReason {
		return s
	}
	cut := maxCloseReason
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

func msgName(t netcode.MsgType) string {
	switch t {
	case netcode.MsgInput:
		return "Input"
	case netcode.MsgPing:
		return "Ping"
	case netcode.MsgChat:
		return "Chat"
	case netcode.MsgLeave:
		return "Leave"
	}
	return "message type " + strconv.Itoa(int(t))
}
