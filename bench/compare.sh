#!/usr/bin/env bash
# Side-by-side build speed of noticegen and Hugo on the same composed
# notices, and of noticegen against a plain `cp -r` of its own output.
#
#   bash bench/compare.sh [ENTITIES] [RUNS]
#
# ENTITIES (default 1000) subsidiaries × 5 notices × 2 languages notice
# pages (1000 → 10,000); RUNS (default 3) timed builds of each. Installs
# Debian's hugo (and GNU time) when missing. Uses hyperfine for the timings
# when it is installed (Debian package hyperfine) and COMPARE_TOOL=loop is
# not set, else a loop that alternates the three commands, timed with
# /usr/bin/time. Every build writes into a new folder. See bench/README.md
# for how to read the output.
#
# SETTLE (default 35) is how many seconds to wait after deleting the
# previous output before a timed run, untimed. ext4 does not hand out an
# inode freed in the last 30 seconds (dirty_expire_centisecs), and
# creating 10,000 files right after deleting 10,000 costs it seconds of
# kernel time scanning past them: whichever command ran after a deletion
# paid for it (cp -r of the same files took 1.0–4.4 s). SETTLE=0 skips it.
set -euo pipefail

entities=${1:-1000}
runs=${2:-3}
case "$entities$runs" in
*[!0-9]*) echo "usage: bash bench/compare.sh [ENTITIES] [RUNS]" >&2; exit 2 ;;
esac
[ "$runs" -ge 1 ] && [ "$entities" -ge 1 ] || { echo "compare.sh: ENTITIES and RUNS must be at least 1" >&2; exit 2; }

cd "$(dirname "$0")/.."
. bench/lib.sh
prog=compare.sh
settle=$(settle_seconds)
need() { command -v "$1" >/dev/null 2>&1; }

# --- tools ---------------------------------------------------------------
missing=()
need hugo || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  .ci/apt-install "${missing[@]}" || exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/noticegen-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- inputs --------------------------------------------------------------
echo "building noticegen and the bench tools…" >&2
go build -o "$work/bin/noticegen" ./cmd/noticegen
go build -o "$work/bin/gensite" ./bench/gensite
go build -o "$work/bin/hugosite" ./bench/hugosite
ng=$work/bin/noticegen
"$work/bin/gensite" -entities "$entities" -notices 5 -langs 2 -out "$work/site"
"$work/bin/hugosite" -s "$work/site" -out "$work/hugo" >&2
mkdir -p "$work/hugo-cache"

ng_cmd="$ng build -s $work/site -d $work/ng-out"
hugo_cmd="hugo --quiet --source $work/hugo --destination $work/hugo-out --cacheDir $work/hugo-cache"
cp_cmd="cp -r $work/ng-out $work/cp-out"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average before: $load_before on $(nproc) cores" >&2
: >"$work/ng.t"; : >"$work/hugo.t"; : >"$work/cp.t"
if need hyperfine && [ "${COMPARE_TOOL:-}" != loop ]; then
  tool="hyperfine ($runs runs each)"
  hyperfine --style basic --runs "$runs" --export-csv "$work/h.csv" \
    -n noticegen --prepare "rm -rf $work/ng-out; sleep $settle" "$ng_cmd" \
    -n hugo --prepare "rm -rf $work/hugo-out; sleep $settle" "$hugo_cmd" \
    -n cp --prepare "rm -rf $work/cp-out; sleep $settle" "$cp_cmd" >&2
  # columns: command,mean,stddev,median,user,system,min,max (user and system are means)
  col() { awk -F, -v n="$1" '$1==n {print $4}' "$work/h.csv"; }
  cpu() { awk -F, -v n="$1" '$1==n {printf "%.3f", $5 + $6}' "$work/h.csv"; }
  ng_med=$(col noticegen | median); hugo_med=$(col hugo | median); cp_med=$(col cp | median)
  ng_cpu=$(cpu noticegen); hugo_cpu=$(cpu hugo); cp_cpu=$(cpu cp)
  # hyperfine does not measure memory: one more build for peak RSS.
  rm -rf "$work/ng-out"
  sleep "$settle"
  timed "$work/ng.t" $ng_cmd
  ng_rss=$(awk '{print $2}' "$work/ng.t" | sort -n | tail -1)
  hugo_rss=""
else
  tool="a loop with /usr/bin/time ($runs rounds of noticegen, hugo, cp)"
  for i in $(seq "$runs"); do
    echo "round $i/$runs…" >&2
    rm -rf "$work/ng-out" "$work/hugo-out" "$work/cp-out"
    sleep "$settle"
    timed "$work/ng.t" $ng_cmd
    timed "$work/hugo.t" $hugo_cmd
    timed "$work/cp.t" $cp_cmd
  done
  ng_med=$(awk '{print $1}' "$work/ng.t" | median)
  hugo_med=$(awk '{print $1}' "$work/hugo.t" | median)
  cp_med=$(awk '{print $1}' "$work/cp.t" | median)
  ng_cpu=$(awk '{print $3}' "$work/ng.t" | median)
  hugo_cpu=$(awk '{print $3}' "$work/hugo.t" | median)
  cp_cpu=$(awk '{print $3}' "$work/cp.t" | median)
  ng_rss=$(awk '{print $2}' "$work/ng.t" | sort -n | tail -1)
  hugo_rss=$(awk '{print $2}' "$work/hugo.t" | sort -n | tail -1)
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
# The inputs were just written, so they are in the page cache for every
# run; the outputs of the last runs are the ones counted here.
ng_html=$(find "$work/ng-out" -name '*.html' | wc -l)
hugo_html=$(find "$work/hugo-out" -name '*.html' | wc -l)
ng_bytes=$(du -sb "$work/ng-out" | cut -f1)
hugo_bytes=$(du -sb "$work/hugo-out" | cut -f1)
notice_pages=$((entities * 5 * 2))

# --- report --------------------------------------------------------------
ng_pps=$(div "$ng_html" "$ng_med")
hugo_pps=$(div "$hugo_html" "$hugo_med")
echo
echo "noticegen vs Hugo — $notice_pages notice pages ($entities entities × 5 notices × 2 languages)"
echo "machine: $(nproc) cores; load average (1, 5, 15 min) $load_before before, $load_after after"
echo "$(hugo version | cut -d' ' -f1-2); timed with $tool; each run ${settle} s after deleting the previous output (SETTLE)"
printf '%-10s %10s %12s %10s %10s %10s %13s\n' "" "HTML files" "output bytes" "median s" "pages/s" "CPU s" "peak RSS MiB"
printf '%-10s %10d %12d %10s %10s %10s %13s\n' noticegen "$ng_html" "$ng_bytes" "$ng_med" "$ng_pps" "$ng_cpu" "$(mib "$ng_rss")"
printf '%-10s %10d %12d %10s %10s %10s %13s\n' hugo "$hugo_html" "$hugo_bytes" "$hugo_med" "$hugo_pps" "$hugo_cpu" "$( [ -n "$hugo_rss" ] && mib "$hugo_rss" || echo -)"
printf '%-10s %10s %12d %10s %10s %10s\n' "cp -r" "" "$ng_bytes" "$cp_med" "" "$cp_cpu"
echo
echo "noticegen / Hugo, pages per second:  $(div "$ng_pps" "$hugo_pps")×   (target ≥ 3)"
echo "noticegen build / cp -r of its output: $(div "$ng_med" "$cp_med")×   (target ≤ 3)"
echo "(CPU s: user + system seconds, the median in the loop, the mean under hyperfine; less disturbed than wall time by other load)"
if [ "$ng_html" != "$hugo_html" ]; then
  echo "note: the two outputs have different numbers of HTML files ($ng_html vs $hugo_html); pages/s counts each one's own"
fi
