package server

import (
	"strings"
	"time"

	"arena/game"
	"arena/netcode"
)

// Chat rate limit: at most chatBurst lines per chatWindow per connection.
const (
	chatBurst  = 5
	chatWindow = 5 * time.Second
)

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
	sent [chatBurst]time.Time // times of the last lines, a ring
	next int
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
