//go:build !js

package ws

import "github.com/coder/websocket"

// The native build is coder/websocket itself.
type (
	Conn        = websocket.Conn
	DialOptions = websocket.DialOptions
	CloseError  = websocket.CloseError
	StatusCode  = websocket.StatusCode
	MessageType = websocket.MessageType
)

const (
	MessageText   = websocket.MessageText
	MessageBinary = websocket.MessageBinary

	StatusNormalClosure   = websocket.StatusNormalClosure
	StatusGoingAway       = websocket.StatusGoingAway
	StatusUnsupportedData = websocket.StatusUnsupportedData
	StatusPolicyViolation = websocket.StatusPolicyViolation
	StatusMessageTooBig   = websocket.StatusMessageTooBig
	StatusAbnormalClosure = websocket.StatusAbnormalClosure
	StatusInternalError   = websocket.StatusInternalError
)

// ErrMessageTooBig is returned by Read for a message over the read limit.
var ErrMessageTooBig = websocket.ErrMessageTooBig

// Dial is websocket.Dial.
var Dial = websocket.Dial
