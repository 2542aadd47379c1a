#!/usr/bin/env bash
# Proves that two noticegen binaries behave the same on every site the
# repository has: a refactor must not change a byte of output.
#
#   bash bench/identical.sh OLD_BINARY NEW_BINARY
#
# Each binary builds, into a new folder of its own, and checks with
# `check --format json`:
#   - the example site at the repository root;
#   - every folder with a site.toml under testdata/ (and under any
#     generator/*/testdata/);
#   - every site in the txtar archives of testdata/script (the archive's
#     files as written, before the script's commands change them);
#   - a synthetic site of IDENTICAL_ENTITIES (default 1000) entities ×
#     5 notices × 2 languages (10,000 notice pages), written once with
#     bench/gensite; IDENTICAL_ENTITIES=0 leaves it out.
# IDENTICAL_MATCH=REGEX compares only the sites whose label (as printed)
# matches the extended regular expression, e.g. IDENTICAL_MATCH=synthetic.
# Per site it compares the output trees (diff -r), both commands' exit
# codes, stdout and stderr (the build time in "Built … in N ms" is masked),
# and the check JSON, and prints "identical" or what differs. Sites that fail
# to build are compared the same way: same exit code, same messages.
# Exits 1 when anything differs, 2 on a usage error. See bench/README.md.
set -euo pipefail

. "$(dirname "$0")/lib.sh"
prog=identical.sh
[ $# -eq 2 ] || { echo "usage: bash bench/identical.sh OLD_BINARY NEW_BINARY" >&2; exit 2; }
old=$(binary "$1")
new=$(binary "$2")
match=${IDENTICAL_MATCH:-}
entities=${IDENTICAL_ENTITIES:-1000}
case "$entities" in '' | *[!0-9]*) echo "identical.sh: IDENTICAL_ENTITIES must be a whole number" >&2; exit 2 ;; esac

cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d "${TMPDIR:-/tmp}/noticegen-identical.XXXXXX")
trap 'rm -rf "$work"' EXIT
export LC_ALL=C

# untxtar ARCHIVE DIR writes the files of a txtar archive into DIR. Names
# that are absolute or climb out with .. are skipped.
untxtar() {
  awk -v dir="$2" '
    function q(s) { gsub(/\047/, "\047\\\047\047", s); return "\047" s "\047" }
    /^-- .+ --$/ {
      if (out != "") close(out)
      name = substr($0, 4, length($0) - 6); gsub(/^ +| +$/, "", name); out = ""
      if (name ~ /^\// || name ~ /(^|\/)\.\.(\/|$)/) next
      out = dir "/" name; d = out; sub(/\/[^\/]*$/, "", d)
      system("mkdir -p " q(d)); printf "" > out; next
    }
    out != "" { print > out }
  ' "$1"
}

# run BIN SRC DIR builds and checks SRC with BIN, everything into DIR. It
# runs in DIR with -d out, so messages that name the destination read the
# same for both binaries.
run() {
  local bin=$1 src=$2 dir=$3 rc
  mkdir -p "$dir"
  rc=0
  (cd "$dir" && "$bin" build -s "$src" -d out >build.stdout 2>build.stderr) || rc=$?
  echo "$rc" >"$dir/build.rc"
  rc=0
  (cd "$dir" && "$bin" check -s "$src" --format json >check.json 2>check.stderr) || rc=$?
  echo "$rc" >"$dir/check.rc"
  for f in build.stdout build.stderr check.stderr; do
    sed -E 's/^(Built .* in )[0-9]+ ms$/\1N ms/' "$dir/$f" >"$dir/$f.masked"
  done
}

# excerpt FILE… prints at most 20 lines of FILE indented, and how many more.
excerpt() { "$@" | awk 'NR <= 20 {print "    " $0} END {if (NR > 20) print "    … " NR - 20 " more lines"}'; }

# results are the files of run that compare compares besides the output.
results=(build.rc build.stdout.masked build.stderr.masked check.rc check.json check.stderr.masked)

# compare LABEL prints the verdict on $work/old and $work/new and returns 1
# when they differ.
compare() {
  local label=$1 a=$work/old b=$work/new f what=() n
  for f in "${results[@]}"; do
    cmp -s "$a/$f" "$b/$f" || what+=("${f%.masked}")
  done
  if [ -d "$a/out" ] && [ -d "$b/out" ]; then
    diff -rq "$a/out" "$b/out" | sed "s#$a/out#old#g; s#$b/out#new#g" >"$work/tree.diff" || true
    n=$(wc -l <"$work/tree.diff")
    [ "$n" -eq 0 ] || what+=("output ($n of $(find "$a/out" -type f | wc -l) files differ or are missing)")
  elif [ -d "$a/out" ] || [ -d "$b/out" ]; then
    what+=("output (only $([ -d "$a/out" ] && echo old || echo new) wrote one)")
  fi
  if [ ${#what[@]} -eq 0 ]; then
    printf '%-64s identical%s%s\n' "$label" "$([ ! -d "$a/out" ] || echo " ($(find "$a/out" -type f | wc -l) files)")" \
      "$(awk '$1 != 0 {printf " (%s exit %s)", FILENAME ~ /build/ ? "build" : "check", $1}' "$a/build.rc" "$a/check.rc")"
    return 0
  fi
  printf '%-64s DIFFERENT: %s\n' "$label" "$(IFS=,; echo "${what[*]}" | sed 's/,/, /g')"
  for f in "${results[@]}"; do
    cmp -s "$a/$f" "$b/$f" || { echo "  ${f%.masked}:"; excerpt diff -u --label old --label new "$a/$f" "$b/$f"; }
  done
  [ ! -s "$work/tree.diff" ] || { echo "  output:"; excerpt cat "$work/tree.diff"; first_difference "$a/out" "$b/out"; }
  return 1
}

# first_difference OLD NEW prints, for the first file of the two trees that
# differs, the bytes around where it starts to differ: pages are minified
# to a few long lines, which diff -u would print whole.
first_difference() {
  local f at from
  f=$(sed -n 's#^Files old/\(.*\) and new/.* differ$#\1#p' "$work/tree.diff" | head -1)
  [ -n "$f" ] || return 0
  at=$(cmp "$1/$f" "$2/$f" | sed -En 's/.* differ: (char|byte) ([0-9]+).*/\2/p' || true)
  [ -n "$at" ] || return 0
  from=$((at > 60 ? at - 60 : 1))
  echo "  $f, from byte $at:"
  echo "    old: $(tail -c +"$from" "$1/$f" | head -c 160 | tr '\n' ' ' | tr '\000-\037\177' '[?*]')"
  echo "    new: $(tail -c +"$from" "$2/$f" | head -c 160 | tr '\n' ' ' | tr '\000-\037\177' '[?*]')"
}

# site LABEL SRC builds SRC with both binaries and compares; counts in $same
# and $differ.
same=0
differ=0
site() {
  [ -z "$match" ] || printf '%s\n' "$1" | grep -Eq -- "$match" || return 0
  rm -rf "$work/old" "$work/new" "$work/tree.diff"
  run "$old" "$2" "$work/old"
  run "$new" "$2" "$work/new"
  if compare "$1"; then same=$((same + 1)); else differ=$((differ + 1)); fi
  rm -rf "$work/old" "$work/new"
}

echo "old: $old"
echo "new: $new"
site "example (repository root)" "$root"
find testdata generator -name site.toml \( -path 'testdata/*' -o -path '*/testdata/*' \) | sort | while read -r f; do echo "${f%/site.toml}"; done >"$work/sites"
while read -r d; do site "$d" "$root/$d"; done <"$work/sites"

for a in testdata/script/*.txtar; do
  x=$work/txtar/$(basename "$a" .txtar)
  mkdir -p "$x"
  untxtar "$a" "$x"
  find "$x" -name site.toml | sort | while read -r f; do echo "${f%/site.toml}"; done >"$work/sites"
  while read -r d; do
    rel=${d#"$x"}
    site "$a${rel:+:${rel#/}}" "$d"
  done <"$work/sites"
  rm -rf "$x"
done

if [ "$entities" -gt 0 ]; then
  echo "writing the synthetic site ($entities entities)…" >&2
  go build -o "$work/gensite" ./bench/gensite
  "$work/gensite" -entities "$entities" -out "$work/synth" >/dev/null
  site "synthetic site ($entities entities × 5 notices × 2 languages)" "$work/synth"
fi

echo
if [ "$differ" -eq 0 ]; then
  echo "all $same sites identical"
else
  echo "$differ of $((same + differ)) sites DIFFER"
  exit 1
fi
