#!/usr/bin/env bash
# Sets up a fresh machine of this project's kind (Debian 12, Node 20): the system packages the
# app and its tests need, then the npm dependencies from the committed lock file. Safe to re-run:
# each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(libsecret-1-dev gnome-keyring dbus chromium xvfb xauth)

missing=()
if command -v dpkg >/dev/null 2>&1; then
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing system packages: ${missing[*]} (install them with your package manager, as root)" >&2
    exit 1
  fi
fi

# node-gyp builds better-sqlite3 and keytar against Node's own headers, offline.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
stamp=node_modules/.package-lock.json
if [ -L node_modules ]; then
  # A link to an install shared with another checkout: `npm ci` here would empty that install.
  echo "setup: node_modules is a link to a shared install; leaving it as it is"
elif [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "setup: installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# After `npm start` rebuilt the native modules for Electron's ABI, Node cannot load them: rebuild
# them for Node (the tests and the headless host run under Node).
if ! node -e "require('better-sqlite3'); require('keytar')" >/dev/null 2>&1; then
  echo "setup: rebuilding native modules for Node"
  npm rebuild better-sqlite3 keytar --loglevel=error
fi
