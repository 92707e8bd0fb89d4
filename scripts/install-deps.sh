#!/usr/bin/env bash
# Installs the system packages govpack builds against, when they are missing.
# Debian/Ubuntu: uses apt-get when running as root (as CI does); otherwise says what to install.
set -euo pipefail

need=()
optional=()
pkg-config --exists libxml-2.0 2>/dev/null || need+=(libxml2-dev)
pkg-config --exists sqlite3 2>/dev/null || need+=(libsqlite3-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
for extra in "$@"; do
  case "$extra" in
    # Optional: the browser tests skip without it, and --format pdf says how to install it.
    chromium) command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || optional+=(chromium) ;;
    time) [ -x /usr/bin/time ] || need+=(time) ;;
  esac
done

if [ ${#need[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: installing ${need[*]} ${optional[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" "${optional[@]}" >/dev/null
elif [ ${#need[@]} -eq 0 ]; then
  echo "install-deps: ${optional[*]} is not installed: the browser tests will be skipped (install it with: sudo apt-get install ${optional[*]})" >&2
  exit 0
else
  echo "install-deps: missing system packages: ${need[*]}" >&2
  echo "install-deps: install them, e.g.: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
