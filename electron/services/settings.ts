// What the window remembers between sessions: its size and the page last shown. Stored as
// JSON in the app's own config folder; a damaged file means defaults, never a crash.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppIdSchema, PageSchema, type Page } from '../../shared/ipc/schemas';

/**
 * Before pages were typed, the file held `selectedApp`: an app ID, or (in early builds) one of
 * the window's sentinels. It is still read, and the next save writes `page` instead.
 */
function legacyPage(selectedApp: string): Page | undefined {
  const sentinels: Record<string, Page> = {
    '*overview*': { kind: 'overview' },
    '*global*': { kind: 'global' },
    '*system*': { kind: 'system' },
  };
  const sentinel = sentinels[selectedApp];
  if (sentinel) return sentinel;
  return AppIdSchema.safeParse(selectedApp).success ? { kind: 'app', appId: selectedApp } : undefined;
}

const FileSchema = z.object({
  window: z
    .object({
      width: z.number().int().min(400).max(20000),
      height: z.number().int().min(300).max(20000),
      x: z.number().int().optional(),
      y: z.number().int().optional(),
      maximized: z.boolean().optional(),
    })
    .optional(),
  // A page this build cannot read costs only the page, not the window's size.
  page: PageSchema.optional().catch(undefined),
  selectedApp: z.string().max(255).nullable().optional().catch(undefined),
});

const SettingsSchema = FileSchema.transform(({ selectedApp, page, ...rest }): Settings => {
  const mapped = page ?? (typeof selectedApp === 'string' ? legacyPage(selectedApp) : undefined);
  return mapped === undefined ? rest : { ...rest, page: mapped };
});
export type Settings = Omit<z.output<typeof FileSchema>, 'selectedApp'>;

export class SettingsStore {
  private current: Settings = {};
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  static inFolder(folder: string): SettingsStore {
    return new SettingsStore(join(folder, 'settings.json'));
  }

  async load(): Promise<Settings> {
    try {
      const parsed = SettingsSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      this.current = parsed.success ? parsed.data : {};
    } catch {
      this.current = {};
    }
    return this.current;
  }

  get(): Settings {
    return this.current;
  }

  /** Merges and saves; writes are queued so the last one wins. */
  update(patch: Settings): Promise<void> {
    this.current = { ...this.current, ...patch };
    const data = JSON.stringify(this.current, null, 1);
    this.writing = this.writing.then(async () => {
      try {
        await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
        const tmp = `${this.file}.${randomBytes(6).toString('hex')}`;
        await writeFile(tmp, data, { mode: 0o600 });
        await rename(tmp, this.file);
      } catch {
        // Settings are a convenience; failing to save them must not disturb the user.
      }
    });
    return this.writing;
  }
}
