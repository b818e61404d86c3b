package ui

import (
	"fmt"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
)

// fonts are the text faces the scenes draw with, parsed once by NewGame.
// They are golang.org/x/image/font faces (text.GoXFace), not text.GoTextFace:
// GoTextFace shapes through go-text/typesetting (HarfBuzz and the OpenType
// layout tables), which was 1.9 MB of the browser build's code for text that
// is Latin names, digits and a few symbols drawn one glyph after another.
// Without it game.wasm went from 18.67 to 15.38 MB, gzip 4.43 to 3.72 MB,
// brotli 3.11 to 2.64 MB.
type fonts struct {
	small, normal, large, huge text.Face
	mono                       text.Face // the net graph's figures, in columns

	src, monoSrc *opentype.Font
	scale        float64 // the faces' sizes are the logical sizes times scale
	scaled       *fonts  // the last scaledTo's, reused while the scale holds
}

func loadFonts() (*fonts, error) {
	src, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("ui: load Go Regular font: %w", err)
	}
	monoSrc, err := opentype.Parse(gomono.TTF)
	if err != nil {
		return nil, fmt.Errorf("ui: load Go Mono font: %w", err)
	}
	return newFonts(src, monoSrc, 1), nil
}

// newFonts returns the faces at scale times their logical sizes.
func newFonts(src, monoSrc *opentype.Font, scale float64) *fonts {
	face := func(src *opentype.Font, size float64) text.Face {
		f, err := opentype.NewFace(src, &opentype.FaceOptions{Size: size * scale, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			// NewFace refuses only a size or DPI that is not positive:
			// these are constants times a positive scale.
			panic(fmt.Sprintf("ui: a %.1f px face: %v", size*scale, err))
		}
		return text.NewGoXFace(f)
	}
	return &fonts{
		small: face(src, 14), normal: face(src, 18), large: face(src, 30), huge: face(src, 72),
		mono: face(monoSrc, 16), src: src, monoSrc: monoSrc, scale: scale,
	}
}

// scaledTo returns f's faces at scale times their logical sizes, for
// text drawn at the device's pixels (view.go). The faces share f's
// sources and so their glyph caches.
func (f *fonts) scaledTo(scale float64) *fonts {
	if scale == f.scale {
		return f
	}
	if f.scaled == nil || f.scaled.scale != scale {
		f.scaled = newFonts(f.src, f.monoSrc, scale)
	}
	return f.scaled
}

// drawText draws s with its top at y, aligned on x as align says.
func drawText(dst *ebiten.Image, s string, face text.Face, x, y float64, align text.Align, c color.Color) {
	op := &text.DrawOptions{}
	op.GeoM.Translate(x, y)
	op.ColorScale.ScaleWithColor(c)
	op.PrimaryAlign = align
	text.Draw(dst, s, face, op)
}
