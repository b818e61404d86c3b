//go:build ignore

// gen writes floor.png and glow.png: run by go generate in this directory.
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

const size = 64

func main() {
	write("floor.png", floor())
	write("glow.png", glow())
}

func write(name string, img image.Image) {
	f, err := os.Create(name)
	if err != nil {
		log.Fatal(err)
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// floor is a tile of two 32 x 32 plates with bevelled seams, a few
// scuffs and a fine seeded grain, wrapping at its edges.
func floor() image.Image {
	img := image.NewGray(image.Rect(0, 0, size, size))
	rng := uint32(0x2545f491)
	next := func() float64 {
		rng ^= rng << 13
		rng ^= rng >> 17
		rng ^= rng << 5
		return float64(rng) / math.MaxUint32
	}
	// Value noise on an 8 x 8 lattice that wraps, for soft blotches.
	var lattice [8][8]float64
	for y := range lattice {
		for x := range lattice[y] {
			lattice[y][x] = next()
		}
	}
	smooth := func(t float64) float64 { return t * t * (3 - 2*t) }
	blotch := func(x, y int) float64 {
		fx, fy := float64(x)/8, float64(y)/8
		x0, y0 := int(fx)%8, int(fy)%8
		x1, y1 := (x0+1)%8, (y0+1)%8
		tx, ty := smooth(fx-math.Floor(fx)), smooth(fy-math.Floor(fy))
		a := lattice[y0][x0]*(1-tx) + lattice[y0][x1]*tx
		b := lattice[y1][x0]*(1-tx) + lattice[y1][x1]*tx
		return a*(1-ty) + b*ty
	}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			v := 200 + 18*(blotch(x, y)-0.5) + 10*(next()-0.5)
			px, py := x%32, y%32
			switch {
			case px == 0 || py == 0:
				v = 120 // the seam
			case px == 1 || py == 1:
				v += 22 // its lit edge
			case px == 31 || py == 31:
				v -= 26 // its shadowed edge
			}
			if (x == 8 || x == 24 || x == 40 || x == 56) && (y == 8 || y == 24 || y == 40 || y == 56) {
				v = 150 // rivets
			}
			img.SetGray(x, y, color.Gray{Y: uint8(math.Max(0, math.Min(255, v)))})
		}
	}
	return img
}

// glow is a white disc with a smooth falloff of alpha.
func glow() image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	c := float64(size-1) / 2
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			d := math.Hypot(float64(x)-c, float64(y)-c) / c
			a := math.Max(0, 1-d)
			a = a * a * (3 - 2*a) // smoothstep
			img.SetNRGBA(x, y, color.NRGBA{255, 255, 255, uint8(255 * a)})
		}
	}
	return img
}
