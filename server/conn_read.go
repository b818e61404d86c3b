package server

// The connection's reader: it decodes each message and acts on it. Inputs go
// straight to the player's inputBuffer; a Ping is answered in the next
// snapshot; chat goes to the room.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/coder/websocket"

	"arena/netcode"
)

// readLoop reads and handles messages until the connection ends, or, when
// the client has just joined a room, returns true at once (with the socket
// at a message boundary) so that the room can poll it.
func (c *conn) readLoop() (joined bool) {
	for {
		typ, b, err := c.readMessage()
		if err != nil {
			c.readFailed(err)
			return false
		}
		if !c.allowMessage(len(b), c.srv.clock.Now()) {
			return false
		}
		if typ != websocket.MessageBinary {
			c.reject(netcode.CloseUnsupportedData, "text frames are not supported", "text_frame")
			return false
		}
		if err := c.dec.DecodeClient(b, &c.msg); err != nil {
			c.reject(netcode.CloseBadMessage, netcode.CloseReason(err), "decode")
			return false
		}
		wasJoined := c.room != nil
		if !c.handle(&c.msg) {
			return false
		}
		if !wasJoined && c.room != nil && c.raw != nil {
			return true
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
	c.noteHeard(c.srv.clock.Now())
	c.srv.metrics.MessagesReceived.Add(1)
	if typ != websocket.MessageBinary {
		return typ, nil, nil
	}
	b := c.buf[:0]
	for {
		if len(b) > netcode.MaxClientFrame {
			return 0, nil, errTooBig
		}
		if len(b) == cap(b) {
			// Grow; the limit above bounds it.
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):min(cap(b), netcode.MaxClientFrame+1)])
		b = b[:len(b)+n]
		if errors.Is(err, io.EOF) {
			c.buf = b
			c.srv.metrics.BytesReceived.Add(uint64(len(b) + maskedHeaderLen(len(b))))
			return typ, b, nil
		}
		if err != nil {
			return 0, nil, err
		}
	}
}

// maskedHeaderLen is the header length of a single masked (client) frame
// carrying n payload bytes: what the reader goroutine counts, as it does
// not see the frames coder/websocket parsed.
func maskedHeaderLen(n int) int {
	switch {
	case n < 126:
		return 2 + 4
	case n < 1<<16:
		return 4 + 4
	}
	return 10 + 4
}

// errTooBig is a client message over netcode.MaxClientFrame.
var errTooBig = errors.New("message too big")

// tooBigReason is the close reason for errTooBig, here and in wsReader.
var tooBigReason = fmt.Sprintf("message over %d bytes", netcode.MaxClientFrame)

// readFailed records why reading stopped.
func (c *conn) readFailed(err error) {
	select {
	case <-c.closing:
		return // we are closing; the read error is the consequence
	default:
	}
	if errors.Is(err, errTooBig) {
		c.abandon = true // the rest of the frame is not worth reading
		c.reject(netcode.CloseTooBig, tooBigReason, "too_big")
		return
	}
	if code := websocket.CloseStatus(err); code != -1 {
		c.closeWith(peerCloseCode(code), closeErrorReason(err), false)
		return
	}
	c.closeWith(closeAbnormal, err.Error(), false)
}

func closeErrorReason(err error) string {
	var ce websocket.CloseError
	if errors.As(err, &ce) {
		return ce.Reason
	}
	return ""
}

// handle acts on one decoded message; it returns false when the connection
// is closing. A message type this protocol version does not know is ignored
// once the client has said Hello.
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
		return c.handleInputs(&m.Input)
	case netcode.MsgPing:
		c.inputs.notePing(m.Ping.ClientTime, c.srv.clock.Now())
	case netcode.MsgChat:
		c.handleChat(m.Chat.Text)
	case netcode.MsgLeave:
		c.closeWith(netcode.CloseNormal, "bye", true)
		return false
	default:
		c.srv.metrics.MessagesIgnored.Add(1)
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
	if len(h.ResumeToken) > 0 {
		return c.resumeSeat(h.ResumeToken)
	}
	wish := Wish{Room: h.Room, Private: h.Flags&netcode.HelloPrivate != 0}
	room, id, err := c.srv.join(h.Name, wish, c, c.inputs)
	if err != nil {
		c.joinFailed(err)
		return false
	}
	c.setSeat(room, id)
	c.srv.metrics.JoinResults.Inc(JoinJoined)
	c.logger().Info("joined")
	return true
}

// resumeSeat takes over the seat token names; a token that names none is
// refused with 4006.
func (c *conn) resumeSeat(token []byte) bool {
	room, id, inputs, err := c.srv.resume(token, c)
	if errors.Is(err, errResumeRefused) {
		c.srv.metrics.ResumesRefused.Add(1)
		c.srv.metrics.JoinResults.Inc(JoinResumeRefused)
		c.logger().Info("resume refused")
		c.closeWith(netcode.CloseResumeRefused, resumeRefusedReason, true)
		return false
	}
	if err != nil {
		c.joinFailed(err)
		return false
	}
	// The reader has not handed c.inputs to anyone: it is this goroutine's
	// to replace with the seat's, which keeps the seq of the inputs it got.
	c.inputs = inputs
	c.setSeat(room, id)
	c.srv.metrics.JoinResults.Inc(JoinResumed)
	c.logger().Info("resumed")
	return true
}

// joinFailed closes a connection whose join or resume failed.
func (c *conn) joinFailed(err error) {
	code, reason, result := netcode.CloseInternalError, "could not join a room", JoinError
	var re *RoomError
	switch {
	case errors.Is(err, errShuttingDown) || errors.Is(err, errRoomClosed):
		code, reason, result = netcode.CloseGoingAway, "server shutting down", JoinShuttingDown
	case errors.As(err, &re):
		// The player's own wish: a clear refusal, not a server fault.
		code, reason, result = netcode.CloseNoSuchRoom, truncateReason(re.Error()), JoinNoSuchRoom
		if errors.Is(err, ErrRoomFull) {
			code, result = netcode.CloseRoomFull, JoinRoomFull
		}
		c.srv.metrics.JoinResults.Inc(result)
		c.logger().Info("join refused", "reason", reason)
		c.closeWith(code, reason, true)
		return
	}
	c.srv.metrics.JoinResults.Inc(result)
	c.logger().Warn("join failed", "err", err)
	c.closeWith(code, reason, true)
}

// handleInputs hands new inputs to the player's buffer. An ack_tick of a
// snapshot the server never sent, and a message that skips seqs, break the
// rules a predicting client depends on: both close the connection.
func (c *conn) handleInputs(in *netcode.Inputs) bool {
	if sent := c.q.takenTick(); in.AckTick > sent {
		c.reject(netcode.CloseProtocolViolation,
			fmt.Sprintf("inputs: ack_tick %d is ahead of the newest snapshot sent (%d)", in.AckTick, sent), "protocol")
		return false
	}
	overflow, err := c.inputs.push(in, c.srv.clock.Now())
	if err != nil {
		c.reject(netcode.CloseProtocolViolation, err.Error(), "protocol")
		return false
	}
	if overflow > 0 {
		c.srv.metrics.InputsOverflow.Add(uint64(overflow))
	}
	c.inputs.noteAck(in.AckTick)
	return true
}

func (c *conn) handleChat(text string) {
	text = sanitizeChat(text)
	if text == "" {
		return
	}
	if now := c.srv.clock.Now(); !c.chat.allow(now) {
		c.srv.metrics.ChatDropped.Add(1)
		if c.chat.warn(now) {
			c.sendReliable(c.enc.Error(&netcode.Error{Code: ErrorChatRateLimited, Message: chatTooFast}))
		}
		return
	}
	if !c.room.submitChat(c.player, text) {
		c.srv.metrics.ChatDropped.Add(1)
	}
}

func msgName(t netcode.MsgType) string {
	switch t {
	case netcode.MsgInput:
		return "Inputs"
	case netcode.MsgPing:
		return "Ping"
	case netcode.MsgChat:
		return "Chat"
	case netcode.MsgLeave:
		return "Leave"
	}
	return "message type " + strconv.Itoa(int(t))
}
