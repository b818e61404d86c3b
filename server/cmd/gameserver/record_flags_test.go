package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"arena/client"
	"arena/game/replay"
)

// TestRecordFlag: gameserver -record DIR makes DIR and, when the server
// stops with a player in a room, leaves that room's match in it as a
// complete recording of that player (with the bots that filled the room).
func TestRecordFlag(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "matches")
	url, _, stop := startServe(t, "-record", dir)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	sess, err := client.Dial(ctx, "ws"+strings.TrimPrefix(url, "http")+"ws", &client.Options{Name: "rec"})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	time.Sleep(300 * time.Millisecond)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 1 || !strings.HasSuffix(files[0], replay.FileExt) {
		t.Fatalf("files in %s: %v; want one complete recording", dir, files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	rec, err := replay.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range rec.Final {
		found = found || s.ID == sess.LocalID()
	}
	if !found || rec.Ticks < 10 {
		t.Errorf("recording: %d ticks, final %+v; want player %d at the end", rec.Ticks, rec.Final, sess.LocalID())
	}
}

// TestRecordRefusesBench: the bench rule is not recorded, and saying
// -record with it is an error that says so.
func TestRecordRefusesBench(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := serve(ctx, []string{"-mode", "bench", "-record", t.TempDir(), "-port", "0"}, env(), io.Discard)
	if err == nil || !strings.Contains(err.Error(), "-record records the arena mode only; -mode bench is not recorded") {
		t.Fatalf("serve -mode bench -record: %v", err)
	}
}
