package output

import "testing"

func TestOneElement(t *testing.T) {
	for h, want := range map[string]bool{
		`<section id="a"><h2>A</h2><section>x</section></section>`: true,
		`<section>a</section>`:                            true,
		`<section id="a">a</section><section>b</section>`: false,
		`<span>a</span>`:                                  false,
		`<section id="a">a`:                               false,
		`<sectionx>a</section>`:                           false,
		` <section>a</section>`:                           false,
		`<section>a</section><p>b</p>`:                    false,
		`<section><section>a</section>`:                   false,
	} {
		if got := oneElement(h, "section"); got != want {
			t.Errorf("oneElement(%q, section) = %v, want %v", h, got, want)
		}
	}
}
