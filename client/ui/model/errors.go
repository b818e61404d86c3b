package model

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"arena/client"
)

// Stage says when a connection failed, which changes how it is told.
type Stage uint8

// Stages of a connection.
const (
	StageConnect Stage = iota // while dialing
	StagePlay                 // after Welcome
)

// DescribeError turns why a connection failed or ended into a headline and a
// detail line for the player. A server close shows its code and reason.
func DescribeError(st Stage, server string, err error) (headline, detail string) {
	var ce *client.CloseError
	switch {
	case errors.As(err, &ce):
		detail = fmt.Sprintf("close code %d (%s)", ce.Code, ce.Code)
		if ce.Reason != "" {
			detail += ": " + ce.Reason
		}
		switch ce.Code {
		case client.CloseGoingAway:
			headline = "The server is shutting down"
		case client.CloseTryAgainLater:
			headline = "The server is full"
		case client.CloseVersionMismatch:
			headline = "This client does not match the server's version"
		case client.CloseResumeRefused:
			headline = "Your seat expired"
			detail = "the connection was lost for longer than the server keeps a seat (" + detail + "); press Enter to join again"
		case client.CloseNoSuchRoom:
			headline = "No such room"
			detail = "no room has that code (a typo, or everyone left it): " + ce.Reason
		case client.CloseRoomFull:
			headline = "That room is full"
			detail = ce.Reason + ": try again when someone leaves"
		case client.CloseNormal:
			headline = "The server ended the connection"
		default:
			headline = "The server closed the connection"
		}
	case err == nil:
		headline, detail = "Disconnected", "the connection ended"
	case errors.Is(err, context.DeadlineExceeded):
		headline = "The server did not answer in time"
		detail = server + ": " + err.Error()
	case st == StageConnect:
		headline = "Cannot reach the server"
		detail = err.Error()
	default:
		headline = "Lost the connection to the server"
		detail = err.Error()
	}
	return headline, detail
}

// Wrap splits s into lines of at most width runes, breaking at spaces when it
// can.
func Wrap(s string, width int) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := []rune{}
		for _, word := range strings.Fields(para) {
			w := []rune(word)
			if len(line) > 0 && len(line)+1+len(w) > width {
				lines = append(lines, string(line))
				line = line[:0]
			}
			for len(w) > width { // a word longer than a line
				if len(line) > 0 {
					lines = append(lines, string(line))
					line = line[:0]
				}
				lines = append(lines, string(w[:width]))
				w = w[width:]
			}
			if len(line) > 0 {
				line = append(line, ' ')
			}
			line = append(line, w...)
		}
		lines = append(lines, string(line))
	}
	return lines
}
