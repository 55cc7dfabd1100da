// The presets' names and the words for what a change costs: all the window and the command
// line need to offer a preset, without the tables that work one out (presets.ts).

export const PRESETS = ['recommended', 'strict', 'offline'] as const;
export type PresetName = (typeof PRESETS)[number];

export const PRESET_LABELS: Readonly<Record<PresetName, { label: string; description: string }>> = {
  recommended: {
    label: 'Recommended',
    description:
      'Ticks only what closes a risk at no known cost to an app of its kind. Changes that may cost a feature are shown unticked with what they cost; nothing the app is for is touched.',
  },
  strict: {
    label: 'Strict',
    description:
      'Takes every risky permission, and says for each what the app loses. Ticked changes may cost features; what the app is for is shown unticked.',
  },
  offline: {
    label: 'Offline',
    description: 'Cuts the app off from the network, and nothing else: whatever it does online stops.',
  },
};

/** `none`: no known cost for an app of its kind; `feature`: may cost one; `core`: breaks what it is for. */
export type Cost = 'none' | 'feature' | 'core';

export const COST_LABELS: Readonly<Record<Cost, string>> = {
  none: 'No known cost for an app of its kind',
  feature: 'May cost a feature',
  core: 'Breaks what the app is for',
};
