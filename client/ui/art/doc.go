// Package art holds the match's few images, embedded: a floor tile
// (grey, tinted when drawn) and a soft round glow (white, tinted and
// blended additively for muzzle flashes, explosions and pickups). They
// are made by gen.go (go generate) from a seeded noise, so they are
// reproducible and tiny; decoding happens in package ui, where they are
// drawn.
//
// Everything else in the match is drawn with Ebiten's vector API.
package art

import _ "embed"

//go:generate go run gen.go

// FloorPNG is a 64 x 64 floor tile, light grey so a tint sets its colour;
// it tiles seamlessly.
//
//go:embed floor.png
var FloorPNG []byte

// GlowPNG is a 64 x 64 white disc whose alpha falls smoothly from the
// centre to nothing at the edge.
//
//go:embed glow.png
var GlowPNG []byte
