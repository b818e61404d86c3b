package server

import (
	"fmt"
	"strings"
	"time"

	"arena/game"
	"arena/netcode"
)

// Chat rate limit: at most chatBurst lines per chatWindow per connection.
// A dropped line is answered with an Error, at most one per
// chatWarnInterval: a client that floods chat gets one a second, not one
// per line (each is a reliable message it must read).
const (
	chatBurst        = 5
	chatWindow       = 5 * time.Second
	chatWarnInterval = time.Second
)

// chatTooFast is the Error message of a dropped line.
var chatTooFast = fmt.Sprintf("chat too fast: at most %d lines per %v", chatBurst, chatWindow)

// ErrorChatRateLimited is the netcode.Error code sent to a client whose chat
// line was dropped because it chats faster than the rate limit.
const ErrorChatRateLimited uint16 = 1

// sanitizeChat removes control characters and invalid UTF-8, trims spaces
// and cuts the line to netcode.MaxChatBytes on a rune boundary.
func sanitizeChat(s string) string {
	return strings.TrimSpace(netcode.CutString(game.CleanText(s), netcode.MaxChatBytes))
}

// chatLimiter allows chatBurst lines in any chatWindow. It is owned by one
// connection's reader goroutine.
type chatLimiter struct {
	sent   [chatBurst]time.Time // times of the last lines, a ring
	next   int
	warned time.Time // when a dropped line was last answered
}

// warn reports whether a dropped line at now gets an Error, and records
// it if so.
func (l *chatLimiter) warn(now time.Time) bool {
	if !l.warned.IsZero() && now.Sub(l.warned) < chatWarnInterval {
		return false
	}
	l.warned = now
	return true
}

// allow reports whether a line may be sent at now, and records it if so.
func (l *chatLimiter) allow(now time.Time) bool {
	oldest := l.sent[l.next]
	if !oldest.IsZero() && now.Sub(oldest) < chatWindow {
		return false
	}
	l.sent[l.next] = now
	l.next = (l.next + 1) % len(l.sent)
	return true
}
