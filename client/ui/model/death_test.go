package model_test

import (
	"testing"
	"time"

	"arena/client/ui/model"
)

func TestDeathKilledByThenRespawnFlash(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	var d model.Death
	d.Observe(true, t0)
	if d.Dead() || d.Dim(t0) != 0 || d.Flash(t0) != 0 {
		t.Fatalf("a living player: dead %v dim %v flash %v", d.Dead(), d.Dim(t0), d.Flash(t0))
	}
	// The kill event comes, then the snapshot that shows the player dead.
	d.Killed(7, "Ada", 3, t0)
	d.Observe(false, t0.Add(10*time.Millisecond))
	if !d.Dead() || d.Title() != "Killed by Ada" || d.Killer() != 7 {
		t.Fatalf("after being killed: dead %v title %q killer %v", d.Dead(), d.Title(), d.Killer())
	}
	if a := d.Dim(t0.Add(model.DeathDimIn / 2)); a <= 0 || a >= model.DeathDimMax {
		t.Errorf("dim halfway in = %v, want between 0 and %v", a, model.DeathDimMax)
	}
	if a := d.Dim(t0.Add(time.Second)); a != model.DeathDimMax {
		t.Errorf("dim after a second = %v, want %v", a, model.DeathDimMax)
	}
	// Respawn: the dim goes, the flash starts and fades.
	t1 := t0.Add(2 * time.Second)
	d.Observe(true, t1)
	if d.Dead() || d.Dim(t1) != 0 {
		t.Errorf("respawned: dead %v dim %v", d.Dead(), d.Dim(t1))
	}
	if f := d.Flash(t1); f != 1 {
		t.Errorf("flash at respawn = %v, want 1", f)
	}
	if f := d.Flash(t1.Add(model.SpawnFlashFor)); f != 0 {
		t.Errorf("flash after %v = %v, want 0", model.SpawnFlashFor, f)
	}
	if d.Killer() != 0 || d.Title() != "You died" {
		t.Errorf("the killer outlives the respawn: %v %q", d.Killer(), d.Title())
	}
}

func TestDeathWithoutKiller(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	var d model.Death
	d.Observe(true, t0)
	d.Killed(3, "me", 3, t0) // own rocket
	if d.Title() != "You died" || d.Killer() != 0 {
		t.Errorf("killed by oneself: %q killer %v", d.Title(), d.Killer())
	}
}

func TestDeathFirstSightAliveIsNoFlash(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	var d model.Death
	d.Observe(false, t0) // joined while dead
	d.Observe(true, t0.Add(time.Second))
	if f := d.Flash(t0.Add(time.Second)); f != 1 {
		t.Errorf("respawn after joining dead: flash %v, want 1", f)
	}
	var e model.Death
	e.Observe(true, t0) // first seen alive: nothing to flash about
	if f := e.Flash(t0); f != 0 {
		t.Errorf("first sight alive: flash %v, want 0", f)
	}
}

func TestRespawnLine(t *testing.T) {
	t.Parallel()
	if got := model.RespawnLine(1340 * time.Millisecond); got != "Respawn in 1.3 s" {
		t.Errorf("RespawnLine(1.34 s) = %q", got)
	}
	if got := model.RespawnLine(0); got != "Respawning…" {
		t.Errorf("RespawnLine(0) = %q", got)
	}
}
