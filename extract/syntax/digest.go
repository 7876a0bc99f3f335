package syntax

import "github.com/newsgraph/kg/internal/digest"

// ModelDigest names the embedded model for `kg version`: the first 12 hex
// digits of its SHA-256 ("" when none is embedded).
func ModelDigest() string { return digest.Short(modelBin) }
