#!/usr/bin/env bash
# Prints issue 22's figures, read from the source (builds and runs nothing): stages with a pure test of their own
# decisions (a test file that is not a *FunctionalTests.cs names the stage's class or its StageNames constant), calls on the raw Kubernetes client
# outside the Kubernetes/ folders, waits written by hand (a Task.Delay anywhere but Wait; those in a loop's body are
# polling loops), Hosting's public types, and reads of the machine's clock outside a TimeProvider.
set -euo pipefail
cd "$(dirname "$0")/.."
src=(VcLab.Installer VcLab.Hosting VcLab.Testing VcLab.Tests bench)
cs() { grep -rn --include='*.cs' --exclude-dir=obj --exclude-dir=bin "$@" || true; }

# (StageNames.X, typeof(XStage)) pairs from the one list of stages; a pure test names the class or the stage's name
stages=$(grep -o 'StageNames\.[A-Za-z]*, typeof([A-Za-z]*)' VcLab.Installer/Stages/InstallStages.cs | sed 's/, typeof(\(.*\))/:\1/')
with=0 without=()
for pair in $stages; do
  name=${pair%%:*} class=${pair##*:}
  if cs -lwE --exclude='*FunctionalTests.cs' "$class|$name" VcLab.Tests | grep -q .; then with=$((with + 1)); else without+=("$class"); fi
done
echo "stages with a pure test: $with of $(wc -w <<<"$stages")${without:+ (none yet: ${without[*]})}"

raw=$(cs -E '\.(CoreV1|AppsV1|CustomObjects|ApiextensionsV1|RbacAuthorizationV1|AdmissionregistrationV1|CoordinationV1)\.' VcLab.Installer VcLab.Hosting | grep -v '/Kubernetes/' || true)
echo "calls on the raw Kubernetes client outside Kubernetes/ (installer and Hosting): $(grep -c . <<<"$raw" || true) in $(cut -d: -f1 <<<"$raw" | sort -u | grep -c . || true) files"

loops=$(cs 'Task\.Delay(' "${src[@]}" | grep -v 'VcLab.Installer/Waiting/Wait.cs' || true)
echo "Task.Delay outside Wait (waits written by hand, and pauses): $(grep -c . <<<"$loops" || true)"
[ -z "$loops" ] || sed 's/^/  /' <<<"$loops" | cut -c1-160

# A polling loop written by hand: a Task.Delay or Thread.Sleep inside the body of a while, for, foreach or do (the code's braces stand on
# lines of their own, so the loop's head is the line before its brace, or the brace's own line).
polls=$(find "${src[@]}" -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' -print0 | xargs -0 awk '
  FNR == 1 { depth = 0; inloop = 0; previous = "" }
  {
    if ($0 ~ /(Task\.Delay|Thread\.Sleep)\(/ && inloop > 0) print FILENAME ":" FNR ":" $0
    n = split($0, chars, "")
    for (i = 1; i <= n; i++) {
      if (chars[i] == "{") {
        depth++
        head = ($0 ~ /^[ \t]*\{[ \t]*$/) ? previous : $0
        loop[depth] = (head ~ /(^|[^A-Za-z])(while|for|foreach) *\(/ || head ~ /^[ \t]*do[ \t]*$/) ? 1 : 0
        inloop += loop[depth]
      } else if (chars[i] == "}" && depth > 0) { inloop -= loop[depth]; depth-- }
    }
    if ($0 !~ /^[ \t]*$/) previous = $0
  }' | grep -v 'VcLab.Installer/Waiting/Wait.cs' || true)
echo "polling loops written by hand (a Task.Delay or Thread.Sleep in a loop's body, outside Wait): $(grep -c . <<<"$polls" || true)"
[ -z "$polls" ] || sed 's/^/  /' <<<"$polls" | cut -c1-160

echo "public types in Hosting: $(cs -E '^public ' VcLab.Hosting | grep -c . || true) of $(cs -E '^(public |internal )?(sealed |static |abstract |partial )*(class|record|interface|enum|struct) ' VcLab.Hosting | grep -c . || true)"

# Time read from the machine's clock, not from an injected TimeProvider (Stopwatch, which only measures, is not counted).
clock=$(cs -E '(DateTime|DateTimeOffset)\.(Utc)?Now' VcLab.Installer VcLab.Hosting VcLab.Testing || true)
echo "reads of the machine's clock outside a TimeProvider (installer, Hosting, fixture): $(grep -c . <<<"$clock" || true)"
[ -z "$clock" ] || sed 's/^/  /' <<<"$clock" | cut -c1-160
