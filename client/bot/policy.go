package bot

// The bot's brain: from what a Session shows (the players) and the map, one
// game.Input per tick. It chases the nearest visible enemy, keeps a preferred
// distance while strafing, aims with an error that shrinks while it tracks the
// same target, fires when roughly aimed (rockets, when it has some, at mid
// range), wanders when it sees no one, steers
// around walls and unsticks itself.

import (
	"math"
	"math/rand/v2"

	"arena/client"
	"arena/game"
)

// Tuning of the policy, in world units, radians and seconds.
const (
	preferredDistance = 260.0                   // keep about this far from the target
	distanceSlack     = 70.0                    // no approach/retreat within this of preferredDistance
	fireRange         = game.HitscanRange * 0.8 // fire only closer than this
	initialAimError   = 0.15                    // radians, the error on a fresh target
	aimErrorHalfLife  = 0.35                    // seconds for the error to halve while tracking
	aimJitter         = 0.02                    // radians of noise added every tick
	wallProbe         = 60.0                    // look this far ahead for walls
	strafeMin         = 1.0                     // seconds between strafe flips, at least
	strafeMax         = 2.0                     // and at most
	wanderArrive      = 40.0                    // a wander point this close is reached
	wanderGiveUp      = 8.0                     // seconds before a new wander point
	stuckWindow       = 1.0                     // seconds without moving that mean stuck
	stuckDistance     = 4.0                     // "without moving": less than this
	unstickFor        = 0.5                     // seconds of a random escape direction
	// A bot with rockets takes the launcher for targets between these
	// distances (its own splash does not hurt it, but a rocket needs
	// room to be dodged and time to arrive), the blaster otherwise.
	rocketMinRange = 120.0
	rocketMaxRange = 600.0
)

// Config configures a Bot; New copies it.
type Config struct {
	Map      *game.Map // required
	Seed     uint64    // seeds the bot's RNG: same seed, same decisions
	TickRate int       // Decide calls per second; default game.DefaultTickRate
	// ExactAim aims exactly at the target as shown (no aim error or
	// noise): a perfect aimer, for measuring lag compensation.
	ExactAim bool
}

// Bot decides one game.Input per tick for one player. It is deterministic
// given its seed and what it is shown. A Bot is not safe for concurrent use:
// one goroutine drives it.
type Bot struct {
	m     *game.Map
	rng   *rand.Rand
	rate  float64
	exact bool

	target   game.PlayerID
	aimError float64 // radians, added to the true angle to the target
	aimDecay float64 // per-tick factor of aimError

	strafeSign  float64 // +1 or -1
	strafeTicks int     // until the next flip

	wander      game.Vec2
	wanderOK    bool
	wanderTicks int

	stuckFrom   game.Vec2 // position at the start of the stuck window
	stuckTicks  int
	escapeDir   game.Vec2
	escapeTicks int
	lastAim     float64
}

// New returns a Bot for cfg. It panics when cfg.Map is nil.
func New(cfg Config) *Bot {
	if cfg.Map == nil {
		panic("bot.New: nil Map")
	}
	rate := cfg.TickRate
	if rate <= 0 {
		rate = game.DefaultTickRate
	}
	b := &Bot{
		m:          cfg.Map,
		rng:        rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)),
		rate:       float64(rate),
		exact:      cfg.ExactAim,
		aimDecay:   math.Pow(0.5, 1/(aimErrorHalfLife*float64(rate))),
		strafeSign: 1,
	}
	b.strafeTicks = b.ticksBetween(strafeMin, strafeMax)
	return b
}

// SetMap moves the bot to the map m (a new match's, see
// client.Session.Map); the wander point and the stuck watch of the old map
// are dropped. The same map again changes nothing.
func (b *Bot) SetMap(m *game.Map) {
	if m == nil || m == b.m {
		return
	}
	b.m = m
	b.wanderOK = false
	b.stuckTicks = 0
	b.escapeTicks = 0
}

// Target returns the player the bot is currently after (0 = none).
func (b *Bot) Target() game.PlayerID { return b.target }

// Decide returns the input for this tick given the players a Session shows
// (the bot's own player has Local set). A dead or missing bot stands still.
func (b *Bot) Decide(players []client.PlayerView) game.Input {
	self := findLocal(players)
	if self == nil || !self.Alive {
		b.target = 0
		b.wanderOK = false
		b.stuckTicks = 0
		b.escapeTicks = 0
		return game.Input{Aim: game.AngleToAim(b.lastAim)}
	}

	target := b.pickTarget(self, players)
	if target == nil || target.ID != b.target {
		b.aimError = (b.rng.Float64()*2 - 1) * initialAimError
	} else {
		b.aimError *= b.aimDecay
	}
	if target == nil {
		b.target = 0
	} else {
		b.target = target.ID
	}

	var move game.Vec2
	aim := b.lastAim
	fire := false
	var weapon game.Buttons // none: keep the weapon held
	if target != nil {
		to := target.Pos.Sub(self.Pos)
		dist := to.Len()
		trueAngle := math.Atan2(to.Y, to.X)
		aim = trueAngle + b.aimError + (b.rng.Float64()*2-1)*aimJitter
		// Roughly aimed: the aim ray passes within a player's radius.
		tolerance := math.Atan2(game.PlayerRadius, math.Max(dist, 1))
		fire = dist < fireRange && math.Abs(angleDiff(aim, trueAngle)) < tolerance
		if b.exact {
			// Aim from where the shot leaves, not from where the player is
			// drawn (a tick's blend and a correction's glide away).
			from := self.Muzzle
			aim = math.Atan2(target.Pos.Y-from.Y, target.Pos.X-from.X)
			fire = dist < fireRange && b.clearShot(from, target.Pos)
		}
		move = b.chaseMove(to, dist)
		weapon = game.ButtonBlaster
		if !b.exact && self.Ammo > 0 && dist >= rocketMinRange && dist <= rocketMaxRange {
			weapon = game.ButtonRocket
			// The splash forgives the aim: fire within half its radius.
			fire = math.Abs(angleDiff(aim, trueAngle)) < math.Atan2(game.RocketSplashRadius/2, math.Max(dist, 1))
		}
	} else {
		move = b.wanderMove(self.Pos, self.Ammo)
		if move != (game.Vec2{}) {
			aim = math.Atan2(move.Y, move.X)
		}
	}
	move = b.unstick(self.Pos, move)
	move = b.avoidWalls(self.Pos, move)
	b.lastAim = aim
	in := game.MakeInput(move.X, move.Y, aim, fire)
	in.Buttons |= weapon
	return in
}

// pickTarget returns the nearest living enemy in line of sight, or nil.
func (b *Bot) pickTarget(self *client.PlayerView, players []client.PlayerView) *client.PlayerView {
	var best *client.PlayerView
	bestDist := math.Inf(1)
	for i := range players {
		p := &players[i]
		if p.Local || p.ID == self.ID || !p.Alive {
			continue
		}
		d := self.Pos.Dist(p.Pos)
		if d < bestDist && b.lineOfSight(self.Pos, p.Pos) {
			best, bestDist = p, d
		}
	}
	return best
}

// lineOfSight reports whether no wall lies between a and b.
func (b *Bot) lineOfSight(a, c game.Vec2) bool {
	d := a.Dist(c)
	if d < 1e-9 {
		return true
	}
	dir := c.Sub(a).Scale(1 / d)
	return b.m.Raycast(a, dir, d) >= d-1e-6
}

// clearShot reports whether a shot from from at target's centre reaches
// it with room to spare before any wall: a perfect aimer does not fire at
// a target a wall corner may cover.
func (b *Bot) clearShot(from, target game.Vec2) bool {
	d := from.Dist(target)
	if d < 1e-9 {
		return true
	}
	dir := target.Sub(from).Scale(1 / d)
	return b.m.Raycast(from, dir, d) >= d-game.PlayerRadius/2
}

// chaseMove keeps the preferred distance to the target while strafing.
func (b *Bot) chaseMove(to game.Vec2, dist float64) game.Vec2 {
	b.strafeTicks--
	if b.strafeTicks <= 0 {
		b.strafeSign = -b.strafeSign
		b.strafeTicks = b.ticksBetween(strafeMin, strafeMax)
	}
	if dist < 1e-9 {
		return game.Vec2{}
	}
	toward := to.Scale(1 / dist)
	side := game.Vec2{X: -toward.Y, Y: toward.X}.Scale(b.strafeSign)
	var radial float64
	switch {
	case dist > preferredDistance+distanceSlack:
		radial = 1
	case dist < preferredDistance-distanceSlack:
		radial = -1
	}
	return normalize(toward.Scale(radial).Add(side.Scale(0.8)))
}

// wanderMove heads for a random open point, choosing a new one when it is
// reached or taking too long.
func (b *Bot) wanderMove(pos game.Vec2, ammo int) game.Vec2 {
	b.wanderTicks--
	if !b.wanderOK || pos.Dist(b.wander) < wanderArrive || b.wanderTicks <= 0 {
		b.wander = b.randomOpenPoint(pos)
		// Without rockets, half the time make for one of the map's rocket
		// pickups (the bot does not know whether it is there).
		if ammo == 0 && b.rng.IntN(2) == 0 {
			if p, ok := b.rocketPickup(pos); ok {
				b.wander = p
			}
		}
		b.wanderOK = true
		b.wanderTicks = int(wanderGiveUp * b.rate)
	}
	return normalize(b.wander.Sub(pos))
}

// rocketPickup returns a random rocket pickup of the map not already
// reached from pos.
func (b *Bot) rocketPickup(pos game.Vec2) (game.Vec2, bool) {
	n := 0
	for _, p := range b.m.Pickups {
		if p.Kind == game.PickupRocket && pos.Dist(p.Pos) >= wanderArrive {
			n++
		}
	}
	if n == 0 {
		return game.Vec2{}, false
	}
	k := b.rng.IntN(n)
	for _, p := range b.m.Pickups {
		if p.Kind == game.PickupRocket && pos.Dist(p.Pos) >= wanderArrive {
			if k == 0 {
				return p.Pos, true
			}
			k--
		}
	}
	return game.Vec2{}, false
}

// randomOpenPoint returns a random point a player fits at, preferring one in
// straight sight of pos so the walk there is short of detours.
func (b *Bot) randomOpenPoint(pos game.Vec2) game.Vec2 {
	margin := game.PlayerRadius + 4
	var fallback game.Vec2
	haveFallback := false
	for range 40 {
		p := game.Vec2{
			X: margin + b.rng.Float64()*(b.m.Width-2*margin),
			Y: margin + b.rng.Float64()*(b.m.Height-2*margin),
		}
		if b.m.Blocked(p, margin) || p.Dist(pos) < 3*wanderArrive {
			continue
		}
		if b.lineOfSight(pos, p) {
			return p
		}
		if !haveFallback {
			fallback, haveFallback = p, true
		}
	}
	if haveFallback {
		return fallback
	}
	return game.Vec2{X: b.m.Width / 2, Y: b.m.Height / 2}
}

// unstick replaces move by a random escape direction for a while when the
// bot has tried to move but stayed in place for stuckWindow.
func (b *Bot) unstick(pos, move game.Vec2) game.Vec2 {
	if b.escapeTicks > 0 {
		b.escapeTicks--
		b.stuckFrom, b.stuckTicks = pos, 0
		return b.escapeDir
	}
	if move == (game.Vec2{}) || pos.Dist(b.stuckFrom) >= stuckDistance {
		b.stuckFrom, b.stuckTicks = pos, 0
		return move
	}
	b.stuckTicks++
	if b.stuckTicks < int(stuckWindow*b.rate) {
		return move
	}
	b.stuckTicks = 0
	b.wanderOK = false
	b.escapeDir = game.FromAngle(b.rng.Float64() * 2 * math.Pi)
	b.escapeTicks = int(unstickFor * b.rate)
	return b.escapeDir
}

// avoidWalls keeps move when the way ahead is clear for wallProbe units and
// otherwise steers to the clearest of a few directions around it, preferring
// small turns.
func (b *Bot) avoidWalls(pos, move game.Vec2) game.Vec2 {
	if move == (game.Vec2{}) {
		return move
	}
	heading := math.Atan2(move.Y, move.X)
	if b.clearance(pos, heading, wallProbe) >= wallProbe {
		return move
	}
	bestScore, best := math.Inf(-1), move
	for _, turn := range [...]float64{0, 0.5, -0.5, 1, -1, 1.6, -1.6, 2.3, -2.3, math.Pi} {
		free := b.clearance(pos, heading+turn, 3*wallProbe)
		score := free - 25*math.Abs(turn)
		if score > bestScore {
			bestScore, best = score, game.FromAngle(heading+turn)
		}
	}
	return best
}

// clearance is how far a player-wide corridor from pos at angle is free,
// capped at max: the least of three parallel rays (centre and both sides).
func (b *Bot) clearance(pos game.Vec2, angle, max float64) float64 {
	dir := game.FromAngle(angle)
	side := game.Vec2{X: -dir.Y, Y: dir.X}.Scale(game.PlayerRadius * 0.9)
	free := b.m.Raycast(pos, dir, max)
	free = math.Min(free, b.m.Raycast(pos.Add(side), dir, max))
	return math.Min(free, b.m.Raycast(pos.Sub(side), dir, max))
}

// ticksBetween returns a random number of ticks between lo and hi seconds.
func (b *Bot) ticksBetween(lo, hi float64) int {
	return int((lo + b.rng.Float64()*(hi-lo)) * b.rate)
}

func findLocal(players []client.PlayerView) *client.PlayerView {
	for i := range players {
		if players[i].Local {
			return &players[i]
		}
	}
	return nil
}

func normalize(v game.Vec2) game.Vec2 {
	l := v.Len()
	if l < 1e-9 {
		return game.Vec2{}
	}
	return v.Scale(1 / l)
}

// angleDiff returns a-b wrapped to [-π, π].
func angleDiff(a, b float64) float64 { return math.Remainder(a-b, 2*math.Pi) }
