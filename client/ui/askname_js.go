package ui

import "syscall/js"

// askText asks for a line of text the way a page can without a keyboard
// on screen: the browser's prompt dialog, which a phone shows with its own
// keyboard. ok is false when the player cancelled.
func askText(question, current string) (answer string, ok bool) {
	v := js.Global().Call("prompt", question, current)
	if v.IsNull() || v.IsUndefined() {
		return "", false
	}
	return v.String(), true
}
