package model_test

import (
	"strings"
	"testing"

	"arena/client"
	"arena/client/ui/model"
	"arena/game"
)

func TestNameField(t *testing.T) {
	t.Parallel()
	f := model.NewNameField("")
	f.Type([]rune("bob\t\n\x00!"))
	if got := f.String(); got != "bob!" {
		t.Fatalf("control characters kept: %q", got)
	}
	f.Backspace()
	if got := f.String(); got != "bob" {
		t.Fatalf("after backspace: %q", got)
	}
	f.Type([]rune(strings.Repeat("x", 40)))
	if got := []rune(f.String()); len(got) != game.MaxNameLen {
		t.Fatalf("name is %d runes, want the limit %d", len(got), game.MaxNameLen)
	}
	f.Clear()
	f.Backspace() // on empty: nothing happens
	if f.String() != "" {
		t.Fatalf("cleared field = %q", f.String())
	}
	f.Type([]rune("Jürgen 日本"))
	if got := f.String(); got != "Jürgen 日本" {
		t.Fatalf("unicode name = %q", got)
	}
	if g := model.NewNameField("prefilled"); g.String() != "prefilled" {
		t.Fatalf("initial name = %q", g.String())
	}
}

func TestTypeKeepsBackspaceOrder(t *testing.T) {
	t.Parallel()
	tests := []struct{ typed, want string }{
		{"abc\b", "ab"},
		{"\b\b\bwebtester", "webtester"}, // erasing an empty field first
		{"ab\b\b\bcd", "cd"},
		{"héllo\b\b\b", "hé"},
	}
	for _, tt := range tests {
		f := model.NewNameField("")
		f.Type([]rune(tt.typed))
		if got := f.String(); got != tt.want {
			t.Errorf("Type(%q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
	// Erasing frees room under the byte limit as well as the rune limit.
	f := model.NewChatField()
	f.Type([]rune(strings.Repeat("日", 100)))
	full := f.String()
	f.Type([]rune("\b\b\bxyz"))
	if got := f.String(); !strings.HasSuffix(got, "xyz") || len(got) > len(full) {
		t.Errorf("after erasing 3 and typing xyz: %q", got)
	}
}

func TestChatFieldByteLimit(t *testing.T) {
	t.Parallel()
	f := model.NewChatField()
	f.Type([]rune(strings.Repeat("日", 100))) // 3 bytes each
	if n := len(f.String()); n > client.MaxChatBytes {
		t.Fatalf("chat is %d bytes, over the limit %d", n, client.MaxChatBytes)
	}
	if n := len(f.String()); n < client.MaxChatBytes-3 {
		t.Fatalf("chat stopped early at %d bytes", n)
	}
}

func TestPlayerName(t *testing.T) {
	t.Parallel()
	tests := []struct{ typed, want string }{
		{"bob", "bob"},
		{"  bob  ", "bob"},
		{"", "player"},
		{"   ", "player"},
	}
	for _, tt := range tests {
		if got := model.PlayerName(tt.typed); got != tt.want {
			t.Errorf("model.PlayerName(%q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
}
