//go:build js

package model

import (
	"errors"
	"fmt"
	"syscall/js"
)

// LocalStorageKey is the key the browser's settings are kept under in the
// page's localStorage.
const LocalStorageKey = "arena.settings"

// LocalStorageStore keeps Settings as JSON in the page's localStorage.
type LocalStorageStore struct{}

// DefaultSettingsStore returns the browser's store: the page's
// localStorage, or a MemoryStore and the error when the page has none
// (storage disabled).
func DefaultSettingsStore() (SettingsStore, error) {
	if ls := js.Global().Get("localStorage"); ls.IsUndefined() || ls.IsNull() {
		return &MemoryStore{}, errors.New("settings: this page has no localStorage: settings are not kept")
	}
	return LocalStorageStore{}, nil
}

// Load implements SettingsStore.
func (LocalStorageStore) Load() (s Settings, err error) {
	defer func() { // a page may forbid storage: getItem then throws
		if r := recover(); r != nil {
			s, err = DefaultSettings(), fmt.Errorf("settings: localStorage: %v", r)
		}
	}()
	v := js.Global().Get("localStorage").Call("getItem", LocalStorageKey)
	if v.IsNull() || v.IsUndefined() {
		return DefaultSettings(), nil
	}
	return ParseSettings([]byte(v.String()))
}

// Save implements SettingsStore.
func (LocalStorageStore) Save(s Settings) (err error) {
	defer func() { // a full or forbidden storage throws
		if r := recover(); r != nil {
			err = fmt.Errorf("settings: localStorage: %v", r)
		}
	}()
	js.Global().Get("localStorage").Call("setItem", LocalStorageKey, string(MarshalSettings(s)))
	return nil
}

// Where implements SettingsStore.
func (LocalStorageStore) Where() string { return "localStorage[" + LocalStorageKey + "]" }
