// What each permission-store entry means, as xdg-desktop-portal reads it (research: the portal's
// src/*.c, 1.16 to 1.22): the six rows Flatseal shows, the other yes/no entries the portals
// keep, and plain words for the tables whose entries are not a yes or a no.

import type { PortalState, PortalValue } from './model';

export interface PortalKind {
  readonly key: string;
  readonly table: string;
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** What "allowed" and "denied" are written as. */
  readonly allowed: readonly string[];
  readonly denied: readonly string[];
  /** How the portal reads a value. */
  readonly reading: 'tristate' | 'location' | 'contains-no';
  /** Counted in the exposure audit when allowed. */
  readonly exposure?: { readonly title: string; readonly detail: string };
}

const YES = ['yes'] as const;
const NO = ['no'] as const;

export const PORTAL_KINDS: readonly PortalKind[] = [
  {
    key: 'background',
    table: 'background',
    id: 'background',
    label: 'Run in the background',
    description: 'Keep running, and start at login, after its windows close.',
    allowed: YES,
    denied: NO,
    reading: 'tristate',
  },
  {
    key: 'notifications',
    table: 'notifications',
    id: 'notification',
    label: 'Notifications',
    description: 'Show notifications. The portal allows this the first time an app asks.',
    allowed: YES,
    denied: NO,
    reading: 'tristate',
  },
  {
    key: 'microphone',
    table: 'devices',
    id: 'microphone',
    label: 'Microphone',
    description: 'Record from the microphone through the device portal, without asking again.',
    allowed: YES,
    denied: NO,
    reading: 'tristate',
    exposure: {
      title: 'Microphone, without asking',
      detail: 'The portal lets it record from the microphone without asking you again.',
    },
  },
  {
    key: 'speakers',
    table: 'devices',
    id: 'speakers',
    label: 'Speakers',
    description: 'Play sound through the device portal, without asking again.',
    allowed: YES,
    denied: NO,
    reading: 'tristate',
  },
  {
    key: 'camera',
    table: 'devices',
    id: 'camera',
    label: 'Camera',
    description: 'Use the camera, without asking again.',
    allowed: YES,
    denied: NO,
    reading: 'tristate',
    exposure: {
      title: 'Camera, without asking',
      detail: 'The portal lets it use the camera without asking you again.',
    },
  },
  {
    key: 'location',
    table: 'location',
    id: 'location',
    label: 'Location',
    description: 'Know where the computer is. Allowing gives the exact location; the portal asks when this is not set.',
    allowed: ['EXACT', '0'],
    denied: ['NONE', '0'],
    reading: 'location',
    exposure: {
      title: 'Your location, without asking',
      detail: 'The portal tells it where the computer is without asking you again.',
    },
  },
  {
    key: 'screenshot',
    table: 'screenshot',
    id: 'screenshot',
    label: 'Screenshots without asking',
    description: 'Take screenshots of the whole screen without showing a dialog.',
    allowed: YES,
    denied: NO,
    reading: 'tristate',
  },
  {
    key: 'wallpaper',
    table: 'wallpaper',
    id: 'wallpaper',
    label: 'Change the wallpaper',
    description: 'Set the desktop background without asking.',
    allowed: YES,
    denied: NO,
    reading: 'tristate',
  },
  {
    key: 'gamemode',
    table: 'gamemode',
    id: 'gamemode',
    label: 'Game mode',
    description: 'Ask GameMode to tune the computer for games.',
    allowed: YES,
    denied: NO,
    reading: 'contains-no',
  },
  {
    key: 'realtime',
    table: 'realtime',
    id: 'realtime',
    label: 'Realtime scheduling',
    description: 'Make its threads realtime or high priority, as audio apps do.',
    allowed: YES,
    denied: NO,
    reading: 'tristate',
  },
];

export function kindByKey(key: string): PortalKind | undefined {
  return PORTAL_KINDS.find((k) => k.key === key);
}

export function kindOf(table: string, id: string): PortalKind | undefined {
  return PORTAL_KINDS.find((k) => k.table === table && k.id === id);
}

const LOCATION_LEVELS = ['NONE', 'COUNTRY', 'CITY', 'NEIGHBORHOOD', 'STREET', 'EXACT'];

/** The state as the portal itself would take the value. */
export function portalState(kind: PortalKind, value: PortalValue): PortalState {
  if (value === null || value.length === 0) return 'not-set';
  switch (kind.reading) {
    case 'tristate':
      return value.length === 1 && value[0] === 'yes'
        ? 'allowed'
        : value.length === 1 && value[0] === 'no'
          ? 'denied'
          : 'other';
    case 'contains-no':
      return value.includes('no') ? 'denied' : 'allowed';
    case 'location':
      if (value.length < 2 || !LOCATION_LEVELS.includes(value[0] ?? '')) return 'other';
      return value[0] === 'NONE' ? 'denied' : 'allowed';
  }
}

/** Words for a value the portal keeps but that is not a plain allow or deny. */
export function describeValue(kind: PortalKind | undefined, value: PortalValue): string {
  if (value === null) return 'not set';
  if (kind?.reading === 'location' && value[0] && value[0] !== 'NONE')
    return `allowed, up to ${value[0].toLowerCase()} accuracy`;
  if (kind?.reading === 'tristate' && value.length === 1 && value[0] === 'ask') return 'ask every time';
  return value.join(', ') || 'nothing';
}

/** Plain words for the tables whose entries are not a yes or a no; `detail` says which entry
 *  it is where its ID or value means something to a person (not a token or a document number). */
export const OTHER_TABLES: Readonly<
  Record<
    string,
    {
      readonly label: string;
      readonly description: string;
      readonly detail?: (id: string, value: readonly string[]) => string;
    }
  >
> = {
  documents: {
    label: 'Shared file',
    description:
      'A file or folder you gave it through a file chooser; it keeps access to it. The document portal reads this list when it starts, so forgetting one takes full effect after you log in again.',
    detail: (_id, v) => `may ${v.join(', ')}`,
  },
  screencast: {
    label: 'Remembered screen sharing',
    description: 'It may share the screen again without asking, with the choices you made before.',
  },
  'remote-desktop': {
    label: 'Remembered remote control',
    description: 'It may control the computer again without asking, as you allowed before.',
  },
  'input-capture': {
    label: 'Remembered input capture',
    description: 'It may capture the keyboard and mouse again without asking.',
  },
  usb: {
    label: 'USB device',
    description: 'A USB device you let it use.',
    detail: (id, v) => `${id.replace(/^usb:/, '')}: ${v.join(', ')}`,
  },
  inhibit: {
    label: 'Stop logout or sleep',
    description: 'Which of logout, user switching, suspend and idle it may hold off; not set allows all.',
    detail: (_id, v) => `may hold off ${v.join(', ')}`,
  },
  'desktop-used-apps': {
    label: 'Default app choice',
    description: 'The app picked to open this kind of file or link.',
    detail: (id, v) => `${id} opens with ${v[0] ?? 'nothing'}`,
  },
};

export function otherLabel(
  table: string,
  id: string,
  value: readonly string[],
): { label: string; description: string } {
  const words = OTHER_TABLES[table];
  if (!words)
    return {
      label: `${table} entry`,
      description: `An entry a portal keeps in its “${table}” table (${id}: ${value.join(', ')}).`,
    };
  return {
    label: words.label,
    description: words.detail ? `${words.description} (${words.detail(id, value)})` : words.description,
  };
}
