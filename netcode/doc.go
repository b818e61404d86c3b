// Package netcode is Arena's wire protocol: the messages, their msgpack
// encoding, the protocol version and close codes, and the quantization of game
// state for the wire.
//
// Every message is a msgpack array whose first element is a MsgType. Encoding
// and decoding are written by hand with msgpack's low-level Encoder/Decoder
// calls, never through reflection: a peer's bytes are untrusted, so every
// array and string length is read and checked against the limits in
// protocol.go before anything is allocated, and every float is checked finite.
// docs/protocol.md is the reference for writing a client in another language.
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
