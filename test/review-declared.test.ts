// What the review reads of each deployment: its own metadata, as the core's reads parse it (a
// commit's file once in the life of the process), with the same warnings as before for a file
// Flatpak refuses and none for a deployment with no metadata. On a private installation of
// three apps, compared with what `flatpak info -M` shows of each.

import { readFile, rm, writeFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestbed, type Testbed } from '../e2e/testbed/build';
import { FlatpakCore } from '../electron/services/core';
import type { DeploymentRecord } from '../electron/services/deployments';
import { ReviewService } from '../electron/services/review';
import { flatpak } from './helpers/testbed';
import { tempDir } from './helpers/temp';

let bed: Testbed;
let deployments: DeploymentRecord[];

/** A new core over the bed with an empty cache, as a first run. */
async function freshCore(): Promise<FlatpakCore> {
  const cache = await tempDir('confine-review-cache-');
  return FlatpakCore.create({ env: { ...bed.env, XDG_CACHE_HOME: cache } });
}

/** Replaces a deployment's metadata with `text` (a new file: the bed's files are hard links). */
async function replaceMetadata(dep: DeploymentRecord, text: string | null): Promise<void> {
  await rm(dep.metadataPath, { force: true });
  if (text !== null) await writeFile(dep.metadataPath, text);
}

beforeAll(async () => {
  bed = await buildTestbed({ dir: await tempDir('confine-review-declared-'), apps: 3, systemApps: 0 });
  const core = await freshCore();
  deployments = [...(await core.deployments()).byApp.values()].flat();
  expect(deployments).toHaveLength(3);
});

describe('the review reads what each deployment declares', () => {
  it('every app, by the permissions flatpak shows', async () => {
    const { apps, warnings } = await new ReviewService(await freshCore()).declared();
    expect(warnings).toEqual([]);
    expect(apps.map((a) => a.appId).sort()).toEqual(bed.apps.map((a) => a.id).sort());
    for (const a of apps) {
      const shown = await flatpak(bed.env, ['info', '-M', a.appId]);
      expect(shown.code, shown.stderr).toBe(0);
      // Each socket the metadata grants is among the declared items, and none other.
      const sockets = /^sockets=(.*)$/m.exec(shown.stdout)?.[1]?.split(';').filter(Boolean) ?? [];
      const declaredSockets = a.items.filter((i) => i.startsWith('--socket=')).map((i) => i.slice('--socket='.length));
      expect(declaredSockets.sort()).toEqual([...sockets].sort());
    }
  });

  it('after a read, takes each commit’s metadata as parsed then, not from its file again', async () => {
    const core = await freshCore();
    await core.snapshot();
    const [first] = deployments as [DeploymentRecord];
    const before = (await new ReviewService(core).declared()).apps.find((a) => a.appId === first.appId);
    // A commit's files never change (Flatpak deploys them read-only); a changed one would be
    // read again, so this tells whether it was.
    const original = await readFile(first.metadataPath, 'utf8');
    await replaceMetadata(first, '[Application]\nname=broken\n[Context\n');
    try {
      const after = await new ReviewService(core).declared();
      expect(after.warnings).toEqual([]);
      expect(after.apps.find((a) => a.appId === first.appId)).toEqual(before);
    } finally {
      await replaceMetadata(first, original);
    }
  });

  it('warns of a metadata file Flatpak refuses, and says nothing of one that is not there', async () => {
    const [broken, gone] = deployments as [DeploymentRecord, DeploymentRecord];
    const brokenText = await readFile(broken.metadataPath, 'utf8');
    const goneText = await readFile(gone.metadataPath, 'utf8');
    await replaceMetadata(broken, '[Application]\nname=broken\n[Context\n');
    await replaceMetadata(gone, null);
    try {
      // Flatpak refuses the first too.
      const info = await flatpak(bed.env, ['info', '-M', broken.appId]);
      expect(info.code).not.toBe(0);
      const { apps, warnings } = await new ReviewService(await freshCore()).declared();
      expect(apps.map((a) => a.appId)).not.toContain(broken.appId);
      expect(apps.map((a) => a.appId)).not.toContain(gone.appId);
      expect(apps).toHaveLength(1);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(broken.metadataPath);
    } finally {
      await replaceMetadata(broken, brokenText);
      await replaceMetadata(gone, goneText);
    }
  });
});
