package neo4jstore

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsgraph/kg/graph/storetest"
)

// slowProxy is a TCP proxy between the driver and the real server that
// delays every chunk of bytes, either way, by delay, and while stalled
// holds them (a server or network that stops answering, connections open).
type slowProxy struct {
	ln      net.Listener
	target  string
	delay   atomic.Int64 // nanoseconds per chunk
	stalled atomic.Bool
	closed  atomic.Bool
	chunks  atomic.Int64 // forwarded, either way

	mu    sync.Mutex
	conns []net.Conn
}

func newSlowProxy(t *testing.T, target string) *slowProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &slowProxy{ln: ln, target: target}
	go p.serve()
	t.Cleanup(p.close)
	return p
}

func (p *slowProxy) addr() string { return p.ln.Addr().String() }

func (p *slowProxy) serve() {
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("tcp", p.target)
		if err != nil {
			client.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, client, server)
		p.mu.Unlock()
		go p.pipe(server, client)
		go p.pipe(client, server)
	}
}

// pipe copies src to dst, chunk by chunk, slowed or held as set.
func (p *slowProxy) pipe(dst, src net.Conn) {
	defer dst.Close()
	defer src.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			for p.stalled.Load() && !p.closed.Load() {
				time.Sleep(10 * time.Millisecond)
			}
			time.Sleep(time.Duration(p.delay.Load()))
			p.chunks.Add(1)
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

func (p *slowProxy) close() {
	p.closed.Store(true)
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
}

// proxiedConfig is cfg with its server reached through a slowProxy. The
// URI becomes bolt://: a neo4j:// URI would route around the proxy.
func proxiedConfig(t *testing.T, cfg Config) (Config, *slowProxy) {
	t.Helper()
	u, err := url.Parse(cfg.URI)
	if err != nil {
		t.Fatal(err)
	}
	host := u.Host
	if u.Port() == "" {
		host = net.JoinHostPort(u.Hostname(), "7687")
	}
	p := newSlowProxy(t, host)
	cfg.URI = "bolt://" + p.addr()
	return cfg, p
}

// A slow server (every chunk of bytes between driver and server delayed)
// still gets the whole import, and the graph equals a clean one; a server
// that stops answering with its connections open fails the write within
// TxTimeout and RetryTime with an error naming it, never a hang; a rerun
// once it answers again completes to the clean graph.
func TestSlowServer(t *testing.T) {
	direct := openEmpty(t)
	defer direct.Close()
	cfg, proxy := proxiedConfig(t, serverConfig(t))
	ctx := context.Background()
	docs := storetest.Corpus(60)
	first, second := docs[:20], docs[20:]

	// Slowed: 10 ms per chunk each way, a link with a round trip of 20 ms
	// more: a batch of 10 articles is some 40 chunks, well within
	// the timeouts.
	const delay = 10 * time.Millisecond
	proxy.delay.Store(int64(delay))
	slowCfg := cfg
	slowCfg.TxTimeout = 30 * time.Second
	slowCfg.RetryTime = 30 * time.Second
	slow, err := Open(ctx, slowCfg)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	start, chunks := time.Now(), proxy.chunks.Load()
	for i := 0; i < len(first); i += 10 {
		if _, err := slow.Write(ctx, first[i:i+10]); err != nil {
			t.Fatalf("write through the slowed connection: %v", err)
		}
	}
	t.Logf("slowed (%s a chunk each way): %d articles in batches of 10 in %s, %d chunks", delay, len(first), time.Since(start).Round(time.Millisecond), proxy.chunks.Load()-chunks)
	model := storetest.NewModel()
	model.Write(ctx, first)
	storetest.Equal(t, direct, model)

	// Stalled: the bytes stop, the connections stay open.
	stallCfg := cfg
	stallCfg.TxTimeout = 2 * time.Second
	stallCfg.RetryTime = 5 * time.Second
	proxy.delay.Store(0)
	stalling, err := Open(ctx, stallCfg)
	if err != nil {
		t.Fatal(err)
	}
	defer stalling.Close()
	proxy.stalled.Store(true)
	done := make(chan error, 1)
	start = time.Now()
	go func() {
		_, err := stalling.Write(ctx, second)
		done <- err
	}()
	select {
	case err = <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("a write to a server that stopped answering was still waiting after 2 minutes: a hang")
	}
	waited := time.Since(start)
	t.Logf("stalled: the write gave up after %s: %v", waited.Round(time.Millisecond), err)
	var slowErr *attemptTimeout
	switch {
	case err == nil:
		t.Fatal("a write through a stalled connection succeeded")
	case !errors.As(err, &slowErr) || !strings.Contains(err.Error(), "no answer within 2s"):
		t.Errorf("error does not say the server did not answer in time: %v", err)
	case !strings.Contains(err.Error(), cfg.URI):
		t.Errorf("error does not name the server %s: %v", cfg.URI, err)
	}
	// The last attempt may start just before RetryTime ends.
	if limit := stallCfg.RetryTime + 2*stallCfg.TxTimeout + 15*time.Second; waited > limit {
		t.Errorf("gave up after %s, want within %s (RetryTime + TxTimeout)", waited, limit)
	}
	proxy.stalled.Store(false)

	// Nothing half-written: the same documents again, directly, give the
	// clean graph of all of them.
	if _, err := direct.Write(ctx, second); err != nil {
		t.Fatalf("rerun: %v", err)
	}
	model.Write(ctx, second)
	storetest.Equal(t, direct, model)
}
