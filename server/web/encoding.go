package web

import (
	"strconv"
	"strings"
)

// A coding is a content coding game.wasm is stored in.
type coding int

const (
	identity coding = iota
	gzipCoding
	brotli
	nCodings
)

// name is the coding's Content-Encoding token ("" for identity).
func (c coding) name() string {
	return [...]string{"", "gzip", "br"}[c]
}

// suffix is the stored copy's file name suffix.
func (c coding) suffix() string {
	return [...]string{"", ".gz", ".br"}[c]
}

// preference orders codings of equal q: br, then gzip, then identity.
var preference = [...]coding{brotli, gzipCoding, identity}

// negotiate returns the coding to send given the request's Accept-Encoding
// header values and which codings are available (identity always is), and
// false when the request excludes all of them (identity;q=0 or *;q=0). No
// header means identity: RFC 9110 allows any coding then, but a client
// that says nothing may not decode one.
func negotiate(header []string, have [nCodings]bool) (coding, bool) {
	if len(header) == 0 {
		return identity, true
	}
	var q [nCodings]float64
	var listed [nCodings]bool
	star, starListed := 0.0, false
	for _, h := range header {
		for _, item := range strings.Split(h, ",") {
			token, params, _ := strings.Cut(item, ";")
			token = strings.ToLower(strings.TrimSpace(token))
			if token == "" {
				continue
			}
			v := qValue(params)
			switch token {
			case "*":
				star, starListed = v, true
			case "identity":
				q[identity], listed[identity] = v, true
			case "gzip", "x-gzip":
				q[gzipCoding], listed[gzipCoding] = v, true
			case "br":
				q[brotli], listed[brotli] = v, true
			}
		}
	}
	for c := range nCodings {
		if !listed[c] {
			switch {
			case starListed:
				q[c] = star
			case c == identity:
				// Acceptable unless excluded (RFC 9110 12.5.3), but
				// only as the last resort: "br;q=0.5" still means br.
				q[c] = 0.001
			}
		}
	}
	best, bestQ := identity, 0.0
	for _, c := range preference {
		if have[c] && q[c] > bestQ {
			best, bestQ = c, q[c]
		}
	}
	return best, bestQ > 0
}

// qValue returns the q parameter of an Accept-Encoding item's parameters
// (";q=0.5"), 1 when absent, 0 when malformed: a value the client did not
// mean to give is not taken as a wish.
func qValue(params string) float64 {
	for _, p := range strings.Split(params, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || f < 0 || f > 1 {
			return 0
		}
		return f
	}
	return 1
}
