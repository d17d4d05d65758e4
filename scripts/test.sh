#!/usr/bin/env bash
# The one test command: sets the machine up, builds, and runs every test (lint, types, unit,
# integration, end-to-end) inside a private D-Bus session with a real, unlocked keyring.
# Ends with the line `N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx electron-vite build --logLevel warn
exec bash scripts/with-keyring.sh node scripts/run-all-tests.mjs "$@"
