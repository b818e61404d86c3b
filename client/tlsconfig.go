//go:build !js

package client

import "crypto/tls"

// tlsConfig is Options.TLSConfig's type: crypto/tls's Config on native
// builds. The browser build has an empty struct instead, so that
// game.wasm does not link crypto/tls (see internal/ws).
type tlsConfig = tls.Config
