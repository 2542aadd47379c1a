package generator

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/publish"
	"github.com/noticegen/noticegen/generator/site"
)

// Options configure one build.
type Options struct {
	// Builtin holds the embedded defaults: layouts/ and i18n/ at its root.
	Builtin fs.FS
	// BaseURL, when set, replaces site.toml's baseURL.
	BaseURL string
	// Minify, when set, replaces site.toml's minify (default true).
	Minify *bool
	// Strict turns warnings into errors.
	Strict bool
	// Workers renders this many pages at once; 0 means one per CPU.
	Workers int
	// Cache, when set, keeps rendered pages between builds; pages whose
	// inputs did not change are reused instead of rendered again.
	Cache *Cache
	// Only, when set, limits the build to the output files it accepts
	// (slash paths such as "en/acme/website/index.html"). Loading and
	// checking still cover the whole site. serve uses it to put the pages
	// open in a browser on screen before it renders the rest; such a
	// build leaves the Cache's entries for other pages alone.
	Only func(path string) bool
	// Dest, when set, makes Build write the site while it renders it: into
	// a staging folder that replaces the returned folder once every page
	// is done, instead of into Result.Files. Peak memory is then that of
	// the pages in flight, not of the whole site. It is called once the
	// site is loaded and valid; an error from it stops the build before
	// anything is written.
	Dest func(*site.Site) (string, error)
	// Force lets the build replace a Dest folder that holds files no
	// build wrote. Without it such a folder is refused (Result.DestErr)
	// before anything is written; site.toml's keep entries survive
	// either way.
	Force bool
	// Now, when set, is the date Check checks as of (rules about dates
	// that age, such as a DPF entry's checked) and the day Build decides
	// which released version of a page is in force, archived or upcoming
	// (its calendar date in UTC); nil is time.Now. Tests fix
	// it so their output does not change with the calendar.
	Now func() time.Time
}

// Result is a finished build: the files of the site in memory, or the
// diagnostics that stopped it.
type Result struct {
	Site  *site.Site
	Pages []*compose.Page
	// Files maps slash paths below the site root to their content. It is
	// nil when Diags has errors or when the build was written to Dest.
	Files map[string][]byte
	Diags diag.List
	Stats Stats
	// Dest is the folder the build was written to, when Options.Dest was
	// set. DestErr is Options.Dest's refusal; WriteErr says why writing
	// failed. After either, the folder is as it was before the build.
	Dest     string
	DestErr  error
	WriteErr error
	// Cancelled is ctx's error when the build was stopped by it before it
	// finished. Diags are then empty: what a build cut short would report
	// (references to files it never read) is not about the site. Nothing
	// was written and no staging folder is left.
	Cancelled error
}

// Stats summarise a build for the terminal.
type Stats struct {
	Languages []string
	PagesBy   map[string]int // notice pages per language
	Entities  int
	Notices   int
	Sections  int
	Files     int
	Rendered  int // pages rendered by this build, not reused from the cache
	Unchanged int // files written to Dest that were linked unchanged from the previous build
	Duration  time.Duration
}

// Write puts a successful build into dest, atomically.
func Write(ctx context.Context, res *Result, dest string) error {
	if res.Files == nil {
		return fmt.Errorf("build has errors; nothing written")
	}
	return publish.Write(ctx, dest, res.Files)
}

// CheckDest refuses a destination that would destroy the site's sources.
func CheckDest(srcDir, dest string) error { return publish.CheckDest(srcDir, dest) }

// CheckInside refuses a destination named by site.toml (name) that a link
// in the site carries out of srcDir.
func CheckInside(srcDir, dest, name string) error { return publish.CheckInside(srcDir, dest, name) }

// today is the day the build is as of: Now's, or the clock's.
func (o Options) today() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}
