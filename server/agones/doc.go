// Package agones is a small client of the Agones SDK sidecar's REST API
// (https://agones.dev/site/docs/guides/client-sdks/rest/) and a Reporter that
// tells the sidecar about a game server's life: Ready once it listens
// (retried while the sidecar is not up yet), Health on an interval, the
// player count on every change, and Shutdown at the end.
//
// It uses net/http against the documented endpoints only; no Agones or gRPC
// module is imported. The sidecar listens on localhost:$AGONES_SDK_HTTP_PORT
// (default 9358): see SidecarURL.
//
// # Player counts
//
// Agones offers two ways to publish a player count, and a Reporter uses one,
// chosen by Config.Players:
//
//   - PlayersCounter: the Counters API (beta, feature gate CountsAndLists),
//     PATCH /v1beta1/counters/{name} with the count and the capacity. The
//     counter must be declared in the GameServer's spec (the Fleet in
//     deploy/agones/fleet.yaml declares "players").
//   - PlayersTracking: player tracking (alpha, feature gate PlayerTracking),
//     POST /alpha/player/connect and /disconnect with one id per player and
//     PUT /alpha/player/capacity.
//   - PlayersAuto (the default) asks the sidecar after Ready: the counter
//     if GET /v1beta1/counters/{name} answers, else player tracking if GET
//     /alpha/player/capacity answers, else no player count (logged).
//
// # Concurrency
//
// A Client may be used from several goroutines. A Reporter runs its own
// goroutines; the caller's only contact with it is Start and Shutdown, and
// a slow or absent sidecar never blocks the caller beyond the context it
// passes.
package agones
