package netcode

// This file holds what the encoder and the decoder share: the error a
// decoder returns for a bad message. Encoding is in encode.go, decoding in
// decode*.go.

import "errors"

// maxReasonBytes is the longest DecodeError.Reason: a WebSocket close reason
// must fit in a 125-byte control frame together with the 2-byte code, and we
// keep a margin.
const maxReasonBytes = 100

// DecodeError is returned for any message that is not valid; Reason is short
// (fits a WebSocket close reason, <= 100 bytes) and says what was wrong, for
// example "inputs: window length 40 > 16".
type DecodeError struct{ Reason string }

// Error returns the reason with a "netcode: bad message: " prefix.
func (e *DecodeError) Error() string { return "netcode: bad message: " + e.Reason }

// CloseReason returns the text to send with CloseBadMessage for err: the
// DecodeError's Reason when err is (or wraps) one, else "bad message".
func CloseReason(err error) string {
	var de *DecodeError
	if errors.As(err, &de) {
		return de.Reason
	}
	return "bad message"
}
