// What the window remembers between sessions: its size and the app last selected. Stored as
// JSON in the app's own config folder; a damaged file means defaults, never a crash.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const SettingsSchema = z.object({
  window: z
    .object({
      width: z.number().int().min(400).max(20000),
      height: z.number().int().min(300).max(20000),
      x: z.number().int().optional(),
      y: z.number().int().optional(),
      maximized: z.boolean().optional(),
    })
    .optional(),
  selectedApp: z.string().max(255).nullable().optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

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
