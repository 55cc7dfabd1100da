// Export of the user's overrides, and import with a preview and one undoable batch.

import type { StateCreator } from 'zustand';
import type { Response } from '../../../shared/ipc/contract';
import { call } from '../api';
import type { Store } from './index';
import { defineMessages, t } from '../../../shared/i18n';
import type { Failure } from '../../../shared/errors';

const M = defineMessages({
  notExported: {
    id: 'ui.transfer.not-exported',
    defaultMessage: 'Not exported: {problem}',
    description: 'A note when export failed; problem is why',
  },
  exported: {
    id: 'ui.transfer.exported',
    defaultMessage: '{count, plural, one {# override file} other {# override files}} exported to {path}.',
  },
  exportedSkipped: {
    id: 'ui.transfer.exported-skipped',
    defaultMessage:
      '{count, plural, one {# override file} other {# override files}} exported to {path} ({skipped, plural, one {# skipped} other {# skipped}}: {first}).',
    description: 'first names the first file that was skipped',
  },
  notImported: {
    id: 'ui.transfer.not-imported',
    defaultMessage: 'Not imported: {problem}',
    description: 'A note when import failed; problem is why',
  },
  stepFiles: {
    id: 'ui.transfer.step-files',
    defaultMessage: 'import {count, plural, one {# file} other {# files}}',
    description: 'Names a step in the undo history (“Undo: import 3 files”)',
  },
  stepPortals: {
    id: 'ui.transfer.step-portals',
    defaultMessage: 'import {count, plural, one {# portal permission} other {# portal permissions}}',
    description: 'Names a step in the undo history (“Undo: import 2 portal permissions”)',
  },
  imported: {
    id: 'ui.transfer.imported',
    defaultMessage:
      '{files, plural, one {# override file} other {# override files}}{portals, plural, =0 {} one { and # portal permission} other { and # portal permissions}} imported.',
    description: 'A note after an import',
  },
  reviewMerged: {
    id: 'ui.transfer.review-merged',
    defaultMessage:
      'What you had looked at in {apps, plural, one {# app} other {# apps}} and {all, select, yes {the lock of every app} other {{locks, plural, one {# lock} other {# locks}}}} came along.',
    description: 'A sentence after an import that merged the review state (New since you last looked, locks)',
  },
  importedPartly: {
    id: 'ui.transfer.imported-partly',
    defaultMessage:
      '{files, plural, one {# override file} other {# override files}}{portals, plural, =0 {} one { and # portal permission} other { and # portal permissions}} imported; {failed, plural, one {# left as it was} other {# left as they were}}: {problem}',
    description: 'A note after an import where some failed; problem is the first failure’s reason',
  },
});

/** An error note: what failed and why, in one message. */
const failed = (failure: Failure, message: string, undo?: boolean) =>
  ({ kind: 'error', message, failure, ...(undo ? { undo } : {}) }) as const;

export type ImportPreview = Response<'transfer:import-preview'>;

export interface TransferSlice {
  importing:
    | (ImportPreview & {
        chosen: readonly (string | null)[];
        /** Also merge the export's review state (what was seen, the locks), as `confine import` does. */
        mergeReview: boolean;
        busy: boolean;
      })
    | null;
  exportOverrides: (kind: 'file' | 'system-tree') => Promise<void>;
  openImport: () => Promise<void>;
  toggleImport: (app: string | null) => void;
  toggleImportReview: () => void;
  applyImport: () => Promise<void>;
  closeImport: () => void;
}

export const createTransferSlice: StateCreator<Store, [], [], TransferSlice> = (set, get) => ({
  importing: null,
  exportOverrides: async (kind) => {
    await get().flush();
    const r = await call('transfer:export', { kind });
    if (!r.ok) get().showToast(failed(r.error, t(M.notExported, { problem: r.error.message })));
    else if (r.value.path) {
      const { files: count, path, skipped } = r.value;
      get().showToast({
        kind: 'info',
        message: skipped.length
          ? t(M.exportedSkipped, { count, path, skipped: skipped.length, first: skipped[0] ?? '' })
          : t(M.exported, { count, path }),
      });
    }
  },
  openImport: async () => {
    await get().flush();
    const r = await call('transfer:import-preview', {});
    if (!r.ok) get().showToast(failed(r.error, t(M.notImported, { problem: r.error.message })));
    else if (r.value.path)
      set({
        importing: {
          ...r.value,
          chosen: r.value.items.filter((i) => i.status !== 'same').map((i) => i.app),
          mergeReview: r.value.review !== null,
          busy: false,
        },
      });
  },
  toggleImport: (app) => {
    const i = get().importing;
    if (!i) return;
    set({
      importing: { ...i, chosen: i.chosen.includes(app) ? i.chosen.filter((a) => a !== app) : [...i.chosen, app] },
    });
  },
  toggleImportReview: () => {
    const i = get().importing;
    if (i) set({ importing: { ...i, mergeReview: !i.mergeReview } });
  },
  applyImport: async () => {
    const i = get().importing;
    if (!i || (i.chosen.length === 0 && !i.mergeReview)) {
      set({ importing: null });
      return;
    }
    set({ importing: { ...i, busy: true } });
    const r = await call('transfer:import-apply', {
      token: i.token,
      apps: [...i.chosen],
      ...(i.mergeReview ? { review: true } : {}),
    });
    set({ importing: null });
    if (!r.ok) {
      get().showToast(failed(r.error, t(M.notImported, { problem: r.error.message })));
      return;
    }
    const files = r.value.files.length;
    const portals = r.value.portals.length;
    get().recordBatch(
      files > 0 ? t(M.stepFiles, { count: files }) : t(M.stepPortals, { count: portals }),
      r.value.files,
      r.value.portals,
    );
    const undo = files + portals > 0;
    const merged = r.value.review;
    const reviewNote = merged
      ? ` ${t(M.reviewMerged, { apps: merged.apps, all: merged.locks.all ? 'yes' : 'no', locks: merged.locks.apps.length })}`
      : '';
    const first = r.value.failures[0];
    if (first) {
      const message = t(M.importedPartly, {
        files,
        portals,
        failed: r.value.failures.length,
        problem: first.error.message,
      });
      get().showToast(failed(first.error, message + reviewNote, undo));
    } else if (files + portals === 0 && merged) get().showToast({ kind: 'info', message: reviewNote.trim() });
    else get().showToast({ kind: 'info', message: t(M.imported, { files, portals }) + reviewNote, undo });
    if (merged) await get().loadReview();
    await get().loadPermissions();
    await get().afterBatch();
  },
  closeImport: () => set({ importing: null }),
});
