package main

// HTTPS and WSS on the game's port: the listener is wrapped in TLS, and
// the HTTP server and the game never know. A *tls.Conn is not a
// syscall.Conn, so the server cannot detach its socket for the room to
// poll: TLS connections stay on the reader-goroutine path.

import (
	"crypto/tls"
	"fmt"
)

// loadTLS reads the certificate chain and its key (PEM files) and returns
// the server's TLS configuration, or an error naming the files.
func loadTLS(certFile, keyFile string) (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("tls: certificate %s, key %s: %w", certFile, keyFile, err)
	}
	return &tls.Config{
		Certificates: []tls.Certificate{cert},
		// HTTP/1.1 only: a WebSocket upgrade needs it (the handshake hijacks
		// the connection), and the static files gain nothing from HTTP/2.
		NextProtos: []string{"http/1.1"},
		MinVersion: tls.VersionTLS12,
	}, nil
}
