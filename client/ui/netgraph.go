package ui

// Drawing of the net graph (F3 or N in the match): the session's network
// figures as text and a bar graph of the recent snapshot gaps, over the game
// on a translucent panel. The numbers come from model.NetGraph.

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"arena/client/ui/model"
)

// Net graph layout, in screen pixels.
const (
	netGraphWidth  = 480
	netGraphPad    = 12
	netGraphLineH  = 21
	netGraphLabelW = 110 // the label column
	netGraphBarW   = 3   // one gap's bar, with its spacing
	netGraphBarsH  = 60
)

// drawNetGraph draws the net graph in the bottom right corner, above the
// key hints: the one corner the HUD leaves free (the kill feed is top
// right, the chat bottom left).
func (s *playScene) drawNetGraph(v *view) {
	lines := s.netGraph.Lines()
	h := netGraphPad + netGraphLineH + float64(len(lines))*netGraphLineH + 8 + netGraphLineH + netGraphBarsH + netGraphPad
	x, y := float64(ScreenWidth-12-netGraphWidth), s.layout.Weapon.Y-10-h
	v.rect(x, y, netGraphWidth, h, withAlpha(rgb(colorPanel), 0.72))

	f := v.f
	left := x + netGraphPad
	ty := y + netGraphPad
	v.text("net graph", f.normal, left, ty-2, text.AlignStart, rgb(colorAccent))
	v.text("F3 hides", f.small, x+netGraphWidth-netGraphPad, ty, text.AlignEnd, rgb(colorDim))
	ty += netGraphLineH
	for _, l := range lines {
		v.text(l.Label, f.mono, left, ty, text.AlignStart, rgb(colorDim))
		v.text(l.Value, f.mono, left+netGraphLabelW, ty, text.AlignStart, rgb(colorText))
		ty += netGraphLineH
	}

	ty += 8
	nominal := 1000 / float64(max(s.info.SnapshotRate, 1))
	scale := s.netGraph.Gaps.Scale(nominal)
	v.text(fmt.Sprintf("snapshot gaps, newest right (top %.0f ms, line %.0f ms)", scale, nominal),
		f.small, left, ty, text.AlignStart, rgb(colorDim))
	ty += netGraphLineH
	s.drawGapBars(v, &s.netGraph.Gaps, left, ty, scale, nominal)
}

// drawGapBars draws one bar per gap held, the newest at the right, on a
// scale from 0 to scale ms, with a line at the nominal interval.
func (s *playScene) drawGapBars(v *view, gaps *model.GapRing, x, y, scale, nominal float64) {
	const w = model.GapHistory * netGraphBarW
	v.rect(x, y, w, netGraphBarsH, withAlpha(rgb(0xffffff), 0.05))
	n := gaps.Len()
	for i := range n {
		g := gaps.At(i)
		bh := min(g/scale, 1) * netGraphBarsH
		c := rgb(0x5ee07a)
		switch {
		case g > 3*nominal:
			c = rgb(colorBad)
		case g > 1.5*nominal:
			c = rgb(colorAccent)
		}
		bx := x + w - float64(n-i)*netGraphBarW
		v.rect(bx, y+netGraphBarsH-bh, netGraphBarW-1, bh, c)
	}
	ly := float32(y + netGraphBarsH - nominal/scale*netGraphBarsH)
	v.linef(float32(x), ly, float32(x+w), ly, 1, withAlpha(rgb(colorText), 0.5), false)
}
