package netcode_test

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"arena/netcode"
)

// TestCloseCodeTableMatchesDoc: every close code netcode names is a row of
// docs/protocol.md's close-code table, under the same name, and the table
// has no code netcode does not know.
func TestCloseCodeTableMatchesDoc(t *testing.T) {
	doc, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "\n## Close codes\n")
	if !ok {
		t.Fatal("docs/protocol.md has no Close codes section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	row := regexp.MustCompile(`(?m)^\| (\d{4}) \| ([^|]+) \|`)
	documented := map[netcode.CloseCode]string{}
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		n, _ := strconv.Atoi(m[1])
		documented[netcode.CloseCode(n)] = strings.TrimSpace(m[2])
	}
	codes := []netcode.CloseCode{
		netcode.CloseNormal, netcode.CloseGoingAway, netcode.CloseProtocolError, netcode.CloseUnsupportedData,
		netcode.ClosePolicyViolation, netcode.CloseTooBig, netcode.CloseInternalError, netcode.CloseTryAgainLater,
		netcode.CloseBadMessage, netcode.CloseProtocolViolation, netcode.CloseVersionMismatch, netcode.CloseSlowConsumer,
		netcode.CloseHelloTimeout, netcode.CloseIdleTimeout, netcode.CloseResumeRefused, netcode.CloseReplaced,
		netcode.CloseNoSuchRoom, netcode.CloseRoomFull,
	}
	for _, c := range codes {
		name, ok := documented[c]
		switch {
		case !ok:
			t.Errorf("close code %d (%s) is not in docs/protocol.md's table", c, c)
		case name != c.String():
			t.Errorf("docs/protocol.md names close code %d %q, netcode %q", c, name, c.String())
		}
		delete(documented, c)
	}
	for c, name := range documented {
		t.Errorf("docs/protocol.md documents close code %d %q, which netcode does not name", c, name)
	}
}
