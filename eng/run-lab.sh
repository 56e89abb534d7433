#!/usr/bin/env bash
# Brings the lab up: installs what is missing, then runs the Aspire AppHost (Ctrl+C tears the lab down).
set -euo pipefail
cd "$(dirname "$0")/.."
source eng/prerequisites.sh
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
exec dotnet run --project VcLab.AppHost --launch-profile http "$@"
