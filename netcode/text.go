package netcode

// CutString returns s cut to at most max bytes without splitting a rune:
// what the Encoder does to strings over their limits, and what a sender
// does to a text it must fit somewhere (a close reason, a chat line).
func CutString(s string, max int) string { return cutString(s, max) }
