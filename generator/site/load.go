package site

import (
	"bytes"
	"context"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/noticegen/noticegen/generator/diag"
)

// Load reads the site rooted at fsys. It returns the model even when there
// are errors, with the broken files left out, so that callers can report
// every problem of a run at once.
func Load(ctx context.Context, fsys fs.FS) (*Site, diag.List) {
	return LoadCached(ctx, fsys, nil)
}

// LoadCached is Load with a cache of parsed files, for serve: a file whose
// bytes did not change since the previous load is not parsed again. A nil
// cache parses everything.
func LoadCached(ctx context.Context, fsys fs.FS, cache *ParseCache) (*Site, diag.List) {
	l := &loader{fsys: fsys, cache: cache, site: &Site{I18n: map[string]File{}, Broken: map[string]bool{}}, linksSeen: map[string]bool{}}
	l.loadConfig()
	for _, step := range []func(){l.loadEntities, l.loadNotices, l.loadSections, l.loadProviders, l.loadVersions, l.loadI18n, l.loadStatic} {
		if ctx.Err() != nil {
			l.diags.Errorf("", 0, 0, "build cancelled: %v", ctx.Err())
			break
		}
		step()
	}
	for i := range l.diags {
		l.diags[i].File = displayPath(l.diags[i].File)
	}
	return l.site, l.diags
}

// displayPath escapes what a terminal would act on in the name of a file
// that is reported (always a refused one: valid ids are plain ASCII):
// control characters, which can start escape sequences, invisible
// formatting such as U+202E, which shows the rest of the line reversed,
// and bytes that are not UTF-8.
func displayPath(p string) string {
	if utf8.ValidString(p) && !strings.ContainsFunc(p, func(r rune) bool { return !strconv.IsPrint(r) }) {
		return p
	}
	q := strconv.Quote(p)
	return q[1 : len(q)-1]
}

type loader struct {
	fsys      fs.FS
	cache     *ParseCache
	site      *Site
	diags     diag.List
	linksSeen map[string]bool // links already reported, so content/ as a link is one error, not three
}

// read returns a file's bytes after checking its size and encoding. A link
// is refused, not followed, as contentFiles refuses one: site.toml linked to
// a file elsewhere would otherwise be read from outside the site. (The
// folders above a content file were checked by contentFiles.)
func (l *loader) read(name string) ([]byte, bool) {
	b, ds := Reader{}.Read(l.fsys, name)
	return l.checkRead(name, b, ds)
}

// checkRead is read's verdict on what Reader.Read gave for name.
func (l *loader) checkRead(name string, b []byte, ds diag.List) ([]byte, bool) {
	if ds != nil {
		l.diags.Add(ds...)
		return nil, false
	}
	if line, col := invalidUTF8(b); line > 0 {
		l.diags.Errorf(name, line, col, "invalid UTF-8; expected text encoded as UTF-8")
		return nil, false
	}
	if bytes.HasPrefix(b, []byte("\uFEFF")) {
		b = b[3:]
	}
	return b, true
}

// readerCount is how many files readAll reads at a time: a read is mostly
// waiting for system calls (four or five through an os.Root), so a few at
// once take a group's thousand entity files in a fraction of the time.
const readerCount = 4

// readAll reads the files names as Reader.Read does, a few at a time:
// read(i) then gives file i as l.read(names[i]) would, diagnostics and
// all, so that verdicts come in the order the caller asks for them, as
// reading one file after the other would give them.
func (l *loader) readAll(names []string) (read func(i int) ([]byte, bool)) {
	type result struct {
		b  []byte
		ds diag.List
	}
	results := make([]result, len(names))
	inParallel(len(names), readerCount, func(i int) {
		b, ds := Reader{}.Read(l.fsys, names[i])
		results[i] = result{b, ds}
	})
	return func(i int) ([]byte, bool) { return l.checkRead(names[i], results[i].b, results[i].ds) }
}

// inParallel calls do(i) for every i below n, on up to workers goroutines,
// and returns when all are done; do writes its result to slot i of its
// own, so the caller reads them in order.
func inParallel(n, workers int, do func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for i := range next {
				do(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// ParseCache keeps parsed files between loads of one site. An entry is
// reused only when the file's bytes and the site's languages (which the
// checks of a file depend on) are the same as when it was parsed; its
// diagnostics are replayed, so a broken file stays reported.
type ParseCache struct {
	mu      sync.Mutex
	entries map[string]parsedFile
	parsed  int
}

// Parsed returns how many files were parsed rather than taken from the
// cache, for tests and serve's log.
func (c *ParseCache) Parsed() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.parsed
}

type parsedFile struct {
	data  []byte
	langs string
	value any
	ok    bool
	diags diag.List
}

// NewParseCache returns an empty cache.
func NewParseCache() *ParseCache { return &ParseCache{entries: map[string]parsedFile{}} }

// parsed returns the parsed form of file p with bytes b, from the cache
// when possible, else from parse, whose diagnostics it records.
func (l *loader) parsed(p string, b []byte, parse func() (any, bool)) (any, bool) {
	langs := l.site.Config.DefaultLanguage + "|" + strings.Join(l.site.Config.Languages, ",")
	if c := l.cache; c != nil {
		c.mu.Lock()
		e, hit := c.entries[p]
		c.mu.Unlock()
		if hit && e.langs == langs && bytes.Equal(e.data, b) {
			l.diags.Add(e.diags...)
			return e.value, e.ok
		}
	}
	mark := len(l.diags)
	v, ok := parse()
	if c := l.cache; c != nil {
		c.mu.Lock()
		c.entries[p] = parsedFile{data: b, langs: langs, value: v, ok: ok, diags: slices.Clone(l.diags[mark:])}
		c.parsed++
		c.mu.Unlock()
	}
	return v, ok
}
