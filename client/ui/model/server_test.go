package model_test

import (
	"testing"

	"arena/client/ui/model"
)

func TestPageServerURL(t *testing.T) {
	t.Parallel()
	tests := []struct{ protocol, host, want string }{
		{"http:", "127.0.0.1:8080", "ws://127.0.0.1:8080/ws"},
		{"https:", "arena.example.com", "wss://arena.example.com/ws"},
		{"file:", "", "ws:///ws"},
	}
	for _, tt := range tests {
		if got := model.PageServerURL(tt.protocol, tt.host); got != tt.want {
			t.Errorf("PageServerURL(%q, %q) = %q, want %q", tt.protocol, tt.host, got, tt.want)
		}
	}
}

func TestCheckJoinFlags(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		room    string
		private bool
		ok      bool
	}{
		{"", false, true}, {"K7M2QX", false, true}, {"", true, true}, {"K7M2QX", true, false},
	} {
		if err := model.CheckJoinFlags(tt.room, tt.private); (err == nil) != tt.ok {
			t.Errorf("CheckJoinFlags(%q, %v) = %v, want ok %v", tt.room, tt.private, err, tt.ok)
		}
	}
}

func TestQueryName(t *testing.T) {
	t.Parallel()
	tests := []struct{ search, want string }{
		{"", ""},
		{"?name=web", "web"},
		{"?room=a&name=%20bob%20", "bob"},
		{"?name=J%C3%BCrgen", "Jürgen"},
		{"?other=1", ""},
		{"?name=%zz", ""},
	}
	for _, tt := range tests {
		if got := model.QueryName(tt.search); got != tt.want {
			t.Errorf("QueryName(%q) = %q, want %q", tt.search, got, tt.want)
		}
	}
}

func TestQueryFlag(t *testing.T) {
	t.Parallel()
	tests := []struct {
		search string
		want   bool
	}{
		{"", false},
		{"?probe=1", true},
		{"?name=web&probe=true", true},
		{"?probe=0", false},
		{"?probe", false},
		{"?probes=1", false},
		{"?probe=1&x=%zz", false},
	}
	for _, tt := range tests {
		if got := model.QueryFlag(tt.search, "probe"); got != tt.want {
			t.Errorf("QueryFlag(%q, probe) = %v, want %v", tt.search, got, tt.want)
		}
	}
}

func TestCheckServerURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url string
		ok  bool
	}{
		{"ws://127.0.0.1:8080/ws", true},
		{"wss://arena.example.com/ws", true},
		{"http://127.0.0.1:8080/ws", false},
		{"127.0.0.1:8080", false},
		{"ws:///ws", false},
	}
	for _, tt := range tests {
		if err := model.CheckServerURL(tt.url); (err == nil) != tt.ok {
			t.Errorf("CheckServerURL(%q) = %v, want ok=%v", tt.url, err, tt.ok)
		}
	}
}
