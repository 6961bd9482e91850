#!/usr/bin/env bash
# Creates .venv/ at the repository root with the Python SDKs that test/python drives against the
# emulator. Safe to run again: it does nothing when the pinned set is already installed.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo_root/.venv"

# Pinned to the versions the Python scenario suite was verified with. Changing one of them
# changes the marker, which makes the next run reinstall.
requirements=(
  "azure-communication-rooms==1.2.0"
  "azure-communication-identity==1.5.0"
  "azure-core==1.41.0"
  "pytest==9.2.0"
)
wanted="${requirements[*]}"
marker="$venv/.acs-emulator-deps"

if [[ -x "$venv/bin/python" && -f "$marker" && "$(cat "$marker")" == "$wanted" ]]; then
  echo "python-deps: .venv already has: $wanted"
  exit 0
fi

if [[ ! -x "$venv/bin/python" ]]; then
  echo "python-deps: creating $venv"
  python3 -m venv "$venv"
fi

echo "python-deps: installing $wanted"
"$venv/bin/python" -m pip install --disable-pip-version-check --quiet "${requirements[@]}"
printf '%s' "$wanted" >"$marker"
echo "python-deps: done"
