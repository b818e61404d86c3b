package model

// The player's settings and how they are kept: the fields, their limits,
// and their JSON form. Where the JSON is stored is settingsstore*.go.

import (
	"encoding/json"
	"fmt"
	"math"
)

// Limits of the settings.
const (
	MaxVolume          = 100
	DefaultVolume      = 70
	MinSensitivity     = 0.25
	MaxSensitivity     = 4
	DefaultSensitivity = 1
	// SensitivityStep is how much one press of left or right changes
	// the sensitivity on the settings scene; VolumeStep the volume.
	SensitivityStep = 0.25
	VolumeStep      = 10
)

// Settings are what the player chose, kept between runs: the name last
// joined with, the sound volume, how fast a gamepad or touch stick turns
// the aim, fullscreen, and whether the net graph shows in the match.
type Settings struct {
	Name        string  `json:"name"`
	Volume      int     `json:"volume"`      // 0 (silent) to MaxVolume
	Sensitivity float64 `json:"sensitivity"` // MinSensitivity to MaxSensitivity; 1 is the default
	Fullscreen  bool    `json:"fullscreen"`
	NetGraph    bool    `json:"net_graph"`
}

// DefaultSettings are the settings of a first run.
func DefaultSettings() Settings {
	return Settings{Volume: DefaultVolume, Sensitivity: DefaultSensitivity}
}

// VolumeScale is the volume as a factor in [0, 1] for the sound to apply.
func (s Settings) VolumeScale() float64 { return float64(s.Volume) / MaxVolume }

// Normalized returns s with every field within its limits: the name cut
// to a name field's limits, the volume and sensitivity clamped (a NaN
// sensitivity is the default).
func (s Settings) Normalized() Settings {
	s.Name = NewNameField(s.Name).String()
	s.Volume = min(max(s.Volume, 0), MaxVolume)
	switch {
	case math.IsNaN(s.Sensitivity) || s.Sensitivity == 0:
		s.Sensitivity = DefaultSensitivity
	default:
		s.Sensitivity = min(max(s.Sensitivity, MinSensitivity), MaxSensitivity)
	}
	return s
}

// StepVolume returns s with the volume moved by steps of VolumeStep, clamped.
func (s Settings) StepVolume(steps int) Settings {
	s.Volume = min(max(s.Volume+steps*VolumeStep, 0), MaxVolume)
	return s
}

// StepSensitivity returns s with the sensitivity moved by steps of
// SensitivityStep, clamped.
func (s Settings) StepSensitivity(steps int) Settings {
	v := s.Sensitivity + float64(steps)*SensitivityStep
	s.Sensitivity = math.Round(min(max(v, MinSensitivity), MaxSensitivity)*100) / 100
	return s
}

// MarshalSettings returns s (normalized) as indented JSON.
func MarshalSettings(s Settings) []byte {
	b, err := json.MarshalIndent(s.Normalized(), "", "  ")
	if err != nil { // a struct of strings, numbers and bools always encodes
		panic(err)
	}
	return append(b, '\n')
}

// ParseSettings reads settings saved by MarshalSettings. Fields missing
// from data keep their defaults, unknown fields are ignored and values
// out of range are clamped. Data that is not a JSON object of settings
// gives the defaults and an error saying what is wrong, never a panic.
func ParseSettings(data []byte) (Settings, error) {
	s := DefaultSettings()
	if err := json.Unmarshal(data, &s); err != nil {
		return DefaultSettings(), fmt.Errorf("settings are corrupt (%v): using defaults", err)
	}
	return s.Normalized(), nil
}
