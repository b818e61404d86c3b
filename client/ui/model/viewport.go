package model

// Scaling to any window and DPI without blur: the UI is laid out on a
// logical screen (1280x720) but drawn at the device's own pixels, the
// logical screen scaled by Viewport.Scale and centred (bars on the sides
// that do not fit the aspect).

import "math"

// MaxDevicePixels caps each side of the device screen, so a huge window
// on a dense display does not ask for a texture the GPU cannot hold.
const MaxDevicePixels = 8192

// Viewport maps the logical screen onto the device's pixels.
type Viewport struct {
	Width, Height    int     // the screen in device pixels: what Layout returns
	Scale            float64 // device pixels per logical pixel
	OffsetX, OffsetY float64 // the logical screen's top-left, in device pixels
	LogicalW         float64
	LogicalH         float64
}

// NewViewport returns the viewport for a window (or canvas) outsideW by
// outsideH in its own units (Ebiten's Layout arguments: points, CSS
// pixels) on a display with deviceScale device pixels per unit, showing a
// logical screen logicalW by logicalH. A device scale that is not positive
// (or NaN) counts as 1; a window of no size as 1x1.
func NewViewport(outsideW, outsideH, deviceScale, logicalW, logicalH float64) Viewport {
	if !(deviceScale > 0) || math.IsInf(deviceScale, 0) {
		deviceScale = 1
	}
	w := clampPixels(outsideW * deviceScale)
	h := clampPixels(outsideH * deviceScale)
	scale := math.Min(float64(w)/logicalW, float64(h)/logicalH)
	return Viewport{
		Width: w, Height: h, Scale: scale,
		OffsetX:  math.Floor((float64(w) - logicalW*scale) / 2),
		OffsetY:  math.Floor((float64(h) - logicalH*scale) / 2),
		LogicalW: logicalW, LogicalH: logicalH,
	}
}

// UnitViewport draws the logical screen as it is, one device pixel per
// logical pixel.
func UnitViewport(logicalW, logicalH float64) Viewport {
	return Viewport{Width: int(logicalW), Height: int(logicalH), Scale: 1, LogicalW: logicalW, LogicalH: logicalH}
}

func clampPixels(v float64) int {
	if math.IsNaN(v) || v < 1 {
		return 1
	}
	return int(math.Min(math.Round(v), MaxDevicePixels))
}

// ToLogical maps a point in device pixels (the cursor, a touch) to the
// logical screen.
func (v Viewport) ToLogical(x, y float64) (lx, ly float64) {
	return (x - v.OffsetX) / v.Scale, (y - v.OffsetY) / v.Scale
}

// ToDevice maps a logical point to device pixels.
func (v Viewport) ToDevice(x, y float64) (dx, dy float64) {
	return x*v.Scale + v.OffsetX, y*v.Scale + v.OffsetY
}
