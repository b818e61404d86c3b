//go:build !js

package ui

// askText is the browser's prompt dialog (askname_js.go); a desktop has a
// keyboard, so it asks nothing.
func askText(question, current string) (answer string, ok bool) { return "", false }
