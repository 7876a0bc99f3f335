package neo4jstore

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/kg/graph/storetest"
)

// A server stopped mid-import and not restarted: writes give up within
// the retry budget with an error naming the server, not a hang; after the
// server is back, writing the same documents again gives the clean graph.
func TestServerKilledMidImport(t *testing.T) {
	cfg := serverConfig(t)
	ctl := os.Getenv("KG_NEO4J_CTL")
	if ctl == "" {
		if os.Getenv("KG_REQUIRE_NEO4J") != "" {
			t.Fatal("KG_REQUIRE_NEO4J is set but KG_NEO4J_CTL is not: cannot stop the server")
		}
		t.Skip("KG_NEO4J_CTL is not set: skipping the server-killed test (KG_NEO4J_CTL=$PWD/scripts/neo4j.sh)")
	}
	const budget = 15 * time.Second
	cfg.RetryTime = budget
	s, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Wipe(context.Background()); err != nil {
		t.Fatal(err)
	}
	docs := storetest.Corpus(400)
	done := make(chan error, 1)
	started := make(chan struct{})
	var stopped time.Time
	go func() {
		for i := 0; i < len(docs); i += 4 {
			if i == 8 {
				close(started)
			}
			if _, err := s.Write(context.Background(), docs[i:min(i+4, len(docs))]); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, ctl, "stop").CombinedOutput(); err != nil {
		t.Fatalf("%s stop: %v\n%s", ctl, err, out)
	}
	stopped = time.Now()
	// Whatever happens below, the server must be back for the other tests.
	defer func() {
		if out, err := exec.CommandContext(ctx, ctl, "start").CombinedOutput(); err != nil {
			t.Fatalf("%s start: %v\n%s", ctl, err, out)
		}
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("every write succeeded with the server stopped: make the corpus bigger")
		}
		waited := time.Since(stopped)
		t.Logf("writer gave up %s after the stop: %v", waited.Round(time.Millisecond), err)
		if !strings.Contains(err.Error(), redact(cfg.URI)) {
			t.Errorf("error does not name the server %s: %v", redact(cfg.URI), err)
		}
		if waited > budget+30*time.Second {
			t.Errorf("writer gave up after %s, retry budget %s", waited, budget)
		}
	case <-time.After(budget + 2*time.Minute):
		t.Fatal("writer still waiting long after its retry budget: a hang")
	}
	if out, err := exec.CommandContext(ctx, ctl, "start").CombinedOutput(); err != nil {
		t.Fatalf("%s start: %v\n%s", ctl, err, out)
	}
	again, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if _, err := again.Write(context.Background(), docs); err != nil {
		t.Fatalf("rerun after the restart: %v", err)
	}
	clean := storetest.NewModel()
	if _, err := clean.Write(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	storetest.Equal(t, again, clean)
}
