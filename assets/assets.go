package assets

import "embed"

// FS holds the embedded content: maps/<name>.json.
//
//go:embed maps
var FS embed.FS

// DefaultMap is the map rooms play unless configured otherwise.
const DefaultMap = "arena"
