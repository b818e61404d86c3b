//go:build js

package client

// tlsConfig is Options.TLSConfig's type. The browser makes TLS
// connections itself, so Options.TLSConfig cannot be used there (Dial
// refuses one); an empty struct keeps crypto/tls out of game.wasm.
type tlsConfig struct{}
