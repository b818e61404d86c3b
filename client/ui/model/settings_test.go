package model_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"arena/client/ui/model"
)

func TestSettingsRoundTrip(t *testing.T) {
	t.Parallel()
	want := model.Settings{Name: "bob", Volume: 30, Sensitivity: 1.5, Fullscreen: true, NetGraph: true}
	got, err := model.ParseSettings(model.MarshalSettings(want))
	if err != nil || got != want {
		t.Fatalf("round trip: got %+v, %v; want %+v", got, err, want)
	}
}

func TestParseSettingsMissingFieldsKeepDefaults(t *testing.T) {
	t.Parallel()
	got, err := model.ParseSettings([]byte(`{"name":"ann","extra":1}`))
	want := model.DefaultSettings()
	want.Name = "ann"
	if err != nil || got != want {
		t.Fatalf("got %+v, %v; want %+v", got, err, want)
	}
}

func TestParseSettingsCorruptGivesDefaultsAndError(t *testing.T) {
	t.Parallel()
	for _, data := range []string{"", "{", "null x", `{"volume":"loud"}`, "[1,2]", "\x00\xff"} {
		got, err := model.ParseSettings([]byte(data))
		if err == nil || !strings.Contains(err.Error(), "using defaults") {
			t.Errorf("%q: err = %v, want one saying defaults are used", data, err)
		}
		if got != model.DefaultSettings() {
			t.Errorf("%q: got %+v, want the defaults", data, got)
		}
	}
}

func TestSettingsNormalizedClamps(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want model.Settings
	}{
		{model.Settings{Volume: -5, Sensitivity: 0.1}, model.Settings{Volume: 0, Sensitivity: model.MinSensitivity}},
		{model.Settings{Volume: 500, Sensitivity: 99}, model.Settings{Volume: model.MaxVolume, Sensitivity: model.MaxSensitivity}},
		{model.Settings{Volume: 50, Sensitivity: math.NaN()}, model.Settings{Volume: 50, Sensitivity: model.DefaultSensitivity}},
		{model.Settings{Name: strings.Repeat("x", 100), Volume: 50, Sensitivity: 1}, model.Settings{Name: strings.Repeat("x", 16), Volume: 50, Sensitivity: 1}},
		{model.Settings{Name: "a\x07b", Volume: 50, Sensitivity: 1}, model.Settings{Name: "ab", Volume: 50, Sensitivity: 1}},
	}
	for _, tt := range tests {
		if got := tt.in.Normalized(); got != tt.want {
			t.Errorf("%+v.Normalized() = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestSettingsSteps(t *testing.T) {
	t.Parallel()
	s := model.DefaultSettings()
	if got := s.StepVolume(1).Volume; got != model.DefaultVolume+model.VolumeStep {
		t.Errorf("volume up: %d", got)
	}
	if got := s.StepVolume(100).Volume; got != model.MaxVolume {
		t.Errorf("volume up a lot: %d, want %d", got, model.MaxVolume)
	}
	if got := s.StepVolume(-100).Volume; got != 0 {
		t.Errorf("volume down a lot: %d, want 0", got)
	}
	if got := s.StepSensitivity(2).Sensitivity; got != 1.5 {
		t.Errorf("sensitivity up 2: %v, want 1.5", got)
	}
	if got := s.StepSensitivity(-100).Sensitivity; got != model.MinSensitivity {
		t.Errorf("sensitivity down a lot: %v", got)
	}
	if got := s.StepVolume(-100).VolumeScale(); got != 0 {
		t.Errorf("silent volume scale %v", got)
	}
}

func TestFileStore(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := &model.FileStore{Path: filepath.Join(dir, "arena", model.SettingsFileName)}

	// No file yet: the defaults, no error.
	if s, err := st.Load(); err != nil || s != model.DefaultSettings() {
		t.Fatalf("first load: %+v, %v", s, err)
	}
	want := model.Settings{Name: "zoë", Volume: 20, Sensitivity: 2, NetGraph: true}
	if err := st.Save(want); err != nil {
		t.Fatal(err)
	}
	if s, err := st.Load(); err != nil || s != want {
		t.Fatalf("load after save: %+v, %v; want %+v", s, err, want)
	}
	// No temporary file is left behind.
	if ents, _ := os.ReadDir(filepath.Dir(st.Path)); len(ents) != 1 {
		t.Errorf("%d files in the settings folder, want 1", len(ents))
	}

	// A corrupt file: the defaults and an error naming the file; saving
	// again repairs it.
	if err := os.WriteFile(st.Path, []byte(`{"volume": 3`), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := st.Load()
	if err == nil || !strings.Contains(err.Error(), st.Path) || s != model.DefaultSettings() {
		t.Fatalf("corrupt load: %+v, %v; want defaults and an error naming the file", s, err)
	}
	if err := st.Save(want); err != nil {
		t.Fatal(err)
	}
	if s, err := st.Load(); err != nil || s != want {
		t.Fatalf("load after repair: %+v, %v", s, err)
	}
}

func TestFileStoreUnreadable(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// The path is a directory: reading fails with an error, not a panic.
	st := &model.FileStore{Path: dir}
	if s, err := st.Load(); err == nil || s != model.DefaultSettings() {
		t.Fatalf("load of a directory: %+v, %v", s, err)
	}
	// Saving under a file (not a directory) fails with an error.
	f := filepath.Join(dir, "file")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	st = &model.FileStore{Path: filepath.Join(f, "settings.json")}
	if err := st.Save(model.DefaultSettings()); err == nil {
		t.Fatal("save under a file: no error")
	}
}

func TestMemoryStore(t *testing.T) {
	t.Parallel()
	var st model.MemoryStore
	if s, err := st.Load(); err != nil || s != model.DefaultSettings() {
		t.Fatalf("first load: %+v, %v", s, err)
	}
	if err := st.Save(model.Settings{Name: "x", Volume: 999}); err != nil {
		t.Fatal(err)
	}
	if s, _ := st.Load(); s.Volume != model.MaxVolume || s.Name != "x" {
		t.Fatalf("load: %+v", s)
	}
}
