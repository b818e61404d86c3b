// Package impair makes a net.Conn behave as if it crossed a bad network
// path, one direction at a time, so that tests and people can see what
// the netcode does at 150 ms and 2% loss without leaving localhost.
//
// A Link describes one direction; a Config the two of a connection (Up:
// client to server, Down: server to client). Wrap impairs one
// connection; Client and Server wrap a connection's two ends; Listen
// impairs every connection a listener accepts, Dialer every connection a
// client dials. Parse reads a Config from a flag such as
// "latency=75ms,jitter=10ms,loss=0.02".
//
// # What is modelled
//
// Arena plays over WebSocket, that is TCP, so the model is TCP's view of a
// bad path, not a packet network's:
//
//   - Latency and jitter: each write's bytes are delivered at
//     now + Latency ± uniform Jitter, but never before the bytes written
//     before them: TCP never reorders, so jitter bunches writes up
//     instead of swapping them.
//   - Loss: TCP retransmits a lost segment, so loss is never a hole in
//     the stream but a stall of the direction (head-of-line blocking): a
//     write lost (probability Loss) waits an extra Stall, by default
//     max(200ms, 2*Latency + 4*Jitter), a retransmission timeout, and
//     every later write in that direction waits behind it.
//   - Bandwidth: a write of n bytes occupies the link for n/Bandwidth
//     seconds, queued behind the writes before it; a large write trickles
//     out in segments of about 10 ms.
//   - Resets: with probability Reset per write the connection is reset:
//     both sides fail, the peer seeing a TCP reset. The Reset function
//     does it on demand.
//
// A write is one Write call on the side that writes through the
// impairment; on the side that reads through it, it is one read of the
// socket (what the peer's writes arrived as). Every delay is one way: a
// round trip through a Config of latency=75ms takes 150 ms.
//
// # What is not
//
// There is no reordering, duplication or corruption (TCP hides them), no
// congestion window, slow start or retransmission back-off (a loss costs
// one fixed Stall, however many follow), no Nagle and no segment
// boundaries beyond the ones stated above. The connect of a Listen
// connection is not delayed (it was accepted before the impairment
// began); Dialer adds one round trip to its connect. A reset is felt at
// once on both sides rather than a one-way latency later, and a reset or
// close drops the bytes still queued towards the side that reads through
// the impairment, where a kernel would drop only the unread ones.
//
// The draws (jitter, loss, reset) come from a PCG generator seeded by
// Config.Seed, so a run is repeatable for a given order of writes; the
// delays themselves are real time, as the sockets are real.
//
// The package builds for WASM, where it has nothing to wrap: the browser
// owns the WebSocket's socket. Impair a browser's link on the server side
// instead (Listen, as `gameserver -impair` does).
package impair
