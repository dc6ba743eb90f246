#!/bin/sh
# precis-parallel.sh - precis over many machines with GNU parallel.
# precis stays a filter: this only cuts the input into pieces, runs one
# "precis -j 1" a piece (on this machine's cores, or on others through ssh),
# and writes the results in input order (--keep-order).  See docs/scale.md.
#
#   precis-parallel.sh [-S LOGINS] [-P N] [-b SIZE] [-p PRECIS] FILE... [-- PRECIS-OPTIONS]
#
#   FILE...   shards: JSONL (.jsonl), WARC (.warc, .warc.gz), one job each;
#             or, with -b, one large JSONL file cut into blocks of SIZE
#             (parallel --pipepart: the file is read in place, no copy)
#   -S LOGINS parallel's --sshlogin: "8/alice@host1,8/host2,:" (":" is this
#             machine); precis must be installed on each host, and shards
#             are sent over (--transferfile) and removed after (--cleanup)
#   -P N      jobs at once on each host (default: its cores)
#   -b SIZE   block size for --pipepart ("10M")
#   -p PRECIS the precis to run (default: precis on PATH)
#   -- ...    options for precis (default: -f jsonl)
#
# Error records keep their place; their "line" numbers count from the start
# of their block under -b (JSONL lines with an "id" keep it either way).
set -eu
LOGINS="" JOBS="" BLOCK="" PRECIS=precis
while getopts S:P:b:p: o; do
  case $o in
  S) LOGINS=$OPTARG ;;
  P) JOBS=$OPTARG ;;
  b) BLOCK=$OPTARG ;;
  p) PRECIS=$OPTARG ;;
  *) sed -n '2,22s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
n=0
for a in "$@"; do [ "$a" = "--" ] && break; n=$((n + 1)); done
[ $n -ge 1 ] || { echo "precis-parallel.sh: no input file (see the header of $0)" >&2; exit 2; }
# the files first, then the precis options after "--"
files=""
i=0
for a in "$@"; do
  i=$((i + 1))
  [ $i -le $n ] && files="$files $(printf '%s' "$a" | sed "s/'/'\\\\''/g; s/^/'/; s/\$/'/")"
done
shift $n
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- -f jsonl
command -v parallel >/dev/null || { echo "precis-parallel.sh: GNU parallel is not installed (Debian: apt install parallel)" >&2; exit 2; }
opts="--will-cite --keep-order --halt never"
[ -n "$JOBS" ] && opts="$opts --jobs $JOBS"
[ -n "$LOGINS" ] && opts="$opts --sshlogin $LOGINS"
eval "set -- $files -- \"\$@\""
if [ -n "$BLOCK" ]; then
  [ $n = 1 ] || { echo "precis-parallel.sh: -b cuts one JSONL file" >&2; exit 2; }
  f=$1
  shift 2
  # exit 1 from precis (some records were errors) is not a failure of the run
  parallel $opts --pipepart -a "$f" --block "$BLOCK" "$PRECIS" -j 1 -q -i jsonl "$@"
else
  list=$(mktemp)
  trap 'rm -f "$list"' EXIT
  while [ "$1" != "--" ]; do printf '%s\n' "$1" >> "$list"; shift; done
  shift
  # copy the shards over when some login is another machine (":" is this one)
  xfer=""
  for l in $(printf '%s' "$LOGINS" | tr ',' ' '); do
    [ "${l#*/}" != ":" ] && xfer="--transferfile {} --cleanup"
  done
  parallel $opts $xfer -a "$list" "$PRECIS" -j 1 -q "$@" {}
fi
