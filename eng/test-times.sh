#!/usr/bin/env bash
# Where a test run's time went, from the xUnit XML report run-tests.sh writes (TestResults/vclab-tests.xml): one line
# per test class, longest first, with the collection (the lab) it shares. "span" is the wall time from the end of the
# class that ran before it to its own last test (classes run one at a time), so the first class of a collection carries
# its lab's start, and each class the disposal of what ran before; "tests" is the sum of its tests' own times.
# The first line is the whole run.
# Usage: eng/test-times.sh [report.xml] [how many lines, default 20]
set -euo pipefail
report="${1:-TestResults/vclab-tests.xml}"
lines="${2:-20}"
[ -s "$report" ] || { echo "vclab: no test report at $report (run eng/run-tests.sh first)" >&2; exit 1; }

# The report is one XML line: split it at each tag; per test class, when its first test started, when its last one
# ended, its tests' summed time and its collection; then, in the order they ran, each one's span.
tr '<' '\n' <"$report" | awk '
  function attr(name) { if (match($0, " " name "=\"[^\"]*\"")) return substr($0, RSTART + length(name) + 3, RLENGTH - length(name) - 4); return "" }
  # Seconds since midnight of an ISO time (2026-12-03T14:48:10.1166814+00:00); a run that passes midnight gets a day.
  function secs(t) { return substr(t, 12, 2) * 3600 + substr(t, 15, 2) * 60 + substr(t, 18, 10) + (substr(t, 1, 10) != day0 ? 86400 : 0) }
  /^assembly / { start = attr("start-rtf"); day0 = substr(start, 1, 10); print secs(start), secs(start), 0, 0, "(start)" }
  # A class shares a lab with others only in a named collection; the per-class ones ("Test collection for ...") say nothing.
  /^collection / { collection = attr("name"); if (collection ~ /^Test collection for /) collection = "" }
  /^test / {
    class = attr("type"); sub(/^VcLab\.Tests\./, "", class)
    if (!(class in count)) { count[class] = 0; tests[class] = 0; first[class] = -1; last[class] = -1; label[class] = class (collection == "" ? "" : " [" collection "]") }
    s = secs(attr("start-rtf")); f = secs(attr("finish-rtf"))
    if (first[class] < 0 || s < first[class]) first[class] = s
    if (f > last[class]) last[class] = f
    tests[class] += attr("time"); count[class]++
  }
  END { for (class in count) print first[class], last[class], tests[class], count[class], label[class] }' |
  sort -n -k1,1 | awk '
    $5 == "(start)" { prev = $2; next }
    { span = $2 - prev; prev = $2; total += span; name = $5; for (i = 6; i <= NF; i++) name = name " " $i
      printf "%.1f %8.1f s span %8.1f s tests %4d  %s\n", span, span, $3, $4, name }
    END { printf "%d %8.1f s in all, %d test classes\n", 10^12, total, NR - 1 }' |
  sort -rn | cut -d" " -f2- | head -n "$((lines + 1))"
