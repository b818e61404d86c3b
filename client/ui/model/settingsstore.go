package model

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// SettingsStore keeps Settings between runs: a file on the desktop
// (FileStore), the page's localStorage in the browser. DefaultSettingsStore
// returns the platform's.
type SettingsStore interface {
	// Load returns the saved settings, the defaults when none were saved,
	// and the defaults with an error when what was saved cannot be read:
	// the error is for the player to see, the settings are usable either way.
	Load() (Settings, error)
	// Save keeps s (normalized) for the next Load.
	Save(s Settings) error
	// Where says where the settings are kept, for messages.
	Where() string
}

// FileStore keeps Settings as JSON in the file Path, written whole to a
// temporary file and renamed over the old one, so a crash mid-save leaves
// the old settings, not half a file.
type FileStore struct {
	Path string
}

// SettingsFileName is the file FileStore uses under the user's
// configuration directory, in a folder "arena".
const SettingsFileName = "settings.json"

// UserFileStore returns the FileStore at os.UserConfigDir()/arena/settings.json.
func UserFileStore() (*FileStore, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	return &FileStore{Path: filepath.Join(dir, "arena", SettingsFileName)}, nil
}

// Load implements SettingsStore.
func (f *FileStore) Load() (Settings, error) {
	b, err := os.ReadFile(f.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return DefaultSettings(), nil
	case err != nil:
		return DefaultSettings(), fmt.Errorf("settings: %w", err)
	}
	s, err := ParseSettings(b)
	if err != nil {
		return s, fmt.Errorf("%s: %w", f.Path, err)
	}
	return s, nil
}

// Save implements SettingsStore.
func (f *FileStore) Save(s Settings) error {
	if err := os.MkdirAll(filepath.Dir(f.Path), 0o755); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.Path), SettingsFileName+".*")
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	_, werr := tmp.Write(MarshalSettings(s))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("settings: save %s: %w", f.Path, err)
	}
	if err := os.Rename(tmp.Name(), f.Path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("settings: save %s: %w", f.Path, err)
	}
	return nil
}

// Where implements SettingsStore.
func (f *FileStore) Where() string { return f.Path }

// MemoryStore keeps Settings in memory only: for a run that must not
// read or write the player's own settings (tests, a store that failed).
type MemoryStore struct {
	saved *Settings
}

// Load implements SettingsStore.
func (m *MemoryStore) Load() (Settings, error) {
	if m.saved == nil {
		return DefaultSettings(), nil
	}
	return *m.saved, nil
}

// Save implements SettingsStore.
func (m *MemoryStore) Save(s Settings) error {
	s = s.Normalized()
	m.saved = &s
	return nil
}

// Where implements SettingsStore.
func (m *MemoryStore) Where() string { return "memory" }
