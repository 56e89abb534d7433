#!/usr/bin/env bash
# Packs VcLab.Testing (and the VcLab packages it needs) into artifacts/packages, then runs the sample suite in
# samples/, which takes them from that folder as any other suite would take them from a feed. Extra arguments go
# to the test runner. eng/run-tests.sh runs it after VcLab's own tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source eng/prerequisites.sh
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true

feed=artifacts/packages
# A new suffix per pack: the restore never takes an older build of the same version from NuGet's cache.
suffix="local.$(date -u +%Y%m%d%H%M%S)"
# Only the VcLab packages an earlier pack put there go; anything else in the folder is left alone.
mkdir -p "$feed"
rm -f "$feed"/VcLab.*.nupkg
for project in VcLab.ServiceDefaults VcLab.Installer VcLab.Hosting VcLab.Testing; do
  dotnet pack "$project/$project.csproj" -c Release -o "$feed" --version-suffix "$suffix" -nologo -v quiet
done
echo "vclab: packed $(cd "$feed" && ls VcLab.*.nupkg | tr "\n" " ")"

source eng/follow-progress.sh

dotnet test --project samples/VcLab.Testing.Sample "$@"
