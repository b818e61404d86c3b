package ui

import (
	"bytes"
	"fmt"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
)

// fonts are the text faces the scenes draw with, parsed once by NewGame.
type fonts struct {
	small, normal, large, huge *text.GoTextFace
	mono                       *text.GoTextFace // the net graph's figures, in columns

	src, monoSrc *text.GoTextFaceSource
	scale        float64 // the faces' sizes are the logical sizes times scale
	scaled       *fonts  // the last scaledTo's, reused while the scale holds
}

func loadFonts() (*fonts, error) {
	src, err := text.NewGoTextFaceSource(bytes.NewReader(goregular.TTF))
	if err != nil {
		return nil, fmt.Errorf("ui: load Go Regular font: %w", err)
	}
	monoSrc, err := text.NewGoTextFaceSource(bytes.NewReader(gomono.TTF))
	if err != nil {
		return nil, fmt.Errorf("ui: load Go Mono font: %w", err)
	}
	return newFonts(src, monoSrc, 1), nil
}

// newFonts returns the faces at scale times their logical sizes.
func newFonts(src, monoSrc *text.GoTextFaceSource, scale float64) *fonts {
	face := func(src *text.GoTextFaceSource, size float64) *text.GoTextFace {
		return &text.GoTextFace{Source: src, Size: size * scale}
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
