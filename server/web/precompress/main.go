package main

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
	"golang.org/x/sync/errgroup"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "precompress:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("precompress", flag.ContinueOnError)
	force := fs.Bool("force", false, "compress even when FILE.sha256 says the copies are of FILE's content")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: precompress [-force] FILE  (writes FILE.br, FILE.gz and FILE.sha256)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("want exactly one FILE")
	}
	src := fs.Arg(0)
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	line := hex.EncodeToString(sum[:]) + "  " + filepath.Base(src) + "\n"
	if !*force && upToDate(src, line) {
		fmt.Fprintf(out, "%s: the compressed copies are up to date\n", src)
		return printSizes(out, src)
	}
	var g errgroup.Group
	g.Go(func() error {
		return writeAtomic(src+".br", func(w io.Writer) error {
			bw := brotli.NewWriterOptions(w, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 24})
			if _, err := bw.Write(data); err != nil {
				return err
			}
			return bw.Close()
		})
	})
	g.Go(func() error {
		return writeAtomic(src+".gz", func(w io.Writer) error {
			zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
			if err != nil {
				return err
			}
			if _, err := zw.Write(data); err != nil {
				return err
			}
			return zw.Close()
		})
	})
	if err := g.Wait(); err != nil {
		return err
	}
	// The sum last: its presence says the .br and .gz beside it are of this content.
	if err := writeAtomic(src+".sha256", func(w io.Writer) error {
		_, err := io.WriteString(w, line)
		return err
	}); err != nil {
		return err
	}
	return printSizes(out, src)
}

// upToDate reports whether src's .sha256 is line (src's sum) and the .br
// and .gz beside it exist: an unchanged build (Go's cache gives the same
// game.wasm) need not spend a minute on brotli again.
func upToDate(src, line string) bool {
	got, err := os.ReadFile(src + ".sha256")
	if err != nil || string(got) != line {
		return false
	}
	for _, p := range []string{src + ".br", src + ".gz"} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			return false
		}
	}
	return true
}

// printSizes prints the sizes of src and its compressed copies.
func printSizes(out io.Writer, src string) error {
	for _, p := range []string{src, src + ".br", src + ".gz"} {
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%-40s %10d bytes (%.2f MB)\n", p, st.Size(), float64(st.Size())/1e6)
	}
	return nil
}

// writeAtomic writes path through fill into a temporary file beside it,
// then renames it into place.
func writeAtomic(path string, fill func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // no-op once renamed
	if err := fill(f); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
