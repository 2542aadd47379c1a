#!/usr/bin/env bash
# Side-by-side build speed of noticegen and Hugo on the same composed
# notices, and of noticegen against a plain `cp -r` of its own output,
# measured in interleaved pairs.
#
#   bash bench/compare.sh [--shape SHAPE | --all] [ENTITIES] [PAIRS]
#
# SHAPE is a synthetic group shape (mixed, the default; group24, short,
# unnamed: see bench/synth); --all measures the four in turn. ENTITIES
# (default 1000) subsidiaries × 5 notices × 2 languages notice pages
# (1000 → 10,000); PAIRS (default 3) rounds, each running noticegen, hugo
# and cp -r of that round's noticegen output once, under /usr/bin/time
# (wall, user + system CPU, peak RSS). Every run writes into a folder of
# its own that does not exist yet (ng-out.N, hugo-out.N, cp-out.N), and
# nothing is deleted until the last shape is measured: for minutes after a
# large deletion, creating a file costs ext4 ten times the kernel time
# (bench/lib.sh inode_probe), and deleting one shape's outputs made the
# next shape's first rounds measure the disk rather than the code. Before
# each round it also waits until the disk is calm (wait_calm: creating a
# file takes at most CALM_US µs, 80 by default, for at most CALM_MAX
# seconds) and prints the probe, since a build that writes twice Hugo's
# files pays twice Hugo's share of a slow disk. Rounds alternate which of
# noticegen and hugo runs first.
# Each site has released versions, as a published group's site has (two
# releases, the second after one notice's section was revised: see
# make_site in bench/lib.sh), so both builds also write changes pages,
# archived pages and feeds; VERSIONS=0 measures the sites without them.
# Needs disk for PAIRS × 3 outputs of every shape (about 1.3 GB per pair
# and shape at 10,000 pages). Installs Debian's hugo (and GNU time) when missing. See
# bench/README.md for how to read the output.
set -euo pipefail

usage() { echo "usage: bash bench/compare.sh [--shape SHAPE | --all] [ENTITIES] [PAIRS]" >&2; exit 2; }
shapes=(mixed)
case "${1:-}" in
--all) shapes=(mixed group24 short unnamed); shift ;;
--shape) [ $# -ge 2 ] || usage; shapes=("$2"); shift 2 ;;
--shape=*) shapes=("${1#--shape=}"); shift ;;
-*) usage ;;
esac
[ $# -le 2 ] || usage
entities=${1:-1000}
pairs=${2:-3}
case "$entities$pairs" in
'' | *[!0-9]*) usage ;;
esac
if [ "$pairs" -lt 1 ] || [ "$entities" -lt 1 ]; then
  echo "compare.sh: ENTITIES and PAIRS must be at least 1" >&2
  exit 2
fi
for s in "${shapes[@]}"; do
  case "$s" in mixed | group24 | short | unnamed) ;; *) echo "compare.sh: unknown shape $s; expected mixed, group24, short or unnamed" >&2; exit 2 ;; esac
done

cd "$(dirname "$0")/.."
. bench/lib.sh
prog=compare.sh

# --- tools ---------------------------------------------------------------
missing=()
command -v hugo >/dev/null 2>&1 || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  .ci/apt-install "${missing[@]}" || exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/noticegen-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "building noticegen and the bench tools…" >&2
go build -o "$work/bin/noticegen" ./cmd/noticegen
go build -o "$work/bin/gensite" ./bench/gensite
go build -o "$work/bin/hugosite" ./bench/hugosite
ng=$work/bin/noticegen
notice_pages=$((entities * 5 * 2))

# row NAME FILE BYTES [HTML] prints one line of a shape's table from the
# runs in FILE ("wall rss cpu" per line); without HTML, no pages/s.
row() {
  local wall cpu rss pps=-
  wall=$(awk '{print $1}' "$2" | median)
  cpu=$(awk '{print $3}' "$2" | median)
  rss=$(awk '{print $2}' "$2" | sort -n | tail -1)
  [ -z "${4:-}" ] || pps=$(div "$4" "$wall")
  printf '%-10s %10s %12s %10s %8s %10s %13s\n' "$1" "${4:-}" "$3" "$wall" "$pps" "$cpu" "$(mib "$rss")"
}

# ratios COLUMN_A FILE_A COLUMN_B FILE_B prints, per round, column A of
# FILE_A over column B of FILE_B.
ratios() {
  paste -d' ' <(awk -v c="$1" '{print $c}' "$2") <(awk -v c="$3" '{print $c}' "$4") |
    awk '{ if ($2 > 0) printf "%.3f\n", $1 / $2; else print "inf" }'
}

# spreadline LABEL TARGET prints the median, min and max of the ratios on
# stdin.
spreadline() {
  local med lo hi
  read -r med lo hi < <(spread)
  printf '%-26s median %6s×   min %6s×   max %6s×   %s\n' "$1" "$med" "$lo" "$hi" "$2"
  echo "$med" >"$work/last.med"
}

# measure SHAPE writes the shape's site, runs the pairs and prints its
# report; it appends a line to $work/summary.
measure() {
  local shape=$1 dir=$work/$1 i order who load_before load_after
  mkdir -p "$dir/hugo-cache"
  echo "shape $shape: writing $entities entities × 5 notices × 2 languages…" >&2
  make_site "$work/bin/gensite" "$ng" "$dir/site" -shape "$shape" -entities "$entities" -notices 5 -langs 2
  "$work/bin/hugosite" -s "$dir/site" -out "$dir/hugo" >&2
  : >"$dir/ng.t"; : >"$dir/hugo.t"; : >"$dir/cp.t"
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  echo
  local with="with released versions (changes pages, archived pages, feeds)"
  [ "${VERSIONS:-1}" != 0 ] || with="without versions (VERSIONS=0)"
  echo "== shape $shape — $notice_pages notice pages ($entities entities × 5 notices × 2 languages) $with, $pairs pairs"
  echo "load average before: $load_before on $(nproc) cores"
  for i in $(seq "$pairs"); do
    # A round measures the code only on a calm disk (bench/lib.sh
    # inode_probe): right after a large deletion, creating files costs
    # ext4 ten times the kernel time, whoever creates them.
    echo "disk before pair $i: $(wait_calm "$dir") µs per new file or folder (calm ≤ ${CALM_US:-80})"
    order="ng hugo"
    [ $((i % 2)) -eq 1 ] || order="hugo ng"
    for who in $order; do
      if [ "$who" = ng ]; then
        timed "$dir/ng.t" "$ng" build -s "$dir/site" -d "$dir/ng-out.$i"
      else
        timed "$dir/hugo.t" hugo --quiet --source "$dir/hugo" --destination "$dir/hugo-out.$i" --cacheDir "$dir/hugo-cache"
      fi
    done
    timed "$dir/cp.t" cp -r "$dir/ng-out.$i" "$dir/cp-out.$i"
    paste -d' ' <(tail -1 "$dir/ng.t") <(tail -1 "$dir/hugo.t") <(tail -1 "$dir/cp.t") |
      awk -v i="$i" -v o="$order" 'function r(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "inf" }
        {printf "pair %d (%s first): noticegen %.3f s / %.3f CPU s, hugo %.3f s / %.3f CPU s, cp -r %.3f s   hugo/noticegen wall %s× CPU %s×\n",
          i, (o ~ /^ng/ ? "noticegen" : "hugo"), $1, $3, $4, $6, $7, r($4, $1), r($6, $3)}'
  done
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  # The inputs were just written, so they are in the page cache for every
  # run; the last round's outputs are the ones counted here.
  local ng_html hugo_html ng_bytes hugo_bytes wall_med cpu_med cp_med rss_ratio ng_rss hugo_rss
  ng_html=$(find "$dir/ng-out.$pairs" -name '*.html' | wc -l)
  hugo_html=$(find "$dir/hugo-out.$pairs" -name '*.html' | wc -l)
  ng_bytes=$(du -sb "$dir/ng-out.$pairs" | cut -f1)
  hugo_bytes=$(du -sb "$dir/hugo-out.$pairs" | cut -f1)
  echo "load average after: $load_after"
  echo
  printf '%-10s %10s %12s %10s %8s %10s %13s\n' "" "HTML files" "output bytes" "median s" "pages/s" "CPU s" "peak RSS MiB"
  row noticegen "$dir/ng.t" "$ng_bytes" "$ng_html"
  row hugo "$dir/hugo.t" "$hugo_bytes" "$hugo_html"
  row "cp -r" "$dir/cp.t" "$ng_bytes"
  echo
  ratios 1 "$dir/hugo.t" 1 "$dir/ng.t" | spreadline "hugo / noticegen, wall" "(target ≥ 4)"
  wall_med=$(cat "$work/last.med")
  ratios 3 "$dir/hugo.t" 3 "$dir/ng.t" | spreadline "hugo / noticegen, CPU" "(target ≥ 4)"
  cpu_med=$(cat "$work/last.med")
  ratios 1 "$dir/ng.t" 1 "$dir/cp.t" | spreadline "noticegen / cp -r, wall" "(target ≤ 2)"
  cp_med=$(cat "$work/last.med")
  ng_rss=$(awk '{print $2}' "$dir/ng.t" | sort -n | tail -1)
  hugo_rss=$(awk '{print $2}' "$dir/hugo.t" | sort -n | tail -1)
  rss_ratio=$(div "$ng_rss" "$hugo_rss")
  echo "peak RSS noticegen / hugo: $rss_ratio   ($(mib "$ng_rss") / $(mib "$hugo_rss") MiB, largest of the runs; target ≤ 0.33)"
  if [ "$ng_html" != "$hugo_html" ]; then
    echo "note: the two outputs have different numbers of HTML files ($ng_html vs $hugo_html); pages/s counts each one's own"
  fi
  printf '%-8s %7d %9s %9s %9s %9s %7s %7s\n' "$shape" "$notice_pages" "$(awk '{print $1}' "$dir/ng.t" | median)" "$(awk '{print $1}' "$dir/hugo.t" | median)" \
    "$wall_med" "$cpu_med" "$cp_med" "$rss_ratio" >>"$work/summary"
  # Everything stays until the script ends (see the top).
}

: >"$work/summary"
for s in "${shapes[@]}"; do
  measure "$s"
done
echo
echo "$(hugo version | cut -d' ' -f1-2); every run into a new folder; medians over $pairs pairs; ratios are the median of the per-pair ratios"
echo "(CPU s: user + system seconds; less disturbed than wall time by other load)"
if [ ${#shapes[@]} -gt 1 ]; then
  echo
  printf '%-8s %7s %9s %9s %9s %9s %7s %7s\n' shape pages "ng s" "hugo s" "hugo/ng" "CPU h/ng" "ng/cp" "RSS n/h"
  cat "$work/summary"
fi
