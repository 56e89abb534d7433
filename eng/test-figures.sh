#!/usr/bin/env bash
# Prints how many bad-input cases and faults injected into real parts the tests hold, from the tests themselves: the
# tests marked [BadInput] or [Fault] (traits Kind=BadInput / Kind=Fault), each row of a theory one case. Lists; runs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build VcLab.Tests --nologo -v quiet >/dev/null
runner=VcLab.Tests/bin/Debug/net10.0/VcLab.Tests
count() { "$runner" -list tests -trait "Kind=$1" -noLogo | grep -c .; }
echo "bad-input cases: $(count BadInput)"
echo "faults injected into real parts: $(count Fault)"
