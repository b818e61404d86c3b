package model_test

import (
	"math"
	"testing"

	"arena/client/ui/model"
)

func TestViewport(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name              string
		w, h, dsf         float64
		wantW, wantH      int
		wantScale, ox, oy float64
	}{
		{"same size", 1280, 720, 1, 1280, 720, 1, 0, 0},
		{"retina", 1280, 720, 2, 2560, 1440, 2, 0, 0},
		{"phone portrait at 3x", 390, 844, 3, 1170, 2532, 1170.0 / 1280, 0, math.Floor((2532 - 720*1170.0/1280) / 2)},
		{"wide window", 1920, 720, 1, 1920, 720, 1, 320, 0},
		{"small window at 1.5x", 800, 450, 1.5, 1200, 675, 1200.0 / 1280, 0, 0},
		{"no scale factor", 1280, 720, 0, 1280, 720, 1, 0, 0},
		{"NaN scale factor", 1280, 720, math.NaN(), 1280, 720, 1, 0, 0},
		{"no window", 0, 0, 2, 1, 1, 1.0 / 1280, 0, 0},
		{"huge", 10000, 10000, 4, model.MaxDevicePixels, model.MaxDevicePixels, model.MaxDevicePixels / 1280.0, 0, math.Floor((model.MaxDevicePixels - 720*model.MaxDevicePixels/1280.0) / 2)},
	}
	for _, tt := range tests {
		v := model.NewViewport(tt.w, tt.h, tt.dsf, 1280, 720)
		if v.Width != tt.wantW || v.Height != tt.wantH || !near(v.Scale, tt.wantScale) || v.OffsetX != tt.ox || v.OffsetY != tt.oy {
			t.Errorf("%s: %+v, want %dx%d scale %v offset %v,%v", tt.name, v, tt.wantW, tt.wantH, tt.wantScale, tt.ox, tt.oy)
		}
		// The logical screen fits inside the device screen.
		if r, b := v.ToDevice(1280, 720); r > float64(v.Width)+1e-6 || b > float64(v.Height)+1e-6 {
			t.Errorf("%s: logical screen ends at %v,%v outside %dx%d", tt.name, r, b, v.Width, v.Height)
		}
		// Device and logical points map back and forth.
		x, y := v.ToLogical(v.ToDevice(640, 100))
		if !near(x, 640) || !near(y, 100) {
			t.Errorf("%s: round trip gave %v,%v", tt.name, x, y)
		}
	}
	// A click at the device centre of a letterboxed window is the logical centre.
	v := model.NewViewport(1920, 720, 1, 1280, 720)
	if x, y := v.ToLogical(960, 360); x != 640 || y != 360 {
		t.Errorf("centre: %v,%v", x, y)
	}
	if u := model.UnitViewport(1280, 720); u.Scale != 1 || u.Width != 1280 {
		t.Errorf("unit: %+v", u)
	}
}
