package assets

import "embed"

// FS holds the embedded content: maps/<name>.json in Tiled's JSON format and
// maps/walls.png, the tileset image Tiled shows when editing them.
//
//go:embed maps
var FS embed.FS

// DefaultMap is the map rooms play unless configured otherwise.
const DefaultMap = "arena"

// DefaultRotation returns the maps rooms play in turn when matches are
// timed: the original arena, a maze of tight corridors, and an open field
// larger than the view.
func DefaultRotation() []string { return []string{"arena", "warrens", "expanse"} }
