#!/usr/bin/env bash
# Hostile inputs that once ran for minutes (issue 9, item 7), timed with
# the release binary; the target is under a second for each.
#
#   benches/hostile.sh                    # 5 runs each, 600 s timeout per run
#   RUNS=1 TIMEOUT=30 benches/hostile.sh  # a quick look (a timeout prints as >30 s)
#   BIN=/tmp/oneonone-old benches/hostile.sh   # another build, e.g. before a change
#
# The inputs:
#   check-agenda    `check` on an agenda.md of 8,000 open points
#   new-agenda      `new` moving 16,000 agenda points into a note
#   new-carry       `new` carrying 40,000 open items out of one note (and
#                   `check` reading that note)
#   note-nested     `followups` on a note whose frontmatter is one 80 KB
#                   line of `[[[...` (and `check`, which reads it too)
#   note-nested-60k the same under the size cap: 60 KB of `[`
#   config-nested   `people` with a 80 KB `[[[...` line in oneonone.yaml
#   person-nested   `people` with it in alice/person.yaml
#   bank-nested     `new` with it in question-bank/x.yaml
#   person-worst    `people` with the worst person.yaml still read: 1 MiB,
#                   nested 63 levels deep (one under the bound of 64)
#
# Inputs go to a temporary folder that is removed at the end. Uses
# hyperfine when it is installed, else /usr/bin/time; prints a markdown
# table of medians (seconds) and each run's exit status.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
TIMEOUT=${TIMEOUT:-600}
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet --locked --bin oneonone
  BIN="$PWD/target/release/oneonone"
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/oneonone-hostile.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

repeat() { # repeat STRING COUNT
  local out="" i
  for ((i = 0; i < $2; i++)); do out+="$1"; done
  printf '%s' "$out"
}
brackets() { # COUNT `[` in a row, fast
  head -c "$1" /dev/zero | tr '\0' '['
}
points() { # COUNT lines `- [ ] PREFIX N`
  awk -v n="$1" -v p="$2" 'BEGIN { for (i = 1; i <= n; i++) printf "- [ ] %s %d\n", p, i }'
}

# Each input is a notebook folder holding oneonone.yaml, then a command.
setup() { # setup NAME -> prints the folder
  local dir="$WORK/$1"
  mkdir -p "$dir/alice"
  printf 'cache: false\n' >"$dir/oneonone.yaml"
  printf -- '---\nperson: Alice\ndate: 2026-01-05\n---\n# 1:1\n' >"$dir/alice/2026-01-05.md"
  printf '%s' "$dir"
}

d=$(setup check-agenda)
{ printf '# Agenda: Alice\n\n'; points 8000 point; } >"$d/alice/agenda.md"
d=$(setup new-agenda)
{ printf '# Agenda: Alice\n\n'; points 16000 point; } >"$d/alice/agenda.md"
d=$(setup new-carry)
{ printf -- '---\nperson: Alice\ndate: 2026-01-05\n---\n## Follow-ups\n'; points 40000 item; } \
  >"$d/alice/2026-01-05.md"
d=$(setup note-nested)
{ printf -- '---\nperson: Alice\nx: '; brackets 80000; printf '\n---\n- [ ] hi\n'; } \
  >"$d/alice/2026-01-05.md"
d=$(setup note-nested-60k)
{ printf -- '---\nperson: Alice\nx: '; brackets 60000; printf '\n---\n- [ ] hi\n'; } \
  >"$d/alice/2026-01-05.md"
d=$(setup config-nested)
{ printf 'cache: false\nx: '; brackets 80000; printf '\n'; } >"$d/oneonone.yaml"
d=$(setup person-nested)
{ printf 'name: Alice\nx: '; brackets 80000; printf '\n'; } >"$d/alice/person.yaml"
d=$(setup person-worst)
{ printf 'name: Alice\nrole: '; printf '%s' "$(repeat '[' 62)"
  awk 'BEGIN { for (i = 0; i < 520000; i++) printf "a," }'; printf '%s\n' "$(repeat ']' 62)"; } >"$d/alice/person.yaml"
d=$(setup bank-nested)
mkdir -p "$d/question-bank"
{ printf 'questions:\n  listen: '; brackets 80000; printf '\n'; } >"$d/question-bank/x.yaml"

# name | command run in the notebook (the notebook is restored before each run)
CASES=(
  "check-agenda|check"
  "new-agenda|new alice --date 2026-02-02 --seed 1"
  "new-carry|new alice --date 2026-02-02 --seed 1"
  "new-carry|check"
  "note-nested|followups"
  "note-nested|check"
  "note-nested-60k|followups"
  "config-nested|people"
  "person-nested|people"
  "person-worst|people"
  "bank-nested|new alice --date 2026-02-02 --seed 1"
)

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "| input | command | median (s) | runs | exit |"
echo "| --- | --- | ---: | ---: | ---: |"
for case in "${CASES[@]}"; do
  name=${case%%|*}
  args=${case#*|}
  # `new` changes the notebook: each run starts from a fresh copy.
  prepare="rm -rf '$WORK/run' && cp -a '$WORK/$name' '$WORK/run'"
  run="cd '$WORK/run' && timeout $TIMEOUT '$BIN' $args >/dev/null 2>&1"
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --runs "$RUNS" --style none -i --prepare "$prepare" \
      --export-json "$WORK/h.json" "$run" >/dev/null 2>&1
    read -r m n status < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.3f" % r["median"], len(r["times"]), max(r["exit_codes"]))' "$WORK/h.json")
  else
    times=()
    status=0
    for ((r = 0; r < RUNS; r++)); do
      bash -c "$prepare"
      /usr/bin/time -f '%e %x' -o "$WORK/t" bash -c "$run" || true
      read -r t s < <(tail -1 "$WORK/t")
      times+=("$t")
      [ "$s" -gt "$status" ] && status=$s
      [ "$s" = 124 ] && break
    done
    m=$(printf '%s\n' "${times[@]}" | median)
    n=${#times[@]}
  fi
  [ "$status" = 124 ] && m=">$TIMEOUT"
  echo "| $name | \`$args\` | $m | $n | $status |"
done
