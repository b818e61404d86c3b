package model_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"arena/client"
	"arena/client/ui/model"
)

func TestDescribeError(t *testing.T) {
	t.Parallel()
	const server = "ws://127.0.0.1:1/ws"
	tests := []struct {
		name         string
		st           model.Stage
		err          error
		head, detail string // detail: a substring
	}{
		{"refused", model.StageConnect, errors.New("connect ws://127.0.0.1:1/ws: connection refused"), "Cannot reach the server", "connection refused"},
		{"timeout", model.StageConnect, fmt.Errorf("dial: %w", context.DeadlineExceeded), "The server did not answer in time", server},
		{"full", model.StageConnect, &client.CloseError{Code: client.CloseTryAgainLater, Reason: "room full"}, "The server is full", "close code 1013 (try again later): room full"},
		{"shutdown", model.StagePlay, &client.CloseError{Code: client.CloseGoingAway, Reason: "server shutting down"}, "The server is shutting down", "1001 (going away)"},
		{"no such room", model.StageConnect, &client.CloseError{Code: client.CloseNoSuchRoom, Reason: "no such room: K7M2QX"}, "No such room", "no room has that code (a typo, or everyone left it): no such room: K7M2QX"},
		{"room full", model.StageConnect, &client.CloseError{Code: client.CloseRoomFull, Reason: "room full: K7M2QX"}, "That room is full", "room full: K7M2QX: try again when someone leaves"},
		{"version", model.StageConnect, &client.CloseError{Code: client.CloseVersionMismatch}, "This client does not match the server's version", "close code 4002 (version mismatch)"},
		{"bad message", model.StagePlay, &client.CloseError{Code: client.CloseBadMessage, Reason: "bad input"}, "The server closed the connection", "4000 (bad message): bad input"},
		{"seat expired", model.StagePlay, &client.CloseError{Code: client.CloseResumeRefused, Reason: "resume token not valid: join again"}, "Your seat expired", "join again"},
		{"network", model.StagePlay, errors.New("read: EOF"), "Lost the connection to the server", "EOF"},
		{"clean", model.StagePlay, nil, "Disconnected", "ended"},
	}
	for _, tt := range tests {
		head, detail := model.DescribeError(tt.st, server, tt.err)
		if head != tt.head || !strings.Contains(detail, tt.detail) {
			t.Errorf("%s: DescribeError = %q, %q; want %q and a detail containing %q", tt.name, head, detail, tt.head, tt.detail)
		}
	}
}

func TestWrap(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s     string
		width int
		want  []string
	}{
		{"short", 10, []string{"short"}},
		{"one two three four", 9, []string{"one two", "three", "four"}},
		{"abcdefghijkl", 5, []string{"abcde", "fghij", "kl"}},
		{"a\nb", 10, []string{"a", "b"}},
	}
	for _, tt := range tests {
		got := model.Wrap(tt.s, tt.width)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("model.Wrap(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
	}
}
