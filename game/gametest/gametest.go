package gametest

import (
	"fmt"
	"io/fs"
	"strings"
	"testing/fstest"
)

// TiledJSON builds a Tiled JSON map from rows of text: '#' is a wall tile,
// 'S' an empty tile with a spawn point at its centre, 'H' and 'R' one with
// a health or rocket pickup at its centre (in a "pickups" layer, row by
// row), anything else is empty. Tiles are 32 units square; all rows must
// have the same length.
func TiledJSON(rows ...string) []byte {
	h, w := len(rows), len(rows[0])
	var data, objects, pickups []string
	for y, row := range rows {
		for x, c := range row {
			gid := "0"
			if c == '#' {
				gid = "1"
			}
			data = append(data, gid)
			switch c {
			case 'S':
				objects = append(objects, fmt.Sprintf(`{"id":%d,"point":true,"x":%d,"y":%d}`, len(objects)+1, x*32+16, y*32+16))
			case 'H', 'R':
				kind := map[rune]string{'H': "health", 'R': "rocket"}[c]
				pickups = append(pickups, fmt.Sprintf(`{"id":%d,"point":true,"type":%q,"x":%d,"y":%d}`, 1000+len(pickups), kind, x*32+16, y*32+16))
			}
		}
	}
	layer := ""
	if len(pickups) > 0 {
		layer = fmt.Sprintf(`,
 {"type":"objectgroup","name":"pickups","objects":[%s]}`, strings.Join(pickups, ","))
	}
	return fmt.Appendf(nil, `{"type":"map","orientation":"orthogonal","infinite":false,
"width":%d,"height":%d,"tilewidth":32,"tileheight":32,
"layers":[
 {"type":"tilelayer","name":"walls","width":%d,"height":%d,"data":[%s]},
 {"type":"objectgroup","name":"spawns","objects":[%s]}%s
]}`, w, h, w, h, strings.Join(data, ","), strings.Join(objects, ","), layer)
}

// DuelJSON is a 640x384 room walled only at its border, with two spawns
// 320 units apart on the same row: nothing stands between the two players,
// so a shot aimed at the other always hits.
func DuelJSON() []byte {
	return TiledJSON(
		"####################",
		"#..................#",
		"#..................#",
		"#..................#",
		"#..................#",
		"#..................#",
		"#....S.........S...#",
		"#..................#",
		"#..................#",
		"#..................#",
		"#..................#",
		"####################",
	)
}

// MapFS returns a file system holding data as maps/<name>.json, the layout
// game.LoadMap and the server's Config.Maps expect.
func MapFS(name string, data []byte) fs.FS {
	return fstest.MapFS{"maps/" + name + ".json": {Data: data}}
}
