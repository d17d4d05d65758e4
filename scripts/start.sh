#!/usr/bin/env bash
# The one command to run the app: sets the machine up, builds, then opens the Electron window
# where Electron's runtime is available, or else starts the headless host and prints the address
# to open in a browser, saying why.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx electron-vite build --logLevel warn

electron_ready() {
  node -e "const p=require('electron'); require('fs').accessSync(p, require('fs').constants.X_OK)" >/dev/null 2>&1
}

reason=""
if ! electron_ready; then
  # Electron downloads its runtime on first use; try once, quietly, with a time limit.
  timeout 120 node node_modules/electron/install.js >/dev/null 2>&1 || true
fi
if ! electron_ready; then
  reason="Electron's runtime is not installed and could not be downloaded on this machine"
elif [ "$(uname)" = "Linux" ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  reason="there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)"
fi

if [ -z "$reason" ]; then
  npm run --silent electron:rebuild >/dev/null 2>&1 || echo "start: could not rebuild native modules for Electron; trying anyway" >&2
  exec npx electron .
fi

echo "start: opening the headless host instead of the Electron window, because $reason."
echo "start: open the address on the 'host:' line below in a browser (Chromium, Firefox...)."
exec npx tsx electron/host/cli.ts "$@"
