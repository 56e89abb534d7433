#!/usr/bin/env bash
# Where a test run's time went, from the xUnit XML report run-tests.sh writes (TestResults/vclab-tests.xml): one line
# per test collection, longest first. "span" is the wall time from the end of the collection before it to its own last
# test (collections run one at a time), so it includes its fixture's start (a lab's creation) and the previous one's
# disposal; "tests" is the sum of its tests' own times.
# The first line is the whole run.
# Usage: eng/test-times.sh [report.xml] [how many lines, default 20]
set -euo pipefail
report="${1:-TestResults/vclab-tests.xml}"
lines="${2:-20}"
[ -s "$report" ] || { echo "vclab: no test report at $report (run eng/run-tests.sh first)" >&2; exit 1; }

# The report is one XML line: split it at each tag; per collection, when its first test started, when its last one
# ended, its tests' summed time; then, in the order they ran, each one's span.
tr '<' '\n' <"$report" | awk '
  function attr(name) { if (match($0, " " name "=\"[^\"]*\"")) return substr($0, RSTART + length(name) + 3, RLENGTH - length(name) - 4); return "" }
  # Seconds since midnight of an ISO time (2026-12-03T14:48:10.1166814+00:00); a run that passes midnight gets a day.
  function secs(t) { return substr(t, 12, 2) * 3600 + substr(t, 15, 2) * 60 + substr(t, 18, 10) + (substr(t, 1, 10) != day0 ? 86400 : 0) }
  /^assembly / { start = attr("start-rtf"); day0 = substr(start, 1, 10); print secs(start), secs(start), 0, 0, "(start)" }
  /^collection / {
    name = attr("name"); sub(/^Test collection for VcLab\.Tests\./, "", name); sub(/ \(id: [0-9a-f]+\)$/, "", name)
    n++; names[n] = name; tests[n] = 0; count[n] = 0; first[n] = -1; last[n] = -1
  }
  /^test / && n > 0 {
    s = secs(attr("start-rtf")); f = secs(attr("finish-rtf"))
    if (first[n] < 0 || s < first[n]) first[n] = s
    if (f > last[n]) last[n] = f
    tests[n] += attr("time"); count[n]++
  }
  END { for (i = 1; i <= n; i++) if (count[i] > 0) print first[i], last[i], tests[i], count[i], names[i] }' |
  sort -n -k1,1 | awk '
    $5 == "(start)" { prev = $2; next }
    { span = $2 - prev; prev = $2; total += span; name = $5; for (i = 6; i <= NF; i++) name = name " " $i
      printf "%.1f %8.1f s span %8.1f s tests %4d  %s\n", span, span, $3, $4, name }
    END { printf "%d %8.1f s in all, %d collections\n", 10^12, total, NR - 1 }' |
  sort -rn | cut -d" " -f2- | head -n "$((lines + 1))"
