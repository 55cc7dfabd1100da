#!/bin/sh
# Confine in its Flatpak. Chromium cannot build its own sandbox inside Flatpak's; zypak (from
# org.electronjs.Electron2.BaseApp) gives it Flatpak's instead. A command (`confine list`) runs
# the command-line tool through the same binary, as in the other packages.
exec zypak-wrapper /app/confine/confine "$@"
