// The presets' names alone: what the command line's option table offers, without the preset
// labels' messages or the tables that work a preset out.

export const PRESETS = ['recommended', 'strict', 'offline'] as const;
export type PresetName = (typeof PRESETS)[number];
