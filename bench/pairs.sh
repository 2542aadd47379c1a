#!/usr/bin/env bash
# Is a change faster or slower? Paired runs of the old and the new code,
# interleaved (old new old new …) so that a change in the machine's load
# hits both alike, and the median of each pair's ratio new / old.
#
#   bash bench/pairs.sh OLD_BINARY NEW_BINARY [N]   # N pairs, default 5
#   bash bench/pairs.sh --bench OLDREV [N]
#
# With two binaries: N pairs of full builds of the synthetic site of
# PAIRS_ENTITIES (default 1000) entities × 5 notices × 2 languages (10,000
# notice pages), each into a new folder, after one untimed build with each;
# prints every run (wall s, user + system CPU s, peak RSS) and the median,
# min and max of the pairs' ratios new / old for wall and CPU time, and each
# binary's peak RSS.
#
# With --bench OLDREV: the Go benchmark PAIRS_BENCH (default
# OneSectionRebuild10k, serve's rebuild after one section changed) of
# package PAIRS_PKG (default ./generator), N times alternately in a git
# worktree of OLDREV and in the current tree (with its uncommitted
# changes), and the median, min and max ratio of ns/op new / old
# (-benchtime PAIRS_BENCHTIME, default 5x: the same number of iterations
# in both trees, since the first one costs more than the others). The
# test binaries are compiled once each (go test -c) and then run as
# `go test -run '^$' -bench … -count 1` would run them.
#
# SETTLE (default 90) seconds pass, untimed, between deleting an output and
# the next timed build (see bench/lib.sh); SETTLE=0 skips it. See
# bench/README.md.
set -euo pipefail

. "$(dirname "$0")/lib.sh"
prog=pairs.sh
usage() { echo "usage: bash bench/pairs.sh OLD_BINARY NEW_BINARY [N] | --bench OLDREV [N]" >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || usage
n=${3:-5}
case "$n" in '' | *[!0-9]*) usage ;; esac
[ "$n" -ge 1 ] || { echo "pairs.sh: N must be at least 1" >&2; exit 2; }
if [ "$1" = --bench ]; then
  mode=bench
  rev=$2
else
  mode=build
  old=$(binary "$1")
  new=$(binary "$2")
fi

cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d "${TMPDIR:-/tmp}/noticegen-pairs.XXXXXX")
oldtree=""
cleanup() {
  [ -z "$oldtree" ] || git -C "$root" worktree remove --force "$oldtree" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# report FILE LABEL prints the median, min and max of the ratios in FILE.
report() {
  read -r med lo hi < <(spread <"$1")
  printf '%-22s median %6s×   min %6s×   max %6s×\n' "$2" "$med" "$lo" "$hi"
}

# pair_builds runs the N pairs of full builds.
pair_builds() {
  local entities=${PAIRS_ENTITIES:-1000} settle i who bin
  case "$entities" in '' | *[!0-9]*) echo "pairs.sh: PAIRS_ENTITIES must be a whole number" >&2; exit 2 ;; esac
  settle=$(settle_seconds)
  need_gnu_time
  go build -o "$work/gensite" ./bench/gensite
  "$work/gensite" -entities "$entities" -out "$work/site" >/dev/null
  echo "old: $old"
  echo "new: $new"
  echo "site: $entities entities × 5 notices × 2 languages; $n pairs; each run $settle s after deleting the previous output (SETTLE)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
  for who in old new; do # warm-up: the site in the page cache, both binaries read once
    bin=$old; [ "$who" = old ] || bin=$new
    timed "$work/warm.t" "$bin" build -s "$work/site" -d "$work/out"
    rm -rf "$work/out"
  done
  : >"$work/old.t"; : >"$work/new.t"; : >"$work/ratios"
  for i in $(seq "$n"); do
    for who in old new; do
      bin=$old; [ "$who" = old ] || bin=$new
      sleep "$settle"
      timed "$work/$who.t" "$bin" build -s "$work/site" -d "$work/out"
      rm -rf "$work/out"
      tail -1 "$work/$who.t" | awk -v i="$i" -v w="$who" '{printf "pair %d %-3s  wall %8.3f s   CPU %8.3f s   peak RSS %5.0f MiB", i, w, $1, $3, $2/1024}'
      [ "$who" = new ] || { echo; continue; }
      # "wall cpu": this pair's ratios new / old
      paste <(tail -1 "$work/old.t") <(tail -1 "$work/new.t") | awk 'function r(a, b) { return b > 0 ? sprintf("%.3f", a / b) : "inf" } {print r($4, $1), r($6, $3)}' >>"$work/ratios"
      tail -1 "$work/ratios" | awk '{printf "   new/old: wall %s×, CPU %s×\n", $1, $2}'
    done
  done
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  cut -d' ' -f1 "$work/ratios" >"$work/wall.r"
  cut -d' ' -f2 "$work/ratios" >"$work/cpu.r"
  report "$work/wall.r" "wall time new / old"
  report "$work/cpu.r" "CPU time new / old"
  echo "peak RSS: old $(mib "$(awk '{print $2}' "$work/old.t" | sort -n | tail -1)") MiB, new $(mib "$(awk '{print $2}' "$work/new.t" | sort -n | tail -1)") MiB (largest of the timed runs)"
}

# bench_run WHO PAIR runs the compiled benchmark of tree WHO once and appends
# its ns/op to $work/WHO.ns.
bench_run() {
  local dir=$root
  [ "$1" = new ] || dir=$oldtree
  (cd "$dir/$pkg" && "$work/$1.test" -test.run '^$' -test.bench "$bench" -test.count 1 -test.benchtime "$benchtime") >"$work/b.out" 2>&1 ||
    { cat "$work/b.out" >&2; echo "pairs.sh: the $1 benchmark failed" >&2; exit 1; }
  awk '/^Benchmark/ {for (i = 2; i <= NF; i++) if ($i == "ns/op") {print $(i-1); found = 1; exit}} END {exit !found}' "$work/b.out" >>"$work/$1.ns" ||
    { cat "$work/b.out" >&2; echo "pairs.sh: no benchmark matching $bench in the $1 tree" >&2; exit 1; }
  grep '^Benchmark' "$work/b.out" | head -1 | sed "s/^/pair $2 $1  /"
}

# pair_bench runs the Go benchmark N times in each tree.
pair_bench() {
  bench=${PAIRS_BENCH:-OneSectionRebuild10k}
  pkg=${PAIRS_PKG:-./generator}
  benchtime=${PAIRS_BENCHTIME:-5x}
  local sha
  sha=$(git rev-parse --verify --quiet "$rev^{commit}") || { echo "pairs.sh: $rev is not a commit" >&2; exit 2; }
  oldtree=$work/old
  git worktree add --quiet --detach "$oldtree" "$sha"
  echo "compiling the benchmarks of $pkg at $rev ($sha) and in $root…" >&2
  (cd "$oldtree" && go test -c -o "$work/old.test" "$pkg")
  go test -c -o "$work/new.test" "$pkg"
  echo "old: $rev ($sha)"
  echo "new: $root as it is (git describe: $(git describe --always --dirty))"
  echo "benchmark $bench in $pkg, -benchtime $benchtime; $n pairs"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
  : >"$work/old.ns"; : >"$work/new.ns"
  for i in $(seq "$n"); do
    bench_run old "$i"
    bench_run new "$i"
  done
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  paste "$work/old.ns" "$work/new.ns" | awk '{print ($1 > 0 ? $2 / $1 : 0)}' >"$work/ns.r"
  report "$work/ns.r" "ns/op new / old"
}

if [ "$mode" = bench ]; then pair_bench; else pair_builds; fi
