//go:build !js

package model

// DefaultSettingsStore returns the desktop's store: the file
// os.UserConfigDir()/arena/settings.json, or, when there is no
// configuration directory, a MemoryStore and the error saying why.
func DefaultSettingsStore() (SettingsStore, error) {
	f, err := UserFileStore()
	if err != nil {
		return &MemoryStore{}, err
	}
	return f, nil
}
