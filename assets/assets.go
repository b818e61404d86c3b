package assets

import "embed"

// FS holds the embedded content: maps/<name>.json in Tiled's JSON format and
// maps/walls.png, the tileset image Tiled shows when editing them.
//
//go:embed maps
var FS embed.FS

// DefaultMap is the map rooms play unless configured otherwise.
const DefaultMap = "arena"
