#!/usr/bin/env bash
# Installs everything Confine needs to build, run and test on Debian or Ubuntu: the Debian
# packages the tests use (the real flatpak, Python for the GLib oracle, …), the npm dependencies,
# and a first build. Run it from the project folder: ./scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
mapfile -t packages < <(grep -v '^\s*\(#\|$\)' scripts/debian-packages.txt)
# Refreshing the package lists takes a while and is only needed to install something missing.
installed=$(dpkg-query -W -f='${db:Status-Abbrev}\n' "${packages[@]}" 2>/dev/null | grep -c '^ii' || true)
if [ "$installed" -ne "${#packages[@]}" ]; then
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${packages[@]}"
fi

# Electron's binary is fetched by users' package managers, not at install time here.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-audit --no-fund
# CI builds in `npm test` right after, so it asks for no first build here.
if [ -z "${CONFINE_SETUP_NO_BUILD:-}" ]; then npm run build; fi
