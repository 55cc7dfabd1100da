#!/usr/bin/env bash
# Installs everything Confine needs to build, run and test on Debian or Ubuntu: the Debian
# packages the tests use (the real flatpak, Python for the GLib oracle, …), the npm dependencies,
# and a first build. Run it from the project folder: ./scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
mapfile -t packages < <(grep -v '^\s*\(#\|$\)' scripts/debian-packages.txt)
"${sudo[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${packages[@]}"

# Electron's binary is fetched by users' package managers, not at install time here.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci
npm run build
