package netcode_test

import (
	"bytes"
	"errors"
	"testing"

	"arena/netcode"
)

// The fuzz targets feed arbitrary bytes to each decoder. A decoder must never
// panic, must fail only with *DecodeError, and what it accepts must survive a
// re-encode and decode unchanged.

func FuzzDecodeClient(f *testing.F) {
	e := netcode.NewEncoder()
	for _, m := range clientSamples() {
		f.Add(bytes.Clone(e.EncodeClient(&m)))
	}
	for _, v := range validTrees {
		if v.dir == toServer {
			f.Add(mp(v.msg))
		}
	}
	f.Add([]byte{0xdd, 0xff, 0xff, 0xff, 0xff})
	f.Add(msg(5, 1, 1, raw{0xdb, 0xff, 0xff, 0xff, 0xff}))
	f.Fuzz(func(t *testing.T, b []byte) {
		d := netcode.NewDecoder()
		var m netcode.ClientMessage
		if err := d.DecodeClient(b, &m); err != nil {
			var de *netcode.DecodeError
			if !errors.As(err, &de) || len(de.Reason) > 100 {
				t.Fatalf("error %v (%T)", err, err)
			}
			return
		}
		again := netcode.NewEncoder().EncodeClient(&m)
		var m2 netcode.ClientMessage
		if err := d.DecodeClient(again, &m2); err != nil {
			t.Fatalf("re-encoded % x does not decode: %v", again, err)
		}
		if !sameClient(&m, &m2) {
			t.Fatalf("round trip changed the message:\n%+v\n%+v", normalizeClient(&m), normalizeClient(&m2))
		}
	})
}

func FuzzDecodeServer(f *testing.F) {
	e := netcode.NewEncoder()
	for _, m := range serverSamples() {
		f.Add(bytes.Clone(e.EncodeServer(&m)))
	}
	for _, v := range validTrees {
		if v.dir == toClient {
			f.Add(mp(v.msg))
		}
	}
	f.Add([]byte{0xdd, 0xff, 0xff, 0xff, 0xff})
	f.Add(msg(5, 17, 1, 0, raw{0xdd, 0xff, 0xff, 0xff, 0xff}))
	f.Fuzz(func(t *testing.T, b []byte) {
		d := netcode.NewDecoder()
		var m netcode.ServerMessage
		if err := d.DecodeServer(b, &m); err != nil {
			var de *netcode.DecodeError
			if !errors.As(err, &de) || len(de.Reason) > 100 {
				t.Fatalf("error %v (%T)", err, err)
			}
			return
		}
		again := netcode.NewEncoder().EncodeServer(&m)
		var m2 netcode.ServerMessage
		if err := d.DecodeServer(again, &m2); err != nil {
			t.Fatalf("re-encoded % x does not decode: %v", again, err)
		}
		if !sameServer(&m, &m2) {
			t.Fatalf("round trip changed the message:\n%+v\n%+v", normalizeServer(&m), normalizeServer(&m2))
		}
	})
}
