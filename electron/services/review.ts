// Review of what updates changed in apps' declared permissions, and the locks that deny such
// changes as soon as they land. What the CLI's `review`, `lock` and `watch` and the window's
// "New since you last looked" call; the decisions are in shared/flatpak/declared.ts,
// the memory in review-store.ts, and a denial is an ordinary edit of the user's override.

import { canonicalItems, declaredItems, denialOf, diffDeclared, isEmptyDiff } from '../../shared/flatpak/declared';
import type { Change } from '../../shared/flatpak/edit';
import { ConfineError } from '../../shared/errors';
import { defineMessage, t } from '../../shared/i18n';

const NOT_TO_REVIEW = defineMessage({
  id: 'error.review.not-a-change',
  defaultMessage: '{given} is not among the changes of {app} to review',
  description: 'given: a permission as the user wrote it (socket:x11); app: an app ID',
});
import type { InstallationInfo } from '../../shared/model';
import type { FlatpakCore } from './core';
import { inSlices } from './in-slices';
import type { OverrideChange } from './overrides';
import { ReviewStore, type Denial, type ReviewState } from './review-store';

/** What one deployment of an app declares now. */
export interface Declared {
  readonly appId: string;
  readonly installation: InstallationInfo;
  readonly items: readonly string[];
}

/** An app whose declared permissions changed since the user last looked. */
export interface PendingReview {
  readonly appId: string;
  readonly installation: string;
  readonly installationPath: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly locked: boolean;
}

export interface ReviewList {
  readonly pending: readonly PendingReview[];
  /** Apps seen for the first time: what they declare now is what the user saw. */
  readonly baselined: number;
  readonly denials: readonly Denial[];
  readonly warnings: readonly string[];
}

export interface Decision {
  readonly appId: string;
  /** The items kept (accepted) and denied, across the app's installations. */
  readonly kept: readonly string[];
  readonly denied: readonly string[];
  /** Added items that Flatpak cannot take back (`--persist`); kept. */
  readonly notDeniable: readonly string[];
}

/** What a decision changed in what the user had seen of an app in one installation: the items
 *  it marked as seen, and those it marked as no longer declared. */
export interface SeenChange {
  readonly installationPath: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

const isLocked = (s: ReviewState, appId: string) => s.locks.all || s.locks.apps.includes(appId);

export class ReviewService {
  constructor(
    private readonly core: FlatpakCore,
    readonly store: ReviewStore = ReviewStore.forEnvironment(core.environment()),
  ) {}

  /** What every deployed app (or just `only`) declares now, per installation. */
  async declared(only?: readonly string[]): Promise<{ apps: Declared[]; warnings: string[] }> {
    const { byApp, installations } = await this.core.deployments(only);
    const byId = new Map(installations.map((i) => [i.id, i]));
    const metadata = this.core.metadataReader();
    const apps: Declared[] = [];
    const warnings: string[] = [];
    const deployed = [...byApp.values()].flat();
    // In slices: an app whose commit no read has parsed yet is read here, synchronously.
    const reads = await inSlices(deployed, metadata);
    deployed.forEach((dep, i) => {
      const installation = byId.get(dep.installation);
      const read = reads[i];
      if (!installation || !read) return;
      if (!read.ok) {
        // A deployment with no metadata at all declares nothing to review.
        if (!read.missing) warnings.push(read.message);
        return;
      }
      apps.push({ appId: dep.appId, installation, items: declaredItems(read.context) });
    });
    return { apps, warnings };
  }

  /**
   * Every app whose declared permissions differ from what the user last saw. An app seen for
   * the first time is remembered as it is (nothing in it is new), so this writes the store
   * when there is such an app.
   */
  async list(only?: readonly string[]): Promise<ReviewList> {
    const { apps, warnings } = await this.declared(only);
    let state = await this.store.read();
    const unseen = apps.filter((a) => state.seen[a.installation.path]?.[a.appId] === undefined);
    if (unseen.length > 0)
      state = await this.store.update((s) => {
        for (const a of unseen) {
          const inst = (s.seen[a.installation.path] ??= {});
          inst[a.appId] ??= [...a.items];
        }
        return s;
      });
    const pending: PendingReview[] = [];
    for (const a of apps) {
      const diff = diffDeclared(state.seen[a.installation.path]?.[a.appId] ?? a.items, a.items);
      if (isEmptyDiff(diff)) continue;
      pending.push({
        appId: a.appId,
        installation: a.installation.id,
        installationPath: a.installation.path,
        ...diff,
        locked: isLocked(state, a.appId),
      });
    }
    return { pending, baselined: unseen.length, denials: state.denials, warnings };
  }

  /**
   * Keeps (`deny` false) or denies the changes of one app, or only the `items` given (in the
   * words `list` uses; `--filesystem=home:rw` finds `--filesystem=home`). A denial writes the
   * user's override first, then the store: a failed write leaves the change still to review.
   */
  async decide(appId: string, deny: boolean, items?: readonly string[]): Promise<Decision> {
    return (await this.decideWritten(appId, deny, items)).decision;
  }

  /** As `decide`, with the user's override as it was before and after (null: nothing written),
   *  for the window to offer Undo. */
  async decideWritten(
    appId: string,
    deny: boolean,
    items?: readonly string[],
  ): Promise<{ decision: Decision; file: OverrideChange | null; seen: SeenChange[] }> {
    const { pending } = await this.list([appId]);
    const mine = pending.filter((p) => p.appId === appId);
    const version = this.core.version.version;
    let chosen: Set<string> | undefined;
    if (items !== undefined) {
      chosen = new Set();
      for (const given of items) {
        const words = canonicalItems(given, version);
        const found = (words ?? []).filter((w) => mine.some((p) => p.added.includes(w) || p.removed.includes(w)));
        if (found.length === 0) throw new ConfineError('invalid-input', t(NOT_TO_REVIEW, { given, app: appId }));
        for (const w of found) chosen.add(w);
      }
    }
    const picked = (item: string) => chosen === undefined || chosen.has(item);
    const state = await this.store.read();
    const changes: Change[] = [];
    const denied = new Set<string>();
    const notDeniable = new Set<string>();
    const kept = new Set<string>();
    for (const p of mine) {
      const seen = state.seen[p.installationPath]?.[appId] ?? [];
      for (const item of p.added.filter(picked)) {
        const denial = deny ? denialOf(item, seen, version) : undefined;
        if (denial) {
          changes.push(denial);
          denied.add(item);
        } else {
          // A narrower declaration (a revoke, a read-only mode) gives nothing to take back.
          if (deny && item.startsWith('--persist=')) notDeniable.add(item);
          kept.add(item);
        }
      }
      for (const item of p.removed.filter(picked)) kept.add(item);
    }
    const file = changes.length > 0 ? await this.core.changeApp(appId, changes) : null;
    const seen = await this.markSeen(
      mine.map((p) => ({
        installationPath: p.installationPath,
        added: p.added.filter(picked),
        removed: p.removed.filter(picked),
      })),
      appId,
    );
    return { decision: { appId, kept: [...kept], denied: [...denied], notDeniable: [...notDeniable] }, file, seen };
  }

  /**
   * Undoes (or redoes) what a decision marked as seen, item by item: Undo of a Deny makes its
   * items new again (`unseen`), Redo marks them seen again (`seen`). A change made since to the
   * app's other items (another Keep, the watcher) is left as it is.
   */
  async restoreSeen(
    appId: string,
    steps: readonly { installationPath: string; seen: readonly string[]; unseen: readonly string[] }[],
  ): Promise<void> {
    if (steps.every((st) => st.seen.length === 0 && st.unseen.length === 0)) return;
    await this.store.update((s) => {
      for (const step of steps) {
        const inst = (s.seen[step.installationPath] ??= {});
        const drop = new Set(step.unseen);
        inst[appId] = [...new Set([...(inst[appId] ?? []).filter((i) => !drop.has(i)), ...step.seen])].sort();
      }
      return s;
    });
  }

  /** Records the given additions and removals as seen, leaving any other change to review. */
  private async markSeen(
    parts: readonly { installationPath: string; added: readonly string[]; removed: readonly string[] }[],
    appId: string,
    denials: readonly Denial[] = [],
  ): Promise<SeenChange[]> {
    const changed = parts.filter((p) => p.added.length > 0 || p.removed.length > 0);
    if (denials.length === 0 && changed.length === 0) return [];
    const out: SeenChange[] = [];
    await this.store.update((s) => {
      out.length = 0;
      for (const p of changed) {
        const inst = (s.seen[p.installationPath] ??= {});
        const was = new Set(inst[appId] ?? []);
        const gone = new Set(p.removed);
        const after = [...new Set([...[...was].filter((i) => !gone.has(i)), ...p.added])].sort();
        inst[appId] = after;
        out.push({
          installationPath: p.installationPath,
          added: after.filter((i) => !was.has(i)),
          removed: [...was].filter((i) => gone.has(i)),
        });
      }
      s.denials.push(...denials);
      return s;
    });
    return out;
  }

  /** Locks (or unlocks) these apps, or every app present and future. */
  async setLock(apps: readonly string[] | 'all', locked: boolean): Promise<ReviewState['locks']> {
    if (apps !== 'all') await this.list(apps);
    else if (locked) await this.list();
    const state = await this.store.update((s) => {
      if (apps === 'all') s.locks = { all: locked, apps: locked ? s.locks.apps : [] };
      else
        s.locks.apps = locked
          ? [...new Set([...s.locks.apps, ...apps])].sort()
          : s.locks.apps.filter((a) => !apps.includes(a));
      return s;
    });
    return state.locks;
  }

  async locks(): Promise<ReviewState['locks']> {
    return (await this.store.read()).locks;
  }

  /**
   * Denies what locked apps gained since last seen, and records each denial. What the watcher
   * runs on every change it notices; an app it fails to write for is left for the next run.
   * Returns the denials that changed the user override, the ones to tell of.
   */
  async enforceLocks(): Promise<{ denials: Denial[]; failures: string[]; warnings: readonly string[] }> {
    const state = await this.store.read();
    if (!state.locks.all && state.locks.apps.length === 0) return { denials: [], failures: [], warnings: [] };
    const { pending, warnings } = await this.list(state.locks.all ? undefined : state.locks.apps);
    const denials: Denial[] = [];
    const failures: string[] = [];
    const version = this.core.version.version;
    for (const appId of [...new Set(pending.filter((p) => p.locked && p.added.length > 0).map((p) => p.appId))]) {
      const mine = pending.filter((p) => p.appId === appId);
      const changes: Change[] = [];
      const records: Denial[] = [];
      for (const p of mine) {
        const seen = state.seen[p.installationPath]?.[appId] ?? [];
        const items: string[] = [];
        for (const item of p.added) {
          const d = denialOf(item, seen, version);
          if (d) {
            changes.push(d);
            items.push(item);
          }
        }
        if (items.length > 0)
          records.push({ at: new Date().toISOString(), installation: p.installationPath, app: appId, items });
      }
      try {
        const written = changes.length > 0 ? await this.core.changeApp(appId, changes) : undefined;
        await this.markSeen(mine, appId, records);
        // Recorded, but told only where the override changed: one `flatpak update` of the app in
        // both installations can land as two checks, the second denying again what the first
        // just denied (the user override holds for both), which was told twice.
        if (written?.changed) denials.push(...records);
      } catch (e) {
        failures.push(`${appId}: ${(e as Error).message}`);
      }
    }
    return { denials, failures, warnings };
  }
}
