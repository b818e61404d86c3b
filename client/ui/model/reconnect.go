package model

import (
	"errors"
	"fmt"

	"arena/client"
)

// ReconnectLine is what the play scene shows while the session is
// resuming on a new connection (Stats.Reconnecting): the attempt under way
// and how long since the connection was lost. It returns "" when the
// session is connected.
func ReconnectLine(st *client.Stats) string {
	if !st.Reconnecting {
		return ""
	}
	if st.ReconnectAttempt == 0 {
		return fmt.Sprintf("Reconnecting… (lost %.1f s ago)", st.ReconnectingFor.Seconds())
	}
	return fmt.Sprintf("Reconnecting… attempt %d, %.1f s", st.ReconnectAttempt, st.ReconnectingFor.Seconds())
}

// Rejoins reports whether the session ended in a way where Enter should
// join the server again at once rather than go back to the title: the
// seat expired while the connection was down (close 4006).
func Rejoins(err error) bool {
	var ce *client.CloseError
	return errors.As(err, &ce) && ce.Code == client.CloseResumeRefused
}
