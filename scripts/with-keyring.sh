#!/usr/bin/env bash
# Usage: bash scripts/with-keyring.sh CMD [ARGS...]
#
# Runs CMD inside a private D-Bus session where GNOME Keyring serves an unlocked login keyring
# (the Secret Service that keytar talks to), so that the vault's tests use a real keychain
# without touching the user's own. Everything lives in a fresh temporary directory, removed at
# the end. CMD's standard input is /dev/null; the exit code is CMD's.
# Already inside such a session (CHATBOT_KEYRING_SESSION=1 and a bus address): runs CMD directly.
# Needs the Debian packages dbus and gnome-keyring (scripts/setup.sh installs them).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/with-keyring.sh CMD [ARGS...]" >&2
  exit 2
fi

if [ "${CHATBOT_KEYRING_SESSION:-}" = "1" ] && [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec "$@" </dev/null
fi

for tool in dbus-run-session dbus-daemon gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring: '$tool' is missing; install the Debian packages dbus and gnome-keyring (bash scripts/setup.sh)." >&2
    exit 127
  fi
done

dir="$(mktemp -d "${TMPDIR:-/tmp}/with-keyring.XXXXXX")"
cleanup() { rm -rf "$dir"; }
trap cleanup EXIT
mkdir -p "$dir/data" "$dir/run"
chmod 700 "$dir" "$dir/run"

# dbus-daemon warns on stderr about fd limits it may not raise as non-root: keep that noise in a file.
cat >"$dir/dbus-daemon" <<EOF
#!/bin/sh
exec dbus-daemon "\$@" 2>>"$dir/dbus-daemon.log"
EOF
chmod 700 "$dir/dbus-daemon"

# A throw-away password for a throw-away keyring: it protects nothing outside this run.
password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

set +e
XDG_DATA_HOME="$dir/data" XDG_RUNTIME_DIR="$dir/run" CHATBOT_KEYRING_SESSION=1 KEYRING_UNLOCK_PASSWORD="$password" \
  dbus-run-session --dbus-daemon="$dir/dbus-daemon" -- bash -c '
    set -e
    printf %s "$KEYRING_UNLOCK_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>>"$XDG_RUNTIME_DIR/keyring.log"
    unset KEYRING_UNLOCK_PASSWORD
    exec "$@"
  ' with-keyring "$@" </dev/null
status=$?
set -e
exit "$status"
