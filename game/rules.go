package game

// Rules is what a server Room drives: a match of some game mode stepped at a
// fixed rate. *World (the arena shooter) implements it; other modes, such as
// a plain benchmark rule, implement it too and keep the server, the protocol
// and the netcode unchanged. The concurrency rule is World's: one goroutine
// owns a Rules value.
type Rules interface {
	// Tick returns the number of Steps taken so far.
	Tick() uint32
	// AddPlayer adds a player and returns its id.
	AddPlayer(name string) (PlayerID, error)
	// RemovePlayer removes a player; unknown ids are ignored.
	RemovePlayer(id PlayerID)
	// SetInput sets the input applied from the next Step on, until replaced.
	SetInput(id PlayerID, in Input)
	// Step advances the match by one tick.
	Step()
	// Players returns the players ordered by ID, owned by the Rules.
	Players() []*Player
	// Player returns the player with id, or nil.
	Player(id PlayerID) *Player
	// Events returns what happened during the last Step, owned by the Rules.
	Events() []Event
}

// NewRules makes the Rules of a match from its Config.
type NewRules func(Config) (Rules, error)

// NewArena is the NewRules of the arena shooter: a World.
func NewArena(cfg Config) (Rules, error) { return NewWorld(cfg) }

var _ Rules = (*World)(nil)
