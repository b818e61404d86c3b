package game

import (
	"fmt"
	"io/fs"
	"math"
	"path"
	"strings"
)

// Map is a parsed arena: its size, solid walls and spawn points, in world units.
// A Map is immutable after ParseMap.
type Map struct {
	Name                  string // file name without extension, e.g. "arena"
	Width, Height         float64
	TileWidth, TileHeight int
	Walls                 []Rect // solid, axis-aligned; the map border is solid too
	Spawns                []Vec2
	// Pickups are the health and rocket pickups, in the file's order: a
	// pickup's id on the wire is its index here plus 1.
	Pickups []PickupPoint
}

// ParseMap parses a map in Tiled's JSON format (orthogonal, uncompressed CSV/array
// tile data). Walls come from a tile layer named "walls" (every non-zero tile is
// solid) and/or rectangle objects in an object group named "walls"; spawn points
// from point (or any) objects in an object group named "spawns"; pickups from
// the objects of an optional object group named "pickups", each with type
// (Tiled's class) "health" or "rocket", at a point object's position or the
// centre of another shape. name is used in
// errors ("maps/arena.json: layer \"walls\": ...") and as Map.Name.
//
// Horizontal runs of wall tiles are merged into one Rect, and runs spanning the
// same columns on consecutive rows into one taller Rect, so collision and
// raycasts look at few rectangles. A spawn point where a player would overlap
// a wall is an error.
func ParseMap(name string, data []byte) (*Map, error) {
	m, err := parseTiled(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	base := path.Base(name)
	m.Name = strings.TrimSuffix(base, path.Ext(base))
	return m, nil
}

// Blocked reports whether a circle of radius r at p overlaps a wall or leaves the map.
// Touching a wall or the map edge is not blocked, so a player resting against
// a wall is in a valid position.
func (m *Map) Blocked(p Vec2, r float64) bool {
	if p.X-r < 0 || p.Y-r < 0 || p.X+r > m.Width || p.Y+r > m.Height {
		return true
	}
	for _, w := range m.Walls {
		dx := math.Max(w.Min.X-p.X, math.Max(0, p.X-w.Max.X))
		dy := math.Max(w.Min.Y-p.Y, math.Max(0, p.Y-w.Max.Y))
		if (Vec2{dx, dy}).Dot(Vec2{dx, dy}) < float64(r*r) {
			return true
		}
	}
	return false
}

// Raycast returns the distance along the unit vector dir from p to the first
// wall (or map edge), capped at maxDist.
//
// It is a slab test against every wall whose box the ray's segment can
// reach: maps hold at most a few hundred rectangles after merging, so a
// spatial index would not pay for itself, but the box test makes the short
// probes bots cast every tick cheap. A wall outside the segment's box cannot
// be hit within maxDist, so skipping it never changes the result.
func (m *Map) Raycast(p, dir Vec2, maxDist float64) float64 {
	dist := maxDist
	bounds := Rect{Max: Vec2{m.Width, m.Height}}
	if t, inside := exitDist(bounds, p, dir); !inside {
		return 0
	} else if t < dist {
		dist = t
	}
	end := Vec2{p.X + float64(dir.X*dist), p.Y + float64(dir.Y*dist)}
	lo := Vec2{math.Min(p.X, end.X), math.Min(p.Y, end.Y)}
	hi := Vec2{math.Max(p.X, end.X), math.Max(p.Y, end.Y)}
	const slack = 1e-9 // rounding of end: never skip a wall the ray touches
	for _, w := range m.Walls {
		if w.Min.X > hi.X+slack || w.Max.X < lo.X-slack || w.Min.Y > hi.Y+slack || w.Max.Y < lo.Y-slack {
			continue
		}
		if t, ok := entryDist(w, p, dir); ok && t < dist {
			dist = t
		}
	}
	return math.Max(0, dist)
}

// entryDist returns the distance along dir from p to where the ray enters r
// (0 when p is inside r), and whether it enters at all.
func entryDist(r Rect, p, dir Vec2) (float64, bool) {
	tmin, tmax := math.Inf(-1), math.Inf(1)
	for _, s := range [2]struct{ p, d, lo, hi float64 }{
		{p.X, dir.X, r.Min.X, r.Max.X},
		{p.Y, dir.Y, r.Min.Y, r.Max.Y},
	} {
		if s.d == 0 {
			if s.p < s.lo || s.p > s.hi {
				return 0, false
			}
			continue
		}
		t1, t2 := (s.lo-s.p)/s.d, (s.hi-s.p)/s.d
		if t1 > t2 {
			t1, t2 = t2, t1
		}
		tmin, tmax = math.Max(tmin, t1), math.Min(tmax, t2)
	}
	if tmin > tmax || tmax < 0 {
		return 0, false
	}
	return math.Max(0, tmin), true
}

// exitDist returns the distance along dir from p to where the ray leaves r,
// and whether p is inside r at all.
func exitDist(r Rect, p, dir Vec2) (float64, bool) {
	if p.X < r.Min.X || p.Y < r.Min.Y || p.X > r.Max.X || p.Y > r.Max.Y {
		return 0, false
	}
	t := math.Inf(1)
	switch {
	case dir.X > 0:
		t = math.Min(t, (r.Max.X-p.X)/dir.X)
	case dir.X < 0:
		t = math.Min(t, (r.Min.X-p.X)/dir.X)
	}
	switch {
	case dir.Y > 0:
		t = math.Min(t, (r.Max.Y-p.Y)/dir.Y)
	case dir.Y < 0:
		t = math.Min(t, (r.Min.Y-p.Y)/dir.Y)
	}
	return t, true
}

// LoadMap reads and parses "maps/<name>.json" from fsys (assets.FS in the
// programs). Errors name the file.
func LoadMap(fsys fs.FS, name string) (*Map, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || strings.Contains(name, "..") {
		return nil, fmt.Errorf("game: invalid map name %q", name)
	}
	file := "maps/" + name + ".json"
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, fmt.Errorf("game: load map: %w", err) // a PathError names the file
	}
	return ParseMap(file, data)
}
