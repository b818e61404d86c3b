// Package replay records a match of the arena shooter and plays it back.
//
// A World is deterministic: the same seed, map and rules, and the same
// calls in the same order (AddPlayer, RemovePlayer, SetCommands, Step),
// give the same match to the bit. So a recording holds no state, only
// what the server's Room handed its World: a Header (the format and
// protocol versions, mode, room, match number, map and a digest of it,
// tick rate, seed, lag compensation cap and the mode's Params), then per
// tick the joins (id, name), leaves (with the score the player left with)
// and commands applied, then the final scores. Playing it back (Replay)
// builds a fresh World from the Header and makes the same calls, checking
// each leaving player's score on the way; Verify checks that it ends on
// the recorded scores exactly.
//
// # File format
//
// Integers are encoding/binary varints (unsigned: Uvarint; signed:
// zigzag Varint); a string is a Uvarint length and its bytes.
//
//	magic      "ARENAREC"
//	format     Uvarint, FormatVersion
//	protocol   Uvarint, the netcode protocol version of the build that wrote it
//	mode, room string
//	seq        Uvarint, the room's recording number (1 first)
//	started    Varint, Unix seconds when the recording began (metadata)
//	map        string, then its Digest: 8 bytes little endian
//	tick_rate  Uvarint
//	seed       8 bytes little endian
//	lag_comp   Varint, Config.LagCompMax in nanoseconds (negative: off)
//	start_tick Uvarint, the World's tick before the first record
//	params     Uvarint count, then each: name string, value Varint
//	rotation   Uvarint count of the match cycle's maps (0: no match
//	           cycle, one endless match on map), then each: name string,
//	           digest 8 bytes; then, when count > 0, the countdown, length
//	           and intermission, each Varint nanoseconds
//	prev       string: the file this one continues ("" none; see Chains)
//
// Then records, each a tag byte:
//
//	0 step       one Step
//	1 steps      Uvarint n (n >= 2): n Steps with nothing in between
//	2 join       Uvarint id, name string: AddPlayer(name) returned id
//	3 leave      Uvarint id, Varint kills, deaths, score: the player's
//	             tally as it left; RemovePlayer(id)
//	4 commands   Uvarint id, Uvarint n (at most MaxCommands), n commands
//	5 end        Uvarint tick, Uvarint count, count × (Uvarint id,
//	             Varint kills, deaths, score); nothing follows
//	6 join bot   as join, for AddBot(name): a server-side bot, whose
//	             commands are recorded like a person's
//	8 present    as join, for a player already in the World when this
//	             file starts (a chain's later files): no World call
//	7 phase      byte phase, Uvarint match number: the Step before it
//	             entered that phase (game.EventPhase); for "ended", then
//	             Uvarint winner, Uvarint count and the final scoreboard
//	             as in end, best first
//
// A command is coded against the same player's previous one (the first
// after a join against the zero command with view lag 1): a flag byte,
// then the fields it marks, in this order:
//
//	0x01 move     two bytes, MoveX and MoveY
//	0x02 aim      Varint, the change of Aim (mod 65536)
//	0x04 buttons  one byte
//	0x08 view     Varint, the view lag: the tick the Step makes minus
//	              ViewTick, when it differs from the previous command's
//	0x10 late     Uvarint Late (absent: 0)
//	0x20 no view  ViewTick is 0 (no view lag follows)
//
// A player who walks steadily while aiming costs 2 to 3 bytes a command,
// with the id and count about 6 bytes a tick; 8 players for 5 minutes are
// about 1 MB before compression.
//
// # Chains
//
// A room's World plays its matches one after the other, so a match's
// start state is the end of the one before. A server writes a file per
// match all the same: at a match's end it ends the file (its end record
// has the scores then) and starts the next with Prev naming it,
// StartTick its end tick and a present record for each player in the
// World. Playing a later match replays its chain from the room's first
// file (fast: a minute of six players steps in about 18 ms); NewChain
// checks that each file starts where the one before ended, with the
// same World settings.
//
// # Errors
//
// Parse refuses a file that is not a recording, a format it does not
// read, or a record that is cut short or out of range, with an error that
// says which and where (the byte offset); it never panics (FuzzParse).
// Another protocol version is refused by CheckProtocol with both
// versions named. A replay whose World does not return the recorded id
// on a join, or whose final scores differ, says so (ErrDiverged).
//
// # Concurrency
//
// A Writer, a Replay and a Recording's decoding are not safe for
// concurrent use: one goroutine owns each. A parsed Recording is not
// changed after Parse and may be shared.
package replay
