package ui

import (
	"bytes"
	"fmt"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/gofont/goregular"
)

// fonts are the text faces the scenes draw with, parsed once by NewGame.
type fonts struct {
	small, normal, large, huge *text.GoTextFace
}

func loadFonts() (*fonts, error) {
	src, err := text.NewGoTextFaceSource(bytes.NewReader(goregular.TTF))
	if err != nil {
		return nil, fmt.Errorf("ui: load Go Regular font: %w", err)
	}
	face := func(size float64) *text.GoTextFace { return &text.GoTextFace{Source: src, Size: size} }
	return &fonts{small: face(14), normal: face(18), large: face(30), huge: face(72)}, nil
}

// drawText draws s with its top at y, aligned on x as align says.
func drawText(dst *ebiten.Image, s string, face text.Face, x, y float64, align text.Align, c color.Color) {
	op := &text.DrawOptions{}
	op.GeoM.Translate(x, y)
	op.ColorScale.ScaleWithColor(c)
	op.PrimaryAlign = align
	text.Draw(dst, s, face, op)
}
