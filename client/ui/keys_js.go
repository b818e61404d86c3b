package ui

import (
	"sync"
	"syscall/js"
	"unicode"
	"unicode/utf8"
)

// latchArrows: the menus take the arrow keys from the latch (each press
// and each of the browser's repeats), not from Ebiten's held keys, which
// miss a press shorter than a frame.
const latchArrows = true

// keyLatch records the editing keys (and F3, M and the arrows) from the page's own keydown
// events, in order, so a key pressed and released within one frame still
// counts and a Backspace erases what was typed before it, not after. The
// listener and Update both run on the single WASM thread; mu is there for
// clarity, not contention.
type keyLatch struct {
	mu      sync.Mutex // guards pending
	pending keys
	fn      js.Func
}

func newKeyLatch() *keyLatch {
	l := &keyLatch{}
	l.fn = js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) == 0 {
			return nil
		}
		e := args[0]
		l.mu.Lock()
		defer l.mu.Unlock()
		// Ctrl or Cmd makes a shortcut, not typing; Ctrl+Alt is AltGr on Windows.
		if e.Get("metaKey").Bool() || e.Get("ctrlKey").Bool() && !e.Get("altKey").Bool() {
			return nil
		}
		// M by where it is (code), as Ebiten's KeyM; it types a letter too.
		if e.Get("code").String() == "KeyM" && !e.Get("repeat").Bool() {
			l.pending.mute = true
		}
		switch key := e.Get("key").String(); key {
		case "Enter":
			l.pending.enter = l.pending.enter || !e.Get("repeat").Bool()
		case "Escape":
			l.pending.escape = true
		case "F3":
			l.pending.netGraph = l.pending.netGraph || !e.Get("repeat").Bool()
		case "Backspace":
			l.pending.typed = append(l.pending.typed, '\b')
		case "ArrowUp":
			l.pending.arrows[arrowUp] = true
		case "ArrowDown":
			l.pending.arrows[arrowDown] = true
		case "ArrowLeft":
			l.pending.arrows[arrowLeft] = true
		case "ArrowRight":
			l.pending.arrows[arrowRight] = true
		default:
			// A printable key's key is the character it types (one rune,
			// perhaps with combining marks); named keys ("Shift") are longer.
			if r, _ := utf8.DecodeRuneInString(key); key != "" && !unicode.Is(unicode.Cc, r) && isKeyString(key) {
				l.pending.typed = append(l.pending.typed, []rune(key)...)
			}
		}
		return nil
	})
	// Capture on window: Ebiten's canvas handler calls preventDefault but
	// lets the event through.
	js.Global().Call("addEventListener", "keydown", l.fn, true)
	return l
}

// apply replaces what Ebiten saw this tick with the keys latched since the
// last call, and clears them.
func (l *keyLatch) apply(k *keys) {
	l.mu.Lock()
	defer l.mu.Unlock()
	k.enter = k.enter || l.pending.enter
	k.escape = k.escape || l.pending.escape
	k.netGraph = k.netGraph || l.pending.netGraph
	k.mute = k.mute || l.pending.mute
	k.arrows, l.pending.arrows = l.pending.arrows, [4]bool{}
	k.typed = append(k.typed[:0], l.pending.typed...)
	l.pending.enter, l.pending.escape, l.pending.netGraph, l.pending.mute = false, false, false, false
	l.pending.typed = l.pending.typed[:0]
}

// isKeyString reports whether a KeyboardEvent.key is a typed character: one
// base character followed only by combining marks
// (https://www.w3.org/TR/uievents-key/#keys-unicode).
func isKeyString(key string) bool {
	for i, r := range key {
		if i > 0 && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r) {
			return false
		}
	}
	return true
}
