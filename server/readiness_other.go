//go:build !linux

package server

import "errors"

// readiness is Linux's epoll set (readiness_linux.go); elsewhere a room
// reads every member's socket each tick.
type readiness struct{}

func newReadiness(int) *readiness             { return nil }
func (*readiness) watch(socket, int32) error  { return errors.New("not supported") }
func (*readiness) ready(func(key int32)) bool { return false }
func (*readiness) close()                     {}
