//go:build !js

package ui

// latchArrows is false: natively the menus read the held arrow keys
// (repeated by the clock), there being no latch.
const latchArrows = false

// keyLatch is the browser's key-press latch (keys_js.go); natively Ebiten's
// own key state is all there is.
type keyLatch struct{}

func newKeyLatch() *keyLatch { return &keyLatch{} }

// apply leaves k as Ebiten read it.
func (l *keyLatch) apply(k *keys) {}
