#!/usr/bin/env bash
# Runs every test against real parts: installs what is missing, then 'dotnet test'.
# Extra arguments go to the test runner (e.g. -- --filter-class '*Images*').
# The labs' progress while they come up (the test platform shows nothing until the end) is followed on the console.
set -euo pipefail
cd "$(dirname "$0")/.."
source eng/prerequisites.sh
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true

progress="$(mktemp /tmp/vclab-progress-XXXXXX.log)"
export VCLAB_PROGRESS_LOG="$progress"
tail -n +1 -F "$progress" 2>/dev/null &
follower=$!
trap 'kill "$follower" 2>/dev/null || true; rm -f "$progress"' EXIT

status=0
dotnet test --project VcLab.Tests "$@" || status=$?
exit "$status"
