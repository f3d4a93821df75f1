#!/usr/bin/env bash
# Installs what the tests need (only what is missing), builds everything, runs every test,
# and ends with the summary line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

log() { printf '[test.sh] %s\n' "$*"; }

# --- system packages: the real servers and tools the tests talk to --------------------------
missing=()
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${missing[@]}" | sort -u) >/dev/null
fi

# --- npm peers (tus-js-client, @tus/server, s3rver): reinstalled only when the lockfile changed --
if [ ! -f tools/node/node_modules/.package-lock.json ] || [ tools/node/package-lock.json -nt tools/node/node_modules/.package-lock.json ]; then
  log "installing npm peers in tools/node"
  (cd tools/node && npm ci --no-audit --no-fund --loglevel=error)
fi

# --- build once, then test every project --------------------------------------------------
log "building"
dotnet build ShortVideoSdk.sln -c Release --nologo -v quiet -clp:ErrorsOnly

log "testing"
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
set +e
dotnet test ShortVideoSdk.sln -c Release --no-build --nologo \
  --logger "console;verbosity=normal" --results-directory "$results" 2>&1 | tee "$results/out.log" \
  | grep -E '^\s*(Passed!|Failed!)|\[FAIL\]|^\s*Failed [A-Za-z]|Error Message|error [A-Z]+[0-9]+' || true
status=${PIPESTATUS[0]}
set -e

# One summary across all test assemblies, in the form CI reads.
awk '
  /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }
' "$results/out.log"
exit "$status"
