package rawsock

import "errors"

// ErrWouldBlock is what Read returns when the socket has nothing to read,
// and Write when its send buffer has no room: try again later.
var ErrWouldBlock = errors.New("rawsock: operation would block")
