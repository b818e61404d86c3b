package model_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"arena/client"
	"arena/client/ui/model"
)

func TestReconnectLine(t *testing.T) {
	t.Parallel()
	if got := model.ReconnectLine(&client.Stats{}); got != "" {
		t.Errorf("connected: %q, want nothing", got)
	}
	st := client.Stats{Reconnecting: true, ReconnectAttempt: 3, ReconnectingFor: 1200 * time.Millisecond}
	if got := model.ReconnectLine(&st); !strings.HasPrefix(got, "Reconnecting") || !strings.Contains(got, "attempt 3") || !strings.Contains(got, "1.2 s") {
		t.Errorf("reconnecting: %q, want the attempt and the seconds", got)
	}
}

func TestRejoins(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{&client.CloseError{Code: client.CloseResumeRefused}, true},
		{&client.CloseError{Code: client.CloseGoingAway}, false},
		{errors.New("read: EOF"), false},
		{nil, false},
		{fmt.Errorf("wrapped: %w", errors.New("x")), false},
	} {
		if got := model.Rejoins(tt.err); got != tt.want {
			t.Errorf("Rejoins(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
