// Package testdata locates the shared development corpus (../shared beside
// the repository), which tests read but the repository never copies.
package testdata

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// SharedDir returns the absolute path of ../shared relative to the
// repository root, or "" when it is absent.
func SharedDir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	root := filepath.Dir(filepath.Dir(filepath.Dir(file))) // internal/testdata/testdata.go -> repo
	dir := filepath.Join(root, "..", "shared")
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return ""
	}
	abs, _ := filepath.Abs(dir)
	return abs
}

// Shared returns a path inside ../shared, or skips the test with a clear
// message when it is not there.
func Shared(t testing.TB, parts ...string) string {
	t.Helper()
	dir := SharedDir()
	if dir == "" {
		t.Skip("../shared is not beside the repository; skipping")
	}
	p := filepath.Join(append([]string{dir}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s is not there (../shared beside the repository): %v", p, err)
	}
	return p
}

// DevCorpus returns the dev corpus directory, or skips the test with a
// clear message when ../shared is not there.
func DevCorpus(t testing.TB) string {
	t.Helper()
	dir := SharedDir()
	if dir == "" {
		t.Skip("../shared (the development corpus) is not beside the repository; skipping corpus test")
	}
	return filepath.Join(dir, "corpus", "dev")
}
