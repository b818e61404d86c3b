package netcode

// CONTRACT of the codec (implementation TODO).

// DecodeError is returned for any message that is not valid; Reason is short
// (fits a WebSocket close reason, <= 100 bytes) and says what was wrong.
type DecodeError struct{ Reason string }

func (e *DecodeError) Error() string { return "netcode: bad message: " + e.Reason }

// Encoder encodes messages into a buffer it reuses. The returned slice is valid
// until the next call. An Encoder is not safe for concurrent use.
type Encoder struct{}

// NewEncoder returns an Encoder.
func NewEncoder() *Encoder { panic("TODO") }

func (e *Encoder) Hello(m *Hello) []byte       { panic("TODO") }
func (e *Encoder) Inputs(m *Inputs) []byte     { panic("TODO") }
func (e *Encoder) Ping(m *Ping) []byte         { panic("TODO") }
func (e *Encoder) Chat(m *Chat) []byte         { panic("TODO") }
func (e *Encoder) Leave() []byte               { panic("TODO") }
func (e *Encoder) Welcome(m *Welcome) []byte   { panic("TODO") }
func (e *Encoder) Snapshot(m *Snapshot) []byte { panic("TODO") }
func (e *Encoder) Pong(m *Pong) []byte         { panic("TODO") }
func (e *Encoder) ChatFrom(m *ChatFrom) []byte { panic("TODO") }
func (e *Encoder) Events(m *Events) []byte     { panic("TODO") }
func (e *Encoder) Error(m *Error) []byte       { panic("TODO") }

// Decoder decodes messages, reusing the destination's slices. Not safe for
// concurrent use. Errors are *DecodeError.
type Decoder struct{}

// NewDecoder returns a Decoder.
func NewDecoder() *Decoder { panic("TODO") }

// DecodeClient decodes one client -> server message into m.
func (d *Decoder) DecodeClient(b []byte, m *ClientMessage) error { panic("TODO") }

// DecodeServer decodes one server -> client message into m.
func (d *Decoder) DecodeServer(b []byte, m *ServerMessage) error { panic("TODO") }
