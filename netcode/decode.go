package netcode

import "fmt"

// Decoder decodes messages, reusing the destination's slices. Not safe for
// concurrent use. Errors are *DecodeError.
//
// It reads the frame in place, through an offset into it, never through a
// general msgpack decoder (whose reflection and DecodeString/DecodeBytes
// allocate whatever a header claims): every element's type code is checked
// first, and every array, string and bin length is checked against its limit
// and against the bytes left in the frame before anything is allocated or
// read.
type Decoder struct {
	b   []byte // the frame being decoded
	off int    // read position in b

	// Where we are, for error reasons; only formatted when something fails, so
	// the success path does not allocate.
	msg  string // message name: "hello", "inputs", ...
	list string // list being read ("window", "players"), "" at the top level
	idx  int    // element of list
}

// NewDecoder returns a Decoder.
func NewDecoder() *Decoder {
	return &Decoder{}
}

// DecodeClient decodes one client -> server message into m. On success m.Type
// says which field is set; on error m's contents are unspecified. A
// well-formed message of a type this version does not know (including a
// server -> client type) decodes with only m.Type set, so the caller can
// ignore it.
func (d *Decoder) DecodeClient(b []byte, m *ClientMessage) error {
	if len(b) > MaxClientFrame {
		return &DecodeError{Reason: fmt.Sprintf("message is %d bytes > %d", len(b), MaxClientFrame)}
	}
	n, t, err := d.begin(b)
	if err != nil {
		return err
	}
	switch t {
	case MsgHello:
		err = d.hello(n, &m.Hello)
	case MsgInput:
		err = d.inputs(n, &m.Input)
	case MsgPing:
		err = d.ping(n, &m.Ping)
	case MsgChat:
		err = d.chat(n, &m.Chat)
	case MsgLeave:
		err = d.leave(n)
	default:
		err = d.skipRest(n)
	}
	if err != nil {
		return err
	}
	m.Type = t
	return d.end()
}

// DecodeServer decodes one server -> client message into m. On success m.Type
// says which field is set; on error m's contents are unspecified. Decoding a
// Snapshot reuses the capacity of m.Snapshot's slices, so what they held
// before is overwritten. A well-formed message of a type this version does
// not know decodes with only m.Type set.
func (d *Decoder) DecodeServer(b []byte, m *ServerMessage) error {
	if len(b) > MaxServerFrame {
		return &DecodeError{Reason: fmt.Sprintf("message is %d bytes > %d", len(b), MaxServerFrame)}
	}
	n, t, err := d.begin(b)
	if err != nil {
		return err
	}
	switch t {
	case MsgWelcome:
		err = d.welcome(n, &m.Welcome)
	case MsgSnapshot:
		err = d.snapshot(n, &m.Snapshot)
	case MsgError:
		err = d.errorMsg(n, &m.Error)
	default:
		err = d.skipRest(n)
	}
	if err != nil {
		return err
	}
	m.Type = t
	return d.end()
}

// begin resets the decoder onto b and reads the outer array's length and the
// message type.
func (d *Decoder) begin(b []byte) (n int, t MsgType, err error) {
	if len(b) == 0 {
		return 0, 0, &DecodeError{Reason: "empty message"}
	}
	d.b, d.off = b, 0
	d.msg, d.list, d.idx = "message array", "", 0
	if n, err = d.arrayLen("", 1, maxMessageFields, 1); err != nil {
		return 0, 0, err
	}
	d.msg = "message"
	v, err := d.uint("type", 255)
	if err == nil && v == 0 {
		err = d.fail("type", "is 0")
	}
	return n, MsgType(v), err
}

// end rejects bytes after the message: a frame carries exactly one message.
func (d *Decoder) end() error {
	if d.off < len(d.b) {
		return &DecodeError{Reason: "trailing bytes after message"}
	}
	return nil
}

// fields checks that the outer array of message name has exactly want
// elements (counting the type), and names the message in later reasons.
func (d *Decoder) fields(name string, n, want int) error {
	d.msg = name
	if n != want {
		return d.fail("", "array length %d, want %d", n, want)
	}
	return nil
}

// fieldsRange is fields for a message whose last elements are optional: it
// has min to max elements.
func (d *Decoder) fieldsRange(name string, n, min, max int) error {
	d.msg = name
	if n < min || n > max {
		return d.fail("", "array length %d, want %d to %d", n, min, max)
	}
	return nil
}

// enter starts element i of list; leaveList goes back to the top level.
func (d *Decoder) enter(list string, i int) { d.list, d.idx = list, i }
func (d *Decoder) leaveList()               { d.list = "" }
