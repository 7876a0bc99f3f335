//go:build unix

package article

import (
	"path/filepath"
	"syscall"
	"testing"
)

func TestNonRegularFileInDirectory(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes:", err)
	}
	writeFile(t, dir, "ok.txt", "Ok\nThe ferry left.")
	arts, skips := readAll(t, Options{}, dir) // must not block on the pipe
	if len(arts) != 1 {
		t.Errorf("articles = %v", arts)
	}
	wantSkip(t, skips, fifo, 0, "not a regular file")
}
