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
# svctl doctor's PostgreSQL check runs against a PostgreSQL 15 that the tests start with Debian's initdb/pg_ctl.
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# The browser tests drive Debian's Chromium through Playwright; Playwright never downloads its own.
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The GPU kernels: the PTX freshness check and the CUDA emulator tests compile them with Debian's LLVM 14.
[ -x /usr/lib/llvm-14/bin/clang++ ] || missing+=(clang-14)
# svctl bench rank's BLAS reference (and its tests) load Debian's OpenBLAS through P/Invoke.
/sbin/ldconfig -p | grep 'libopenblas\.so\.0 ' >/dev/null || missing+=(libopenblas0-pthread)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${missing[@]}" | sort -u) >/dev/null
fi

# --- npm peers (tus-js-client, @tus/server, s3rver, hls.js): reinstalled only when the lockfile changed --
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
  --logger "trx" --results-directory "$results" 2>&1 | tee "$results/out.log"
status=${PIPESTATUS[0]}
set -e

# One summary across all test assemblies, in the form CI reads, from each assembly's TRX counters.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  value() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(value passed))); failed=$((failed + $(value failed))); skipped=$((skipped + $(value total) - $(value executed)))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  log "dotnet test exited $status without a failed test (a test host crashed?): see the output above"
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
