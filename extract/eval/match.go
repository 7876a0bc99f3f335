package eval

// maxMatching returns a maximum bipartite matching between left vertices
// 0..nLeft-1 and right vertices 0..nRight-1, where edge(l, r) says whether
// l may be matched to r: match[l] is l's right vertex or -1.
//
// It grows the matching by augmenting paths (Kuhn's algorithm), so no
// processing order can lose a match that a greedy pass would. Left vertices
// are tried in order and a matched left vertex never becomes unmatched, so
// among maximum matchings the one found prefers earlier left vertices: the
// caller lists them by preference.
func maxMatching(nLeft, nRight int, edge func(l, r int) bool) []int {
	match := make([]int, nLeft)
	owner := make([]int, nRight) // right vertex -> left vertex, or -1
	for i := range match {
		match[i] = -1
	}
	for i := range owner {
		owner[i] = -1
	}
	var augment func(l int, visited []bool) bool
	augment = func(l int, visited []bool) bool {
		for r := 0; r < nRight; r++ {
			if visited[r] || !edge(l, r) {
				continue
			}
			visited[r] = true
			if owner[r] < 0 || augment(owner[r], visited) {
				owner[r] = l
				match[l] = r
				return true
			}
		}
		return false
	}
	for l := 0; l < nLeft; l++ {
		augment(l, make([]bool, nRight))
	}
	return match
}
