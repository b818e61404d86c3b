package model

// Short-lived things drawn over the game: shot tracers, hit markers, the kill
// feed and chat lines. They age by the clock the caller passes (the same instant it asks the
// session for players), not by counting ticks, so they last as long on a
// machine or a background tab that cannot keep 60 updates a second.

import (
	"time"

	"arena/client"
	"arena/game"
)

// Effect lifetimes.
const (
	TracerLife    = 150 * time.Millisecond
	HitMarkerLife = 250 * time.Millisecond
	KillFeedLife  = 4 * time.Second
	ChatLife      = 10 * time.Second
	LineFade      = time.Second // feed and chat lines fade out over their last second
)

// Limits on the lines shown at once; older lines are dropped.
const (
	MaxKillFeed  = 5
	MaxChatLines = 6
)

// FadeOut is the opacity of something age old that lives life and fades
// linearly over its last fade: 1, then down to 0 at life.
func FadeOut(age, life, fade time.Duration) float32 {
	switch {
	case age >= life:
		return 0
	case fade <= 0 || age <= life-fade:
		return 1
	default:
		return float32(life-age) / float32(fade)
	}
}

// Tracer is a shot's line from the muzzle to where it stopped.
type Tracer struct {
	From, To game.Vec2
	Shooter  game.PlayerID
	Hit      bool      // it stopped on a player
	Born     time.Time // when it was received, or made (the local player's own)
}

// Alpha is the tracer's opacity at now: it fades out over its whole life.
func (t *Tracer) Alpha(now time.Time) float32 {
	return FadeOut(now.Sub(t.Born), TracerLife, TracerLife)
}

// HitMarker marks where the server says the local player's shot hit
// someone. The shot's tracer was drawn when it was fired (predicted); the
// hit is only known a round trip later.
type HitMarker struct {
	At   game.Vec2
	Born time.Time
}

// Alpha is the marker's opacity at now: it fades out over its whole life.
func (h *HitMarker) Alpha(now time.Time) float32 {
	return FadeOut(now.Sub(h.Born), HitMarkerLife, HitMarkerLife)
}

// FeedLine is a kill-feed or chat line: up to three parts drawn one after
// the other, each in its player's color.
type FeedLine struct {
	Parts [3]LinePart
	Born  time.Time
	// Kill-feed lines only (see KillLine): the weapon drawn between the
	// killer and the victim, and whether the local player is either.
	Weapon Weapon
	Kill   bool // a kill line: Parts are killer, "", victim
	Mine   bool
}

// LinePart is a piece of a FeedLine; Who == 0 draws it in the neutral color.
type LinePart struct {
	Text string
	Who  game.PlayerID
}

// Effects holds the live effects.
type Effects struct {
	Tracers     []Tracer
	Hits        []HitMarker
	Explosions  []Explosion
	Kills, Chat []FeedLine // oldest first
}

// KillAlpha is the opacity at now of a kill-feed line.
func KillAlpha(l *FeedLine, now time.Time) float32 {
	return FadeOut(now.Sub(l.Born), KillFeedLife, LineFade)
}

// ChatAlpha is the opacity at now of a chat line.
func ChatAlpha(l *FeedLine, now time.Time) float32 {
	return FadeOut(now.Sub(l.Born), ChatLife, LineFade)
}

// AddTracer adds a shot's tracer.
func (e *Effects) AddTracer(t Tracer) { e.Tracers = append(e.Tracers, t) }

// AddHit adds a hit marker.
func (e *Effects) AddHit(h HitMarker) { e.Hits = append(e.Hits, h) }

// AddShot shows a session's shot event (client.EventShot) received at now,
// with local the local player's id. Others' shots and the local player's
// predicted ones (drawn the moment they are fired) are tracers. The
// server's account of a local shot follows a round trip later: it draws no
// second tracer, only a hit marker when it hit someone.
func (e *Effects) AddShot(ev *client.Event, local game.PlayerID, now time.Time) {
	switch {
	case ev.Player == local && !ev.Predicted:
		if ev.Other != 0 {
			e.AddHit(HitMarker{At: ev.To, Born: now})
		}
	default:
		e.AddTracer(Tracer{From: ev.From, To: ev.To, Shooter: ev.Player, Hit: ev.Other != 0, Born: now})
	}
}

// AddKill adds a kill-feed line, dropping the oldest beyond MaxKillFeed.
func (e *Effects) AddKill(l FeedLine) { e.Kills = pushLine(e.Kills, l, MaxKillFeed) }

// AddChat adds a chat line, dropping the oldest beyond MaxChatLines.
func (e *Effects) AddChat(l FeedLine) { e.Chat = pushLine(e.Chat, l, MaxChatLines) }

// pushLine appends l, dropping the oldest lines beyond limit.
func pushLine(lines []FeedLine, l FeedLine, limit int) []FeedLine {
	lines = append(lines, l)
	if n := len(lines) - limit; n > 0 {
		lines = append(lines[:0], lines[n:]...)
	}
	return lines
}

// Expire drops the effects that have ended at now.
func (e *Effects) Expire(now time.Time) {
	ts := e.Tracers[:0]
	for _, t := range e.Tracers {
		if now.Sub(t.Born) < TracerLife {
			ts = append(ts, t)
		}
	}
	e.Tracers = ts
	hs := e.Hits[:0]
	for _, h := range e.Hits {
		if now.Sub(h.Born) < HitMarkerLife {
			hs = append(hs, h)
		}
	}
	e.Hits = hs
	xs := e.Explosions[:0]
	for _, x := range e.Explosions {
		if now.Sub(x.Born) < ExplosionLife {
			xs = append(xs, x)
		}
	}
	e.Explosions = xs
	e.Kills = expireLines(e.Kills, now, KillFeedLife)
	e.Chat = expireLines(e.Chat, now, ChatLife)
}

func expireLines(ls []FeedLine, now time.Time, life time.Duration) []FeedLine {
	out := ls[:0]
	for _, l := range ls {
		if now.Sub(l.Born) < life {
			out = append(out, l)
		}
	}
	return out
}
