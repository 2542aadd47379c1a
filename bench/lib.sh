# shellcheck shell=bash disable=SC2154  # prog and work are the caller's
# Helpers shared by the scripts under bench/; sourced, not run:
#
#   . "$(dirname "$0")/lib.sh"
#
# Each script sets prog (its name, for messages) before it calls them, and
# work (its temporary folder) before it calls timed.

# median prints the median of the numbers on stdin, with three decimals.
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) exit 1; if (NR%2) printf "%.3f", v[(NR+1)/2]; else printf "%.3f", (v[NR/2]+v[NR/2+1])/2}'; }

# spread prints "median min max" of the numbers on stdin, with three
# decimals: the figures a script reports for ratios of paired runs.
spread() { sort -g | awk '{v[NR]=$1} END {if (NR==0) exit 1; m = NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "%.3f %.3f %.3f\n", m, v[1], v[NR]}'; }

# div A B prints A / B with two decimals, or inf when B is not positive.
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }'; }

# mib KB prints a size in KiB (GNU time's %M) in whole MiB.
mib() { awk -v k="$1" 'BEGIN{printf "%.0f", k/1024}'; }

# binary PATH prints PATH, made absolute, or exits when it is not an
# executable file: the scripts take binaries to compare before they cd.
binary() {
  local p=$1
  case "$p" in /*) ;; *) p=$PWD/$p ;; esac
  if [ ! -f "$p" ] || [ ! -x "$p" ]; then
    echo "$prog: $1 is not an executable file" >&2
    exit 2
  fi
  echo "$p"
}

# need_gnu_time installs GNU time when /usr/bin/time is missing: the shell's
# time keyword measures neither peak RSS nor into a file.
need_gnu_time() {
  [ -x /usr/bin/time ] || "$(dirname "${BASH_SOURCE[0]}")/../.ci/apt-install" time || exit 1
}

# settle_seconds prints $SETTLE (default 90), or exits when it is not a
# number. Scripts wait that long after deleting a build's output before the
# next timed build: ext4 without a journal (this machine's) does not hand
# out an inode freed in the last 60 seconds (360 while its inode table
# block is dirty) and scans past them
# for every file created, so for a while after a large deletion creating
# a file or folder costs a quarter of a millisecond of kernel time, and
# whichever command ran then paid for it. On 2026-12-03, after deleting
# 1 GB of output, cp -r of 111 MB (9,000 files and folders) took 4.5–5.9 s
# for the first 57 s and 0.7 s from 76 s on; 35 s, the earlier default,
# was not enough, and larger deletions take longer (wait_calm measures
# instead of guessing). SETTLE=0 skips it.
settle_seconds() {
  local s=${SETTLE:-90}
  case "$s" in '' | *[!0-9]*) echo "$prog: SETTLE must be a number of seconds" >&2; exit 2 ;; esac
  echo "$s"
}

# timed FILE CMD…: runs CMD with GNU time, stdout discarded, and appends
# "seconds maxrss_kb cpu_seconds" (cpu = user + system) to FILE; when CMD
# fails it prints CMD's stderr and exits.
timed() {
  local out=$1; shift
  /usr/bin/time -f '%e %M %U %S' -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; echo "$prog: $* failed" >&2; exit 1; }
  awk '{print $1, $2, $3 + $4}' "$work/t" >>"$out"
}

# inode_probe DIR prints how many microseconds creating one empty folder
# and one empty file takes in DIR's file system, over 1,000 of each. On
# this project's machine it is 20–60 µs when the disk is calm and 150–700
# µs for minutes after a large deletion, when every command that creates
# files pays for it in kernel time (see settle_seconds): a build writing
# 9,000 files then takes seconds longer, and more so one that writes more
# files than another. The probe's own folders stay in DIR/.probes, for the
# caller to delete with the rest at the end: this machine's ext4 has no
# journal, and there it skips, for every new inode, each one of its block
# group freed in the last 60 seconds (360 while the freed inode's table
# block is unwritten). A probe that deleted its 2,000 entries renewed that
# window every 15 s: on 2026-12-04 wait_calm read 470–720 µs for 20
# minutes, and probes that kept their entries read 28 µs again 6 minutes
# after the last deletion.
inode_probe() {
  local d start end
  mkdir -p "$1/.probes"
  d=$(mktemp -d "$1/.probes/probe.XXXXXX")
  start=$(date +%s%N)
  (cd "$d" && mkdir d{1..1000} && for i in $(seq 1000); do : >"d$i/f"; done)
  end=$(date +%s%N)
  echo $(((end - start) / 2000000))
}

# wait_calm DIR waits, untimed, until inode_probe DIR is at most
# CALM_US (default 80) microseconds, for at most CALM_MAX (default 600)
# seconds, and prints the last probe. CALM_MAX=0 only probes.
wait_calm() {
  local limit=${CALM_US:-80} max=${CALM_MAX:-600} waited=0 p
  p=$(inode_probe "$1")
  while [ "$p" -gt "$limit" ] && [ "$waited" -lt "$max" ]; do
    sleep 15
    waited=$((waited + 15))
    p=$(inode_probe "$1")
  done
  echo "$p"
}

# make_site GENSITE NOTICEGEN DIR ARGS… writes the synthetic site gensite
# ARGS… into DIR and, unless VERSIONS=0, gives it the history a
# published group's site has: a first release of every page (2026-11-01),
# a revision of one notice's section (gensite -revise: a purpose and a
# sentence more) and a second release (2026-12-01). Its build then also
# writes a changes page per notice page, an archived page per revised
# page and an Atom feed per language, as the build of a real group's site
# does once it has released versions.
make_site() {
  local gen=$1 ng=$2 dir=$3
  shift 3
  "$gen" "$@" -out "$dir"
  [ "${VERSIONS:-1}" != 0 ] || return 0
  "$ng" release -s "$dir" --date 2026-11-01 >/dev/null
  "$gen" -revise "$dir" >&2
  "$ng" release -s "$dir" --date 2026-12-01 >/dev/null
}
