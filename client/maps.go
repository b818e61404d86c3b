package client

import (
	"fmt"
	"io/fs"
	"sync"

	"arena/assets"
	"arena/game"
)

// Maps loads the maps a server may play, each once: many sessions (a bot
// swarm) share one parsed map. All methods may be called concurrently.
type Maps struct {
	fsys fs.FS
	mu   sync.Mutex
	maps map[string]*game.Map
}

// NewMaps returns Maps that loads from fsys (Tiled JSON files, see
// game.LoadMap).
func NewMaps(fsys fs.FS) *Maps {
	return &Maps{fsys: fsys, maps: make(map[string]*game.Map)}
}

// builtinMaps are the maps built into the client (package assets), the
// default of Options.Maps.
var builtinMaps = NewMaps(assets.FS)

// Load returns the parsed map name, loading it on first use. The map is
// shared: callers must not change it.
func (c *Maps) Load(name string) (*game.Map, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if m, ok := c.maps[name]; ok {
		return m, nil
	}
	m, err := game.LoadMap(c.fsys, name)
	if err != nil {
		return nil, fmt.Errorf("the server plays map %q, which this client cannot load: %w", name, err)
	}
	c.maps[name] = m
	return m, nil
}
