package relation

import (
	"crypto/sha256"
	"encoding/hex"
)

// ModelDigest names the embedded model for `kg version`: the first 12 hex
// digits of its SHA-256 ("" when none is embedded). It changes whenever
// the model is retrained.
func ModelDigest() string {
	if len(modelBin) == 0 {
		return ""
	}
	sum := sha256.Sum256(modelBin)
	return hex.EncodeToString(sum[:6])
}
