// Export and import of the user's overrides: one JSON file that records Confine's version, for
// backups and other machines; or the plain files of a system override folder with a README and
// an Ansible playbook, so a fleet gets the same hardening without Confine on every machine.

import { createHash, randomBytes } from 'node:crypto';
import {
  chmod,
  link,
  lstat,
  mkdir,
  open,
  readdir,
  readlink,
  realpath,
  rename,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { checkAppId } from '../../shared/flatpak/grammar';
import { formatVersion } from '../../shared/flatpak/version';
import { overrideArgs, shellQuote } from '../../shared/flatpak/override-args';
import { systemOverrideCommand, systemOverrideRefusal } from '../../shared/flatpak/self-sandbox';
import { ConfineError, ERROR_MESSAGES, failure, failureOf, overrideName, type Failure } from '../../shared/errors';
import { defineMessages, t } from '../../shared/i18n';
import { CONFINE_VERSION } from '../../shared/version';
import type { FlatpakCore } from './core';
import { createLink, readBytes } from './files';
import { overridePath, overridesDir, parseLayer, type Scope } from './overrides';
import { allPortalEntries, entryStates, restorePortals } from './portals';
import { ReviewedSchema, ReviewStore } from './review-store';
import { StoreIdSchema, StoreTableSchema, type PortalStep, type PortalValue } from '../../shared/portals/model';

export const EXPORT_FORMAT = 'confine-overrides';

/** 20,000 overrides of a few kilobytes each, base64, fit well below this. */
const MAX_EXPORT = 512 * 1024 * 1024;

const M = defineMessages({
  notAnExport: {
    id: 'error.transfer.not-an-export',
    defaultMessage: 'Not a Confine export: {reason}',
    description: 'reason: what the JSON reader or the format check found',
  },
  notAnExportShape: { id: 'error.transfer.not-an-export-shape', defaultMessage: 'Not a Confine export: wrong shape' },
  twice: {
    id: 'error.transfer.override-twice',
    defaultMessage: '{name} appears twice in the export',
    description: 'name: an override, as error.override-name writes it',
  },
  checksum: {
    id: 'error.transfer.checksum',
    defaultMessage: 'The override of {name} does not match its checksum; the export is damaged',
    description: 'name: an override, as error.override-name writes it',
  },
  entryTwice: {
    id: 'error.transfer.portal-entry-twice',
    defaultMessage: '{entry} of {app} appears twice in the export',
    description: 'entry: a permission store entry, TABLE/ID',
  },
  linkOverExisting: {
    id: 'error.transfer.link-over-existing',
    defaultMessage: '{path} exists; Confine puts a link back only where there is no override (reset it first)',
  },
  exists: { id: 'error.transfer.exists', defaultMessage: '{path} exists; Confine does not overwrite it' },
  nameFolder: { id: 'error.transfer.name-folder', defaultMessage: 'Name a folder for the system override tree' },
  kernelFs: {
    id: 'error.transfer.kernel-file-system',
    defaultMessage: '{dir} is inside {fs}, a kernel file system; choose a folder on a disk',
    description: 'fs: proc, sys or dev',
  },
  notEmpty: { id: 'error.transfer.not-empty', defaultMessage: '{dir} is not empty; choose a new or empty folder' },
  skippedLink: {
    id: 'error.transfer.skipped-link',
    defaultMessage: '{name}: a symbolic link to {target}; Confine does not follow links into exports',
    description: 'An override left out of the system tree; name: app ID or global; target: where the link points',
  },
  notAppFile: {
    id: 'error.transfer.not-app-file',
    defaultMessage: '{path}: not an app ID, and Flatpak never reads it',
    description: 'A file in an overrides folder whose name is no app ID, left out of the export',
  },
  previewUnreadable: {
    id: 'error.transfer.preview-unreadable',
    defaultMessage: 'cannot read {path}: {reason}',
    description: 'Why one override of an import cannot be compared; reason: the system’s error',
  },
  noSuchFile: { id: 'error.transfer.no-such-file', defaultMessage: 'no such file' },
  reviewState: {
    id: 'error.transfer.review-state',
    defaultMessage: 'the review state: {reason}',
    description: 'Left out of an export: the record of reviewed permission changes; reason: why it could not be read',
  },
  systemOverride: {
    id: 'error.transfer.system-override',
    defaultMessage: 'system override: {reason}',
    description: 'An import failure of a system-wide override; reason: what went wrong',
  },
});

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Base64 = z
  .string()
  .max(4 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

/** Version 1 kept only the text of the user's overrides. */
const OverrideV1 = z.object({
  /** null for the global override. */
  app: z.string().nullable(),
  content: z.string().max(1_000_000),
  sha256: Sha256,
});

/** Version 2 keeps each override as it was: its bytes (malformed or not) and mode, or its link. */
const OverrideV2 = z
  .object({
    scope: z.enum(['user', 'system']),
    app: z.string().nullable(),
    bytes: Base64.optional(),
    sha256: Sha256.optional(),
    mode: z.number().int().min(0).max(0o7777),
    /** Where the override pointed when it was a symbolic link; the link is kept, never followed. */
    link: z
      .string()
      .min(1)
      .max(4096)
      .regex(/^[^\0]*$/, 'a path cannot hold a NUL')
      .optional(),
    /** Why Flatpak refuses the file; it is kept, and restored, as it was. */
    malformed: z.string().max(10_000).optional(),
  })
  .strict()
  .refine(
    (o) => (o.link === undefined) === (o.bytes !== undefined && o.sha256 !== undefined),
    'an override has either bytes and their checksum, or a link',
  );

const PortalEntry = z.object({
  app: z.string(),
  table: StoreTableSchema,
  id: StoreIdSchema,
  value: z.array(z.string().max(1000)).min(1).max(64),
});

const Header = {
  format: z.literal(EXPORT_FORMAT),
  confine: z.string(),
  flatpak: z.string(),
  created: z.string(),
  /** Portal permissions from the permission store; older exports have none. */
  portals: z.array(PortalEntry).max(100_000).optional(),
};

const ExportV1 = z.object({ ...Header, version: z.literal(1), overrides: z.array(OverrideV1).max(10_000) });
/** What was seen and locked (`confine review`, `confine lock`), by installation ID rather than
 *  path, so it fits another machine's home folder; exports before it have none. */
const ExportedReview = z
  .object({
    seen: z.record(z.string().min(1).max(255), ReviewedSchema.shape.seen.valueType),
    locks: ReviewedSchema.shape.locks,
  })
  .strict();
export type ExportedReview = z.infer<typeof ExportedReview>;

export const ExportFile = z.object({
  ...Header,
  version: z.literal(2),
  overrides: z.array(OverrideV2).max(20_000),
  review: ExportedReview.optional(),
});
export type ExportFile = z.infer<typeof ExportFile>;

/** An override as it is on disk. */
export type Saved =
  | { readonly kind: 'file'; readonly bytes: Buffer; readonly mode: number }
  | { readonly kind: 'link'; readonly target: string };

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

const sameSaved = (a: Saved | null, b: Saved | null): boolean =>
  a === null || b === null
    ? a === b
    : a.kind === 'file'
      ? b.kind === 'file' && a.bytes.equals(b.bytes) && a.mode === b.mode
      : b.kind === 'link' && a.target === b.target;

/** What is at an override's path: a file with its mode, a link (not followed), or nothing. */
async function readSaved(path: string): Promise<Saved | null> {
  const st = await lstat(path).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
  if (st === null) return null;
  if (st.isSymbolicLink()) return { kind: 'link', target: await readlink(path) };
  const bytes = await readBytes(path);
  return bytes === null ? null : { kind: 'file', bytes, mode: st.mode & 0o7777 };
}

interface Found {
  readonly scope: Scope;
  readonly app: string | null;
  readonly saved: Saved;
  readonly malformed?: string;
}

/** Every override of both scopes; what cannot be kept is named in `skipped`. */
async function allOverrides(
  core: FlatpakCore,
  scopes: readonly Scope[] = ['user', 'system'],
): Promise<{ found: Found[]; skipped: string[] }> {
  const found: Found[] = [];
  const skipped: string[] = [];
  for (const scope of scopes) {
    const dir = overridesDir(core.paths, scope);
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') skipped.push(`${dir}: ${(e as Error).message}`);
      continue;
    }
    for (const name of names) {
      const app = name === 'global' ? null : name;
      if (app !== null && checkAppId(app)) {
        // Flatpak never reads these; Confine's own temporary files start with a dot.
        if (!name.startsWith('.')) skipped.push(t(M.notAppFile, { path: join(dir, name) }));
        continue;
      }
      const path = join(dir, name);
      let saved: Saved | null;
      try {
        saved = await readSaved(path);
      } catch (e) {
        skipped.push(`${path}: ${(e as Error).message}`);
        continue;
      }
      if (saved === null) continue;
      const layer = saved.kind === 'file' ? parseLayer(path, saved.bytes, core.version.version) : undefined;
      found.push(layer && !layer.ok ? { scope, app, saved, malformed: layer.message } : { scope, app, saved });
    }
  }
  return { found, skipped };
}

export async function exportOverrides(core: FlatpakCore): Promise<{ file: ExportFile; skipped: string[] }> {
  const { found, skipped } = await allOverrides(core);
  const portals: z.infer<typeof PortalEntry>[] = [];
  for (const [app, entries] of await allPortalEntries(await core.portals())) {
    // Entries of programs that are not Flatpak apps (an empty name, snap.*) stay on this machine.
    if (checkAppId(app)) continue;
    for (const e of entries) portals.push({ app, table: e.table, id: e.id, value: [...e.value] });
  }
  const review = await exportedReview(core).catch((e: Error) => {
    skipped.push(t(M.reviewState, { reason: e.message }));
    return undefined;
  });
  return {
    file: {
      ...(review === undefined ? {} : { review }),
      format: EXPORT_FORMAT,
      version: 2,
      confine: CONFINE_VERSION,
      flatpak: formatVersion(core.version.version),
      created: new Date().toISOString(),
      overrides: found.map((f) => ({
        scope: f.scope,
        app: f.app,
        ...(f.saved.kind === 'file'
          ? { bytes: f.saved.bytes.toString('base64'), sha256: sha256(f.saved.bytes), mode: f.saved.mode }
          : { link: f.saved.target, mode: 0o777 }),
        ...(f.malformed === undefined ? {} : { malformed: f.malformed }),
      })),
      portals,
    },
    skipped,
  };
}

/** Reads an export (either version), checking every app ID and checksum. */
export function parseExport(text: string): ExportFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfineError('invalid-input', t(M.notAnExport, { reason: (e as Error).message }));
  }
  const v1 = ExportV1.safeParse(json);
  const parsed = v1.success
    ? {
        success: true as const,
        data: {
          ...v1.data,
          version: 2 as const,
          overrides: v1.data.overrides.map((o) => {
            const bytes = Buffer.from(o.content, 'utf8');
            return {
              scope: 'user' as const,
              app: o.app,
              bytes: bytes.toString('base64'),
              sha256: o.sha256,
              mode: 0o644,
            };
          }),
        },
      }
    : ExportFile.safeParse(json);
  if (!parsed.success)
    throw new ConfineError(
      'invalid-input',
      parsed.error.issues[0] ? t(M.notAnExport, { reason: parsed.error.issues[0].message }) : t(M.notAnExportShape),
    );
  const seen = new Set<string>();
  for (const o of parsed.data.overrides) {
    if (o.app !== null) {
      const bad = checkAppId(o.app);
      if (bad) throw new ConfineError('invalid-input', t(ERROR_MESSAGES.badAppId, { app: o.app, problem: bad }));
    }
    const name = overrideName(o.app, o.scope);
    if (seen.has(name)) throw new ConfineError('invalid-input', t(M.twice, { name }));
    seen.add(name);
    if (o.bytes !== undefined && sha256(Buffer.from(o.bytes, 'base64')) !== o.sha256)
      throw new ConfineError('invalid-input', t(M.checksum, { name }));
  }
  const entries = new Set<string>();
  for (const p of parsed.data.portals ?? []) {
    const bad = checkAppId(p.app);
    if (bad) throw new ConfineError('invalid-input', t(ERROR_MESSAGES.badAppId, { app: p.app, problem: bad }));
    const key = JSON.stringify([p.app, p.table, p.id]);
    if (entries.has(key))
      throw new ConfineError('invalid-input', t(M.entryTwice, { entry: `${p.table}/${p.id}`, app: p.app }));
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
  readonly scope: Scope;
  readonly app: string | null;
  readonly status: 'new' | 'changed' | 'same';
  /** The override as it is now, so applying refuses if it changes meanwhile. */
  readonly current: Saved | null;
  /** null when the export has portal permissions of the app but no override file. */
  readonly incoming: Saved | null;
  /** Why Flatpak refuses the incoming file, which is restored as it was all the same. */
  readonly malformed?: string;
  /** Why the override as it is now could not be read; the item is then not written. */
  readonly problem?: string;
  readonly portals: readonly PortalImport[];
}

const sameValue = (a: PortalValue, b: readonly string[]) =>
  a !== null && a.length === b.length && a.every((x, i) => x === b[i]);

const savedOf = (o: ExportFile['overrides'][number]): Saved =>
  o.link !== undefined
    ? { kind: 'link', target: o.link }
    : { kind: 'file', bytes: Buffer.from(o.bytes ?? '', 'base64'), mode: o.mode };

export async function previewImport(core: FlatpakCore, file: ExportFile): Promise<ImportItem[]> {
  const connection = file.portals?.length ? await core.portals() : null;
  const keys = [
    ...new Set([
      ...file.overrides.map((o) => JSON.stringify([o.scope, o.app])),
      ...(file.portals ?? []).map((p) => JSON.stringify(['user', p.app])),
    ]),
  ];
  return Promise.all(
    keys.map(async (key) => {
      const [scope, app] = JSON.parse(key) as [Scope, string | null];
      const o = file.overrides.find((x) => x.scope === scope && x.app === app);
      const path = overridePath(core.paths, { scope, app });
      // One override that cannot be read is one failure, reported; the others go on.
      let problem: string | undefined;
      const current = await readSaved(path).catch((e: Error) => {
        problem = t(M.previewUnreadable, { path, reason: e.message });
        return null;
      });
      const incoming = o ? savedOf(o) : null;
      const wanted = scope === 'user' ? (file.portals ?? []).filter((p) => p.app === app) : [];
      const states =
        connection && app !== null
          ? await entryStates(connection, app, wanted)
          : wanted.map(() => ({ current: null, exists: false }));
      const portals = wanted.map((p, i) => ({
        table: p.table,
        id: p.id,
        incoming: p.value,
        current: states[i]?.current ?? null,
        exists: states[i]?.exists ?? false,
      }));
      const fileDiffers = incoming !== null && !sameSaved(current, incoming);
      const portalsDiffer = portals.some((p) => !sameValue(p.current, p.incoming));
      const nothingNow = current === null && portals.every((p) => p.current === null);
      const status: ImportItem['status'] = !fileDiffers && !portalsDiffer ? 'same' : nothingNow ? 'new' : 'changed';
      const malformed = incoming?.kind === 'file' ? parseLayer(path, incoming.bytes, core.version.version) : undefined;
      // GLib's words, without the path the line above already names.
      const why = malformed && !malformed.ok ? malformed.message.replace(`${path}: `, '') : undefined;
      return {
        scope,
        app,
        status: problem ? 'changed' : status,
        current,
        incoming,
        portals,
        ...(why === undefined ? {} : { malformed: why }),
        ...(problem ? { problem } : {}),
      };
    }),
  );
}

const fileOf = (s: Saved | null): Buffer | null => (s?.kind === 'file' ? s.bytes : null);

/** What to run on the host for a system override Confine cannot write: flatpak's commands for
 *  the permissions in it, or, for a link or a file flatpak's options cannot make, a copy as it is. */
function systemRestoreCommand(core: FlatpakCore, item: ImportItem, incoming: Saved): string {
  const path = overridePath(core.paths, { scope: 'system', app: item.app });
  const layer = incoming.kind === 'file' ? parseLayer(path, incoming.bytes, core.version.version) : undefined;
  const args = layer?.ok ? overrideArgs(layer.context) : [];
  // `see` has no flatpak option; such a file is copied as it is, like one flatpak refuses.
  if (layer?.ok && !args.some((a) => /^--(system-)?see-name=/.test(a))) {
    return [
      systemOverrideCommand(item.app, ['--reset']),
      ...(args.length > 0 ? [systemOverrideCommand(item.app, args)] : []),
    ].join(' && ');
  }
  return incoming.kind === 'link'
    ? `ln -s ${shellQuote(incoming.target)} ${shellQuote(path)}`
    : `echo ${incoming.bytes.toString('base64')} | base64 -d > ${shellQuote(path)}`;
}

/** Puts one override back as the export has it, only if it is still as the preview saw it. */
async function restoreSaved(core: FlatpakCore, item: ImportItem, incoming: Saved): Promise<void> {
  const ref = { scope: item.scope, app: item.app };
  const path = overridePath(core.paths, ref);
  if (incoming.kind === 'link') {
    if (item.current !== null) throw new ConfineError('conflict', t(M.linkOverExisting, { path }), path);
    await createLink(path, incoming.target);
    return;
  }
  if (item.current?.kind === 'link') throw new ConfineError('unsafe-path', t(ERROR_MESSAGES.symlink, { path }), path);
  await core.restore(ref, fileOf(item.current), incoming.bytes, incoming.mode);
  // Equal bytes with another mode: only the mode is put back.
  if (((await lstat(path)).mode & 0o7777) !== incoming.mode) await chmod(path, incoming.mode);
}

/** Writes the chosen items: each override and portal entry only where it differs and is still as
 *  the preview saw it. Every item is reported, done or not. */
export async function applyImport(core: FlatpakCore, items: readonly ImportItem[]) {
  const files: { appId: string | null; before: string | null; after: string | null }[] = [];
  const portals: PortalStep[] = [];
  const failures: { appId: string | null; error: Failure }[] = [];
  const restored: ImportItem[] = [];
  for (const item of items) {
    const failed = failures.length;
    await restoreItem(item);
    if (failures.length === failed) restored.push(item);
  }
  return { files, portals, failures, restored };

  async function restoreItem(item: ImportItem): Promise<void> {
    if (item.problem !== undefined) {
      failures.push({ appId: item.app, error: failure('invalid-input', item.problem, item.app) });
      return;
    }
    if (item.incoming !== null && !sameSaved(item.current, item.incoming)) {
      try {
        await restoreSaved(core, item, item.incoming);
        // Undo puts bytes back in the user's folder; links and system files are not in its reach.
        if (item.scope === 'user' && item.incoming.kind === 'file' && item.current?.kind !== 'link') {
          files.push({
            appId: item.app,
            before: fileOf(item.current)?.toString('base64') ?? null,
            after: item.incoming.bytes.toString('base64'),
          });
        }
      } catch (e) {
        // Inside Confine's Flatpak the system installation is mounted read-only: say so, with
        // the commands that give the app these permissions on the host.
        const error =
          core.sandbox && item.scope === 'system'
            ? failure(
                'permission-denied',
                systemOverrideRefusal(core.sandbox, systemRestoreCommand(core, item, item.incoming)),
                item.app,
              )
            : failureOf(e, item.app);
        failures.push({
          appId: item.app,
          error: {
            ...error,
            message: item.scope === 'system' ? t(M.systemOverride, { reason: error.message }) : error.message,
          },
        });
      }
    }
    const changes = item.portals.filter((p) => !sameValue(p.current, p.incoming));
    const app = item.app;
    if (app === null || changes.length === 0) return;
    const missing = changes.filter((p) => !p.exists);
    for (const p of missing)
      failures.push({
        appId: app,
        error: failure(
          'invalid-input',
          `${p.table}/${p.id}: no portal has made this entry on this machine, so it was left out`,
          app,
        ),
      });
    const done = await restorePortals(
      await core.portals(),
      changes
        .filter((p) => p.exists)
        .map((p) => ({ appId: app, table: p.table, id: p.id, expected: p.current, content: [...p.incoming] })),
    );
    portals.push(...done.done);
    failures.push(...done.failures);
  }
}

/** An export as its file holds it, for a file or for standard output alike. */
export function exportText(file: ExportFile): string {
  return JSON.stringify(file, null, 2) + '\n';
}

/**
 * Writes an export file whole or not at all (a full disk leaves no half export behind);
 * `replace` where the user chose to overwrite it in a save dialog.
 */
export async function writeExportFile(path: string, file: ExportFile, options: { replace: boolean }): Promise<void> {
  const text = exportText(file);
  const temp = join(dirname(path), `.${basename(path)}.confine-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // link() refuses an existing name: the way to create a file whole without replacing one.
    if (options.replace) await rename(temp, path);
    else await link(temp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfineError(
      code === 'EEXIST' ? 'invalid-input' : 'io',
      code === 'EEXIST' ? t(M.exists, { path }) : t(ERROR_MESSAGES.cannotWrite, { path, reason: (e as Error).message }),
      path,
    );
  } finally {
    await unlink(temp).catch(() => undefined);
  }
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

/** Kernel file systems are no place for files, and writing into them can hang. */
async function checkTreeTarget(dir: string): Promise<void> {
  if (dir.trim() === '') throw new ConfineError('invalid-input', t(M.nameFolder));
  let at = resolve(dir);
  for (;;) {
    const real = await realpath(at).catch(() => null);
    if (real !== null) {
      if (/^\/(proc|sys|dev)(\/|$)/.test(real))
        throw new ConfineError('invalid-input', t(M.kernelFs, { dir, fs: real.split('/')[1] ?? '' }));
      return;
    }
    const parent = dirname(at);
    if (parent === at) return;
    at = parent;
  }
}

/** Writes the system-folder export into an empty (or new) folder; it never overwrites a file. */
export async function exportSystemTree(
  core: FlatpakCore,
  dir: string,
): Promise<{ files: string[]; skipped: string[] }> {
  await checkTreeTarget(dir);
  const existing = await readdir(dir).catch(() => [] as string[]);
  if (existing.length > 0) throw new ConfineError('invalid-input', t(M.notEmpty, { dir }));
  const { found, skipped } = await allOverrides(core, ['user']);
  await mkdir(join(dir, 'overrides'), { recursive: true });
  const names: string[] = [];
  for (const f of found) {
    const name = f.app ?? 'global';
    // Meant for every machine, as root: neither a link nor a file Flatpak refuses goes there.
    if (f.saved.kind === 'link') {
      skipped.push(t(M.skippedLink, { name, target: f.saved.target }));
      continue;
    }
    if (f.malformed !== undefined) {
      skipped.push(`${name}: ${f.malformed}`);
      continue;
    }
    await writeFile(join(dir, 'overrides', name), f.saved.bytes, { flag: 'wx', mode: 0o644 });
    names.push(name);
  }
  await writeFile(join(dir, 'README.md'), README(names), { flag: 'wx' });
  await writeFile(join(dir, 'playbook.yml'), PLAYBOOK, { flag: 'wx' });
  await writeFile(join(dir, 'inventory.ini'), '# One host per line, e.g.\n# laptop-01.example.org\n', { flag: 'wx' });
  return { files: names, skipped };
}

export async function readExportFile(path: string): Promise<string> {
  try {
    const bytes = await readBytes(path, MAX_EXPORT);
    if (bytes === null) throw new Error(t(M.noSuchFile));
    return bytes.toString('utf8');
  } catch (e) {
    throw new ConfineError('io', t(ERROR_MESSAGES.cannotRead, { path, reason: (e as Error).message }), path);
  }
}

/** The review store as an export carries it, installations by ID; nothing when it is empty. */
async function exportedReview(core: FlatpakCore): Promise<ExportedReview | undefined> {
  const state = await ReviewStore.forEnvironment(core.environment()).read();
  if (Object.keys(state.seen).length === 0 && !state.locks.all && state.locks.apps.length === 0) return undefined;
  const { installations } = await core.installations();
  const seen: ExportedReview['seen'] = {};
  for (const i of installations) {
    const apps = state.seen[i.path];
    if (apps !== undefined) seen[i.id] = apps;
  }
  return { seen, locks: state.locks };
}

export interface ReviewImport {
  /** Apps whose seen permissions were taken from the export. */
  readonly apps: number;
  readonly locks: ExportedReview['locks'];
  /** Installations of the export that this machine does not have. */
  readonly missing: readonly string[];
}

/**
 * Takes the export's review state into the store: what it says was seen replaces what this
 * machine remembers for the same app and installation, and its locks are added to these.
 */
export async function importReview(core: FlatpakCore, file: ExportFile, dryRun: boolean): Promise<ReviewImport | null> {
  const review = file.review;
  if (review === undefined) return null;
  const { installations } = await core.installations();
  const byId = new Map(installations.map((i) => [i.id, i.path]));
  const missing = Object.keys(review.seen).filter((id) => !byId.has(id));
  let apps = 0;
  for (const [id, seen] of Object.entries(review.seen)) if (byId.has(id)) apps += Object.keys(seen).length;
  if (!dryRun)
    await ReviewStore.forEnvironment(core.environment()).update((s) => {
      for (const [id, seen] of Object.entries(review.seen)) {
        const path = byId.get(id);
        if (path !== undefined) s.seen[path] = { ...s.seen[path], ...seen };
      }
      s.locks = {
        all: s.locks.all || review.locks.all,
        apps: [...new Set([...s.locks.apps, ...review.locks.apps])].sort(),
      };
      return s;
    });
  return { apps, locks: review.locks, missing };
}
