// What each permission-store entry means, as xdg-desktop-portal reads it (research: the portal's
// src/*.c, 1.16 to 1.22): the six rows Flatseal shows, the other yes/no entries the portals
// keep, and plain words for the tables whose entries are not a yes or a no.

import { worded } from '../flatpak/catalogue';
import { defineMessages, t, type Message } from '../i18n';
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

const P = defineMessages({
  'background.label': { id: 'portal.background.label', defaultMessage: 'Run in the background' },
  'background.description': {
    id: 'portal.background.description',
    defaultMessage: 'Keep running, and start at login, after its windows close.',
  },
  'notifications.label': { id: 'portal.notifications.label', defaultMessage: 'Notifications' },
  'notifications.description': {
    id: 'portal.notifications.description',
    defaultMessage: 'Show notifications. The portal allows this the first time an app asks.',
  },
  'microphone.label': { id: 'portal.microphone.label', defaultMessage: 'Microphone' },
  'microphone.description': {
    id: 'portal.microphone.description',
    defaultMessage: 'Record from the microphone through the device portal, without asking again.',
  },
  'microphone.exposure.title': {
    id: 'portal.microphone.exposure.title',
    defaultMessage: 'Microphone, without asking',
    description: 'A finding’s title: the portal lets the app do this without asking',
  },
  'microphone.exposure.detail': {
    id: 'portal.microphone.exposure.detail',
    defaultMessage: 'The portal lets it record from the microphone without asking you again.',
  },
  'speakers.label': { id: 'portal.speakers.label', defaultMessage: 'Speakers' },
  'speakers.description': {
    id: 'portal.speakers.description',
    defaultMessage: 'Play sound through the device portal, without asking again.',
  },
  'camera.label': { id: 'portal.camera.label', defaultMessage: 'Camera' },
  'camera.description': { id: 'portal.camera.description', defaultMessage: 'Use the camera, without asking again.' },
  'camera.exposure.title': {
    id: 'portal.camera.exposure.title',
    defaultMessage: 'Camera, without asking',
    description: 'A finding’s title: the portal lets the app do this without asking',
  },
  'camera.exposure.detail': {
    id: 'portal.camera.exposure.detail',
    defaultMessage: 'The portal lets it use the camera without asking you again.',
  },
  'location.label': { id: 'portal.location.label', defaultMessage: 'Location' },
  'location.description': {
    id: 'portal.location.description',
    defaultMessage:
      'Know where the computer is. Allowing gives the exact location; the portal asks when this is not set.',
  },
  'location.exposure.title': {
    id: 'portal.location.exposure.title',
    defaultMessage: 'Your location, without asking',
    description: 'A finding’s title: the portal lets the app do this without asking',
  },
  'location.exposure.detail': {
    id: 'portal.location.exposure.detail',
    defaultMessage: 'The portal tells it where the computer is without asking you again.',
  },
  'screenshot.label': { id: 'portal.screenshot.label', defaultMessage: 'Screenshots without asking' },
  'screenshot.description': {
    id: 'portal.screenshot.description',
    defaultMessage: 'Take screenshots of the whole screen without showing a dialog.',
  },
  'wallpaper.label': { id: 'portal.wallpaper.label', defaultMessage: 'Change the wallpaper' },
  'wallpaper.description': {
    id: 'portal.wallpaper.description',
    defaultMessage: 'Set the desktop background without asking.',
  },
  'gamemode.label': { id: 'portal.gamemode.label', defaultMessage: 'Game mode' },
  'gamemode.description': {
    id: 'portal.gamemode.description',
    defaultMessage: 'Ask GameMode to tune the computer for games.',
  },
  'realtime.label': { id: 'portal.realtime.label', defaultMessage: 'Realtime scheduling' },
  'realtime.description': {
    id: 'portal.realtime.description',
    defaultMessage: 'Make its threads realtime or high priority, as audio apps do.',
  },
});

type Words = keyof typeof P;

/** A kind with its words from P, put into words when read. */
function kind(base: Omit<PortalKind, 'label' | 'description' | 'exposure'>): PortalKind {
  const title = P[`${base.key}.exposure.title` as Words] as Message | undefined;
  const detail = P[`${base.key}.exposure.detail` as Words] as Message | undefined;
  const exposure = title && detail ? { exposure: worded({}, { title, detail }) } : {};
  return worded(
    { ...base, ...exposure },
    { label: P[`${base.key}.label` as Words], description: P[`${base.key}.description` as Words] },
  );
}

export const PORTAL_KINDS: readonly PortalKind[] = [
  kind({
    key: 'background',
    table: 'background',
    id: 'background',
    allowed: YES,
    denied: NO,
    reading: 'tristate',
  }),
  kind({
    key: 'notifications',
    table: 'notifications',
    id: 'notification',
    allowed: YES,
    denied: NO,
    reading: 'tristate',
  }),
  kind({
    key: 'microphone',
    table: 'devices',
    id: 'microphone',
    allowed: YES,
    denied: NO,
    reading: 'tristate',
  }),
  kind({
    key: 'speakers',
    table: 'devices',
    id: 'speakers',
    allowed: YES,
    denied: NO,
    reading: 'tristate',
  }),
  kind({
    key: 'camera',
    table: 'devices',
    id: 'camera',
    allowed: YES,
    denied: NO,
    reading: 'tristate',
  }),
  kind({
    key: 'location',
    table: 'location',
    id: 'location',
    allowed: ['EXACT', '0'],
    denied: ['NONE', '0'],
    reading: 'location',
  }),
  kind({
    key: 'screenshot',
    table: 'screenshot',
    id: 'screenshot',
    allowed: YES,
    denied: NO,
    reading: 'tristate',
  }),
  kind({
    key: 'wallpaper',
    table: 'wallpaper',
    id: 'wallpaper',
    allowed: YES,
    denied: NO,
    reading: 'tristate',
  }),
  kind({
    key: 'gamemode',
    table: 'gamemode',
    id: 'gamemode',
    allowed: YES,
    denied: NO,
    reading: 'contains-no',
  }),
  kind({
    key: 'realtime',
    table: 'realtime',
    id: 'realtime',
    allowed: YES,
    denied: NO,
    reading: 'tristate',
  }),
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

const V = defineMessages({
  notSet: {
    id: 'portal.value.not-set',
    defaultMessage: 'not set',
    description: 'A portal permission the store has no value for, inside a sentence: “now: not set”',
  },
  location: {
    id: 'portal.value.location-allowed',
    defaultMessage:
      'allowed, up to {level, select, COUNTRY {country} CITY {city} NEIGHBORHOOD {neighborhood} STREET {street} EXACT {exact} other {{raw}}} accuracy',
    description: 'The location portal’s stored accuracy; raw is the stored token in small letters',
  },
  ask: { id: 'portal.value.ask', defaultMessage: 'ask every time', description: 'A stored portal value' },
  nothing: {
    id: 'portal.value.nothing',
    defaultMessage: 'nothing',
    description: 'A stored portal value that is empty',
  },
});

/** Words for a value the portal keeps but that is not a plain allow or deny. */
export function describeValue(kind: PortalKind | undefined, value: PortalValue): string {
  if (value === null) return t(V.notSet);
  if (kind?.reading === 'location' && value[0] && value[0] !== 'NONE')
    return t(V.location, { level: value[0], raw: value[0].toLowerCase() });
  if (kind?.reading === 'tristate' && value.length === 1 && value[0] === 'ask') return t(V.ask);
  return value.join(', ') || t(V.nothing);
}

const T = defineMessages({
  documentsLabel: { id: 'portal.table.documents.label', defaultMessage: 'Shared file' },
  documentsDescription: {
    id: 'portal.table.documents.description',
    defaultMessage:
      'A file or folder you gave it through a file chooser; it keeps access to it. The document portal reads this list when it starts, so forgetting one takes full effect after you log in again.',
  },
  documentsDetail: {
    id: 'portal.table.documents.detail',
    defaultMessage: 'may {permissions}',
    description: 'permissions is a list of the document portal’s tokens: read, write, grant-permissions, delete',
  },
  screencastLabel: { id: 'portal.table.screencast.label', defaultMessage: 'Remembered screen sharing' },
  screencastDescription: {
    id: 'portal.table.screencast.description',
    defaultMessage: 'It may share the screen again without asking, with the choices you made before.',
  },
  remoteDesktopLabel: { id: 'portal.table.remote-desktop.label', defaultMessage: 'Remembered remote control' },
  remoteDesktopDescription: {
    id: 'portal.table.remote-desktop.description',
    defaultMessage: 'It may control the computer again without asking, as you allowed before.',
  },
  inputCaptureLabel: { id: 'portal.table.input-capture.label', defaultMessage: 'Remembered input capture' },
  inputCaptureDescription: {
    id: 'portal.table.input-capture.description',
    defaultMessage: 'It may capture the keyboard and mouse again without asking.',
  },
  usbLabel: { id: 'portal.table.usb.label', defaultMessage: 'USB device' },
  usbDescription: { id: 'portal.table.usb.description', defaultMessage: 'A USB device you let it use.' },
  inhibitLabel: { id: 'portal.table.inhibit.label', defaultMessage: 'Stop logout or sleep' },
  inhibitDescription: {
    id: 'portal.table.inhibit.description',
    defaultMessage: 'Which of logout, user switching, suspend and idle it may hold off; not set allows all.',
  },
  inhibitDetail: {
    id: 'portal.table.inhibit.detail',
    defaultMessage: 'may hold off {flags}',
    description: 'flags is a list of the inhibit portal’s tokens: logout, switch, suspend, idle',
  },
  usedAppsLabel: { id: 'portal.table.desktop-used-apps.label', defaultMessage: 'Default app choice' },
  usedAppsDescription: {
    id: 'portal.table.desktop-used-apps.description',
    defaultMessage: 'The app picked to open this kind of file or link.',
  },
  usedAppsDetail: {
    id: 'portal.table.desktop-used-apps.detail',
    defaultMessage: '{type} opens with {app}',
    description: 'type is a content type (text/plain) or URI scheme; app an app ID, or portal.value.nothing',
  },
  withDetail: {
    id: 'portal.table.with-detail',
    defaultMessage: '{description} ({detail})',
    description: 'A table’s description followed by which entry it is',
  },
  unknownLabel: {
    id: 'portal.table.unknown.label',
    defaultMessage: '{table} entry',
    description: 'An entry of a permission store table Confine has no words for; table is its name',
  },
  unknownDescription: {
    id: 'portal.table.unknown.description',
    defaultMessage: 'An entry a portal keeps in its “{table}” table ({id}: {value}).',
    description: 'table is the store table’s name, id the entry’s ID, value its stored words',
  },
});

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
  documents: worded(
    { detail: (_id: string, v: readonly string[]) => t(T.documentsDetail, { permissions: v.join(', ') }) },
    { label: T.documentsLabel, description: T.documentsDescription },
  ),
  screencast: worded({}, { label: T.screencastLabel, description: T.screencastDescription }),
  'remote-desktop': worded({}, { label: T.remoteDesktopLabel, description: T.remoteDesktopDescription }),
  'input-capture': worded({}, { label: T.inputCaptureLabel, description: T.inputCaptureDescription }),
  usb: worded(
    { detail: (id: string, v: readonly string[]) => `${id.replace(/^usb:/, '')}: ${v.join(', ')}` },
    { label: T.usbLabel, description: T.usbDescription },
  ),
  inhibit: worded(
    { detail: (_id: string, v: readonly string[]) => t(T.inhibitDetail, { flags: v.join(', ') }) },
    { label: T.inhibitLabel, description: T.inhibitDescription },
  ),
  'desktop-used-apps': worded(
    { detail: (id: string, v: readonly string[]) => t(T.usedAppsDetail, { type: id, app: v[0] ?? t(V.nothing) }) },
    { label: T.usedAppsLabel, description: T.usedAppsDescription },
  ),
};

export function otherLabel(
  table: string,
  id: string,
  value: readonly string[],
): { label: string; description: string } {
  const words = OTHER_TABLES[table];
  if (!words)
    return {
      label: t(T.unknownLabel, { table }),
      description: t(T.unknownDescription, { table, id, value: value.join(', ') }),
    };
  return {
    label: words.label,
    description: words.detail
      ? t(T.withDetail, { description: words.description, detail: words.detail(id, value) })
      : words.description,
  };
}
