package netcode_test

import (
	"testing"

	"arena/netcode"
)

func TestCloseCodeString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code netcode.CloseCode
		want string
	}{
		{netcode.CloseNormal, "normal closure"},
		{netcode.CloseGoingAway, "going away"},
		{netcode.CloseUnsupportedData, "unsupported data"},
		{netcode.ClosePolicyViolation, "policy violation"},
		{netcode.CloseTooBig, "message too big"},
		{netcode.CloseInternalError, "internal error"},
		{netcode.CloseTryAgainLater, "try again later"},
		{netcode.CloseBadMessage, "bad message"},
		{netcode.CloseProtocolViolation, "protocol violation"},
		{netcode.CloseVersionMismatch, "version mismatch"},
		{netcode.CloseSlowConsumer, "slow consumer"},
		{netcode.CloseHelloTimeout, "hello timeout"},
		{4999, "unknown"},
	}
	for _, tt := range tests {
		if got := tt.code.String(); got != tt.want {
			t.Errorf("CloseCode(%d).String() = %q, want %q", tt.code, got, tt.want)
		}
	}
}
