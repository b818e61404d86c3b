// Package netcode is Arena's wire protocol: the messages, their msgpack
// encoding, the protocol version and close codes, and the quantization of game
// state for the wire.
//
// Every message is a msgpack array whose first element is a MsgType. Both
// directions are written by hand, never through reflection: the Encoder
// appending each element to one reused buffer in the smallest form that holds
// it (byte for byte what vmihailenco/msgpack writes), the Decoder reading the
// frame's bytes in place. A peer's bytes are untrusted, so every array and string length is
// read and checked against the limits in protocol.go and against the bytes
// left in the frame before anything is allocated, every element's msgpack
// type is checked before it is read, and every integer is checked against its
// field's range. The wire carries no
// floats at all (positions are fixed point, angles 16-bit turns), so NaN and
// Inf cannot arrive. A bad message is a *DecodeError whose Reason is short
// enough to be the WebSocket close reason.
//
// docs/protocol.md is the reference for writing a client in another language.
//
// # Snapshots
//
// A room captures its World once per snapshot tick into a Frame (Capture,
// PlayerStateOf, ShotOf). Snapshot.Build makes one client's snapshot from
// the current Frame and a Recipient: its baseline Frame (the snapshot it
// received just before; nil for a full snapshot), the players it sees
// (Interest, a spatial grid) and its own private fields; only changed fields
// of changed entities are written. A client keeps one View and applies each
// snapshot to it (View.Apply), which checks that the snapshot refers to the
// View's tick. Unknown message types, entity kinds and event kinds are
// skipped by the decoders, so later features add kinds, not versions.
//
// The Encoder and Decoder reuse their buffers and the destination's slices,
// so the steady state allocates nothing.
//
// # Concurrency
//
// Encoder and Decoder are not safe for concurrent use; give each goroutine its
// own. Messages are plain values.
//
// # WASM
//
// The package builds unchanged for GOOS=js GOARCH=wasm; the browser client uses it.
package netcode
