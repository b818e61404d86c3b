package game

import "io/fs"

// Map is a parsed arena: its size, solid walls and spawn points, in world units.
// A Map is immutable after ParseMap.
type Map struct {
	Name                  string // file name without extension, e.g. "arena"
	Width, Height         float64
	TileWidth, TileHeight int
	Walls                 []Rect // solid, axis-aligned; the map border is solid too
	Spawns                []Vec2
}

// ParseMap parses a map in Tiled's JSON format (orthogonal, uncompressed CSV/array
// tile data). Walls come from a tile layer named "walls" (every non-zero tile is
// solid) and/or rectangle objects in an object group named "walls"; spawn points
// from point (or any) objects in an object group named "spawns". name is used in
// errors ("maps/arena.json: layer \"walls\": ...") and as Map.Name.
func ParseMap(name string, data []byte) (*Map, error) { panic("TODO") }

// Blocked reports whether a circle of radius r at p overlaps a wall or leaves the map.
func (m *Map) Blocked(p Vec2, r float64) bool { panic("TODO") }

// Raycast returns the distance along the unit vector dir from p to the first
// wall (or map edge), capped at maxDist.
func (m *Map) Raycast(p, dir Vec2, maxDist float64) float64 { panic("TODO") }

// LoadMap reads and parses "maps/<name>.json" from fsys (assets.FS in the
// programs). Errors name the file.
func LoadMap(fsys fs.FS, name string) (*Map, error) { panic("TODO") }
