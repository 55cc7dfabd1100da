// What Confine remembers between runs about apps' declared permissions: per installation and
// app, the list the user last saw (so an update's additions can be shown, kept or denied), which
// apps are locked, and what the watcher denied. One small JSON file in
// $XDG_STATE_HOME/confine, changed only through swapFile: under the lock every Confine writer
// takes, and compare-and-swapped, so two processes (the window, `confine watch`, a script)
// each add their entries to what the other wrote instead of writing over it. A file this build
// cannot read (damaged, or written by a newer Confine) is reported and left as it is.

import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfineError, ERROR_MESSAGES } from '../../shared/errors';
import { defineMessages, t } from '../../shared/i18n';
import { checkAppId } from '../../shared/flatpak/grammar';
import { readBytes, swapFile } from './files';
import type { Environment } from './locations';

export const REVIEW_FORMAT = 'confine-review';
/** Denials kept for `confine review` to show; the oldest go first. */
export const MAX_DENIALS = 200;

const AppId = z
  .string()
  .max(255)
  .refine((s) => checkAppId(s) === undefined, 'not an application ID');
const Item = z.string().min(3).max(4200).startsWith('--');
const InstallationPath = z.string().min(1).max(4096).startsWith('/');

export const DenialSchema = z
  .object({
    at: z.string().max(40),
    installation: InstallationPath,
    app: AppId,
    items: z.array(Item).max(10_000),
  })
  .strict();
export type Denial = z.infer<typeof DenialSchema>;

/** The part that travels in an export: what was seen, and the locks. */
export const ReviewedSchema = z
  .object({
    /** Installation path → app ID → the declared items the user last saw. */
    seen: z.record(InstallationPath, z.record(AppId, z.array(Item).max(10_000))),
    locks: z.object({ all: z.boolean(), apps: z.array(AppId).max(100_000) }).strict(),
  })
  .strict();
export type Reviewed = z.infer<typeof ReviewedSchema>;

const FileSchema = z
  .object({
    format: z.literal(REVIEW_FORMAT),
    version: z.literal(1),
    ...ReviewedSchema.shape,
    denials: z.array(DenialSchema).max(MAX_DENIALS),
  })
  .strict();
export type ReviewState = z.infer<typeof FileSchema>;

export function emptyReviewState(): ReviewState {
  return { format: REVIEW_FORMAT, version: 1, seen: {}, locks: { all: false, apps: [] }, denials: [] };
}

/** $XDG_STATE_HOME/confine (by default ~/.local/state/confine). */
export function stateDir(env: Environment): string {
  const home = env.HOME || homedir();
  return join(env.XDG_STATE_HOME || join(home, '.local/state'), 'confine');
}

function parseState(path: string, bytes: Buffer): ReviewState {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw broken(path, (e as Error).message);
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > 1) throw broken(path, t(M.newer, { version: String(version) }));
  const parsed = FileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw broken(path, `${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'wrong shape'}`);
  }
  return parsed.data;
}

// What `confine review` and the window say of a state file they cannot use.
const M = defineMessages({
  broken: {
    id: 'error.review-state.broken',
    defaultMessage: '{path} cannot be read ({why}); Confine leaves it as it is: move it away to start afresh',
    description:
      'path: Confine’s review state file; why: what is wrong with it (the JSON reader’s words, or a sentence of ours)',
  },
  newer: {
    id: 'error.review-state.newer',
    defaultMessage: 'it was written by a newer Confine (version {version})',
    description: 'The why of a review state file written by a later release; version: its format version',
  },
});

const broken = (path: string, why: string) => new ConfineError('malformed', t(M.broken, { path, why }), path);

const encode = (s: ReviewState) => Buffer.from(`${JSON.stringify(s, null, 1)}\n`);

export class ReviewStore {
  constructor(readonly path: string) {}

  static forEnvironment(env: Environment): ReviewStore {
    return new ReviewStore(join(stateDir(env), 'review.json'));
  }

  /** What is stored; nothing yet reads as empty, a damaged file throws. */
  async read(): Promise<ReviewState> {
    const bytes = await readBytes(this.path).catch((e: Error) => {
      throw new ConfineError('io', t(ERROR_MESSAGES.cannotRead, { path: this.path, reason: e.message }), this.path);
    });
    return bytes === null ? emptyReviewState() : parseState(this.path, bytes);
  }

  /**
   * Changes the stored state with `edit`, worked out from the file as it is at the moment of
   * writing (again if another process wrote meanwhile), and returns the state written.
   */
  async update(edit: (state: ReviewState) => ReviewState): Promise<ReviewState> {
    await mkdir(join(this.path, '..'), { recursive: true, mode: 0o700 });
    let result = emptyReviewState();
    try {
      await swapFile(
        this.path,
        (current) => {
          const state = current === null ? emptyReviewState() : parseState(this.path, current);
          result = edit(structuredClone(state));
          result.denials = result.denials.slice(-MAX_DENIALS);
          const bytes = encode(result);
          return current !== null && bytes.equals(current) ? current : bytes;
        },
        { mode: 0o600 },
      );
    } catch (e) {
      if (e instanceof ConfineError) throw e;
      throw new ConfineError(
        'io',
        t(ERROR_MESSAGES.cannotWrite, { path: this.path, reason: (e as Error).message }),
        this.path,
      );
    }
    return result;
  }
}
