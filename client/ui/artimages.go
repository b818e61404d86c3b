package ui

// The match's embedded images (package art), decoded for Ebiten, and the
// two ways they are drawn: the floor tiled and tinted, glows blended
// additively.

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"log/slog"

	"github.com/hajimehoshi/ebiten/v2"

	"arena/client/ui/art"
)

// artImages are the decoded art images.
type artImages struct {
	floor, glow *ebiten.Image
}

// loadArt decodes the embedded images.
func loadArt() (*artImages, error) {
	floor, err := decodePNG("floor.png", art.FloorPNG)
	if err != nil {
		return nil, err
	}
	glow, err := decodePNG("glow.png", art.GlowPNG)
	if err != nil {
		return nil, err
	}
	return &artImages{floor: floor, glow: glow}, nil
}

// loadArtOrPlain is loadArt, or plain stand-ins (a flat tile, a square
// glow) with the error logged: the match is still drawn.
func loadArtOrPlain(log *slog.Logger) *artImages {
	a, err := loadArt()
	if err == nil {
		return a
	}
	log.Error("art", "err", err)
	floor := ebiten.NewImage(64, 64)
	floor.Fill(color.Gray{Y: 200})
	glow := ebiten.NewImage(64, 64)
	glow.Fill(color.NRGBA{255, 255, 255, 60})
	return &artImages{floor: floor, glow: glow}
}

func decodePNG(name string, b []byte) (*ebiten.Image, error) {
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("ui: decode art %s: %w", name, err)
	}
	return ebiten.NewImageFromImage(img), nil
}

// tileFloor covers dst (w x h) with the floor tile tinted to c (the tile
// is light grey, about 200 of 255, so c is what it averages to).
func tileFloor(dst, tile *ebiten.Image, w, h, scale float64, c color.NRGBA) {
	b := tile.Bounds()
	tw, th := float64(b.Dx()), float64(b.Dy())
	const grey = 200.0 / 255
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.ColorScale.Scale(float32(float64(c.R)/255/grey), float32(float64(c.G)/255/grey), float32(float64(c.B)/255/grey), 1)
	for y := 0.0; y < h; y += th {
		for x := 0.0; x < w; x += tw {
			op.GeoM.Reset()
			op.GeoM.Translate(x, y)
			op.GeoM.Scale(scale, scale)
			dst.DrawImage(tile, op)
		}
	}
}

// glow adds a soft glow (the glow image) of radius r in c at opacity a
// centred on (x, y), through v.
func (v *view) glow(glow *ebiten.Image, x, y, r float32, c color.NRGBA, a float32) {
	px, py := v.pt(float64(x), float64(y))
	drawGlow(v.dst, glow, px, py, v.len(float64(r)), c, a)
}

// drawGlow adds a soft glow of radius r in c at opacity a centred on
// (x, y).
func drawGlow(dst, glow *ebiten.Image, x, y, r float32, c color.NRGBA, a float32) {
	if a <= 0 || r <= 0 {
		return
	}
	b := glow.Bounds()
	k := float64(2*r) / float64(b.Dx())
	op := &ebiten.DrawImageOptions{Blend: ebiten.BlendLighter}
	op.GeoM.Translate(-float64(b.Dx())/2, -float64(b.Dy())/2)
	op.GeoM.Scale(k, k)
	op.GeoM.Translate(float64(x), float64(y))
	op.ColorScale.ScaleWithColor(c)
	op.ColorScale.ScaleAlpha(a)
	op.Filter = ebiten.FilterLinear
	dst.DrawImage(glow, op)
}
