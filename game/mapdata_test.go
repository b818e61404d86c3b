package game_test

import (
	"math"
	"strings"
	"testing"
	"testing/fstest"

	"arena/assets"
	"arena/game"
	"arena/game/gametest"
)

func arenaMap(t testing.TB) *game.Map {
	t.Helper()
	m, err := game.LoadMap(assets.FS, assets.DefaultMap)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestShippedArena(t *testing.T) {
	t.Parallel()
	m := arenaMap(t)
	if m.Name != "arena" || m.Width != 1280 || m.Height != 960 {
		t.Errorf("arena: name %q size %vx%v", m.Name, m.Width, m.Height)
	}
	if len(m.Spawns) < 16 {
		t.Errorf("%d spawns, want at least 16", len(m.Spawns))
	}
	if len(m.Walls) == 0 || len(m.Walls) > 200 {
		t.Errorf("%d wall rects, want some and fewer than 200", len(m.Walls))
	}
	for i, s := range m.Spawns {
		if m.Blocked(s, game.PlayerRadius) {
			t.Errorf("spawn %d at %v is blocked", i, s)
		}
	}
	// Every spawn can reach every other: flood-fill an 8-unit grid of
	// positions a player fits in.
	const step = 8
	type cell struct{ x, y int }
	at := func(c cell) game.Vec2 { return game.Vec2{X: float64(c.x * step), Y: float64(c.y * step)} }
	start := cell{int(m.Spawns[0].X / step), int(m.Spawns[0].Y / step)}
	seen := map[cell]bool{start: true}
	queue := []cell{start}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		for _, n := range []cell{{c.x + 1, c.y}, {c.x - 1, c.y}, {c.x, c.y + 1}, {c.x, c.y - 1}} {
			if !seen[n] && !m.Blocked(at(n), game.PlayerRadius) {
				seen[n] = true
				queue = append(queue, n)
			}
		}
	}
	for i, s := range m.Spawns {
		if !seen[cell{int(s.X / step), int(s.Y / step)}] {
			t.Errorf("spawn %d at %v cannot be reached from spawn 0", i, s)
		}
	}
}

func TestParseMapErrors(t *testing.T) {
	t.Parallel()
	good := string(gametest.TiledJSON("....", ".S..", "...."))
	const zeros = `[0,0,0,0,0,0,0,0,0,0,0,0]`
	tests := []struct {
		name, data, want string
	}{
		{"invalid JSON", `{"width":`, "maps/bad.json: invalid JSON: "},
		{"not an object", `[1,2]`, "maps/bad.json: invalid JSON: "},
		{"zero size", strings.Replace(good, `"width":4`, `"width":0`, 1), "maps/bad.json: size is 0x3 tiles of 32x32"},
		{"negative tile size", strings.Replace(good, `"tilewidth":32`, `"tilewidth":-32`, 1), "size is 4x3 tiles of -32x32"},
		{"huge", strings.Replace(good, `"width":4`, `"width":4000000`, 1), "want at most"},
		{"isometric", strings.Replace(good, `"orthogonal"`, `"isometric"`, 1), `orientation is "isometric"`},
		{"infinite", strings.Replace(good, `"infinite":false`, `"infinite":true`, 1), "infinite maps are not supported"},
		{"tileset file", strings.Replace(good, `"type":"map"`, `"type":"tileset"`, 1), `type is "tileset"`},
		{"missing walls", strings.Replace(good, `"name":"walls"`, `"name":"floor"`, 1), `maps/bad.json: no layer "walls"`},
		{"missing spawns", strings.Replace(good, `"name":"spawns"`, `"name":"items"`, 1), `maps/bad.json: no object layer "spawns"`},
		{"spawns as tiles", strings.Replace(good, `"type":"objectgroup"`, `"type":"tilelayer"`, 1), `layer "spawns": type "tilelayer" is not supported`},
		{"no spawn objects", string(gametest.TiledJSON("....", "....")), `object layer "spawns" has no objects`},
		{"wrong data length", strings.Replace(good, `"data":[0,0,0,0,`, `"data":[`, 1), `maps/bad.json: layer "walls": data has 8 tiles, want 12 (4x3)`},
		{"wrong layer size", strings.Replace(good, `"width":4,"height":3,"data"`, `"width":3,"height":4,"data"`, 1), `layer "walls": size is 3x4, want the map's 4x3`},
		{"base64 data", strings.Replace(good, `"data":`+zeros, `"encoding":"base64","data":"AAAAAA=="`, 1), `layer "walls": encoding "base64"`},
		{"compressed data", strings.Replace(good, `"data":`+zeros, `"encoding":"base64","compression":"zlib","data":"eJwA"`, 1), `compression "zlib" is not supported`},
		{"string data", strings.Replace(good, `"data":`+zeros, `"data":"AAAA"`, 1), `layer "walls": data is a string`},
		{"bad gid", strings.Replace(good, `"data":[0,`, `"data":[-1,`, 1), `layer "walls": data: `},
		{"spawn in wall", strings.Replace(good, zeros, `[0,0,0,0,0,7,0,0,0,0,0,0]`, 1), `layer "spawns": object 1 at (48,48): a player there would overlap a wall`},
		{"spawn in flipped tile", strings.Replace(good, zeros, `[0,0,0,0,0,2147483649,0,0,0,0,0,0]`, 1), `object 1 at (48,48)`},
		{"control: spawn next to a wall", strings.Replace(good, zeros, `[0,0,0,0,0,0,1,0,0,0,0,0]`, 1), ""},
		{"spawn off map", strings.Replace(good, `"x":48,"y":48`, `"x":48,"y":-48`, 1), `layer "spawns": object 1 at (48,-48)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := game.ParseMap("maps/bad.json", []byte(tt.data))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("control case failed: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("ParseMap succeeded, want an error containing %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), "maps/bad.json: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to name the file and contain %q", err, tt.want)
			}
		})
	}
}

func TestParseMapSpawnInWall(t *testing.T) {
	t.Parallel()
	data := strings.Replace(string(gametest.TiledJSON("....", ".#..", ".S..")), `"x":48,"y":80`, `"x":48,"y":48`, 1)
	_, err := game.ParseMap("maps/x.json", []byte(data))
	if err == nil || !strings.Contains(err.Error(), `maps/x.json: layer "spawns": object 1 at (48,48): a player there would overlap a wall`) {
		t.Errorf("error %v, want a spawn-in-wall error naming the object", err)
	}
}

// TestParseMapMergesWalls checks that runs of wall tiles become few rectangles
// covering exactly the solid tiles.
func TestParseMapMergesWalls(t *testing.T) {
	t.Parallel()
	m := parse(t,
		"##########",
		"#S.......#",
		"#..###...#",
		"#..###...#",
		"#........#",
		"##########",
	)
	// top, bottom, left and right columns (rows 1-4 merge), the block.
	if len(m.Walls) != 5 {
		t.Errorf("%d rects %v, want 5", len(m.Walls), m.Walls)
	}
	area := 0.0
	for _, r := range m.Walls {
		area += r.W() * r.H()
	}
	if want := float64(10+10+4+4+6) * 32 * 32; area != want {
		t.Errorf("walls cover %v units², want %v", area, want)
	}
	if !m.Blocked(game.Vec2{X: 3*32 + 5, Y: 2*32 + 5}, 1) || m.Blocked(game.Vec2{X: 48, Y: 48}, game.PlayerRadius) {
		t.Error("Blocked disagrees with the layout")
	}
}

func TestParseMapObjectWallsAndGroups(t *testing.T) {
	t.Parallel()
	data := `{"type":"map","orientation":"orthogonal","width":10,"height":10,"tilewidth":32,"tileheight":32,
"layers":[
 {"type":"imagelayer","name":"background"},
 {"type":"group","name":"geometry","layers":[
  {"type":"objectgroup","name":"walls","objects":[{"id":1,"x":100,"y":100,"width":50,"height":20}]},
  {"type":"objectgroup","name":"spawns","objects":[
   {"id":2,"point":true,"x":40,"y":40},
   {"id":3,"x":200,"y":200,"width":32,"height":32}]}
 ]}
]}`
	m, err := game.ParseMap("maps/objects.json", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	wantWall := game.Rect{Min: game.Vec2{X: 100, Y: 100}, Max: game.Vec2{X: 150, Y: 120}}
	if len(m.Walls) != 1 || m.Walls[0] != wantWall {
		t.Errorf("walls %v, want [%v]", m.Walls, wantWall)
	}
	wantSpawns := []game.Vec2{{X: 40, Y: 40}, {X: 216, Y: 216}}
	if len(m.Spawns) != 2 || m.Spawns[0] != wantSpawns[0] || m.Spawns[1] != wantSpawns[1] {
		t.Errorf("spawns %v, want %v", m.Spawns, wantSpawns)
	}
	if m.Name != "objects" || m.Width != 320 || m.Height != 320 || m.TileWidth != 32 {
		t.Errorf("map %q %vx%v tile %d", m.Name, m.Width, m.Height, m.TileWidth)
	}

	bad := strings.Replace(data, `"width":50,"height":20`, `"width":50,"height":20,"rotation":45`, 1)
	if _, err := game.ParseMap("maps/objects.json", []byte(bad)); err == nil || !strings.Contains(err.Error(), `layer "walls": object 1: walls must not be rotated`) {
		t.Errorf("rotated wall: %v", err)
	}
}

func TestBlocked(t *testing.T) {
	t.Parallel()
	m := parse(t,
		"S....",
		"..#..",
		".....",
	)
	r := game.PlayerRadius
	tests := []struct {
		p    game.Vec2
		want bool
	}{
		{game.Vec2{X: 16, Y: 16}, false},
		{game.Vec2{X: r, Y: r}, false},               // touching two edges
		{game.Vec2{X: r - 0.01, Y: 40}, true},        // over the left edge
		{game.Vec2{X: 100, Y: 96 - r + 0.01}, true},  // over the bottom edge
		{game.Vec2{X: 64 - r, Y: 48}, false},         // touching the wall's left side
		{game.Vec2{X: 64 - r + 0.01, Y: 48}, true},   // into it
		{game.Vec2{X: 80, Y: 48}, true},              // inside it
		{game.Vec2{X: 64 - 10, Y: 32 - 10}, false},   // near the corner, distance 14.14
		{game.Vec2{X: 64 - 9.8, Y: 32 - 9.8}, true},  // closer than r to the corner
		{game.Vec2{X: 96 + r, Y: 64 + r}, false},     // diagonal off the far corner
		{game.Vec2{X: 96 + r, Y: 64 + r - 5}, false}, // far corner, distance > r
	}
	for _, tt := range tests {
		if got := m.Blocked(tt.p, r); got != tt.want {
			t.Errorf("Blocked(%v) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

func TestRaycast(t *testing.T) {
	t.Parallel()
	m := parse(t,
		"S.........",
		"..#.......",
		"..........",
	)
	right, left, down := game.Vec2{X: 1}, game.Vec2{X: -1}, game.Vec2{Y: 1}
	diag := game.Vec2{X: 1, Y: 1}.Scale(1 / math.Sqrt2)
	tests := []struct {
		name      string
		p, dir    game.Vec2
		max, want float64
	}{
		{"hits wall", game.Vec2{X: 10, Y: 48}, right, 1000, 54},
		{"misses wall, stops at edge", game.Vec2{X: 10, Y: 16}, right, 1000, 310},
		{"capped", game.Vec2{X: 10, Y: 16}, right, 100, 100},
		{"left edge", game.Vec2{X: 10, Y: 16}, left, 1000, 10},
		{"wall from above", game.Vec2{X: 80, Y: 10}, down, 1000, 22},
		{"diagonal into corner", game.Vec2{X: 34, Y: 2}, diag, 1000, 30 * math.Sqrt2},
		{"from inside wall", game.Vec2{X: 80, Y: 48}, right, 1000, 0},
		{"outside the map", game.Vec2{X: -5, Y: 48}, right, 1000, 0},
		{"grazes wall edge", game.Vec2{X: 10, Y: 64}, right, 1000, 54},
		{"past the wall", game.Vec2{X: 97, Y: 48}, right, 1000, 320 - 97},
	}
	for _, tt := range tests {
		if got := m.Raycast(tt.p, tt.dir, tt.max); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: Raycast(%v, %v, %v) = %v, want %v", tt.name, tt.p, tt.dir, tt.max, got, tt.want)
		}
	}
}

func TestLoadMap(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"maps/small.json":  {Data: gametest.TiledJSON("S...", "....")},
		"maps/broken.json": {Data: []byte("{")},
	}
	m, err := game.LoadMap(fsys, "small")
	if err != nil || m.Name != "small" || len(m.Spawns) != 1 {
		t.Fatalf("LoadMap(small) = %+v, %v", m, err)
	}
	tests := []struct{ name, want string }{
		{"broken", "maps/broken.json: invalid JSON"},
		{"missing", "maps/missing.json"},
		{"../etc/passwd", "invalid map name"},
		{"maps/small", "invalid map name"},
		{"..", "invalid map name"},
		{"", "invalid map name"},
	}
	for _, tt := range tests {
		if _, err := game.LoadMap(fsys, tt.name); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("LoadMap(%q) error %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
}
