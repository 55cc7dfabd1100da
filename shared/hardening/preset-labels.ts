// The presets' names and the words for what a change costs: all the window and the command
// line need to offer a preset, without the tables that work one out (presets.ts).

import { defineMessages, t, type Message } from '../i18n';
import { formatted } from './words';
import type { PresetName } from './preset-names';

export { PRESETS, type PresetName } from './preset-names';

const M = defineMessages({
  recommended: {
    id: 'preset.recommended.label',
    defaultMessage: 'Recommended',
    description: 'Name of a hardening preset, in a drop-down and on a button "Apply recommended…"',
  },
  recommendedDescription: {
    id: 'preset.recommended.description',
    defaultMessage:
      'Ticks only what closes a risk at no known cost to an app of its kind. Changes that may cost a feature are shown unticked with what they cost; nothing the app is for is touched.',
    description: 'Shown under the preset drop-down when Recommended is chosen',
  },
  strict: {
    id: 'preset.strict.label',
    defaultMessage: 'Strict',
    description: 'Name of a hardening preset, in a drop-down',
  },
  strictDescription: {
    id: 'preset.strict.description',
    defaultMessage:
      'Takes every risky permission, and says for each what the app loses. Ticked changes may cost features; what the app is for is shown unticked.',
    description: 'Shown under the preset drop-down when Strict is chosen',
  },
  offline: {
    id: 'preset.offline.label',
    defaultMessage: 'Offline',
    description: 'Name of a hardening preset that only takes the network away, in a drop-down',
  },
  offlineDescription: {
    id: 'preset.offline.description',
    defaultMessage: 'Cuts the app off from the network, and nothing else: whatever it does online stops.',
    description: 'Shown under the preset drop-down when Offline is chosen',
  },
});

const preset = (label: Message, description: Message): { label: string; description: string } => ({
  get label() {
    return t(label);
  },
  get description() {
    return t(description);
  },
});

export const PRESET_LABELS: Readonly<Record<PresetName, { label: string; description: string }>> = {
  recommended: preset(M.recommended, M.recommendedDescription),
  strict: preset(M.strict, M.strictDescription),
  offline: preset(M.offline, M.offlineDescription),
};

/** `none`: no known cost for an app of its kind; `feature`: may cost one; `core`: breaks what it is for. */
export type Cost = 'none' | 'feature' | 'core';

export const COST_MESSAGES: Readonly<Record<Cost, Message>> = defineMessages({
  none: {
    id: 'cost.none',
    defaultMessage: 'No known cost for an app of its kind',
    description:
      'What a proposed hardening change costs the app: a badge beside the change, and the start of a sentence',
  },
  feature: {
    id: 'cost.feature',
    defaultMessage: 'May cost a feature',
    description:
      'What a proposed hardening change costs the app: a badge beside the change, and the start of a sentence',
  },
  core: {
    id: 'cost.core',
    defaultMessage: 'Breaks what the app is for',
    description:
      'What a proposed hardening change costs the app: a badge beside the change, and the start of a sentence',
  },
});

export const COST_LABELS: Readonly<Record<Cost, string>> = formatted(COST_MESSAGES);
