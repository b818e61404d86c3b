// Package rawsock reads and writes a connected socket without Go's network
// poller: Detach takes a net.Conn's file descriptor out of the poller, and
// the Socket it returns is read and written with plain non-blocking
// read(2) and write(2), which return ErrWouldBlock instead of waiting.
//
// Why: a socket in the poller (edge-triggered epoll) wakes a thread for
// every segment that arrives on it, and a goroutine blocked in a read is
// then scheduled to take it. A program that reads its sockets at ticks of
// its own anyway (the server's rooms read their members on their ticks;
// the bench's light swarm reads its bots on its drivers' ticks)
// needs none of those wakes: a detached socket costs nothing until it is
// read. On loopback the wake is paid by the sender too, whose write(2)
// runs the receiver's TCP input and wakes the receiver's thread from its
// own context.
//
// Nothing waits on a Socket: a caller that must wait (for room in the send
// buffer, for a reply) retries later, on its next tick or after a sleep.
//
// # Platforms
//
// Detach and Socket work on Unix systems; on Linux the reads and writes
// are raw system calls (see sys_linux.go for why). Elsewhere (Windows,
// js/wasm) Supported is false and Detach returns an error wrapping
// errors.ErrUnsupported.
package rawsock
