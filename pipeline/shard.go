package pipeline

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard selects a deterministic 1/N of the articles by article id, so that
// N processes (on N machines) given the same inputs import disjoint parts
// whose union is the whole corpus. The zero Shard selects everything.
type Shard struct {
	K, N int // 1 <= K <= N
}

// ParseShard reads "K/N" (1-based: 1/4 ... 4/4).
func ParseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(s, "/")
	ki, err1 := strconv.Atoi(strings.TrimSpace(k))
	ni, err2 := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil || ni < 1 || ki < 1 || ki > ni {
		return Shard{}, fmt.Errorf("shard %q: want K/N with 1 <= K <= N, e.g. 1/4", s)
	}
	return Shard{K: ki, N: ni}, nil
}

// Holds reports whether the article with this id belongs to the shard.
// The hash is FNV-1a of the id: stable across runs, machines, Go versions
// and input order, and every copy of one id lands in the same shard, so
// the import's rules for two articles with one id apply as without shards.
func (s Shard) Holds(id string) bool {
	if s.N <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(id))
	return int(h.Sum64()%uint64(s.N)) == s.K-1
}

func (s Shard) String() string {
	if s.N == 0 {
		return "all"
	}
	return fmt.Sprintf("%d/%d", s.K, s.N)
}
