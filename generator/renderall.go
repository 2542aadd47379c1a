package generator

import (
	"bytes"
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/output"
	"github.com/noticegen/noticegen/generator/publish"
)

type renderOptions struct {
	out     *output.Finisher
	workers int
	cache   *Cache
	stage   *publish.Stage // when set, files go to disk, not into the map
}

// renderAll runs the jobs on a pool of workers and returns the files, or
// hands them to the stage as they are done, and how many pages it rendered
// rather than took from the cache. Results land by index, so the output
// does not depend on which worker finished first.
func renderAll(ctx context.Context, jobs []job, o renderOptions) (map[string][]byte, int, diag.List) {
	var outs [][]byte
	if o.stage == nil {
		outs = make([][]byte, len(jobs))
	}
	diagsOf := make([]diag.List, len(jobs))
	var rendered atomic.Int64
	workers := o.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	var writeErr error
	var writeOnce sync.Once
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(jobs)) {
		wg.Go(func() {
			var buf bytes.Buffer // reused for every page this worker renders
			for i := range next {
				j := jobs[i]
				b, ok := o.cache.get(j.path, j.key)
				if !ok {
					b, diagsOf[i] = makeFile(j, &buf, o)
					if j.page {
						rendered.Add(1)
					}
				}
				switch {
				case b == nil || diagsOf[i].HasErrors():
				case o.stage != nil:
					if err := o.stage.Put(j.path, b); err != nil {
						writeOnce.Do(func() { writeErr = err })
						stop()
					}
				default:
					outs[i] = b
				}
			}
		})
	}
	for i := range jobs {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()

	// A cancelled ctx is not reported here: Build ends such a build as
	// cancelled, without diagnostics. (A write error stops the workers
	// through stop, which ends only the inner ctx.)
	var diags diag.List
	if writeErr != nil {
		diags.Errorf("", 0, 0, "writing the site: %v", writeErr)
	}
	var files map[string][]byte
	if outs != nil {
		files = make(map[string][]byte, len(jobs))
	}
	for i, j := range jobs {
		diags.Add(diagsOf[i]...)
		if outs != nil && outs[i] != nil {
			files[j.path] = outs[i]
		}
	}
	return files, int(rendered.Load()), diags
}

// whole is a job's run for a file that is made whole, not as a frame.
func whole(run func(w *bytes.Buffer) diag.List) func(w *bytes.Buffer) (*output.Page, diag.List) {
	return func(w *bytes.Buffer) (*output.Page, diag.List) { return nil, run(w) }
}

// makeFile makes the file of job j in buf, finished by the output stage, and
// keeps it in the cache when it has no diagnostics.
func makeFile(j job, buf *bytes.Buffer, o renderOptions) ([]byte, diag.List) {
	buf.Reset()
	page, ds := j.run(buf)
	var b []byte
	switch {
	case ds.HasErrors():
		return nil, ds
	case j.raw:
		b = output.Raw(buf.Bytes())
	default:
		var err error
		if b, err = o.out.Finish(j.path, buf.Bytes(), page); err != nil {
			ds.Errorf(j.path, 0, 0, "%v", err)
		}
	}
	if b != nil && len(ds) == 0 {
		o.cache.put(j.path, j.key, b)
	}
	return b, ds
}
