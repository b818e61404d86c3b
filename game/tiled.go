package game

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
)

// This file decodes the subset of Tiled's JSON map format
// (https://doc.mapeditor.org/en/stable/reference/json-map-format/) Arena uses.

// Layer names ParseMap looks for.
const (
	wallsLayer  = "walls"
	spawnsLayer = "spawns"
	// pickupsLayer is optional (pickups.go).
	pickupsLayer = "pickups"
)

// maxMapTiles bounds width*height so a corrupt header cannot make ParseMap
// allocate gigabytes.
const maxMapTiles = 1 << 20

// gidMask clears Tiled's flip/rotation flags from a global tile id.
const gidMask = 0x0fffffff

type tiledMap struct {
	Type        string       `json:"type"`
	Orientation string       `json:"orientation"`
	Infinite    bool         `json:"infinite"`
	Width       int          `json:"width"`
	Height      int          `json:"height"`
	TileWidth   int          `json:"tilewidth"`
	TileHeight  int          `json:"tileheight"`
	Layers      []tiledLayer `json:"layers"`
}

type tiledLayer struct {
	Name        string          `json:"name"`
	Type        string          `json:"type"`
	Width       int             `json:"width"`
	Height      int             `json:"height"`
	Encoding    string          `json:"encoding"`
	Compression string          `json:"compression"`
	Data        json.RawMessage `json:"data"`
	Objects     []tiledObject   `json:"objects"`
	Layers      []tiledLayer    `json:"layers"` // of a "group" layer
}

type tiledObject struct {
	ID       int             `json:"id"`
	GID      uint32          `json:"gid"`
	X        float64         `json:"x"`
	Y        float64         `json:"y"`
	Width    float64         `json:"width"`
	Height   float64         `json:"height"`
	Rotation float64         `json:"rotation"`
	Point    bool            `json:"point"`
	Ellipse  bool            `json:"ellipse"`
	Polygon  json.RawMessage `json:"polygon"`
	Polyline json.RawMessage `json:"polyline"`
	// Type is the object's class: "type" up to Tiled 1.8, "class" in 1.9.
	Type  string `json:"type"`
	Class string `json:"class"`
}

// parseTiled does ParseMap's work; its errors do not yet name the file.
func parseTiled(data []byte) (*Map, error) {
	var tm tiledMap
	if err := json.Unmarshal(data, &tm); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	switch {
	case tm.Type != "" && tm.Type != "map":
		return nil, fmt.Errorf("type is %q, want \"map\"", tm.Type)
	case tm.Orientation != "orthogonal":
		return nil, fmt.Errorf("orientation is %q, want \"orthogonal\"", tm.Orientation)
	case tm.Infinite:
		return nil, errors.New("infinite maps are not supported; uncheck Infinite in the map properties")
	case tm.Width <= 0 || tm.Height <= 0 || tm.TileWidth <= 0 || tm.TileHeight <= 0:
		return nil, fmt.Errorf("size is %dx%d tiles of %dx%d, want positive sizes", tm.Width, tm.Height, tm.TileWidth, tm.TileHeight)
	case tm.Width > maxMapTiles/tm.Height:
		return nil, fmt.Errorf("size is %dx%d tiles, want at most %d tiles", tm.Width, tm.Height, maxMapTiles)
	}
	m := &Map{
		Width:      float64(tm.Width * tm.TileWidth),
		Height:     float64(tm.Height * tm.TileHeight),
		TileWidth:  tm.TileWidth,
		TileHeight: tm.TileHeight,
	}
	var p mapParser
	if err := p.layers(&tm, m, tm.Layers); err != nil {
		return nil, err
	}
	switch {
	case !p.sawWalls:
		return nil, fmt.Errorf("no layer %q", wallsLayer)
	case !p.sawSpawns:
		return nil, fmt.Errorf("no object layer %q", spawnsLayer)
	case len(m.Spawns) == 0:
		return nil, fmt.Errorf("object layer %q has no objects", spawnsLayer)
	}
	for i, s := range m.Spawns {
		if m.Blocked(s, PlayerRadius) {
			return nil, fmt.Errorf("layer %q: object %d at (%g,%g): a player there would overlap a wall or the map edge",
				spawnsLayer, p.spawnIDs[i], s.X, s.Y)
		}
	}
	return m, nil
}

// mapParser remembers what the walk over (possibly nested) layers found.
type mapParser struct {
	sawWalls, sawSpawns bool
	spawnIDs            []int // Tiled object id of each spawn, for errors
}

func (p *mapParser) layers(tm *tiledMap, m *Map, layers []tiledLayer) error {
	for i := range layers {
		l := &layers[i]
		var err error
		switch {
		case l.Type == "group":
			err = p.layers(tm, m, l.Layers)
		case l.Name == wallsLayer && l.Type == "tilelayer":
			p.sawWalls = true
			err = tileWalls(tm, m, l)
		case l.Name == wallsLayer && l.Type == "objectgroup":
			p.sawWalls = true
			err = objectWalls(m, l)
		case l.Name == spawnsLayer && l.Type == "objectgroup":
			p.sawSpawns = true
			err = p.spawns(m, l)
		case l.Name == pickupsLayer && l.Type == "objectgroup":
			err = pickups(m, l)
		case l.Name == wallsLayer || l.Name == spawnsLayer || l.Name == pickupsLayer:
			err = fmt.Errorf("layer %q: type %q is not supported here", l.Name, l.Type)
		}
		// Other layers (decoration, images) are the renderer's business.
		if err != nil {
			return err
		}
	}
	return nil
}

// tileWalls turns the solid tiles of l into rectangles.
func tileWalls(tm *tiledMap, m *Map, l *tiledLayer) error {
	w, h := tm.Width, tm.Height
	if (l.Width != 0 && l.Width != w) || (l.Height != 0 && l.Height != h) {
		return fmt.Errorf("layer %q: size is %dx%d, want the map's %dx%d", l.Name, l.Width, l.Height, w, h)
	}
	if (l.Encoding != "" && l.Encoding != "csv") || l.Compression != "" {
		return fmt.Errorf("layer %q: encoding %q compression %q is not supported; set the tile layer format to CSV in the map properties",
			l.Name, l.Encoding, l.Compression)
	}
	raw := bytes.TrimSpace(l.Data)
	if len(raw) > 0 && raw[0] == '"' {
		return fmt.Errorf("layer %q: data is a string (base64?); set the tile layer format to CSV in the map properties", l.Name)
	}
	var gids []uint32
	if err := json.Unmarshal(raw, &gids); err != nil {
		return fmt.Errorf("layer %q: data: %w", l.Name, err)
	}
	if len(gids) != w*h {
		return fmt.Errorf("layer %q: data has %d tiles, want %d (%dx%d)", l.Name, len(gids), w*h, w, h)
	}
	tw, th := float64(tm.TileWidth), float64(tm.TileHeight)
	// open maps a run's [start, end) columns to the index in m.Walls of the
	// rectangle that run ended on the previous row, so identical runs on
	// consecutive rows grow one rectangle downward.
	open := map[[2]int]int{}
	next := map[[2]int]int{}
	for y := range h {
		row := gids[y*w : (y+1)*w]
		for x := 0; x < w; {
			if row[x]&gidMask == 0 {
				x++
				continue
			}
			start := x
			for x < w && row[x]&gidMask != 0 {
				x++
			}
			span := [2]int{start, x}
			if i, ok := open[span]; ok {
				m.Walls[i].Max.Y = float64(y+1) * th
				next[span] = i
				continue
			}
			next[span] = len(m.Walls)
			m.Walls = append(m.Walls, Rect{
				Min: Vec2{float64(start) * tw, float64(y) * th},
				Max: Vec2{float64(x) * tw, float64(y+1) * th},
			})
		}
		open, next = next, open
		clear(next)
	}
	return nil
}

// objectWalls adds the rectangle objects of l as walls.
func objectWalls(m *Map, l *tiledLayer) error {
	for _, o := range l.Objects {
		switch {
		case o.Point || o.Ellipse || o.Polygon != nil || o.Polyline != nil:
			return fmt.Errorf("layer %q: object %d: walls must be rectangles", l.Name, o.ID)
		case o.Rotation != 0:
			return fmt.Errorf("layer %q: object %d: walls must not be rotated", l.Name, o.ID)
		case !(o.Width > 0 && o.Height > 0) || !finite(o.X, o.Y, o.Width, o.Height):
			return fmt.Errorf("layer %q: object %d: size %gx%g, want a positive size", l.Name, o.ID, o.Width, o.Height)
		}
		y := o.Y
		if o.GID != 0 {
			y -= o.Height // tile objects are anchored at their bottom-left corner
		}
		m.Walls = append(m.Walls, Rect{Min: Vec2{o.X, y}, Max: Vec2{o.X + o.Width, y + o.Height}})
	}
	return nil
}

// spawns adds a spawn point per object of l: a point object's position or
// the centre of any other shape's bounding box.
func (p *mapParser) spawns(m *Map, l *tiledLayer) error {
	for _, o := range l.Objects {
		if !finite(o.X, o.Y, o.Width, o.Height) {
			return fmt.Errorf("layer %q: object %d: coordinates are not finite", l.Name, o.ID)
		}
		s := objectPoint(&o)
		m.Spawns = append(m.Spawns, s)
		p.spawnIDs = append(p.spawnIDs, o.ID)
	}
	return nil
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// objectPoint is where an object stands: a point object's position or the
// centre of any other shape's bounding box, on the grid every position
// uses.
func objectPoint(o *tiledObject) Vec2 {
	s := Vec2{o.X, o.Y}
	if !o.Point {
		y := o.Y
		if o.GID != 0 {
			y -= o.Height // tile objects are anchored at their bottom-left corner
		}
		s = Vec2{o.X + o.Width/2, y + o.Height/2}
	}
	return Vec2{Quantize(s.X), Quantize(s.Y)}
}

// maxPickups bounds a map's pickups: their ids are 16-bit on the wire.
const maxPickups = 1024

// pickups adds a pickup per object of l; its type (or class) says which.
func pickups(m *Map, l *tiledLayer) error {
	for _, o := range l.Objects {
		if !finite(o.X, o.Y, o.Width, o.Height) {
			return fmt.Errorf("layer %q: object %d: coordinates are not finite", l.Name, o.ID)
		}
		class := o.Type
		if class == "" {
			class = o.Class
		}
		var kind PickupKind
		switch class {
		case "health":
			kind = PickupHealth
		case "rocket":
			kind = PickupRocket
		default:
			return fmt.Errorf("layer %q: object %d: type %q, want \"health\" or \"rocket\"", l.Name, o.ID, class)
		}
		p := objectPoint(&o)
		if p.X < 0 || p.Y < 0 || p.X > m.Width || p.Y > m.Height {
			return fmt.Errorf("layer %q: object %d at (%g,%g) is outside the map", l.Name, o.ID, p.X, p.Y)
		}
		if len(m.Pickups) == maxPickups {
			return fmt.Errorf("layer %q: more than %d pickups", l.Name, maxPickups)
		}
		m.Pickups = append(m.Pickups, PickupPoint{Kind: kind, Pos: p})
	}
	return nil
}
