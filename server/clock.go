package server

import "time"

// Clock is the time source of the server: rooms schedule their ticks with it
// and connections rate-limit chat with it, so tests can drive time without
// sleeping. Implementations must be safe for concurrent use.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// NewTimer returns a stopped Timer.
	NewTimer() Timer
}

// Timer is a resettable one-shot timer, like *time.Timer. A Timer is used by
// one goroutine at a time.
type Timer interface {
	// C returns the channel that receives a value when the timer fires.
	C() <-chan time.Time
	// Reset makes the timer fire after d (at once when d <= 0).
	Reset(d time.Duration)
	// Stop prevents the timer from firing.
	Stop()
}

// RealClock returns the Clock of the time package.
func RealClock() Clock { return realClock{} }

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) NewTimer() Timer {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return realTimer{t}
}

type realTimer struct{ t *time.Timer }

func (t realTimer) C() <-chan time.Time   { return t.t.C }
func (t realTimer) Reset(d time.Duration) { t.t.Reset(d) }
func (t realTimer) Stop()                 { t.t.Stop() }
