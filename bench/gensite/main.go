// Command gensite writes a large synthetic group site for benchmarks
// (see package synth for what the site holds):
//
//	go run ./bench/gensite -entities 1000 -out /tmp/big
//
// gives 1,000 entities × 5 notices × 2 languages = 10,000 notice pages.
// The same flags give the same files; -seed varies the text.
//
//	go run ./bench/gensite -revise /tmp/big
//
// changes an existing site as a second release finds it changed (one
// purpose and one sentence more in one notice's section; see
// synth.Revise), so that release, run before and after, leaves the site
// with versions, archived pages, changes pages and feeds to build.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/noticegen/noticegen/bench/synth"
)

func main() {
	entities := flag.Int("entities", 1000, "number of subsidiaries")
	notices := flag.Int("notices", synth.MaxNotices, "number of notices, taken in order from website, online-meetings, applicants, customers, suppliers")
	langs := flag.Int("langs", 2, "number of languages, taken in order from en, de, fr, … (at most 16)")
	seed := flag.Uint64("seed", 1, "seed of every random choice")
	shape := flag.String("shape", synth.ShapeMixed, "kind of group: "+strings.Join(synth.Shapes(), ", ")+" (see package synth)")
	out := flag.String("out", "", "folder to write the site into (must not exist)")
	revise := flag.String("revise", "", "instead of writing a site, revise the site in this `folder` (see synth.Revise)")
	flag.Parse()
	if *revise != "" {
		if *out != "" || flag.NArg() > 0 {
			flag.Usage()
			os.Exit(2)
		}
		rev, err := synth.Revise(*revise)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("gensite: revised section %s in %s\n", rev.Section, strings.Join(rev.Files, ", "))
		return
	}
	if *out == "" || flag.NArg() > 0 || *entities < 1 || *notices < 1 || *notices > synth.MaxNotices ||
		*langs < 1 || *langs > len(synth.Languages()) || *seed == 0 {
		flag.Usage()
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		log.Fatalf("%s exists; expected a new folder", *out)
	}
	err := synth.Write(*out, synth.Options{Entities: *entities, Notices: *notices, Languages: *langs, Seed: *seed, Shape: *shape})
	if err != nil {
		log.Fatal(err)
	}
}
