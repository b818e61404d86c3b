package model

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"arena/client"
	"arena/game"
)

// TextField is a one-line text entry with a length limit (the name on the
// title scene, the chat line in the game).
type TextField struct {
	runes    []rune
	maxRunes int
	maxBytes int
	filter   func(rune) rune // when set, maps each typed rune; -1 drops it
}

// NewNameField returns a field for a player name holding initial (cut to
// the limits).
func NewNameField(initial string) *TextField {
	f := &TextField{maxRunes: game.MaxNameLen, maxBytes: client.MaxNameBytes}
	f.Type([]rune(initial))
	return f
}

// NewChatField returns an empty field for a chat line.
func NewChatField() *TextField {
	return &TextField{maxRunes: client.MaxChatBytes, maxBytes: client.MaxChatBytes}
}

// Type applies typed runes in order: '\b' (Backspace) erases the last rune,
// printable runes are appended while they fit, and other control characters
// (Enter, Tab, ...) and what does not fit are dropped.
func (f *TextField) Type(rs []rune) {
	n := len(string(f.runes))
	for _, r := range rs {
		if f.filter != nil && r != '\b' {
			if r = f.filter(r); r < 0 {
				continue
			}
		}
		switch {
		case r == '\b':
			if len(f.runes) > 0 {
				n -= utf8.RuneLen(f.runes[len(f.runes)-1])
			}
			f.Backspace()
		case !unicode.IsPrint(r) || r == utf8.RuneError:
		case len(f.runes)+1 > f.maxRunes || n+utf8.RuneLen(r) > f.maxBytes:
		default:
			f.runes = append(f.runes, r)
			n += utf8.RuneLen(r)
		}
	}
}

// Backspace removes the last rune, if any.
func (f *TextField) Backspace() {
	if len(f.runes) > 0 {
		f.runes = f.runes[:len(f.runes)-1]
	}
}

// Clear empties the field.
func (f *TextField) Clear() { f.runes = f.runes[:0] }

// String returns the field's text.
func (f *TextField) String() string { return string(f.runes) }

// PlayerName returns the name to join with for what was typed: trimmed, and
// "player" when nothing is left (the server would pick the same).
func PlayerName(typed string) string {
	if s := strings.TrimSpace(typed); s != "" {
		return s
	}
	return "player"
}
