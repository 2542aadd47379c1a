#!/usr/bin/env bash
# How noticegen's full build scales: the built binary on synthetic sites of
# 1,000, 10,000 and 30,000 notice pages (100, 1000 and 3000 entities × 5
# notices × 2 languages), RUNS timed builds each (after one untimed
# warm-up), each into a new folder. Like compare.sh's, the sites have
# released versions (make_site in bench/lib.sh); VERSIONS=0 leaves them out.
#
#   bash bench/scaling.sh [RUNS]
#
# Prints per size the median seconds, pages per second and peak RSS, and
# whether time grew linearly: pages per second of every size within ±25%
# of their mean. SIZES="100 1000 3000" (entities) overrides the sizes.
# Installs GNU time when missing. See bench/README.md.
#
# Like compare.sh, it deletes no output until the last size is measured
# (about 2.5 GB at the default sizes and RUNS=3), and before each timed
# build waits until the disk is calm (wait_calm in bench/lib.sh: creating
# a file takes at most CALM_US µs, 80 by default, for at most CALM_MAX
# seconds) and prints the probe: for minutes after a large deletion,
# creating a file costs ext4 ten times the kernel time, and a size measured
# then measures the disk.
set -euo pipefail

runs=${1:-3}
sizes=${SIZES:-100 1000 3000}
case "$runs" in
'' | *[!0-9]*) echo "usage: bash bench/scaling.sh [RUNS]" >&2; exit 2 ;;
esac
[ "$runs" -ge 1 ] || { echo "scaling.sh: RUNS must be at least 1" >&2; exit 2; }
cd "$(dirname "$0")/.."
. bench/lib.sh
prog=scaling.sh
need_gnu_time

work=$(mktemp -d "${TMPDIR:-/tmp}/noticegen-scaling.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "building noticegen and gensite…" >&2
go build -o "$work/bin/noticegen" ./cmd/noticegen
go build -o "$work/bin/gensite" ./bench/gensite
ng=$work/bin/noticegen

build() { # build OUT SITE: one build of SITE into OUT, discarding its summary
  "$ng" build -s "$2" -d "$1" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; echo "scaling.sh: build failed" >&2; exit 1; }
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average before: $load_before on $(nproc) cores" >&2
: >"$work/results"
probes=()
for n in $sizes; do
  site=$work/site.$n
  make_site "$work/bin/gensite" "$ng" "$site" -entities "$n" -notices 5 -langs 2
  build "$work/out.$n.warm" "$site" # warm-up
  html=$(find "$work/out.$n.warm" -name '*.html' | wc -l)
  : >"$work/t.all"
  for i in $(seq "$runs"); do
    p=$(wait_calm "$work")
    probes+=("$p")
    echo "$((n * 10)) notice pages, run $i: disk $p µs per new file or folder (calm ≤ ${CALM_US:-80})" >&2
    timed "$work/t.all" "$ng" build -s "$site" -d "$work/out.$n.$i"
  done
  med=$(awk '{print $1}' "$work/t.all" | median)
  rss=$(awk '{print $2}' "$work/t.all" | sort -n | tail -1)
  cpu=$(awk '{print $3}' "$work/t.all" | median)
  echo "$n $((n * 10)) $html $med $rss $(cut -d' ' -f1 /proc/loadavg) $cpu" >>"$work/results"
  echo "$((n * 10)) notice pages: median ${med}s" >&2
done

echo
echo "noticegen build scaling — $runs runs per size, $(nproc) cores"
echo "load average (1, 5, 15 min): $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after; the load column is the 1-minute one after each size; every run into a new folder, on a disk whose probe read $(printf '%s\n' "${probes[@]}" | sort -n | head -1)–$(printf '%s\n' "${probes[@]}" | sort -n | tail -1) µs per file before it (calm ≤ ${CALM_US:-80})"
awk '
  { e[NR]=$1; np[NR]=$2; html[NR]=$3; s[NR]=$4; rss[NR]=$5; load[NR]=$6; cpu[NR]=$7; pps[NR]=($4 > 0 ? $3/$4 : 0); sum += pps[NR] }
  END {
    printf "%-9s %13s %11s %9s %10s %8s %13s %6s\n", "entities", "notice pages", "HTML files", "median s", "pages/s", "CPU s", "peak RSS MiB", "load"
    for (i = 1; i <= NR; i++)
      printf "%-9d %13d %11d %9.3f %10.0f %8.2f %13.0f %6s\n", e[i], np[i], html[i], s[i], pps[i], cpu[i], rss[i]/1024, load[i]
    mean = sum / NR; linear = 1; worst = 0
    for (i = 1; i <= NR; i++) { d = (pps[i] - mean) / mean; if (d < 0) d = -d; if (d > worst) worst = d; if (d > 0.25) linear = 0 }
    print "(CPU s: median user + system seconds, less disturbed by other load than wall time)"
    printf "\npages/s: mean %.0f, largest deviation %.0f%% → %s\n", mean, worst*100, linear ? "linear (every size within ±25%)" : "NOT linear (a size is more than 25% off the mean)"
    # The same test on CPU time, which other load on the machine disturbs less.
    for (i = 1; i <= NR; i++) { cps[i] = (cpu[i] > 0 ? html[i]/cpu[i] : 0); csum += cps[i] }
    cmean = csum / NR; clinear = 1; cworst = 0
    for (i = 1; i <= NR; i++) { d = (cps[i] - cmean) / cmean; if (d < 0) d = -d; if (d > cworst) cworst = d; if (d > 0.25) clinear = 0 }
    printf "pages per CPU second:"
    for (i = 1; i <= NR; i++) printf " %.0f", cps[i]
    printf "; largest deviation from their mean %.0f%% → %s\n", cworst*100, clinear ? "linear in CPU time" : "NOT linear in CPU time"
  }' "$work/results"
