package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"arena/client"
)

// writeTestCert writes a self-signed ECDSA certificate for 127.0.0.1 and
// its key to PEM files in a temporary directory, and returns their paths
// and a pool that trusts the certificate.
func writeTestCert(t *testing.T) (certFile, keyFile string, roots *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "arena test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		IsCA:                  true,
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	writePEM(t, certFile, "CERTIFICATE", der)
	writePEM(t, keyFile, "PRIVATE KEY", keyDER)
	roots = x509.NewCertPool()
	roots.AddCert(cert)
	return certFile, keyFile, roots
}

func writePEM(t *testing.T, path, blockType string, der []byte) {
	t.Helper()
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: blockType, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

// wsURL is the game's WebSocket URL on the server at httpURL ("http://h/"
// gives "ws://h/ws", "https://h/" gives "wss://h/ws").
func wsURL(httpURL string) string {
	return "ws" + strings.TrimPrefix(httpURL, "http") + "ws"
}

// playBriefly joins the server at url and waits for Welcome and a few
// snapshots; the caller closes the session.
func playBriefly(t *testing.T, url string, opts *client.Options) *client.Session {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s, err := client.Dial(ctx, url, opts)
	if err != nil {
		t.Fatalf("Dial(%s): %v", url, err)
	}
	if s.LocalID() == 0 {
		t.Errorf("Welcome gave player id 0")
	}
	deadline := time.Now().Add(5 * time.Second)
	for s.Stats().SnapshotsReceived < 3 {
		if time.Now().After(deadline) {
			s.Close()
			t.Fatalf("%d snapshots in 5 s over %s, want 3", s.Stats().SnapshotsReceived, url)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return s
}

// TestServeTLS: with -tls-cert and -tls-key the one port serves HTTPS
// (/healthz) and WSS (a real client joins, gets Welcome and snapshots:
// the reader-goroutine path a *tls.Conn takes works), and a client that
// does not trust the certificate is refused.
func TestServeTLS(t *testing.T) {
	t.Parallel()
	certFile, keyFile, roots := writeTestCert(t)
	url, _, stop := startServe(t, "-tls-cert", certFile, "-tls-key", keyFile)
	if !strings.HasPrefix(url, "https://") {
		t.Fatalf("listening url = %q, want https://", url)
	}
	tlsConfig := &tls.Config{RootCAs: roots}
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: tlsConfig}}
	defer hc.CloseIdleConnections()
	resp, err := hc.Get(url + "healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.TLS == nil {
		t.Fatalf("/healthz = %d, TLS %v; want 200 over TLS", resp.StatusCode, resp.TLS != nil)
	}

	ws := wsURL(url)
	s := playBriefly(t, ws, &client.Options{Name: "tls", TLSConfig: tlsConfig})
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var unknown x509.UnknownAuthorityError
	if s, err := client.Dial(ctx, ws, &client.Options{Name: "untrusting"}); !errors.As(err, &unknown) {
		if err == nil {
			s.Close()
		}
		t.Errorf("Dial(%s) without trusting the certificate = %v, want x509.UnknownAuthorityError", ws, err)
	}
	if err := stop(); err != nil {
		t.Fatalf("serve after stop = %v, want nil", err)
	}
}

// TestServeRejectsBadTLS: the TLS flags go in pairs, and files that are
// missing or not a certificate and its key stop the server at start.
func TestServeRejectsBadTLS(t *testing.T) {
	t.Parallel()
	certFile, keyFile, _ := writeTestCert(t)
	_, otherKey, _ := writeTestCert(t)
	missing := filepath.Join(t.TempDir(), "missing.pem")
	garbage := filepath.Join(t.TempDir(), "garbage.pem")
	if err := os.WriteFile(garbage, []byte("not a certificate\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		env  func(string) (string, bool)
		want string
	}{
		{"cert alone", []string{"-tls-cert", certFile}, env(), "-tls-cert and -tls-key go together"},
		{"key alone from env", nil, env("ARENA_TLS_KEY", keyFile), "-tls-cert and -tls-key go together"},
		{"missing cert", []string{"-tls-cert", missing, "-tls-key", keyFile}, env(), "tls: certificate " + missing + ", key " + keyFile + ": open " + missing},
		{"not PEM", nil, env("ARENA_TLS_CERT", garbage, "ARENA_TLS_KEY", keyFile), "failed to find any PEM data in certificate input"},
		{"key of another cert", []string{"-tls-cert", certFile, "-tls-key", otherKey}, env(), "private key does not match public key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			err := serve(ctx, append([]string{"-port", "0", "-addr", "127.0.0.1"}, tc.args...), tc.env, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("serve(%q) = %v, want an error containing %q", tc.args, err, tc.want)
			}
		})
	}
}
