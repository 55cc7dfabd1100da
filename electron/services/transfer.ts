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
import { decodeUtf8, overridePath, overridesDir } from './overrides';

export const EXPORT_FORMAT = 'confine-overrides';

const OverrideEntry = z.object({
  /** null for the global override. */
  app: z.string().nullable(),
  content: z.string().max(1_000_000),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const ExportFile = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  confine: z.string(),
  flatpak: z.string(),
  created: z.string(),
  overrides: z.array(OverrideEntry).max(10_000),
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
    const bytes = await readBytes(join(dir, name)).catch(() => null);
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
  return {
    file: {
      format: EXPORT_FORMAT,
      version: 1,
      confine: CONFINE_VERSION,
      flatpak: formatVersion(core.version.version),
      created: new Date().toISOString(),
      overrides: files.map((f) => ({ ...f, sha256: sha256(f.content) })),
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
  return parsed.data;
}

export interface ImportItem {
  readonly app: string | null;
  readonly status: 'new' | 'changed' | 'same';
  /** The file as it is now (base64), so applying refuses if it changes meanwhile. */
  readonly current: string | null;
  readonly incoming: string;
}

export async function previewImport(core: FlatpakCore, file: ExportFile): Promise<ImportItem[]> {
  return Promise.all(
    file.overrides.map(async (o) => {
      const current = await readBytes(overridePath(core.paths, { scope: 'user', app: o.app }));
      const incoming = Buffer.from(o.content, 'utf8');
      const status = current === null ? 'new' : current.equals(incoming) ? 'same' : 'changed';
      return { app: o.app, status, current: current === null ? null : current.toString('base64'), incoming: incoming.toString('base64') };
    }),
  );
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
