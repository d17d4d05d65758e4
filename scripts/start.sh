#!/usr/bin/env bash
# The one command to run the app: sets the machine up, builds, then opens the Electron window
# where Electron's runtime is available, or else starts the headless host and prints the address
# to open in a browser, saying why. Where no keyring (Secret Service) is reachable, the app runs
# with a private one for this run (scripts/with-keyring.sh), and says so.
# It prints only what the user needs: the build's and the tools' output only when they fail.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

bin=node_modules/.bin
log="$(mktemp "${TMPDIR:-/tmp}/start.XXXXXX")"
trap 'rm -f "$log"' EXIT

if ! "$bin/electron-vite" build --logLevel warn >"$log" 2>&1; then
  echo "start: the build failed:" >&2
  cat "$log" >&2
  exit 1
fi

electron_ready() {
  node -e "const p=require('electron'); require('fs').accessSync(p, require('fs').constants.X_OK)" >/dev/null 2>&1
}

# Whether keytar reaches a Secret Service (a desktop keyring) on this session's D-Bus: a lookup
# of an entry nobody has answers "none" when it does, and fails fast when it does not.
keyring_reachable() {
  [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || [ "$(uname)" != "Linux" ] || return 1
  timeout 10 node -e "require('keytar').getPassword('chatbot-settings-desktop-probe', 'probe').then(() => process.exit(0), () => process.exit(1))" >/dev/null 2>&1
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

keyring=()
if [ "$(uname)" = "Linux" ] && ! keyring_reachable; then
  echo "start: no keyring is running here, so the app uses a private one for this run: sign-ins and secrets you save last until the app quits."
  keyring=(bash scripts/with-keyring.sh)
fi

if [ -z "$reason" ]; then
  if ! "$bin/electron-builder" install-app-deps >"$log" 2>&1; then
    echo "start: could not rebuild native modules for Electron; trying anyway" >&2
  fi
  exec "${keyring[@]}" "$bin/electron" .
fi

echo "start: opening the headless host instead of the Electron window, because $reason."
echo "start: open the address on the 'host:' line below in a browser (Chromium, Firefox...)."
exec "${keyring[@]}" "$bin/tsx" electron/host/cli.ts "$@"
