package model_test

import (
	"testing"
	"time"

	"arena/client/ui/model"
)

func TestKillLine(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	l := model.KillLine(4, "Ada", 9, "Bob", model.WeaponRocket, 1, t0)
	if !l.Kill || l.Mine || l.Weapon != model.WeaponRocket {
		t.Errorf("others' kill: kill %v mine %v weapon %v", l.Kill, l.Mine, l.Weapon)
	}
	if l.Parts[0] != (model.LinePart{Text: "Ada", Who: 4}) || l.Parts[2] != (model.LinePart{Text: "Bob", Who: 9}) {
		t.Errorf("parts %+v", l.Parts)
	}
	if l := model.KillLine(1, "me", 9, "Bob", model.WeaponBlaster, 1, t0); !l.Mine {
		t.Error("the local player's kill is not marked")
	}
	if l := model.KillLine(4, "Ada", 1, "me", model.WeaponBlaster, 1, t0); !l.Mine {
		t.Error("the local player's death is not marked")
	}
	d := model.KillLine(9, "Bob", 9, "Bob", model.WeaponRocket, 1, t0)
	if d.Kill || d.Parts[0].Text != "Bob" || d.Parts[1].Text != " died" {
		t.Errorf("a death by one's own rocket: %+v", d)
	}
}

func TestKillSlideEasesIn(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	l := model.KillLine(4, "Ada", 9, "Bob", model.WeaponBlaster, 1, t0)
	if s := model.KillSlide(&l, t0); s != 1 {
		t.Errorf("slide at birth %v, want 1", s)
	}
	mid := model.KillSlide(&l, t0.Add(model.KillSlideIn/2))
	if mid <= 0 || mid >= 0.5 {
		t.Errorf("slide halfway %v, want eased out below 0.5", mid)
	}
	if s := model.KillSlide(&l, t0.Add(model.KillSlideIn)); s != 0 {
		t.Errorf("slide after %v: %v, want 0", model.KillSlideIn, s)
	}
}

func TestWeaponNames(t *testing.T) {
	t.Parallel()
	if model.WeaponBlaster.String() != "Blaster" || model.WeaponRocket.String() != "Rocket" || model.WeaponUnknown.String() != "" {
		t.Error("weapon names")
	}
}
