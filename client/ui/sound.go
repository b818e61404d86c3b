package ui

// Playing the match's sounds (package model makes them and decides which
// event makes which) through Ebiten's audio, or nothing at all when there
// is no device to play on.

import (
	"log/slog"

	"github.com/hajimehoshi/ebiten/v2/audio"

	"arena/client"
	"arena/client/ui/model"
	"arena/client/ui/sounddevice"
	"arena/game"
)

// voicesPerSound bounds how many of one sound play at once: enough for a
// burst of shots to overlap, few enough that a full room's gunfire is not
// a wall of noise (and each voice is one small buffer, made once).
const voicesPerSound = 4

// soundState is where the sound system is.
type soundState uint8

const (
	soundIdle     soundState = iota // muted from the start: nothing checked or opened
	soundChecking                   // sounddevice.Check is running
	soundOn                         // the audio context is made; sounds play once it is ready
	soundOff                        // no device: silent for good
)

// sound plays model.Sounds. Ebiten's audio ends the game (ebiten.RunGame
// returns the error) when it cannot open a device, so no audio context is
// made until sounddevice.Check, run in a goroutine so that Update never
// waits, says there is one; without one the game is silent and says why
// once in the log. Muted from the start (Config.Mute), it checks and
// opens nothing until unmuted. Used by Ebiten's goroutine only.
type sound struct {
	log     *slog.Logger
	cues    model.SoundCues
	state   soundState
	checked chan error // the check's verdict, while soundChecking
	ctx     *audio.Context
	voices  map[model.Sound]*voices
	waiting bool   // a sound was dropped because the context is not ready yet (logged once)
	played  uint64 // sounds started
}

func newSound(log *slog.Logger, muted bool) *sound {
	s := &sound{log: log, cues: model.SoundCues{Muted: muted}}
	if !muted {
		s.startCheck()
	}
	return s
}

// startCheck looks for a device off Ebiten's goroutine; update collects
// the verdict.
func (s *sound) startCheck() {
	s.state = soundChecking
	s.checked = make(chan error, 1)
	go func(ch chan<- error) { ch <- sounddevice.Check(model.SoundSampleRate) }(s.checked)
}

// update collects the device check's verdict, if it has come, and opens
// the audio when there is a device. It never waits.
func (s *sound) update() {
	if s.state != soundChecking {
		return
	}
	select {
	case err := <-s.checked:
		s.checked = nil
		if err != nil {
			s.state = soundOff
			s.log.Info("sound off", "err", err)
			return
		}
		s.open()
	default:
	}
}

// open makes the audio context and a few voices of every sound.
func (s *sound) open() {
	// One audio context a process: NewContext panics on a second.
	s.ctx = audio.CurrentContext()
	if s.ctx == nil {
		s.ctx = audio.NewContext(model.SoundSampleRate)
	} else if rate := s.ctx.SampleRate(); rate != model.SoundSampleRate {
		s.state = soundOff
		s.log.Info("sound off", "err", "an audio context at another sample rate exists", "rate", rate)
		return
	}
	s.voices = make(map[model.Sound]*voices, len(model.Sounds))
	for _, snd := range model.Sounds {
		pcm := snd.PCM()
		v := &voices{steal: snd == model.SoundOwnShot} // one's own shot always sounds
		for range voicesPerSound {
			// Each player reads its own reader over the shared bytes.
			v.players = append(v.players, s.ctx.NewPlayerFromBytes(pcm))
		}
		s.voices[snd] = v
	}
	s.state = soundOn
	s.log.Info("sound on", "rate", model.SoundSampleRate)
}

// toggleMute mutes or unmutes; unmuting for the first time checks for a
// device.
func (s *sound) toggleMute() {
	muted := s.cues.ToggleMute()
	s.log.Debug("sound", "muted", muted)
	if !muted && s.state == soundIdle {
		s.startCheck()
	}
}

// event plays what session event ev sounds like to the local player (id
// local) at listener, if anything.
func (s *sound) event(ev *client.Event, local game.PlayerID, listener game.Vec2) {
	if cue, ok := s.cues.ForEvent(ev, local, listener); ok {
		s.play(cue)
	}
}

// cue plays cue when ok (a model.SoundCues answer), for sounds that are
// not one session event: the match's start and end, others' deaths.
func (s *sound) cue(cue model.SoundCue, ok bool) {
	if ok {
		s.play(cue)
	}
}

// setVolume sets the master volume from a setting of 0..100.
func (s *sound) setVolume(percent int) { s.cues.SetVolume(percent) }

// play starts cue at once, or drops it: a sound late is worse than none.
// The context is not ready until the device is open and, in a browser,
// until the player has pressed a key or clicked (autoplay rules).
func (s *sound) play(cue model.SoundCue) {
	if s.state != soundOn {
		return
	}
	if !s.ctx.IsReady() {
		if !s.waiting {
			s.waiting = true
			s.log.Info("sound waits for the audio device (in a browser, for a key press or click)")
		}
		return
	}
	p := s.voices[cue.Sound].pick()
	if p == nil {
		return
	}
	if err := p.Rewind(); err != nil {
		s.log.Debug("sound", "rewind", err)
		return
	}
	p.SetVolume(cue.Volume)
	p.Play()
	s.played++
}

// help is the help line's word on sound.
func (s *sound) help() string { return model.SoundHelp(s.cues.Muted, s.state == soundOff) }

// report tells f the sound's state.
func (s *sound) report(f *Frame) {
	f.Muted = s.cues.Muted
	f.SoundOn = s.state == soundOn && s.ctx.IsReady()
	f.SoundsPlayed = s.played
}

// voices are the players of one sound, used in turn.
type voices struct {
	players []*audio.Player
	next    int
	steal   bool // when all are playing, restart the one started longest ago
}

// pick returns a voice that is not playing, the oldest when steal and all
// are, else nil.
func (v *voices) pick() *audio.Player {
	if v == nil {
		return nil
	}
	n := len(v.players)
	for i := range n {
		j := (v.next + i) % n
		if !v.players[j].IsPlaying() {
			v.next = (j + 1) % n
			return v.players[j]
		}
	}
	if !v.steal {
		return nil
	}
	p := v.players[v.next]
	v.next = (v.next + 1) % n
	return p
}
