package client

import (
	"time"

	"arena/game"
)

// Feed is what the match scene of a UI draws from and talks to: a live
// *Session, or a replay played back from a recording (ReplayPlayer). The
// scene calls Update every frame with what the player wants, then reads the
// players and events to show as of the same instant.
//
// Whoever adds a Session method the match scene uses adds it here too, and
// the replay implements it. Implementations say their own concurrency rule;
// a UI calls a Feed from its one goroutine.
type Feed interface {
	// Info is what the feed knows of its match from the start.
	Info() Info
	// Update says what the player wants now; a replay ignores want and
	// advances its playback clock instead. It returns how many ticks it
	// made or stepped.
	Update(now time.Time, want game.Input) (int, error)
	// Players appends the players to show at now to dst, ordered by ID.
	Players(now time.Time, dst []PlayerView) []PlayerView
	// Projectiles appends the rockets to show at now to dst (call it after
	// Players); Pickups the map's pickups.
	Projectiles(now time.Time, dst []ProjectileView) []ProjectileView
	Pickups(dst []PickupView) []PickupView
	// DrainEvents appends the events since the last call to dst.
	DrainEvents(dst []Event) []Event
	// Match returns the room's match cycle now (phase, time left, winner
	// and final scores; see MatchInfo, MatchInfoOf).
	Match() MatchInfo
	// Map returns the map played now: a new match may change it.
	Map() *game.Map
	// Stats returns the network counters (zero for a replay).
	Stats() Stats
	// SendChat says text to the room; a replay refuses with an error.
	SendChat(text string) error
	// Done is closed when the feed has ended; Err says why.
	Done() <-chan struct{}
	Err() error
	// Close releases the feed (a session leaves cleanly).
	Close() error
}

var _ Feed = (*Session)(nil)
