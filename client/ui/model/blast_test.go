package model_test

import (
	"testing"
	"time"

	"arena/client/ui/model"
	"arena/game"
)

func TestExplosionSpreadsAndFades(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	x := model.Explosion{At: game.Vec2{X: 5, Y: 5}, Radius: 100, Born: t0}
	r0, a0 := x.Shape(t0)
	if r0 != 25 || a0 != 1 {
		t.Errorf("at birth: radius %v alpha %v, want 25 and 1", r0, a0)
	}
	r1, a1 := x.Shape(t0.Add(model.ExplosionLife / 2))
	if r1 <= 25 || r1 >= 100 || a1 <= 0 || a1 >= 1 {
		t.Errorf("halfway: radius %v alpha %v", r1, a1)
	}
	if r1 < 25+75*0.8 {
		t.Errorf("halfway the ring is at %v: it should have spread most of the way (ease out)", r1)
	}
	if r, a := x.Shape(t0.Add(model.ExplosionLife)); r != 0 || a != 0 {
		t.Errorf("after its life: radius %v alpha %v", r, a)
	}
	var fx model.Effects
	fx.AddExplosion(x)
	fx.Expire(t0.Add(model.ExplosionLife - time.Millisecond))
	if len(fx.Explosions) != 1 {
		t.Fatal("expired early")
	}
	fx.Expire(t0.Add(model.ExplosionLife))
	if len(fx.Explosions) != 0 {
		t.Error("not expired after its life")
	}
}

func TestTrailsKeepRecentPointsAndForgetGoneProjectiles(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	var tr model.Trails
	for i := range 20 {
		tr.Mark(7, game.Vec2{X: float64(i)}, t0.Add(time.Duration(i)*10*time.Millisecond))
		tr.Sweep(t0.Add(time.Duration(i) * 10 * time.Millisecond))
	}
	pts := tr.Points(7)
	if len(pts) != model.TrailPoints || pts[len(pts)-1].At.X != 19 || pts[0].At.X != 8 {
		t.Fatalf("trail %d points from %v to %v, want %d from 8 to 19", len(pts), pts[0].At.X, pts[len(pts)-1].At.X, model.TrailPoints)
	}
	// The rocket exploded: no more marks. Its trail fades, then goes.
	end := t0.Add(190 * time.Millisecond)
	tr.Sweep(end.Add(200 * time.Millisecond))
	if n := len(tr.Points(7)); n == 0 || n >= model.TrailPoints {
		t.Errorf("200 ms later: %d points, want some gone, some left", n)
	}
	tr.Sweep(end.Add(model.TrailLife))
	if tr.Len() != 0 {
		t.Errorf("a trail of a gone projectile is kept: %d", tr.Len())
	}
	p := model.TrailPoint{Born: t0}
	if a := model.TrailAlpha(&p, t0.Add(model.TrailLife/2)); a < 0.49 || a > 0.51 {
		t.Errorf("trail alpha halfway %v", a)
	}
}

func TestPickupPulse(t *testing.T) {
	t.Parallel()
	if s := model.PickupPulse(0, true); s != 0.9 {
		t.Errorf("pulse at 0: %v", s)
	}
	if s := model.PickupPulse(0.6, true); s < 1.099 || s > 1.101 {
		t.Errorf("pulse at its peak: %v", s)
	}
	if s := model.PickupPulse(0.6, false); s != 0.7 {
		t.Errorf("a taken pickup: %v, want 0.7", s)
	}
}
