#!/usr/bin/env python3
"""Runs flatpak-node-generator (flatpak/flatpak-builder-tools, node/) with every download it
would make answered from files already on this machine, so it needs no network and asks the
registry nothing: scripts/flatpak-sources.ts writes the table of answers (URL -> a file in npm's
cache, or a text made from the lockfile or Electron's checksums.json) and calls

    python3 scripts/flatpak-node-generator-offline.py TABLE.json ARGS-OF-THE-GENERATOR...

with the generator importable (PYTHONPATH=<flatpak-builder-tools>/node). A URL missing from the
table is an error, never a download.
"""

import json
import sys
from collections.abc import AsyncIterator

from flatpak_node_generator import requests as generator_requests
from flatpak_node_generator.electron import ElectronBinaryManager
from flatpak_node_generator.main import main


class LocalAnswers(generator_requests.Requests):
    def __init__(self, table: dict[str, dict[str, str]]) -> None:
        self.table = table

    def body(self, url: str) -> bytes:
        entry = self.table.get(url)
        if entry is None:
            raise LookupError(f'no local copy of {url} (scripts/flatpak-sources.ts lists none)')
        if 'file' in entry:
            with open(entry['file'], 'rb') as f:
                return f.read()
        return entry['text'].encode('utf-8')

    async def _read_all(self, url: str) -> bytes:
        return self.body(url)

    async def _read_parts(
        self, url: str, size: int = generator_requests.DEFAULT_PART_SIZE
    ) -> AsyncIterator[bytes]:
        data = self.body(url)
        for start in range(0, len(data), size):
            yield data[start : start + size]


if __name__ == '__main__':
    with open(sys.argv.pop(1), encoding='utf-8') as table_file:
        generator_requests.Requests.instance = LocalAnswers(json.load(table_file))
    # Flathub builds x86_64 and aarch64 only. This generator also asks for linux-armv7l, which
    # Electron stopped publishing in version 44 (the KeyError of flatpak-builder-tools issue 549).
    ElectronBinaryManager.ELECTRON_ARCHES_TO_FLATPAK = {
        'x64': 'x86_64',
        'arm64': 'aarch64',
    }
    main()
