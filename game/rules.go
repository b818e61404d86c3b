package game

// Rules is what a server Room drives: a match of some game mode stepped at a
// fixed rate. *World (the arena shooter) implements it; other modes, such as
// a plain benchmark rule, implement it too and keep the server, the protocol
// and the netcode unchanged. The concurrency rule is World's: one goroutine
// owns a Rules value.
type Rules interface {
	// Mode names the game mode, e.g. "arena": a client picks the movement
	// and weapon rules it predicts with by this name.
	Mode() string
	// Params returns the mode's constants a client needs to simulate its
	// own player exactly, at the Rules' tick rate.
	Params() []Param
	// Tick returns the number of Steps taken so far.
	Tick() uint32
	// AddPlayer adds a player and returns its id.
	AddPlayer(name string) (PlayerID, error)
	// RemovePlayer removes a player; unknown ids are ignored.
	RemovePlayer(id PlayerID)
	// SetCommands sets the commands id simulates in the next Step, in
	// order (copied; none = the player is held that Step). See
	// World.SetCommands for the arena's rules.
	SetCommands(id PlayerID, cmds []Command)
	// Step advances the match by one tick.
	Step()
	// Players returns the players ordered by ID, owned by the Rules.
	Players() []*Player
	// Player returns the player with id, or nil.
	Player(id PlayerID) *Player
	// Events returns what happened during the last Step, owned by the Rules.
	Events() []Event
}

// Param is one named integer constant of a game mode; docs/protocol.md gives
// the unit of each name.
type Param struct {
	Name  string
	Value int64
}

// NewRules makes the Rules of a match from its Config.
type NewRules func(Config) (Rules, error)

// NewArena is the NewRules of the arena shooter: a World.
func NewArena(cfg Config) (Rules, error) { return NewWorld(cfg) }

// ModeArena is the arena shooter's Mode.
const ModeArena = "arena"

var _ Rules = (*World)(nil)

// Mode returns ModeArena.
func (w *World) Mode() string { return ModeArena }

// Params returns the arena's constants (see ArenaParams) and then the
// World's lag compensation cap, ParamLagCompTicks.
func (w *World) Params() []Param {
	return append(ArenaParams(w.tickRate), Param{ParamLagCompTicks, int64(w.lagCompTicks)})
}

// ParamLagCompTicks names the Param that carries a World's lag
// compensation cap in ticks (0: off). It is not a constant of the
// simulation, so it is not among ArenaParams: a client may use it to keep
// what it draws inside the window where its shots are compensated.
const ParamLagCompTicks = "lag_comp_ticks"

// ArenaParams returns the constants of the arena shooter at tickRate, in
// the units docs/protocol.md gives: world units, seconds, ticks. Every one
// is an integer, so the wire needs no floats.
func ArenaParams(tickRate int) []Param {
	ticks := func(seconds float64) int64 { return int64(seconds*float64(tickRate) + 0.5) }
	return []Param{
		{"tick_rate", int64(tickRate)},
		{"quantum_per_unit", QuantumPerUnit},
		{"player_radius", int64(PlayerRadius)},
		{"max_speed", int64(MaxSpeed)},
		{"acceleration", int64(Acceleration)},
		{"friction", int64(Friction)},
		{"stop_speed", int64(stopSpeed)},
		{"max_health", MaxHealth},
		{"hitscan_damage", HitscanDamage},
		{"hitscan_range", int64(HitscanRange)},
		{"cooldown_ticks", ticks(HitscanCooldown)},
		{"respawn_ticks", ticks(RespawnDelay)},
		{"protect_ticks", ticks(SpawnProtection)},
		{"rocket_speed", int64(RocketSpeed)},
		{"rocket_lifetime_ticks", ticks(RocketLifetime)},
		{"rocket_radius", int64(RocketRadius)},
		{"rocket_damage", RocketDamage},
		{"rocket_splash_radius", int64(RocketSplashRadius)},
		{"rocket_cooldown_ticks", ticks(RocketCooldown)},
		{"rocket_max_ammo", RocketMaxAmmo},
		{"pickup_radius", int64(PickupRadius)},
		{"health_pickup", HealthPickup},
		{"rocket_pickup", RocketPickup},
		{"health_pickup_respawn_ticks", ticks(HealthPickupRespawn)},
		{"rocket_pickup_respawn_ticks", ticks(RocketPickupRespawn)},
	}
}

// EntityRules is implemented by a Rules whose match has entities besides
// players: the arena's rockets and pickups (*World). A server sends them
// when its Rules implements it; the bench rule does not.
type EntityRules interface {
	// Projectiles returns the projectiles in flight, owned by the Rules.
	Projectiles() []Projectile
	// Pickups returns the pickups ordered by ID, owned by the Rules.
	Pickups() []Pickup
}

var _ EntityRules = (*World)(nil)
