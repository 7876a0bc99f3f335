package tagger
import ("testing";"fmt";"os";"strconv";"strings")
func TestAblation(t *testing.T) {
	sents, _ := LoadGMB(gmbPath(t))
	train, _ := Split(sents)
	train, dev := Split(train)
	for _, d := range strings.Split(os.Getenv("DROPS"), " ") {
		DropMask = 0
		for _, x := range strings.Split(d, ",") { if k, err := strconv.Atoi(x); err == nil { DropMask |= 1<<k } }
		sum := 0.0
		for seed := uint64(1); seed <= 3; seed++ {
			o := TrainOptions{Seed: seed}
			fmt.Sscan(os.Getenv("HR"), &o.HintRate)
			fmt.Sscan(os.Getenv("RC"), &o.Recase)
			m := Train(train, o)
			sum += Evaluate(m, dev, nil).Overall.F1()
		}
		fmt.Printf("drop %s: %.4f\n", d, sum/3)
	}
}
