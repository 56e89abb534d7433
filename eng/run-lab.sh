#!/usr/bin/env bash
# Brings the lab up: installs what is missing, then runs the Aspire AppHost (Ctrl+C tears the lab down).
# The dashboard's addresses are those of the launch profile 'http' unless set in the environment, e.g.
#   ASPNETCORE_URLS=http://127.0.0.1:15081 ./eng/run-lab.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source eng/prerequisites.sh
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:15080}"
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="${ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL:-http://127.0.0.1:19080}"
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="${ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL:-http://127.0.0.1:20080}"
exec dotnet run --project VcLab.AppHost --no-launch-profile "$@"
