// Package release records released versions of notice pages, the work of
// `noticegen release`: for every composed notice page (entity × notice ×
// language) it compares the page's snapshot (package snapshot) with its
// latest version in content/versions and plans a new version for each page
// that changed or has none, then writes them.
//
// A version holds the page exactly as it is published after the release,
// and after the release a page names its own new version. So Plan builds
// twice, in memory and unminified as generator.Check does: the first build
// gives the snapshots and the changes; the second runs over the sources
// with the new version files added (an overlay fs.FS, each file with a
// placeholder page), and each version's Page is taken from that build.
//
// Version files are written atomically (a temporary file in the same
// folder, then a rename) and deterministically (snapshot.Encode), and an
// existing one is never rewritten: a page that changed again on the day
// of its latest release is refused with a hint to release with a later
// --date.
package release
