#!/usr/bin/env bash
# Runs every test against real parts: installs what is missing, then 'dotnet test'.
# Extra arguments go to the test runner (e.g. -- --filter-class '*Images*').
set -euo pipefail
cd "$(dirname "$0")/.."
source eng/prerequisites.sh
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
exec dotnet test --project VcLab.Tests "$@"
