package main

import (
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestNeo4jStalledServerBounded: a server that accepts connections and
// never answers (a hung process, a black-holed network) fails the import
// within --neo4j-tx-timeout and --neo4j-retry-time with exit 1 and a clear
// error, instead of hanging. The listener is a real TCP socket; nothing
// stands in for Neo4j because nothing answers.
func TestNeo4jStalledServerBounded(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var held []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c) // accepted, never answered
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range held {
			c.Close()
		}
		mu.Unlock()
	})
	r := kg(t, t.TempDir(), embeddedEnv(), "--neo4j-uri", "bolt://"+ln.Addr().String(), "--neo4j-password", "x",
		"--neo4j-tx-timeout", "2s", "--neo4j-retry-time", "3s", "import", filepath.Join(repoRoot(t), "seeds", "articles"))
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\nstderr: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "neo4j at bolt://"+ln.Addr().String()) || !strings.Contains(r.stderr, "cannot connect") {
		t.Errorf("stderr does not name the server and the problem:\n%s", r.stderr)
	}
}
