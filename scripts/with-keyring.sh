#!/usr/bin/env bash
# Run a command with a working OS keychain on a headless Linux box (CI, containers):
# a private D-Bus session bus and an unlocked gnome-keyring, under a throwaway HOME so the
# command can never read or write the real user's keyring or settings.
#   usage: scripts/with-keyring.sh <command> [args...]
# Exits with the command's exit code.
set -u

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "with-keyring: dbus-run-session or gnome-keyring-daemon not found" \
       "(apt-get install dbus-x11 gnome-keyring); running without a keychain." >&2
  exec "$@"
fi

tmp_home=$(mktemp -d "${TMPDIR:-/tmp}/tstrader-keyring.XXXXXX") || exit 1
trap 'rm -rf "$tmp_home"' EXIT

# npm's cache is not a secret: keep using the real one so `npx` starts fast.
export npm_config_cache="${npm_config_cache:-${HOME:-$tmp_home}/.npm}"
# The keyring daemon stores its files under the XDG dirs: keep them all in the temp HOME.
export HOME="$tmp_home"
export XDG_DATA_HOME="$tmp_home/.local/share"
export XDG_CONFIG_HOME="$tmp_home/.config"
export XDG_CACHE_HOME="$tmp_home/.cache"
export XDG_RUNTIME_DIR="$tmp_home/.run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# --unlock reads the login keyring's password from stdin and creates the keyring unlocked.
dbus-run-session -- sh -c 'printf %s pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' with-keyring "$@"
rc=$?
exit "$rc"
