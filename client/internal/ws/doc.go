// Package ws is the WebSocket API package client uses: on native builds
// exactly github.com/coder/websocket (type aliases), in the browser
// (GOOS=js) a small wrapper of the browser's own WebSocket with the same
// names and the subset of methods the client calls.
//
// The browser build does not use coder/websocket's for two reasons:
//
//   - Size. Its js build imports net/http for one type in Dial's
//     signature, and net/http brings crypto/tls, crypto/x509 and their
//     FIPS self-tests: about 1.9 MB of the 19.6 MB game.wasm, 0.35 MB
//     of the brotli copy the browser downloads (README, "First load").
//   - Close codes. Its Read returns net.ErrClosed once the socket has
//     closed, so a server's close frame (4008 "no such room: CODE", 4009
//     "room full", a kick) never reached the client as a CloseError in
//     the browser and every close looked like a lost link worth resuming.
//     Here Read returns the CloseError of the close event, as coder's
//     native Conn does for a received close frame; a connection lost
//     without a close frame is CloseError 1006 (StatusAbnormalClosure),
//     which client treats as it treats a network error.
//
// # Browser limits
//
// The browser makes the handshake itself (no custom headers, no
// HTTPClient); Close and CloseNow may only send 1000 or 3000-4999 (the
// WebSocket API throws for other codes), so other codes are sent as 1000
// with their reason; a reason is cut to the 123 bytes the API allows.
// Write never blocks: the browser queues the bytes.
//
// # Concurrency
//
// A Conn's methods may be called concurrently, as coder/websocket's.
package ws
