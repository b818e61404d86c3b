package netcode

// CloseCode is a WebSocket close status code as Arena uses it. The server
// converts it to the transport's type; netcode does not import the network.
type CloseCode uint16

// The close-code table (also in docs/protocol.md).
const (
	CloseNormal            CloseCode = 1000 // Leave, or a clean end
	CloseGoingAway         CloseCode = 1001 // server shutting down
	CloseProtocolError     CloseCode = 1002 // a frame that breaks RFC 6455 (unmasked, reserved bits, bad opcode...)
	CloseUnsupportedData   CloseCode = 1003 // a text frame
	ClosePolicyViolation   CloseCode = 1008 // messages or bytes over the per-connection rate (a foreign Origin gets HTTP 403)
	CloseTooBig            CloseCode = 1009 // frame over MaxClientFrame
	CloseInternalError     CloseCode = 1011 // server bug; never the peer's fault
	CloseTryAgainLater     CloseCode = 1013 // shutting down during the handshake, or a connection limit
	CloseBadMessage        CloseCode = 4000 // undecodable or out-of-range message
	CloseProtocolViolation CloseCode = 4001 // a valid message at the wrong time (e.g. Input before Hello)
	CloseVersionMismatch   CloseCode = 4002 // Hello.Version or subprotocol not supported
	CloseSlowConsumer      CloseCode = 4003 // the client did not read its messages in time
	CloseHelloTimeout      CloseCode = 4004 // no Hello within the handshake timeout
	CloseIdleTimeout       CloseCode = 4005 // a joined client sent nothing, not even a pong, within the idle timeout
	CloseResumeRefused     CloseCode = 4006 // Hello's resume token is unknown, used, expired or forged: join afresh
	CloseReplaced          CloseCode = 4007 // the seat was resumed on another connection
	CloseNoSuchRoom        CloseCode = 4008 // Hello named a room (id or code) that does not exist here
	CloseRoomFull          CloseCode = 4009 // Hello named a room that has no free seat
)

// String names c as the close-code table does ("bad message", "going away"),
// or "unknown" for a code outside the table.
func (c CloseCode) String() string {
	switch c {
	case CloseNormal:
		return "normal closure"
	case CloseGoingAway:
		return "going away"
	case CloseProtocolError:
		return "protocol error"
	case CloseUnsupportedData:
		return "unsupported data"
	case ClosePolicyViolation:
		return "policy violation"
	case CloseTooBig:
		return "message too big"
	case CloseInternalError:
		return "internal error"
	case CloseTryAgainLater:
		return "try again later"
	case CloseBadMessage:
		return "bad message"
	case CloseProtocolViolation:
		return "protocol violation"
	case CloseVersionMismatch:
		return "version mismatch"
	case CloseSlowConsumer:
		return "slow consumer"
	case CloseHelloTimeout:
		return "hello timeout"
	case CloseIdleTimeout:
		return "idle timeout"
	case CloseResumeRefused:
		return "resume refused"
	case CloseReplaced:
		return "replaced"
	case CloseNoSuchRoom:
		return "no such room"
	case CloseRoomFull:
		return "room full"
	}
	return "unknown"
}
