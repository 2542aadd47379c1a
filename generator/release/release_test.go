package release_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/noticegen/noticegen"
	"github.com/noticegen/noticegen/generator/internal/testsite"
	"github.com/noticegen/noticegen/generator/release"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/snapshot"
)

var day = time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)

func plan(t *testing.T, dir string, opts release.Options) *release.Result {
	t.Helper()
	opts.Builtin = noticegen.Example
	if opts.Date.IsZero() {
		opts.Date = day
	}
	res, err := release.Plan(context.Background(), os.DirFS(dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.HasErrors() {
		t.Fatalf("diagnostics: %v", res.Diags)
	}
	return res
}

func edit(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

func paths(res *release.Result) []string {
	var out []string
	for _, pl := range res.Versions {
		out = append(out, pl.Path)
	}
	return out
}

// TestExampleReleased: the example's history ends with its sources, so a
// release records nothing.
func TestExampleReleased(t *testing.T) {
	dir := testsite.Example(t)
	if res := plan(t, dir, release.Options{}); len(res.Versions) != 0 {
		t.Errorf("versions %q, want none: the example's latest versions differ from its sources (run .ci/example-history)", paths(res))
	}
}

func TestPlan(t *testing.T) {
	v := func(entity, lang string) string {
		return site.VersionPath(entity, "website", lang, day)
	}
	tests := []struct {
		name  string
		file  string
		old   string
		new   string
		want  []string
		class string
		facts []string // of every version's changes
	}{
		{"one fact", "content/sections/server-logs.en.md", `retention = "`, `retention = "At most `,
			nil, "material", []string{"retention"}},
		{"wording only", "content/sections/contact-form.en.md", "You can contact", "You may contact",
			[]string{v("nordlicht-ag", "en"), v("nordlicht-digital", "en"), v("nordlicht-events", "en")}, "editorial", []string{`text of "contact-form"`}},
		{"per-company facts", "content/entities/nordlicht-digital.toml", `providers = ["cleverreach"]`, `providers = ["cleverreach", "hetzner"]`,
			[]string{v("nordlicht-digital", "de"), v("nordlicht-digital", "en")}, "material", []string{"recipients", "providers"}},
		{"provider", "content/providers/cloudflare.toml", `name = "Cloudflare, Inc."`, `name = "Cloudflare Inc."`,
			[]string{v("nordlicht-ag", "de"), v("nordlicht-ag", "en"), v("nordlicht-digital", "de"), v("nordlicht-digital", "en")}, "material", []string{"recipients", `text of "hosting/cloudflare"`}}, // the body names the provider
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testsite.Example(t)
			edit(t, dir, tt.file, tt.old, tt.new)
			res := plan(t, dir, release.Options{Effective: day.AddDate(0, 0, 14)})
			if tt.want != nil && !slices.Equal(paths(res), tt.want) {
				t.Errorf("versions %q, want %q", paths(res), tt.want)
			}
			if len(res.Versions) == 0 {
				t.Fatal("no version")
			}
			for _, pl := range res.Versions {
				ver := pl.Version
				if ver.Class != tt.class {
					t.Errorf("%s: class %q, want %q", pl.Path, ver.Class, tt.class)
				}
				if got := snapshot.Facts(ver.Changes); !slices.Equal(got, tt.facts) {
					t.Errorf("%s: changes %q, want %q", pl.Path, got, tt.facts)
				}
				wantEff := day
				if tt.class == "material" {
					wantEff = day.AddDate(0, 0, 14)
				}
				if !ver.Effective.Equal(wantEff) {
					t.Errorf("%s: effective %v, want %v", pl.Path, ver.Effective, wantEff)
				}
				if pl.Latest == nil || !pl.Latest.Date.Before(day) {
					t.Errorf("%s: latest %v, want the example's last release", pl.Path, pl.Latest)
				}
				if !bytes.Contains(ver.Page, []byte("<html")) || bytes.Contains(ver.Page, []byte("placeholder")) {
					t.Errorf("%s: page is not the built page", pl.Path)
				}
			}
			if tt.name == "one fact" {
				for _, pl := range res.Versions {
					if !strings.HasSuffix(pl.Path, ".en.html") || len(pl.Version.Changes) != 1 {
						t.Errorf("%s: %d changes %+v, want the en pages with one each", pl.Path, len(pl.Version.Changes), pl.Version.Changes)
					}
				}
			}
		})
	}
}

// TestRecordRoundTrip: what Record writes loads back as it was planned, a
// second release records nothing, and the same sources and date give the
// same bytes.
func TestRecordRoundTrip(t *testing.T) {
	dir := testsite.Example(t)
	edit(t, dir, "content/sections/contact-form.en.md", "You can contact", `You can "contact" \ `)
	res := plan(t, dir, release.Options{})
	again := plan(t, dir, release.Options{})
	for i := range res.Versions {
		if !bytes.Equal(snapshot.Encode(res.Versions[i].Version), snapshot.Encode(again.Versions[i].Version)) {
			t.Errorf("%s: two plans differ", res.Versions[i].Path)
		}
	}
	if err := release.Record(dir, res.Versions); err != nil {
		t.Fatal(err)
	}
	if err := release.Record(dir, res.Versions); err != nil {
		t.Errorf("recording the same versions again: %v", err)
	}
	s, diags := site.Load(context.Background(), os.DirFS(dir))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	latest := snapshot.Latest(s)
	for _, pl := range res.Versions {
		want := pl.Version
		got := latest[snapshot.Key(want.Entity, want.Notice, want.Lang)]
		if got == nil || !got.Date.Equal(want.Date) {
			t.Fatalf("%s not loaded", pl.Path)
		}
		if got.Class != want.Class || got.Title != want.Title || !got.Effective.Equal(want.Effective) ||
			!reflect.DeepEqual(got.Changes, want.Changes) || !reflect.DeepEqual(got.Sections, want.Sections) {
			t.Errorf("%s loads as\n%+v\nwant\n%+v", pl.Path, got, want)
		}
		if gotPage, _ := got.Published(); !bytes.Equal(gotPage, want.Page) {
			t.Errorf("%s: page differs after loading", pl.Path)
		}
	}
	if res := plan(t, dir, release.Options{Date: day.AddDate(0, 0, 1)}); len(res.Versions) != 0 {
		t.Errorf("second release recorded %q", paths(res))
	}
	// A different version for a file that exists is refused.
	changed := *res.Versions[0].Version
	changed.Title += "!"
	err := release.Record(dir, []release.Planned{{Path: res.Versions[0].Path, Version: &changed}})
	if err == nil || !strings.Contains(err.Error(), "never rewritten") {
		t.Errorf("Record over a different file: %v", err)
	}
}

func TestPlanDates(t *testing.T) {
	dir := testsite.Example(t)
	edit(t, dir, "content/sections/contact-form.en.md", "You can contact", "You may contact")
	for _, d := range []time.Time{time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC)} {
		_, err := release.Plan(context.Background(), os.DirFS(dir), release.Options{Builtin: noticegen.Example, Date: d})
		if err == nil || !strings.Contains(err.Error(), "content/versions/nordlicht-ag/website/2026-11-15.en.html") {
			t.Errorf("date %v: %v, want an error naming the latest version", d, err)
		}
	}
}
