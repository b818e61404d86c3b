package model_test

import (
	"math"
	"testing"

	"arena/client"
	"arena/client/ui/model"
	"arena/game"
)

func TestSoundCuesForEvent(t *testing.T) {
	t.Parallel()
	const local = game.PlayerID(3)
	me := game.Vec2{X: 1000, Y: 1000}
	near := game.Vec2{X: 1100, Y: 1000}
	tests := []struct {
		name   string
		ev     client.Event
		want   model.Sound // SoundNone: no cue
		volume float64
	}{
		{"own shot, predicted", client.Event{Kind: client.EventShot, Player: local, Predicted: true, From: me}, model.SoundOwnShot, model.OwnShotVolume},
		{"own predicted shot that will hit", client.Event{Kind: client.EventShot, Player: local, Predicted: true, Other: 5, From: me}, model.SoundOwnShot, model.OwnShotVolume},
		{"server: own shot hit", client.Event{Kind: client.EventShot, Player: local, Other: 5, From: me}, model.SoundHit, model.HitVolume},
		{"server: own shot missed", client.Event{Kind: client.EventShot, Player: local, From: me}, model.SoundNone, 0},
		{"other's shot nearby", client.Event{Kind: client.EventShot, Player: 5, From: near}, model.SoundOtherShot, model.OtherShotVolume},
		{"other's shot that hit me", client.Event{Kind: client.EventShot, Player: 5, Other: local, From: near}, model.SoundOtherShot, model.OtherShotVolume},
		{"other's shot at the edge of full hearing", client.Event{Kind: client.EventShot, Player: 5, From: game.Vec2{X: me.X + model.HearFull, Y: me.Y}}, model.SoundOtherShot, model.OtherShotVolume},
		{"other's shot halfway to silence", client.Event{Kind: client.EventShot, Player: 5, From: game.Vec2{X: me.X, Y: me.Y + (model.HearFull+model.HearMax)/2}}, model.SoundOtherShot, model.OtherShotVolume / 2},
		{"other's shot out of hearing", client.Event{Kind: client.EventShot, Player: 5, From: game.Vec2{X: me.X + model.HearMax, Y: me.Y}}, model.SoundNone, 0},
		{"killed", client.Event{Kind: client.EventKill, Player: 5, Other: local}, model.SoundDeath, model.DeathVolume},
		{"own kill", client.Event{Kind: client.EventKill, Player: local, Other: 5}, model.SoundKill, model.KillVolume},
		{"own death by own rocket", client.Event{Kind: client.EventKill, Player: local, Other: local}, model.SoundDeath, model.DeathVolume},
		{"others' kill", client.Event{Kind: client.EventKill, Player: 5, Other: 6}, model.SoundNone, 0},
		{"chat", client.Event{Kind: client.EventChat, Player: 5, Text: "hi"}, model.SoundNone, 0},
		{"join", client.Event{Kind: client.EventJoin, Player: 5}, model.SoundNone, 0},
	}
	for _, tt := range tests {
		var c model.SoundCues
		cue, ok := c.ForEvent(&tt.ev, local, me)
		if ok != (tt.want != model.SoundNone) || cue.Sound != tt.want {
			t.Errorf("%s: cue %v, %v; want %v", tt.name, cue.Sound, ok, tt.want)
			continue
		}
		if math.Abs(cue.Volume-tt.volume) > 1e-9 {
			t.Errorf("%s: volume %v, want %v", tt.name, cue.Volume, tt.volume)
		}
	}
}

func TestSoundCuesMute(t *testing.T) {
	t.Parallel()
	shot := client.Event{Kind: client.EventShot, Player: 1, Predicted: true}
	hit := client.Event{Kind: client.EventShot, Player: 1, Other: 2}
	other := client.Event{Kind: client.EventShot, Player: 2}
	var c model.SoundCues
	if !c.ToggleMute() || !c.Muted {
		t.Fatal("ToggleMute from the zero value should mute")
	}
	for _, ev := range []client.Event{shot, hit, other} {
		if cue, ok := c.ForEvent(&ev, 1, game.Vec2{}); ok {
			t.Errorf("muted, yet %v plays", cue.Sound)
		}
	}
	if c.ToggleMute() || c.Muted {
		t.Fatal("a second ToggleMute should unmute")
	}
	if cue, ok := c.ForEvent(&shot, 1, game.Vec2{}); !ok || cue.Sound != model.SoundOwnShot {
		t.Errorf("unmuted own shot: %v, %v; want the own shot sound", cue.Sound, ok)
	}
}

func TestSoundHelp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		muted, noDevice bool
		want            string
	}{
		{false, false, "M mute"},
		{true, false, "M unmute"},
		{false, true, "no sound device"},
		{true, true, "no sound device"},
	}
	for _, tt := range tests {
		if got := model.SoundHelp(tt.muted, tt.noDevice); got != tt.want {
			t.Errorf("SoundHelp(muted %v, no device %v) = %q, want %q", tt.muted, tt.noDevice, got, tt.want)
		}
	}
}
