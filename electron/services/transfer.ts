// Export and import of the user's overrides: one JSON file that records Confine's version, for
// backups and other machines; or the plain files of a system override folder with a README and
// an Ansible playbook, so a fleet gets the same hardening without Confine on every machine.

import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { loadContext } from '../../shared/flatpak/context';
import { checkAppId } from '../../shared/flatpak/grammar';
import { formatVersion } from '../../shared/flatpak/version';
import { KeyFile } from '../../shared/keyfile/keyfile';
import { ConfineError } from '../../shared/errors';
import { CONFINE_VERSION } from '../../shared/version';
import type { FlatpakCore } from './core';
import { readBytes } from './files';
import { lstat, readlink } from 'node:fs/promises';
import { decodeUtf8, overridePath, overridesDir } from './overrides';
import { allPortalEntries, entryStates, restorePortals } from './portals';
import { StoreIdSchema, StoreTableSchema, type PortalStep, type PortalValue } from '../../shared/portals/model';

export const EXPORT_FORMAT = 'confine-overrides';

const OverrideEntry = z.object({
  /** null for the global override. */
  app: z.string().nullable(),
  content: z.string().max(1_000_000),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const PortalEntry = z.object({
  app: z.string(),
  table: StoreTableSchema,
  id: StoreIdSchema,
  value: z.array(z.string().max(1000)).min(1).max(64),
});

export const ExportFile = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  confine: z.string(),
  flatpak: z.string(),
  created: z.string(),
  overrides: z.array(OverrideEntry).max(10_000),
  /** Portal permissions from the permission store; older exports have none. */
  portals: z.array(PortalEntry).max(100_000).optional(),
});
export type ExportFile = z.infer<typeof ExportFile>;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The user's override files, by app (null: global); other names in the folder are left out. */
async function userOverrides(core: FlatpakCore): Promise<{ files: { app: string | null; content: string }[]; skipped: string[] }> {
  const dir = overridesDir(core.paths, 'user');
  const names = (await readdir(dir).catch(() => [] as string[])).sort();
  const files: { app: string | null; content: string }[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    const app = name === 'global' ? null : name;
    if (app !== null && checkAppId(app)) {
      if (!name.startsWith('.')) skipped.push(`${name}: not an app ID`);
      continue;
    }
    const path = join(dir, name);
    // A link is not followed into an export, which goes to other machines: a link to
    // /etc/passwd must not become an override there.
    const st = await lstat(path).catch(() => undefined);
    if (st?.isSymbolicLink()) {
      skipped.push(`${name}: a symbolic link to ${await readlink(path).catch(() => '?')}; Confine does not follow links into exports`);
      continue;
    }
    let bytes: Buffer | null;
    try {
      bytes = await readBytes(path);
    } catch (e) {
      skipped.push(`${name}: ${(e as Error).message}`);
      continue;
    }
    if (!bytes) continue;
    const decoded = decodeUtf8(bytes);
    if ('line' in decoded) {
      skipped.push(`${name}: line ${decoded.line} is not valid UTF-8 text`);
      continue;
    }
    files.push({ app, content: decoded.text });
  }
  return { files, skipped };
}

export async function exportOverrides(core: FlatpakCore): Promise<{ file: ExportFile; skipped: string[] }> {
  const { files, skipped } = await userOverrides(core);
  const portals: z.infer<typeof PortalEntry>[] = [];
  for (const [app, entries] of await allPortalEntries(await core.portals())) {
    // Entries of programs that are not Flatpak apps (an empty name, snap.*) stay on this machine.
    if (checkAppId(app)) continue;
    for (const e of entries) portals.push({ app, table: e.table, id: e.id, value: [...e.value] });
  }
  return {
    file: {
      format: EXPORT_FORMAT,
      version: 1,
      confine: CONFINE_VERSION,
      flatpak: formatVersion(core.version.version),
      created: new Date().toISOString(),
      overrides: files.map((f) => ({ ...f, sha256: sha256(f.content) })),
      portals,
    },
    skipped,
  };
}

/** Reads an export, checking every app ID and every file the way Flatpak would read it. */
export function parseExport(text: string, core: FlatpakCore): ExportFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfineError('invalid-input', `Not a Confine export: ${(e as Error).message}`);
  }
  const parsed = ExportFile.safeParse(json);
  if (!parsed.success) throw new ConfineError('invalid-input', `Not a Confine export: ${parsed.error.issues[0]?.message ?? 'wrong shape'}`);
  const seen = new Set<string>();
  for (const o of parsed.data.overrides) {
    const name = o.app ?? 'global';
    if (o.app !== null) {
      const bad = checkAppId(o.app);
      if (bad) throw new ConfineError('invalid-input', `'${o.app}' is not a valid application name: ${bad}`);
    }
    if (seen.has(name)) throw new ConfineError('invalid-input', `${name} appears twice in the export`);
    seen.add(name);
    if (sha256(o.content) !== o.sha256) throw new ConfineError('invalid-input', `The override of ${name} does not match its checksum; the export is damaged`);
    const kf = KeyFile.parse(o.content);
    if (!kf.ok) throw new ConfineError('invalid-input', `The override of ${name} is malformed: line ${kf.error.line}: ${kf.error.message}`);
    const ctx = loadContext(kf.file, core.version.version);
    if (!ctx.ok) throw new ConfineError('invalid-input', `The override of ${name} is malformed: ${ctx.message}`);
  }
  const entries = new Set<string>();
  for (const p of parsed.data.portals ?? []) {
    const bad = checkAppId(p.app);
    if (bad) throw new ConfineError('invalid-input', `'${p.app}' is not a valid application name: ${bad}`);
    const key = JSON.stringify([p.app, p.table, p.id]);
    if (entries.has(key)) throw new ConfineError('invalid-input', `${p.table}/${p.id} of ${p.app} appears twice in the export`);
    entries.add(key);
  }
  return parsed.data;
}

export interface PortalImport {
  readonly table: string;
  readonly id: string;
  /** The app's value now, so applying refuses if it changes meanwhile. */
  readonly current: PortalValue;
  readonly incoming: readonly string[];
  /** False where no portal has made the entry on this machine; it cannot be set. */
  readonly exists: boolean;
}

export interface ImportItem {
  readonly app: string | null;
  readonly status: 'new' | 'changed' | 'same';
  /** The file as it is now (base64), so applying refuses if it changes meanwhile. */
  readonly current: string | null;
  /** null when the export has portal permissions of the app but no override file. */
  readonly incoming: string | null;
  readonly portals: readonly PortalImport[];
}

const sameValue = (a: PortalValue, b: readonly string[]) => a !== null && a.length === b.length && a.every((x, i) => x === b[i]);

export async function previewImport(core: FlatpakCore, file: ExportFile): Promise<ImportItem[]> {
  const connection = file.portals?.length ? await core.portals() : null;
  const apps = [...new Set([...file.overrides.map((o) => o.app), ...(file.portals ?? []).map((p) => p.app)])];
  return Promise.all(
    apps.map(async (app) => {
      const o = file.overrides.find((x) => x.app === app);
      const currentFile = await readBytes(overridePath(core.paths, { scope: 'user', app }));
      const incoming = o ? Buffer.from(o.content, 'utf8') : null;
      const wanted = (file.portals ?? []).filter((p) => p.app === app);
      const states = connection && app !== null ? await entryStates(connection, app, wanted) : wanted.map(() => ({ current: null, exists: false }));
      const portals = wanted.map((p, i) => ({ table: p.table, id: p.id, incoming: p.value, current: states[i]?.current ?? null, exists: states[i]?.exists ?? false }));
      const fileDiffers = incoming !== null && (currentFile === null || !currentFile.equals(incoming));
      const portalsDiffer = portals.some((p) => !sameValue(p.current, p.incoming));
      const nothingNow = currentFile === null && portals.every((p) => p.current === null);
      const status: ImportItem['status'] = !fileDiffers && !portalsDiffer ? 'same' : nothingNow ? 'new' : 'changed';
      return { app, status, current: currentFile === null ? null : currentFile.toString('base64'), incoming: incoming === null ? null : incoming.toString('base64'), portals };
    }),
  );
}

/** Writes the chosen items: each override file and portal entry only where it differs and
 *  is still as the preview saw it. */
export async function applyImport(core: FlatpakCore, items: readonly ImportItem[]) {
  const files: { appId: string | null; before: string | null; after: string | null }[] = [];
  const portals: PortalStep[] = [];
  const failures: { appId: string | null; error: string }[] = [];
  for (const item of items) {
    if (item.incoming !== null && item.incoming !== item.current) {
      // The preview read the file; restore refuses if it changed since.
      try {
        await core.restore({ scope: 'user', app: item.app }, item.current === null ? null : Buffer.from(item.current, 'base64'), Buffer.from(item.incoming, 'base64'));
        files.push({ appId: item.app, before: item.current, after: item.incoming });
      } catch (e) {
        failures.push({ appId: item.app, error: (e as Error).message });
      }
    }
    const changes = item.portals.filter((p) => !sameValue(p.current, p.incoming));
    if (item.app === null || changes.length === 0) continue;
    const missing = changes.filter((p) => !p.exists);
    for (const p of missing) failures.push({ appId: item.app, error: `${p.table}/${p.id}: no portal has made this entry on this machine, so it was left out` });
    const restored = await restorePortals(
      await core.portals(),
      changes.filter((p) => p.exists).map((p) => ({ appId: item.app as string, table: p.table, id: p.id, expected: p.current, content: [...p.incoming] })),
    );
    portals.push(...restored.done);
    failures.push(...restored.failures);
  }
  return { files, portals, failures };
}

const README = (files: readonly string[]) => `# Flatpak overrides for many machines

Made by Confine ${CONFINE_VERSION}. The \`overrides/\` folder holds Flatpak override files, the same
files \`flatpak override --system\` writes. Copied to \`/var/lib/flatpak/overrides/\` on a machine,
they apply to every app installed system-wide there (Flatpak does not apply system overrides to
apps installed per user; a user's own overrides still win over them).

Files: ${files.join(', ')}

## Roll them out with Ansible

\`\`\`sh
ansible-playbook -i inventory.ini playbook.yml
\`\`\`

\`playbook.yml\` copies every file of \`overrides/\` to \`/var/lib/flatpak/overrides/\`, owned by root
and readable by all, the way Flatpak itself writes them. To take an override back, delete its
file there (or run \`flatpak override --system --reset APP\`).

## By hand

\`\`\`sh
sudo install -D -m 0644 -t /var/lib/flatpak/overrides overrides/*
\`\`\`
`;

const PLAYBOOK = `# Copies the Flatpak overrides made by Confine to every host.
- name: Flatpak overrides
  hosts: all
  become: true
  tasks:
    - name: Overrides folder
      ansible.builtin.file:
        path: /var/lib/flatpak/overrides
        state: directory
        owner: root
        group: root
        mode: "0755"
    - name: Override files
      ansible.builtin.copy:
        src: "{{ item }}"
        dest: /var/lib/flatpak/overrides/
        owner: root
        group: root
        mode: "0644"
      with_fileglob:
        - overrides/*
`;

/** Writes the system-folder export into an empty (or new) folder; it never overwrites a file. */
export async function exportSystemTree(core: FlatpakCore, dir: string): Promise<{ files: string[]; skipped: string[] }> {
  const existing = await readdir(dir).catch(() => [] as string[]);
  if (existing.length > 0) throw new ConfineError('invalid-input', `${dir} is not empty; choose a new or empty folder`);
  const { files, skipped } = await userOverrides(core);
  await mkdir(join(dir, 'overrides'), { recursive: true });
  const names: string[] = [];
  for (const f of files) {
    const name = f.app ?? 'global';
    await writeFile(join(dir, 'overrides', name), f.content, { flag: 'wx', mode: 0o644 });
    names.push(name);
  }
  await writeFile(join(dir, 'README.md'), README(names), { flag: 'wx' });
  await writeFile(join(dir, 'playbook.yml'), PLAYBOOK, { flag: 'wx' });
  await writeFile(join(dir, 'inventory.ini'), '# One host per line, e.g.\n# laptop-01.example.org\n', { flag: 'wx' });
  return { files: names, skipped };
}

export async function readExportFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfineError('io', `Cannot read ${path}: ${(e as Error).message}`, path);
  }
}
