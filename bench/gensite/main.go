// Command gensite writes a large synthetic group site for benchmarks:
//
//	go run ./bench/gensite -entities 1112 -langs 3 -out /tmp/big
//
// gives 1,112 entities × 3 notices × 3 languages ≈ 10,000 notice pages.
package main

import (
	"flag"
	"log"
	"os"

	"github.com/noticegen/noticegen/bench/synth"
)

func main() {
	entities := flag.Int("entities", 100, "number of subsidiaries")
	langs := flag.Int("langs", 4, "number of languages (at most 16)")
	out := flag.String("out", "", "folder to write the site into (must not exist)")
	flag.Parse()
	if *out == "" || *langs < 1 || *langs > len(synth.Languages()) || *entities < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		log.Fatalf("%s exists; expected a new folder", *out)
	}
	if err := synth.Write(*out, *entities, *langs); err != nil {
		log.Fatal(err)
	}
}
