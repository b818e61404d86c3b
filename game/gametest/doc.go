// Package gametest builds small Tiled maps for tests of the packages that use
// game: the server, the client and the bots, so each test can control the
// geometry instead of playing on the shipped arena. Like net/http/httptest,
// it is imported by tests only.
package gametest
