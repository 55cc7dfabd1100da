// Presets turn an app's effective permissions into proposed changes, each with the exposure it
// closes, what the app can no longer do afterwards, and what that costs an app of its kind.
// The rules are one table; the needs model (needs.ts) says what each app needs and why.
// - recommended: ticks only changes with no known cost for an app of that kind, shows those
//   that may cost a feature unticked, and never proposes what breaks what the app is for;
// - strict: proposes everything risky, ticks all but what the app is for, and says the cost;
// - offline: the network, and nothing else.
// Where an app needs its files, writes to home are kept and the ways out beneath are made
// read-only where Flatpak can hold them (routes.ts MASKS); X11 becomes X11-without-Wayland only
// where the app draws on Wayland. A preset never grants anything the app could not reach.

import { filesystemWords, XDG_FILESYSTEMS, type FlagKind } from '../flatpak/catalogue';
import type { BusKind, Context } from '../flatpak/context';
import type { Change } from '../flatpak/edit';
import { FS_MODE_RANK, type FsMode } from '../flatpak/filesystem';
import { has, locationOf, policyFor, reach, writes } from './access';
import { drawsOnWayland, NEED_LOSS, needsOf, type AppFacts, type NeedId, type Needs } from './needs';
import { BUS_ROUTES, MASKS, PATH_ROUTES, type BusClass, type RouteClass } from './routes';
import { COST_MESSAGES, type Cost, type PresetName } from './preset-labels';
import { AGENT_WORDS } from './audit-rules';
import { P } from './proposal-words';
import { formatList, t, type Message, type Values } from '../i18n';

const COST_RANK: Readonly<Record<Cost, number>> = { none: 0, feature: 1, core: 2 };

/** The cost in one sentence, with the evidence behind it. */
export function costSentence(p: Pick<Proposal, 'cost' | 'evidence'>): string {
  const cost = t(COST_MESSAGES[p.cost]);
  return p.evidence.length === 0
    ? t(P.costSentence, { cost })
    : t(P.costSentenceEvidence, { cost, evidence: formatList(p.evidence) });
}

export interface Proposal {
  readonly id: string;
  readonly title: string;
  /** The risk it closes, in words. */
  readonly reason: string;
  /** What the app can no longer do once it is applied, in words. */
  readonly loses: string;
  readonly cost: Cost;
  /** Why Confine thinks the app needs what it takes away; empty when nothing says so. */
  readonly evidence: readonly string[];
  /** Changes to the effective permissions (the override stores only the difference). */
  readonly changes: readonly Change[];
  /** Folders in home to create before writing, so that a read-only mask holds (routes.ts). */
  readonly prepare: readonly string[];
  readonly selected: boolean;
}

export { type AppFacts } from './needs';

/** The presets a rule belongs to: strict proposes every rule. */
const RECOMMENDED: readonly PresetName[] = ['recommended', 'strict'];
const STRICT: readonly PresetName[] = ['strict'];

interface Rule {
  readonly id: string;
  /** The presets that propose it. */
  readonly presets: readonly PresetName[];
  readonly needs: readonly NeedId[];
  /** The cost when no evidence says more: `feature` where asking for it means using it. */
  readonly cost: 'none' | 'feature';
  /**
   * One plan, or several where parts of it cost differently (each its own proposal). A plan
   * that changes nothing proposes nothing: the changes are also the entries the rule matched.
   */
  readonly plan: (ctx: Context, app: AppFacts) => Plan | readonly Plan[] | undefined;
}

interface Plan {
  readonly title: string;
  readonly reason: string;
  readonly loses: string;
  readonly changes: readonly Change[];
  readonly prepare?: readonly string[];
  /** Needs that only this plan touches, beyond the rule's own (e.g. pipewire with sound). */
  readonly needs?: readonly NeedId[];
  /** Why the change is safe for this app, where the plan itself found out. */
  readonly evidence?: readonly string[];
  /** A cost the plan carries whatever the needs say: taking a wider entry the app asked for. */
  readonly raise?: 'feature';
  /** The loss in the plan's own words even where the cost is `core` (it is more exact). */
  readonly exactLoss?: boolean;
  /** Added to the rule's ID where a rule proposes more than one change. */
  readonly part?: string;
}

const PERSONAL = XDG_FILESYSTEMS.filter((f) => f.personal);
const USER_FOLDERS = PERSONAL.map((f) => f.name);
/** Their folder names as a person knows them: Desktop, …, Pictures and Videos. */
const FOLDER_NAMES = PERSONAL.map((f) => (f.location ?? f.name).replace(/^~\//, ''));

/** XDG folders by kind of app, offered instead of the whole home folder. */
const FOLDERS_BY_KIND: readonly [readonly string[], string][] = [
  [['Graphics', 'Photography', '2DGraphics', 'RasterGraphics', 'VectorGraphics', 'Scanning'], 'xdg-pictures'],
  [['Audio', 'Music', 'Player', 'Recorder', 'Midi', 'Mixer', 'Sequencer'], 'xdg-music'],
  [['Video', 'TV', 'Recorder'], 'xdg-videos'],
  [['Office', 'TextEditor', 'WordProcessor', 'Spreadsheet', 'Presentation', 'Publishing', 'Viewer'], 'xdg-documents'],
  [['WebBrowser', 'Network', 'FileTransfer', 'P2P', 'Email', 'Chat', 'InstantMessaging'], 'xdg-download'],
];

function revokeBusNames(ctx: Context, bus: BusKind, names: readonly string[]): Change[] {
  const out = new Map<string, Change>();
  // Every entry that grants a name goes: the name itself and any `.*` prefix covering it.
  for (const name of names) {
    for (const [pattern] of ctx.bus[bus]) {
      const p = policyFor(new Map([[pattern, ctx.bus[bus].get(pattern) ?? 'none']]), name).policy;
      if (p === 'talk' || p === 'own') out.set(pattern, { kind: 'bus', bus, name: pattern, value: 'none' });
    }
  }
  return [...out.values()];
}

const busNames = (cls: BusClass) => BUS_ROUTES.filter((r) => r.class === cls).map((r) => r.name);
const flag = (kind: FlagKind, name: string, value: boolean): Change => ({ kind, name, value });
const fs = (path: string, value: FsMode): Change => ({ kind: 'filesystems', path, value });
const contains = (outer: string, inner: string) => inner === outer || inner.startsWith(`${outer}/`);

/** Entries the app names whose location lies at or inside one of a class's routes. */
function namedEntries(ctx: Context, cls: RouteClass, pred: (mode: FsMode) => boolean): string[] {
  const routes = PATH_ROUTES.filter((r) => r.class === cls);
  return [...ctx.filesystems]
    .filter(([path, mode]) => {
      const loc = locationOf(path);
      return (
        loc !== undefined && loc !== '~' && loc !== '/' && pred(mode) && routes.some((r) => contains(r.location, loc))
      );
    })
    .map(([p]) => p);
}

/**
 * Stops writes to a class's files and folders that come through entries narrower than home:
 * entries at or inside a route become read-only (or go, for start-up places), and a wider entry
 * holding a route (all of xdg-config, say) turns read-only itself. Home and host are left to
 * the masks, which keep the app's other files.
 */
function closeWrites(ctx: Context, cls: RouteClass, inside: FsMode): Change[] {
  const changes = new Map<string, Change>();
  // Under a writable home, taking an entry away leaves the path writable through home: only a
  // read-only entry protects it there.
  const mode = homeWritable(ctx) ? 'ro' : inside;
  for (const path of namedEntries(ctx, cls, writes)) changes.set(path, fs(path, mode));
  // Made read-only, an entry can still be renamed away from under a writable folder above it;
  // that folder then turns read-only too, until nothing reaches the route.
  let current = ctx;
  for (let round = 0; round < 8; round++) {
    current = {
      ...current,
      filesystems: new Map([
        ...current.filesystems,
        ...[...changes.values()].flatMap((c) =>
          c.kind === 'filesystems' && c.value ? [[c.path, c.value] as const] : [],
        ),
      ]),
    };
    let added = false;
    for (const r of PATH_ROUTES.filter((x) => x.class === cls)) {
      const access = reach(current, r.location);
      const via = access.write ? access.via : undefined;
      const viaLoc = via === undefined ? undefined : locationOf(via);
      if (via === undefined || viaLoc === '~' || viaLoc === '/' || changes.get(via)?.kind === 'filesystems') continue;
      changes.set(via, fs(via, 'ro'));
      added = true;
    }
    if (!added) break;
  }
  return [...changes.values()];
}

/**
 * A plan that stops writes to a class of places; where that takes a wider entry (all of
 * ~/.config, say), the title and the loss say so, and it costs what that entry is used for.
 */
function closing(
  ctx: Context,
  cls: RouteClass,
  inside: FsMode,
  words: { title: string; reason: string; loses: string },
  extra: readonly Change[] = [],
): Plan | Plan[] {
  const changes = [...extra, ...closeWrites(ctx, cls, inside)];
  const routes = PATH_ROUTES.filter((r) => r.class === cls);
  const isWider = (c: Change) => {
    const loc = c.kind === 'filesystems' ? locationOf(c.path) : undefined;
    return loc !== undefined && !routes.some((r) => contains(r.location, loc));
  };
  const wider = changes.filter(isWider).flatMap((c) => (c.kind === 'filesystems' ? [c.path] : []));
  const narrow = { ...words, changes: changes.filter((c) => !isWider(c)) };
  if (wider.length === 0) return narrow;
  // Taking the wider entry costs what it is used for: a proposal of its own, so that unticking
  // it leaves the narrow part, which costs nothing, ticked.
  const entries = formatList(wider.map(filesystemWords));
  const broad: Plan = {
    title: t(P.makeReadOnly, { places: entries }),
    reason: t(P.widerReason, { reason: words.reason, entries }),
    loses: t(P.widerLoses, { places: formatList(wider.map((w) => locationOf(w) ?? w)) }),
    changes: changes.filter(isWider),
    raise: 'feature',
    part: ':wider',
  };
  return [narrow, broad];
}

function homeWritable(ctx: Context): string | undefined {
  const r = reach(ctx, '~');
  return r.write ? r.via : undefined;
}

function maskPlan(ctx: Context, app: AppFacts, id: string): Change[] {
  const mask = MASKS.find((m) => m.id === id);
  if (!mask || !homeWritable(ctx)) return [];
  return mask.locations
    .filter((loc) => {
      const entry = app.home?.get(loc);
      // A missing folder is created before writing; a missing file cannot be protected.
      const protectable = entry === mask.kind || (entry === undefined && mask.create);
      return protectable && !ctx.filesystems.has(loc) && reach(ctx, loc).write;
    })
    .map((loc) => fs(loc, 'ro'));
}

interface Words {
  readonly message: Message;
  /** Its values, or a function giving them where they are words themselves (a list). */
  readonly values?: Values | (() => Values);
}
const words = (message: Message, values?: Words['values']): Words => ({ message, values });
const say = (w: Words): string => t(w.message, typeof w.values === 'function' ? w.values() : w.values);

/** The words of each read-only protection, formatted when it is proposed. */
const MASK_WORDS: Readonly<Record<string, { title: Words; reason: Words; loses: Words; needs: NeedId[] }>> = {
  'mask:startup': {
    title: words(P.maskStartupTitle),
    reason: words(P.maskStartupReason),
    loses: words(P.maskStartupLoses, { first: '~/.bashrc', second: '~/.profile' }),
    needs: ['edits-settings'],
  },
  'mask:config': {
    title: words(P.makeReadOnly, { places: '~/.config' }),
    reason: words(P.maskConfigReason),
    loses: words(P.maskConfigLoses),
    needs: ['edits-settings'],
  },
  'mask:local': {
    title: words(P.makeReadOnly, { places: '~/.local' }),
    reason: words(P.maskLocalReason, { bin: '~/.local/bin' }),
    loses: words(P.maskLocalLoses),
    needs: ['startup-entries'],
  },
  'mask:var': {
    title: words(P.maskVarTitle),
    reason: words(P.maskVarReason, { var: '~/.var' }),
    loses: words(P.maskVarLoses),
    needs: [],
  },
  'mask:keys': {
    title: words(P.makeReadOnly, () => ({ places: formatList(['~/.ssh', '~/.gnupg']) })),
    reason: words(P.maskKeysReason, { authorizedKeys: 'authorized_keys' }),
    loses: words(P.maskKeysLoses),
    needs: ['ssh-keys', 'gpg-keys'],
  },
  'mask:programs': {
    title: words(P.maskProgramsTitle),
    reason: words(P.maskProgramsReason, { mozilla: '~/.mozilla', bin: '~/bin' }),
    loses: words(P.maskProgramsLoses, { bin: '~/bin' }),
    needs: ['browser-helpers'],
  },
};

function homeFoldersPlan(ctx: Context, app: AppFacts): Plan | undefined {
  const home = reach(ctx, '~');
  if (!home.read) return undefined;
  // Where the app reads all of the computer the words say "all your files", for `select`.
  const scope = home.via === 'host' ? 'host' : 'home';
  const broad = ['host', 'home', '/home', '/var/home'].filter((p) => (ctx.filesystems.get(p) ?? 'none') !== 'none');
  if (home.write && needsOf(ctx, app).get('files-anywhere')) {
    // Keep reading everything; save only into the user's own folders.
    // Only folders it can write today, so a folder it was refused stays refused.
    const added = USER_FOLDERS.filter(
      (f) => FS_MODE_RANK[ctx.filesystems.get(f) ?? 'none'] < FS_MODE_RANK.rw && reach(ctx, locationOf(f) ?? f).write,
    );
    return {
      title: t(P.homeTitleKeep, { scope }),
      reason: t(P.homeReasonKeep),
      loses: t(P.homeLosesKeep, { scope, folders: formatList(FOLDER_NAMES) }),
      changes: [...broad.map((p) => fs(p, 'ro')), ...added.map((f) => fs(f, 'rw'))],
      exactLoss: true,
    };
  }
  const wanted = FOLDERS_BY_KIND.filter(([cats]) => app.categories.some((c) => cats.includes(c))).map(([, f]) => f);
  const mode: FsMode = home.write ? 'rw' : 'ro';
  const reaches = (f: string) =>
    mode === 'rw' ? reach(ctx, locationOf(f) ?? f).write : reach(ctx, locationOf(f) ?? f).read;
  const added = wanted.filter(
    (f, i) =>
      wanted.indexOf(f) === i && FS_MODE_RANK[ctx.filesystems.get(f) ?? 'none'] < FS_MODE_RANK[mode] && reaches(f),
  );
  const names = added.map(filesystemWords);
  return {
    title: names.length
      ? t(mode === 'ro' ? P.homeTitleReplaceRo : P.homeTitleReplace, { scope, folders: formatList(names) })
      : t(P.homeTitleRevoke, { scope }),
    reason: home.write ? t(P.homeReasonWrite, { file: '~/.bashrc' }) : t(P.homeReasonRead),
    loses: names.length
      ? t(P.homeLosesOutside, { folders: formatList(added.map((f) => locationOf(f) ?? f)) })
      : t(P.homeLosesChooser),
    changes: [...broad.map((p) => fs(p, 'none')), ...added.map((f) => fs(f, mode))],
  };
}

/**
 * A rule that turns off one option the app has, with the need it serves; `socketFolder` is the
 * class of places where the same service's socket can also be reached, which goes with it.
 */
function flagRule(
  [kind, name]: readonly [FlagKind, string],
  need: NeedId,
  presets: readonly PresetName[],
  words: { readonly title: Message; readonly reason: Message },
  socketFolder?: RouteClass,
): Rule {
  return {
    id: name,
    presets,
    needs: [need],
    cost: 'feature',
    plan: (ctx) => ({
      title: t(words.title),
      reason: t(words.reason),
      loses: NEED_LOSS[need],
      changes: has(ctx, kind, name)
        ? [
            flag(kind, name, false),
            ...(socketFolder ? namedEntries(ctx, socketFolder, (m) => m !== 'none').map((p) => fs(p, 'none')) : []),
          ]
        : [],
    }),
  };
}

const RULES: readonly Rule[] = [
  {
    id: 'flatpak-portal',
    presets: RECOMMENDED,
    needs: ['host-commands'],
    cost: 'none',
    plan: (ctx) => ({
      title: t(P.flatpakPortalTitle),
      reason: t(P.flatpakPortalReason, { name: 'org.freedesktop.Flatpak' }),
      loses: t(P.flatpakPortalLoses),
      changes: revokeBusNames(ctx, 'session', busNames('flatpak-portal')),
    }),
  },
  {
    id: 'systemd',
    presets: RECOMMENDED,
    needs: ['host-commands'],
    cost: 'none',
    plan: (ctx) => ({
      title: t(P.systemdTitle),
      reason: t(P.systemdReason),
      loses: t(P.systemdLoses),
      changes: revokeBusNames(ctx, 'session', busNames('systemd')),
    }),
  },
  {
    id: 'session-bus',
    presets: RECOMMENDED,
    needs: ['session-bus'],
    cost: 'none',
    plan: (ctx) => ({
      title: t(P.sessionBusTitle),
      reason: t(P.sessionBusReason),
      loses: t(P.sessionBusLoses),
      changes: has(ctx, 'sockets', 'session-bus') ? [flag('sockets', 'session-bus', false)] : [],
    }),
  },
  {
    id: 'system-bus',
    presets: RECOMMENDED,
    needs: ['system-bus'],
    cost: 'none',
    plan: (ctx) => ({
      title: t(P.systemBusTitle),
      reason: t(P.systemBusReason),
      loses: t(P.systemBusLoses),
      changes: has(ctx, 'sockets', 'system-bus') ? [flag('sockets', 'system-bus', false)] : [],
    }),
  },
  {
    id: 'overrides',
    presets: RECOMMENDED,
    needs: ['flatpak-overrides', 'flatpak-installation'],
    cost: 'none',
    plan: (ctx) =>
      closing(ctx, 'overrides', 'ro', {
        title: t(P.overridesTitle),
        reason: t(P.overridesReason),
        loses: t(P.overridesLoses),
      }),
  },
  {
    id: 'startup',
    presets: RECOMMENDED,
    needs: ['startup-entries'],
    cost: 'none',
    plan: (ctx) =>
      closing(ctx, 'startup', 'none', {
        title: t(P.startupTitle),
        reason: t(P.startupReason),
        loses: t(P.startupLoses),
      }),
  },
  {
    id: 'dconf',
    presets: RECOMMENDED,
    needs: ['dconf'],
    cost: 'feature',
    plan: (ctx) =>
      closing(
        ctx,
        'dconf',
        'ro',
        {
          title: t(P.dconfTitle),
          reason: t(P.dconfReason),
          loses: t(P.dconfLoses),
        },
        revokeBusNames(ctx, 'session', busNames('dconf')),
      ),
  },
  {
    id: 'containers',
    presets: RECOMMENDED,
    needs: ['containers'],
    cost: 'none',
    plan: (ctx) => ({
      title: t(P.containersTitle),
      reason: t(P.containersReason),
      loses: t(P.containersLoses),
      changes: namedEntries(ctx, 'containers', (m) => m !== 'none').map((p) => fs(p, 'none')),
    }),
  },
  {
    id: 'host-tmp',
    presets: RECOMMENDED,
    needs: ['host-tmp'],
    cost: 'none',
    plan: (ctx) => ({
      title: t(P.hostTmpTitle, { tmp: '/tmp' }),
      reason: t(P.hostTmpReason, { tmp: '/tmp' }),
      loses: t(P.hostTmpLoses, { tmp: '/tmp' }),
      changes: namedEntries(ctx, 'host-tmp', (m) => m !== 'none').map((p) => fs(p, 'none')),
    }),
  },
  {
    id: 'gnupg',
    presets: RECOMMENDED,
    needs: ['gpg-keys'],
    cost: 'none',
    plan: (ctx) =>
      closing(ctx, 'gnupg', 'ro', {
        title: t(P.gnupgTitle),
        reason: t(P.gnupgReason),
        loses: NEED_LOSS['gpg-keys'],
      }),
  },
  {
    id: 'ssh',
    presets: RECOMMENDED,
    needs: ['ssh-keys'],
    cost: 'none',
    plan: (ctx) =>
      closing(ctx, 'ssh', 'ro', {
        title: t(P.sshTitle),
        reason: t(P.sshReason, { path: '~/.ssh' }),
        loses: NEED_LOSS['ssh-keys'],
      }),
  },
  {
    id: 'native-messaging',
    presets: RECOMMENDED,
    needs: ['browser-helpers'],
    cost: 'none',
    plan: (ctx) =>
      closing(ctx, 'native-messaging', 'none', {
        title: t(P.nativeMessagingTitle),
        reason: t(P.nativeMessagingReason),
        loses: NEED_LOSS['browser-helpers'],
      }),
  },
  {
    id: 'other-apps',
    presets: RECOMMENDED,
    needs: ['other-apps-data'],
    cost: 'none',
    plan: (ctx) =>
      closing(ctx, 'other-apps', 'ro', {
        title: t(P.otherAppsTitle),
        reason: t(P.otherAppsReason),
        loses: t(P.otherAppsLoses),
      }),
  },
  ...MASKS.map((m): Rule => ({
    id: m.id,
    presets: RECOMMENDED,
    needs: MASK_WORDS[m.id]?.needs ?? [],
    cost: 'none',
    plan: (ctx, app) => {
      const words = MASK_WORDS[m.id];
      const changes = maskPlan(ctx, app, m.id);
      if (!words) return undefined;
      return {
        title: say(words.title),
        reason: say(words.reason),
        loses: say(words.loses),
        changes,
        prepare: m.create ? changes.flatMap((c) => (c.kind === 'filesystems' ? [c.path] : [])) : [],
      };
    },
  })),
  { id: 'home', presets: RECOMMENDED, needs: ['files-anywhere'], cost: 'feature', plan: homeFoldersPlan },
  {
    id: 'network',
    presets: [...RECOMMENDED, 'offline'],
    needs: ['network'],
    cost: 'feature',
    plan: (ctx) => ({
      title: t(P.networkTitle),
      reason: t(P.networkReason),
      loses: NEED_LOSS.network,
      changes: has(ctx, 'shared', 'network') ? [flag('shared', 'network', false)] : [],
    }),
  },
  {
    id: 'pulseaudio',
    presets: RECOMMENDED,
    needs: ['sound'],
    cost: 'feature',
    plan: (ctx) => {
      const pipewire = namedEntries(ctx, 'pipewire', (m) => m !== 'none');
      return {
        title: t(P.pulseaudioTitle),
        reason: t(pipewire.length ? P.pulseaudioReasonPipewire : P.pulseaudioReason),
        loses: NEED_LOSS.sound,
        changes: has(ctx, 'sockets', 'pulseaudio')
          ? [flag('sockets', 'pulseaudio', false), ...pipewire.map((p) => fs(p, 'none'))]
          : [],
        needs: pipewire.length ? ['pipewire'] : [],
      };
    },
  },
  {
    id: 'pipewire',
    presets: RECOMMENDED,
    needs: ['pipewire'],
    cost: 'feature',
    plan: (ctx) => ({
      title: t(P.pipewireTitle),
      reason: t(P.pipewireReason),
      loses: NEED_LOSS.pipewire,
      changes: has(ctx, 'sockets', 'pulseaudio')
        ? []
        : namedEntries(ctx, 'pipewire', (m) => m !== 'none').map((p) => fs(p, 'none')),
    }),
  },
  {
    id: 'device-all',
    presets: RECOMMENDED,
    needs: ['camera', 'game-controllers', 'security-keys', 'usb-devices', 'kvm'],
    // Asking for every device means using one: a drive, a security key, a camera.
    cost: 'feature',
    plan: (ctx) => {
      if (!has(ctx, 'devices', 'all')) return undefined;
      const gpu = has(ctx, 'devices', 'dri');
      return {
        title: gpu ? t(P.deviceAllTitle) : t(P.deviceAllTitleGpu),
        reason: t(gpu ? P.deviceAllReason : P.deviceAllReasonGpu),
        loses: t(P.deviceAllLoses),
        changes: gpu ? [flag('devices', 'all', false)] : [flag('devices', 'all', false), flag('devices', 'dri', true)],
      };
    },
  },
  {
    id: 'keyring',
    presets: RECOMMENDED,
    needs: ['keyring'],
    cost: 'feature',
    plan: (ctx) => ({
      title: t(P.keyringTitle),
      reason: t(P.keyringReason),
      loses: NEED_LOSS.keyring,
      changes: [
        ...revokeBusNames(ctx, 'session', busNames('keyring')),
        ...namedEntries(ctx, 'keyring', (m) => m !== 'none').map((p) => fs(p, 'none')),
      ],
    }),
  },
  {
    id: 'x11',
    presets: RECOMMENDED,
    needs: ['x11-on-wayland'],
    cost: 'none',
    plan: (ctx, app) => {
      if (!has(ctx, 'sockets', 'x11') || has(ctx, 'sockets', 'fallback-x11') || !has(ctx, 'sockets', 'wayland'))
        return undefined;
      return {
        title: t(P.x11Title),
        reason: t(app.session.type === 'x11' ? P.x11ReasonOnX11 : P.x11Reason),
        loses: t(P.x11Loses),
        changes: [flag('sockets', 'fallback-x11', true), flag('sockets', 'x11', false)],
        evidence: ((why) => (why ? [t(P.becauseWayland, { why })] : []))(drawsOnWayland(ctx, app)),
      };
    },
  },
  {
    id: 'permission-store',
    presets: RECOMMENDED,
    needs: ['permission-store'],
    cost: 'none',
    plan: (ctx) => ({
      title: t(P.permissionStoreTitle),
      reason: t(P.permissionStoreReason),
      loses: t(P.permissionStoreLoses),
      changes: revokeBusNames(ctx, 'session', busNames('permission-store')),
    }),
  },
  flagRule(['sockets', 'ssh-auth'], 'ssh-agent', RECOMMENDED, {
    title: P.sshAgentTitle,
    reason: AGENT_WORDS.ssh,
  }),
  flagRule(
    ['sockets', 'gpg-agent'],
    'gpg-agent',
    RECOMMENDED,
    {
      title: P.gpgAgentTitle,
      reason: AGENT_WORDS.gpg,
    },
    'gpg-agent',
  ),
  flagRule(['sockets', 'pcsc'], 'smart-cards', STRICT, {
    title: P.pcscTitle,
    reason: P.pcscReason,
  }),
  flagRule(['sockets', 'cups'], 'printing', STRICT, {
    title: P.cupsTitle,
    reason: P.cupsReason,
  }),
  flagRule(['features', 'devel'], 'devel', STRICT, {
    title: P.develTitle,
    reason: P.develReason,
  }),
  flagRule(['features', 'bluetooth'], 'bluetooth', STRICT, {
    title: P.bluetoothTitle,
    reason: P.bluetoothReason,
  }),
  flagRule(['features', 'canbus'], 'usb-devices', STRICT, {
    title: P.canbusTitle,
    reason: P.canbusReason,
  }),
  flagRule(['devices', 'kvm'], 'kvm', STRICT, {
    title: P.kvmTitle,
    reason: P.kvmReason,
  }),
  {
    id: 'shm',
    presets: STRICT,
    needs: [],
    cost: 'none',
    plan: (ctx) => ({
      title: t(P.shmTitle),
      reason: t(P.shmReason, { shm: '/dev/shm' }),
      loses: t(P.sharedMemoryLoses),
      changes: has(ctx, 'devices', 'shm') ? [flag('devices', 'shm', false)] : [],
    }),
  },
  {
    id: 'ipc',
    presets: STRICT,
    needs: [],
    cost: 'none',
    plan: (ctx) =>
      // IPC matters only to X11 (its shared-memory extension); with X11 kept, revoking it gains nothing.
      has(ctx, 'sockets', 'x11') || has(ctx, 'sockets', 'fallback-x11')
        ? undefined
        : {
            title: t(P.ipcTitle),
            reason: t(P.ipcReason),
            loses: t(P.sharedMemoryLoses),
            changes: has(ctx, 'shared', 'ipc') ? [flag('shared', 'ipc', false)] : [],
          },
  },
  {
    id: 'system-bus-names',
    presets: STRICT,
    needs: ['system-bus'],
    cost: 'feature',
    plan: (ctx) => ({
      title: t(P.systemNamesTitle),
      reason: t(P.systemNamesReason),
      loses: t(P.systemNamesLoses),
      changes: [...ctx.bus.system]
        .filter(([, p]) => p === 'talk' || p === 'own')
        .map(([name]): Change => ({ kind: 'bus', bus: 'system', name, value: 'none' })),
    }),
  },
];

const isPlanList = (p: Plan | readonly Plan[]): p is readonly Plan[] => Array.isArray(p);
const plansOf = (p: Plan | readonly Plan[] | undefined): readonly Plan[] =>
  p === undefined ? [] : isPlanList(p) ? p : [p];

/** The ID of every change a preset can propose, for choosing them by name. */
export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

/** Whether a name is one of those IDs, or the wider part of one (`startup:wider`). */
export const isRuleId = (id: string): boolean => RULE_IDS.includes(id.replace(/:wider$/, ''));

/** What each class of place serves, so that any change to an entry reaching it weighs that need. */
const CLASS_NEEDS: Readonly<Record<RouteClass, readonly NeedId[]>> = {
  startup: ['startup-entries'],
  overrides: ['flatpak-overrides', 'flatpak-installation'],
  dconf: ['dconf'],
  gnupg: ['gpg-keys'],
  ssh: ['ssh-keys'],
  'native-messaging': ['browser-helpers'],
  containers: ['containers'],
  'host-tmp': ['host-tmp'],
  'other-apps': ['other-apps-data'],
  keyring: ['keyring'],
  'gpg-agent': ['gpg-agent'],
  pipewire: ['pipewire', 'sound'],
};

function entryNeeds(changes: readonly Change[]): NeedId[] {
  const out = new Set<NeedId>();
  for (const c of changes) {
    if (c.kind !== 'filesystems') continue;
    const loc = locationOf(c.path);
    if (loc === undefined || loc === '~' || loc === '/') continue;
    for (const r of PATH_ROUTES)
      if (contains(loc, r.location) || contains(r.location, loc)) for (const n of CLASS_NEEDS[r.class]) out.add(n);
  }
  return [...out];
}

function costOf(rule: Rule, plan: Plan, needs: Needs): { cost: Cost; evidence: string[]; words: string } {
  let cost: Cost = plan.raise && COST_RANK[plan.raise] > COST_RANK[rule.cost] ? plan.raise : rule.cost;
  const evidence: string[] = [];
  let words = plan.loses;
  for (const id of new Set([...rule.needs, ...(plan.needs ?? []), ...entryNeeds(plan.changes)])) {
    const need = needs.get(id);
    if (!need) continue;
    const c: Cost = need.strength;
    if (COST_RANK[c] > COST_RANK[cost]) cost = c;
    if (c === 'core' && !plan.exactLoss) words = NEED_LOSS[id];
    for (const b of need.because) if (!evidence.includes(b)) evidence.push(b);
  }
  if (cost === 'feature' && evidence.length === 0) evidence.push(t(P.becauseAsks));
  if (cost === 'none') evidence.push(...(plan.evidence ?? []));
  return { cost, evidence, words };
}

export function propose(preset: PresetName, ctx: Context, app: AppFacts): Proposal[] {
  const needs = needsOf(ctx, app);
  const rules = RULES.filter((r) => r.presets.includes(preset));
  const proposals: Proposal[] = [];
  for (const rule of rules) {
    const planned = rule.plan(ctx, app);
    for (const plan of plansOf(planned)) {
      if (plan.changes.length === 0) continue;
      const { cost, evidence, words } = costOf(rule, plan, needs);
      if (preset === 'recommended' && cost === 'core') continue;
      const selected = preset === 'offline' || (preset === 'strict' ? cost !== 'core' : cost === 'none');
      proposals.push({
        id: rule.id + (plan.part ?? ''),
        title: plan.title,
        reason: plan.reason,
        loses: words,
        cost,
        evidence,
        changes: plan.changes,
        prepare: plan.prepare ?? [],
        selected,
      });
    }
  }
  return proposals;
}

/** The changes of the proposals the user kept ticked. */
export function selectedChanges(proposals: readonly Proposal[], selected?: ReadonlySet<string>): Change[] {
  return proposals.filter((p) => (selected ? selected.has(p.id) : p.selected)).flatMap((p) => p.changes);
}

/** Home folders to create before the selected proposals are written. */
export function selectedPreparations(proposals: readonly Proposal[], selected?: ReadonlySet<string>): string[] {
  return [...new Set(proposals.filter((p) => (selected ? selected.has(p.id) : p.selected)).flatMap((p) => p.prepare))];
}
