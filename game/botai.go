package game

import (
	"math"
	"math/rand/v2"
)

// The server-side bots' AI: one Command per tick from the match as it is
// now. A bot picks the nearest other player it can see (line of sight by the
// map's Raycast, within its sight range), turns its aim toward it at a
// limited rate with an error that shrinks while it keeps the same target,
// fires once the target has been in sight for its reaction time and the aim
// passes close enough, keeps a preferred distance while strafing around it,
// and, seeing no one, goes for a pickup it needs (health when hurt,
// rockets when it has none) or heads for the nearest other player, along
// a path around the walls (botnav.go), picking a spawn point to walk to
// when it gets stuck anyway. With rockets it fires the launcher at targets
// in its range, leading them by the rocket's flight as far as its level
// does, and the blaster otherwise. It sees
// the present (its command's ViewTick is 0: no lag compensation), goes
// through SimulateCommand like everyone's inputs and so has the same speed,
// cooldown and damage. Levels differ only in the numbers of botSkills.

// botSkill is what a BotLevel changes.
type botSkill struct {
	reaction    float64 // seconds a target must be in sight before the first shot
	aimError    float64 // radians: the largest aim error on a fresh target
	errHalfLife float64 // seconds for that error to halve while tracking
	jitter      float64 // radians of noise on the aim, every tick
	turnRate    float64 // radians per second the aim turns at most
	tolerance   float64 // fires when the aim is within tolerance x PlayerRadius of the target
	strafe      float64 // 0..1: how much of its movement circles the target
	sight       float64 // units: the farthest it notices someone
	lead        bool    // aims where the target will be when the shot resolves
	rocketLead  float64 // 0..1: how much of a rocket's flight it leads its target by
}

// botSkills is indexed by BotLevel.
var botSkills = [...]botSkill{
	BotEasy:   {reaction: 0.5, aimError: 0.35, errHalfLife: 0.9, jitter: 0.05, turnRate: 4, tolerance: 2.2, strafe: 0.2, sight: 600},
	BotNormal: {reaction: 0.28, aimError: 0.18, errHalfLife: 0.45, jitter: 0.025, turnRate: 8, tolerance: 1.3, strafe: 0.55, sight: 800, rocketLead: 0.6},
	BotHard:   {reaction: 0.14, aimError: 0.08, errHalfLife: 0.2, jitter: 0.01, turnRate: 16, tolerance: 0.9, strafe: 0.85, sight: HitscanRange, lead: true, rocketLead: 1},
}

// Tuning shared by every level, in world units and seconds.
const (
	botPreferredDistance = 260.0                              // keeps about this far from its target
	botDistanceSlack     = 70.0                               // neither approaches nor backs off within this of it
	botStrafeMin         = 0.6                                // seconds between strafe flips, at least
	botStrafeMax         = 1.8                                // and at most
	botWallProbe         = 40.0                               // looks this far ahead for walls
	botStuckWindow       = 1.0                                // seconds without getting far mean stuck
	botStuckDistance     = 40.0                               // "far"
	botEscapeFor         = 0.5                                // seconds of a random escape direction
	botWanderFor         = 3.0                                // seconds of walking to a spawn point after being stuck
	botWanderArrive      = 40.0                               // a spawn point this close is reached
	botReplan            = 0.5                                // seconds between path searches while it walks out of sight of its goal
	botReplanMin         = 0.08                               // seconds between searches at least, however soon it reaches a waypoint
	botWaypointArrive    = 12.0                               // a waypoint this close is reached
	botRocketMin         = 90.0                               // fires rockets at targets at least this far
	botRocketMax         = RocketSpeed * RocketLifetime * 0.7 // and at most this far
	botRocketSlack       = RocketSplashRadius * 0.3           // a rocket this far off still hurts
	botHurt              = MaxHealth / 2                      // at or below this health it looks for a health pickup
	botRocketFetch       = 700.0                              // goes for rockets this close when it has none
)

// botSteerStep is the angle between the directions steer tries around a wall.
const botSteerStep = math.Pi / 6

// Bot is the AI of one server-side bot: NewBot, then one BotRules.DecideBot
// per tick. It is deterministic given its seed and the match it is shown,
// and allocates nothing per tick. A Bot is not safe for concurrent use: the
// goroutine that owns the match drives it.
type Bot struct {
	level BotLevel
	skill botSkill
	rng   *rand.Rand

	// Per-tick forms of skill, for rate ticks a second.
	rate       int
	reactTicks int
	thinkEvery int
	errDecay   float64 // per-tick factor of aimErr
	maxTurn    float64 // radians per tick

	target PlayerID
	seen   int     // ticks the target has been in sight
	aimErr float64 // radians added to the true angle to the target
	aim    float64 // radians: where it aims now
	think  int     // ticks until it looks around for a nearer target

	strafeSign  float64 // +1 or -1
	strafeTicks int     // until the next flip
	steerSide   float64 // +1 or -1: the side steer tries first

	m           *Map // the map the positions below are on
	waypoint    Vec2 // where it walks toward its goal; valid while hasWay
	hasWay      bool
	replan      int  // ticks until the next path search
	sinceSearch int  // ticks since the last one
	wander      Vec2 // a spawn point it walks to while wanderTicks > 0
	wanderTicks int
	stuckFrom   Vec2 // where the stuck window started
	stuckTicks  int
	escape      Vec2 // the escape direction while escapeTicks > 0
	escapeTicks int
}

// NewBot returns the AI of a bot of level (BotNormal when level is not one
// of BotLevels) whose random choices come from seed.
func NewBot(level BotLevel, seed uint64) *Bot {
	if level < BotEasy || level > BotHard {
		level = BotNormal
	}
	return &Bot{
		level:      level,
		skill:      botSkills[level],
		rng:        rand.New(rand.NewPCG(seed, seed^0xb0b5eed5)),
		strafeSign: 1,
		steerSide:  1,
	}
}

// Level returns the bot's level.
func (b *Bot) Level() BotLevel { return b.level }

// Target returns the player the bot is after (0: none).
func (b *Bot) Target() PlayerID { return b.target }

// decide is DecideBot: the command of player id, driven by b, in w now.
func (b *Bot) decide(w *World, id PlayerID) Command {
	b.setRate(w.tickRate)
	p := w.player(id)
	if p == nil || !p.Alive {
		b.loseTarget()
		b.stuckTicks, b.escapeTicks = 0, 0
		return Command{Input: Input{Aim: AngleToAim(b.aim)}}
	}
	if w.m != b.m { // a new map: what it knew of places is void
		b.m = w.m
		b.wanderTicks, b.stuckTicks, b.escapeTicks = 0, 0, 0
		b.stuckFrom, b.hasWay = p.Pos, false
	}
	t := w.player(b.target)
	// Its sight range is how far it notices someone; one it is fighting
	// it follows as far as its blaster reaches.
	if t != nil && !(t.Alive && b.sees(p, t, math.Max(b.skill.sight, HitscanRange))) {
		t = nil
	}
	if t == nil {
		b.loseTarget()
	}
	if a := b.attacker(w, p); a != nil && a != t {
		// Hit: it turns on whoever hit it, if it can see them at all,
		// without waiting to look around (the reaction time still runs).
		b.acquire(a)
		t = a
	}
	if b.think--; b.think <= 0 {
		b.think = b.thinkEvery
		if n := b.nearestInSight(w, p); n != nil && n != t &&
			(t == nil || n.Pos.Dist(p.Pos) < t.Pos.Dist(p.Pos)-botDistanceSlack) {
			b.acquire(n)
			t = n
		}
	}

	var move Vec2
	fire := false
	var weapon Buttons    // a weapon button, to switch
	limit := botWallProbe // how far ahead steer looks for walls
	if t != nil {
		b.seen++
		b.aimErr = float64(b.aimErr * b.errDecay)
		from, at := p.Pos, t.Pos
		if b.skill.lead { // the shot leaves after its own move and resolves after the target's
			from, at = from.Add(p.Vel.Scale(w.dt)), at.Add(t.Vel.Scale(w.dt))
		}
		dist := at.Sub(from).Len()
		rocket := p.Ammo > 0 && dist >= botRocketMin && dist <= botRocketMax
		slack, reach := 0.0, HitscanRange
		if rocket {
			weapon = ButtonRocket
			// Where the target will be when the rocket gets there, as far
			// as the level leads it; a near miss still splashes.
			at = at.Add(t.Vel.Scale(float64(dist / RocketSpeed * b.skill.rocketLead)))
			slack, reach = botRocketSlack, botRocketMax
		} else if p.Weapon == WeaponRocket {
			weapon = ButtonBlaster
		}
		to := at.Sub(from)
		dist = to.Len()
		want := math.Atan2(to.Y, to.X)
		b.turnToward(want + b.aimErr + b.noise(b.skill.jitter))
		tolerance := math.Atan2(float64(PlayerRadius*b.skill.tolerance)+slack, math.Max(dist, 1))
		fire = b.seen > b.reactTicks && dist < reach && t.ProtectTicks == 0 &&
			math.Abs(angleDiff(b.aim, want)) < tolerance
		move = b.fightMove(t.Pos.Sub(p.Pos))
	} else {
		move = b.roamMove(w, p)
		limit = math.Min(limit, move.Len())
		if move != (Vec2{}) {
			b.turnToward(math.Atan2(move.Y, move.X))
		}
	}
	move = b.unstick(p, move)
	move = b.steer(p.Pos, move, limit)
	in := MakeInput(move.X, move.Y, b.aim, fire)
	if (weapon == ButtonRocket) != (p.Weapon == WeaponRocket) {
		in.Buttons |= weapon
	}
	return Command{Input: in}
}

// setRate converts the skill's seconds to ticks at rate ticks a second.
func (b *Bot) setRate(rate int) {
	if rate == b.rate {
		return
	}
	r := float64(rate)
	b.rate = rate
	b.reactTicks = int(b.skill.reaction*r + 0.5)
	b.thinkEvery = max(1, int(b.skill.reaction*r/2+0.5))
	b.errDecay = math.Pow(0.5, 1/(b.skill.errHalfLife*r))
	b.maxTurn = b.skill.turnRate / r
}

func (b *Bot) ticks(seconds float64) int { return max(1, int(seconds*float64(b.rate)+0.5)) }

// noise returns a uniform random value in [-amp, amp).
func (b *Bot) noise(amp float64) float64 { return float64((b.rng.Float64()*2 - 1) * amp) }

func (b *Bot) loseTarget() { b.target, b.seen = 0, 0 }

// acquire makes t the target: the reaction time starts again and the aim
// gets a fresh error.
func (b *Bot) acquire(t *Player) {
	b.target, b.seen = t.ID, 0
	b.aimErr = b.noise(b.skill.aimError)
}

// turnToward turns the aim toward angle by at most the turn rate.
func (b *Bot) turnToward(angle float64) {
	d := angleDiff(angle, b.aim)
	d = math.Max(-b.maxTurn, math.Min(b.maxTurn, d))
	b.aim = math.Mod(b.aim+d+2*math.Pi, 2*math.Pi)
}

// sees reports whether o is within reach of p with no wall between.
func (b *Bot) sees(p, o *Player, reach float64) bool {
	to := o.Pos.Sub(p.Pos)
	d := to.Len()
	if d > reach {
		return false
	}
	if d < 1 {
		return true
	}
	return b.m.Raycast(p.Pos, to.Scale(1/d), d) >= d-PlayerRadius
}

// attacker returns the player whose shot hit p, or whose rocket exploded
// within reach of it, in the last Step, when p has a line of sight to them
// at any distance; nil: none.
func (b *Bot) attacker(w *World, p *Player) *Player {
	for i := len(w.events) - 1; i >= 0; i-- {
		e := &w.events[i]
		hit := (e.Kind == EventShot && e.Target == p.ID) ||
			(e.Kind == EventExplosion && e.Actor != p.ID && e.From.Dist(p.Pos) < RocketSplashRadius+PlayerRadius)
		if !hit {
			continue
		}
		if a := w.player(e.Actor); a != nil && a.Alive && b.sees(p, a, math.Inf(1)) {
			return a
		}
	}
	return nil
}

// nearestInSight returns the nearest living other player p sees, or nil.
func (b *Bot) nearestInSight(w *World, p *Player) *Player {
	var best *Player
	bestD := math.Inf(1)
	for _, o := range w.players {
		if o == p || !o.Alive {
			continue
		}
		if d := o.Pos.Dist(p.Pos); d < bestD && b.sees(p, o, b.skill.sight) {
			best, bestD = o, d
		}
	}
	return best
}

// fightMove is the movement toward a target at offset to: closer or
// further to the preferred distance, and sideways, flipping now and then.
func (b *Bot) fightMove(to Vec2) Vec2 {
	dist := to.Len()
	if dist < 1 {
		return Vec2{}
	}
	fwd := to.Scale(1 / dist)
	approach := 0.0
	switch {
	case dist > botPreferredDistance+botDistanceSlack:
		approach = 1
	case dist < botPreferredDistance-botDistanceSlack:
		approach = -1
	}
	if b.strafeTicks--; b.strafeTicks <= 0 {
		b.strafeSign = -b.strafeSign
		b.strafeTicks = b.ticks(botStrafeMin + float64(b.rng.Float64()*(botStrafeMax-botStrafeMin)))
	}
	side := Vec2{-fwd.Y, fwd.X}.Scale(b.strafeSign * b.skill.strafe)
	return fwd.Scale(approach).Add(side)
}

// roamMove is the movement of a bot that sees no one: toward a spawn point
// while it wanders after being stuck, else to a pickup it needs, else
// toward the nearest other living player, wherever it is, along a path
// around the walls.
func (b *Bot) roamMove(w *World, p *Player) Vec2 {
	b.sinceSearch++
	if b.wanderTicks > 0 {
		b.wanderTicks--
		if b.wander.Dist(p.Pos) > botWanderArrive {
			return b.pathTo(w, p.Pos, b.wander)
		}
		b.wanderTicks = 0
	}
	if pk := wantedPickup(w, p); pk != nil {
		return b.pathTo(w, p.Pos, pk.Pos)
	}
	var near *Player
	bestD := math.Inf(1)
	for _, o := range w.players {
		if o != p && o.Alive {
			if d := o.Pos.Dist(p.Pos); d < bestD {
				near, bestD = o, d
			}
		}
	}
	if near == nil {
		b.hasWay = false
		return Vec2{}
	}
	return b.pathTo(w, p.Pos, near.Pos)
}

// wantedPickup returns the nearest available pickup p needs: health when
// it is hurt, else rockets when it has none and they are near; nil: none.
func wantedPickup(w *World, p *Player) *Pickup {
	var best *Pickup
	bestD := math.Inf(1)
	for i := range w.pickups {
		pk := &w.pickups[i]
		if !pk.Available() {
			continue
		}
		d := pk.Pos.Dist(p.Pos)
		switch {
		case pk.Kind == PickupHealth && p.Health <= botHurt:
			d -= 10000 // health first
		case pk.Kind == PickupRocket && p.Ammo == 0 && d <= botRocketFetch:
		default:
			continue
		}
		if d < bestD {
			best, bestD = pk, d
		}
	}
	return best
}

// pathTo is the movement from pos toward goal: straight when the way is
// clear, else toward the waypoint of a path search, searched again every
// botReplan seconds and when the waypoint is reached.
func (b *Bot) pathTo(w *World, pos, goal Vec2) Vec2 {
	b.replan--
	arrived := b.hasWay && pos.Dist(b.waypoint) < botWaypointArrive
	if !b.hasWay || b.replan <= 0 || (arrived && b.sinceSearch >= b.ticks(botReplanMin)) {
		b.replan, b.sinceSearch, b.hasWay = b.ticks(botReplan), 0, true
		g := w.nav()
		b.waypoint = goal
		if !g.clearWalk(pos, goal) {
			if wp, ok := g.waypoint(pos, goal); ok {
				b.waypoint = wp
			}
		}
	}
	return b.waypoint.Sub(pos)
}

// unstick replaces move by a random escape for a moment when the bot has
// wanted to move for a while without getting anywhere, and sends it to a
// random spawn point afterwards.
func (b *Bot) unstick(p *Player, move Vec2) Vec2 {
	if b.escapeTicks > 0 {
		b.escapeTicks--
		return b.escape
	}
	if move == (Vec2{}) {
		b.stuckTicks, b.stuckFrom = 0, p.Pos
		return move
	}
	if b.stuckTicks++; b.stuckTicks < b.ticks(botStuckWindow) {
		return move
	}
	stuck := p.Pos.Dist(b.stuckFrom) < botStuckDistance
	b.stuckTicks, b.stuckFrom = 0, p.Pos
	if !stuck {
		return move
	}
	b.escape = FromAngle(b.rng.Float64() * 2 * math.Pi)
	b.escapeTicks = b.ticks(botEscapeFor)
	b.steerSide = -b.steerSide
	if spawns := b.m.Spawns; len(spawns) > 0 {
		b.wander = spawns[b.rng.IntN(len(spawns))]
		b.wanderTicks = b.ticks(botWanderFor)
	}
	return b.escape
}

// steer turns move away from a wall up to limit units ahead: it tries
// directions botSteerStep apart on alternating sides, its preferred side
// first, and keeps move when all of them are blocked.
func (b *Bot) steer(pos, move Vec2, limit float64) Vec2 {
	l := move.Len()
	if l == 0 {
		return move
	}
	dir := move.Scale(1 / l)
	reach := limit + PlayerRadius
	for k := 0; k <= 8; k++ { // up to four steps (120°) each way
		if d := rotate(dir, b.steerAngle(k)); b.m.Raycast(pos, d, reach) >= reach {
			return d
		}
	}
	return dir
}

// steerAngle is the k-th direction steer tries: 0, then one step to the
// preferred side, one to the other, two to the preferred side, ...
func (b *Bot) steerAngle(k int) float64 {
	steps := float64((k + 1) / 2)
	side := b.steerSide
	if k%2 == 0 {
		side = -side
	}
	return steps * botSteerStep * side
}

// rotate returns v turned by angle radians.
func rotate(v Vec2, angle float64) Vec2 {
	s, c := math.Sincos(angle)
	return Vec2{float64(v.X*c) - float64(v.Y*s), float64(v.X*s) + float64(v.Y*c)}
}

// angleDiff returns a-b wrapped to [-π, π].
func angleDiff(a, b float64) float64 { return math.Remainder(a-b, 2*math.Pi) }
