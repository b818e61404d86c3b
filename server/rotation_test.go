package server_test

import (
	"strings"
	"testing"
	"time"

	"arena/server"
)

// TestMatchConfigValidates: server.New refuses a bad match configuration
// with a message naming what is wrong, and loads every rotation map.
func TestMatchConfigValidates(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		m    server.MatchConfig
		want string // "" = valid
	}{
		{server.MatchConfig{}, ""},
		{server.MatchConfig{Length: time.Minute}, ""},
		{server.MatchConfig{Length: time.Minute, Maps: []string{"arena", "warrens", "expanse", "arena"}}, ""},
		{server.MatchConfig{Countdown: time.Second}, "need a match length"},
		{server.MatchConfig{Maps: []string{"arena"}}, "need a match length"},
		{server.MatchConfig{Length: time.Millisecond}, "match length 1ms out of range 1s..2h0m0s"},
		{server.MatchConfig{Length: time.Minute, Countdown: -time.Second}, "match countdown -1s out of range"},
		{server.MatchConfig{Length: time.Minute, Intermission: time.Hour}, "match intermission 1h0m0s out of range"},
		{server.MatchConfig{Length: time.Minute, Maps: []string{"arena", "nowhere"}}, `rotation map "nowhere"`},
		{server.MatchConfig{Length: time.Minute, Maps: make([]string, 33)}, "33 maps in the rotation, want at most 32"},
	} {
		_, err := server.New(server.Config{Match: tc.m})
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%+v: %v", tc.m, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%+v: %v, want an error containing %q", tc.m, err, tc.want)
		}
	}
}
