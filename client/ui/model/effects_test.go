package model_test

import (
	"testing"
	"time"

	"arena/client"
	"arena/client/ui/model"
	"arena/game"
)

func TestFadeOut(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	tests := []struct {
		age, life, fade time.Duration
		want            float32
	}{
		{0, 10 * ms, 10 * ms, 1},
		{5 * ms, 10 * ms, 10 * ms, 0.5},
		{9 * ms, 10 * ms, 10 * ms, 0.1},
		{10 * ms, 10 * ms, 10 * ms, 0},
		{time.Second, 4 * time.Second, time.Second, 1}, // before the fade starts
		{3500 * ms, 4 * time.Second, time.Second, 0.5},
		{3 * ms, 10 * ms, 0, 1},
	}
	for _, tt := range tests {
		if got := model.FadeOut(tt.age, tt.life, tt.fade); got < tt.want-1e-6 || got > tt.want+1e-6 {
			t.Errorf("FadeOut(%v, %v, %v) = %v, want %v", tt.age, tt.life, tt.fade, got, tt.want)
		}
	}
}

func TestTracerFadesOverItsLife(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	tr := model.Tracer{Born: t0}
	if a := tr.Alpha(t0); a != 1 {
		t.Errorf("new tracer alpha = %v, want 1", a)
	}
	if a := tr.Alpha(t0.Add(model.TracerLife / 2)); a < 0.49 || a > 0.51 {
		t.Errorf("half-life alpha = %v, want 0.5", a)
	}
	if a := tr.Alpha(t0.Add(model.TracerLife)); a != 0 {
		t.Errorf("expired tracer alpha = %v, want 0", a)
	}
}

func TestEffectsExpire(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	var e model.Effects
	e.AddTracer(model.Tracer{Shooter: 1, Born: t0})
	e.AddHit(model.HitMarker{Born: t0})
	e.AddKill(model.FeedLine{Born: t0})
	e.AddChat(model.FeedLine{Born: t0})
	e.Expire(t0.Add(model.TracerLife - time.Millisecond))
	if len(e.Tracers) != 1 {
		t.Fatal("tracer gone before its life ended")
	}
	e.Expire(t0.Add(model.TracerLife))
	if len(e.Tracers) != 0 {
		t.Fatal("tracer outlived its life")
	}
	if len(e.Hits) != 1 {
		t.Fatal("hit marker gone with the tracer: it lives longer")
	}
	if a := e.Hits[0].Alpha(t0.Add(model.HitMarkerLife / 2)); a < 0.49 || a > 0.51 {
		t.Errorf("hit marker alpha half way = %v, want 0.5", a)
	}
	e.Expire(t0.Add(model.HitMarkerLife))
	if len(e.Hits) != 0 {
		t.Fatal("hit marker outlived its life")
	}
	if len(e.Kills) != 1 || len(e.Chat) != 1 {
		t.Fatal("feed lines expired with the tracer")
	}
	e.Expire(t0.Add(model.KillFeedLife))
	if len(e.Kills) != 0 || len(e.Chat) != 1 {
		t.Fatalf("after the kill feed's life: %d kills, %d chat; want 0, 1", len(e.Kills), len(e.Chat))
	}
	if a := model.ChatAlpha(&e.Chat[0], t0.Add(model.ChatLife-model.LineFade/2)); a < 0.49 || a > 0.51 {
		t.Errorf("chat alpha half way through its fade = %v, want 0.5", a)
	}
	e.Expire(t0.Add(model.ChatLife))
	if len(e.Chat) != 0 {
		t.Fatal("chat line outlived its life")
	}
}

func TestFeedKeepsNewest(t *testing.T) {
	t.Parallel()
	var e model.Effects
	for i := range model.MaxKillFeed + 3 {
		e.AddKill(model.FeedLine{Parts: [3]model.LinePart{{Text: string(rune('a' + i))}}})
	}
	if len(e.Kills) != model.MaxKillFeed {
		t.Fatalf("%d kill lines, want %d", len(e.Kills), model.MaxKillFeed)
	}
	if first := e.Kills[0].Parts[0].Text; first != "d" {
		t.Fatalf("oldest kept line = %q, want %q", first, "d")
	}
}

func TestShotsOfTheLocalPlayerDrawOneTracer(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	const me, other = 3, 7
	from, to := game.Vec2{X: 10, Y: 10}, game.Vec2{X: 200, Y: 10}
	var e model.Effects

	// The local player fires: the session predicts the shot at once.
	e.AddShot(&client.Event{Kind: client.EventShot, Player: me, From: from, To: to, Predicted: true}, me, t0)
	if len(e.Tracers) != 1 || e.Tracers[0].Shooter != me || e.Tracers[0].To != to {
		t.Fatalf("predicted shot: tracers %+v, want one from the local player to %v", e.Tracers, to)
	}
	// The server's account of it, a miss: nothing more is drawn.
	e.AddShot(&client.Event{Kind: client.EventShot, Player: me, From: from, To: to}, me, t0.Add(150*time.Millisecond))
	if len(e.Tracers) != 1 || len(e.Hits) != 0 {
		t.Fatalf("server's miss: %d tracers, %d hit markers; want 1, 0", len(e.Tracers), len(e.Hits))
	}
	// The server's account of a hit: a hit marker where it hit, still no
	// second tracer.
	hitAt := game.Vec2{X: 180, Y: 12}
	e.AddShot(&client.Event{Kind: client.EventShot, Player: me, Other: other, From: from, To: hitAt}, me, t0.Add(160*time.Millisecond))
	if len(e.Tracers) != 1 || len(e.Hits) != 1 || e.Hits[0].At != hitAt {
		t.Fatalf("server's hit: %d tracers, hits %+v; want 1 tracer and a marker at %v", len(e.Tracers), e.Hits, hitAt)
	}
	// Another player's shot that hit the local player: a tracer, marked as a hit.
	e.AddShot(&client.Event{Kind: client.EventShot, Player: other, Other: me, From: to, To: from}, me, t0.Add(170*time.Millisecond))
	if len(e.Tracers) != 2 || e.Tracers[1].Shooter != other || !e.Tracers[1].Hit || len(e.Hits) != 1 {
		t.Fatalf("other's shot: tracers %+v, %d hit markers", e.Tracers, len(e.Hits))
	}
}
