package testdata

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// PeakHeap runs fn and returns the largest live heap seen while it ran,
// above the heap before it (sampled every 2 ms, after a GC), for the
// hostile-input benchmarks' peak-memory figures.
func PeakHeap(fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := read()
	peak := base
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				peak = max(peak, read())
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	peak = max(peak, read())
	return peak - base
}
