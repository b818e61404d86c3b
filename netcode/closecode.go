package netcode

// CloseCode is a WebSocket close status code as Arena uses it. The server
// converts it to the transport's type; netcode does not import the network.
type CloseCode uint16

// The close-code table (also in docs/protocol.md).
const (
	CloseNormal            CloseCode = 1000 // Leave, or a clean end
	CloseGoingAway         CloseCode = 1001 // server shutting down
	CloseUnsupportedData   CloseCode = 1003 // a text frame
	ClosePolicyViolation   CloseCode = 1008 // handshake/policy refusal
	CloseTooBig            CloseCode = 1009 // frame over MaxClientFrame
	CloseInternalError     CloseCode = 1011 // server bug; never the peer's fault
	CloseTryAgainLater     CloseCode = 1013 // server full
	CloseBadMessage        CloseCode = 4000 // undecodable or out-of-range message
	CloseProtocolViolation CloseCode = 4001 // a valid message at the wrong time (e.g. Input before Hello)
	CloseVersionMismatch   CloseCode = 4002 // Hello.Version or subprotocol not supported
	CloseSlowConsumer      CloseCode = 4003 // the client did not read its messages in time
	CloseHelloTimeout      CloseCode = 4004 // no Hello within the handshake timeout
)
