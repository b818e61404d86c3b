package model_test

import (
	"testing"

	"arena/client/ui/model"
	"arena/game"
)

func TestCameraOrigin(t *testing.T) {
	t.Parallel()
	const vw, vh = 1280, 720
	tests := []struct {
		name   string
		focus  game.Vec2
		mw, mh float64
		want   game.Vec2
	}{
		{"centered", game.Vec2{X: 1000, Y: 1000}, 2000, 2000, game.Vec2{X: 360, Y: 640}},
		{"top-left corner", game.Vec2{X: 10, Y: 10}, 2000, 2000, game.Vec2{X: 0, Y: 0}},
		{"bottom-right corner", game.Vec2{X: 1990, Y: 1990}, 2000, 2000, game.Vec2{X: 720, Y: 1280}},
		{"small map centered", game.Vec2{X: 10, Y: 10}, 640, 480, game.Vec2{X: -320, Y: -120}},
		{"narrow map", game.Vec2{X: 100, Y: 1500}, 800, 3000, game.Vec2{X: -240, Y: 1140}},
	}
	for _, tt := range tests {
		if got := model.CameraOrigin(tt.focus, vw, vh, tt.mw, tt.mh); got != tt.want {
			t.Errorf("%s: CameraOrigin = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
