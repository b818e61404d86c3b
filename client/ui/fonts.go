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
	face := func(src *text.GoTextFaceSource, size float64) *text.GoTextFace {
		return &text.GoTextFace{Source: src, Size: size}
	}
	return &fonts{
		small: face(src, 14), normal: face(src, 18), large: face(src, 30), huge: face(src, 72),
		mono: face(monoSrc, 16),
	}, nil
}

// drawText draws s with its top at y, aligned on x as align says.
func drawText(dst *ebiten.Image, s string, face text.Face, x, y float64, align text.Align, c color.Color) {
	op := &text.DrawOptions{}
	op.GeoM.Translate(x, y)
	op.ColorScale.ScaleWithColor(c)
	op.PrimaryAlign = align
	text.Draw(dst, s, face, op)
}
