// Package assets embeds Arena's game content: maps in Tiled's JSON format under
// maps/. It only embeds; decoding happens where an asset is used (game.LoadMap).
package assets
