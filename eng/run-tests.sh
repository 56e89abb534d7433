#!/usr/bin/env bash
# Runs every test against real parts: installs what is missing, then 'dotnet test', then (on a run of everything)
# the sample suite that uses VcLab.Testing as a package (eng/run-sample.sh).
# Extra arguments go to the test runner (e.g. -- --filter-class '*Images*'); the sample is then not run.
set -euo pipefail
cd "$(dirname "$0")/.."
source eng/prerequisites.sh
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true

# The demo's test opens its page in a real browser: headless Chromium, from the distribution's packages.
if ! command -v chromium >/dev/null 2>&1; then
  say "installing chromium (the demo page's browser test) from the distribution's packages"
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends chromium
fi

source eng/follow-progress.sh

status=0
# The xUnit XML report says where the time went: eng/test-times.sh reads it.
dotnet test --project VcLab.Tests --results-directory "$PWD/TestResults" \
  --report-xunit-xml --report-xunit-xml-filename vclab-tests.xml "$@" || status=$?
if [ "$#" -eq 0 ]; then
  echo "vclab: the sample suite (samples/VcLab.Testing.Sample), with VcLab.Testing as a package"
  bash eng/run-sample.sh || status=$?
fi
exit "$status"
