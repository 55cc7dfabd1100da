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
import { COST_LABELS, type Cost, type PresetName } from './preset-labels';

const COST_RANK: Readonly<Record<Cost, number>> = { none: 0, feature: 1, core: 2 };

/** The cost in one sentence, with the evidence behind it. */
export function costSentence(p: Pick<Proposal, 'cost' | 'evidence'>): string {
  return p.evidence.length === 0 ? `${COST_LABELS[p.cost]}.` : `${COST_LABELS[p.cost]}: ${p.evidence.join('; ')}.`;
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
const USER_FOLDER_WORDS = `${FOLDER_NAMES.slice(0, -1).join(', ')} and ${FOLDER_NAMES.at(-1) ?? ''}`;

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
  const broad: Plan = {
    title: `Make ${wider.map(filesystemWords).join(', ')} read-only`,
    reason: `${words.reason} The app asks for all of ${wider.map(filesystemWords).join(', ')}, which holds them.`,
    loses: `write anywhere in ${wider.map((w) => locationOf(w) ?? w).join(', ')}`,
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

const MASK_WORDS: Readonly<Record<string, { title: string; reason: string; loses: string; needs: NeedId[] }>> = {
  'mask:startup': {
    title: 'Make your shell’s start-up files read-only',
    reason:
      'Your shell runs these files at every login; an app that can change them runs commands outside the sandbox. The app keeps your other files. It could still create a start-up file that does not exist yet, which Flatpak cannot prevent.',
    loses: 'change ~/.bashrc, ~/.profile and the other start-up files you have',
    needs: ['edits-settings'],
  },
  'mask:config': {
    title: 'Make ~/.config read-only',
    reason:
      'It holds what starts at login (autostart, systemd units, environment variables) and every program’s settings. The app keeps writing your other files and its own settings.',
    loses: 'change the settings of your other programs',
    needs: ['edits-settings'],
  },
  'mask:local': {
    title: 'Make ~/.local read-only',
    reason:
      'It holds your app launchers, your own programs (~/.local/bin) and Flatpak’s overrides, through which an app can widen its own sandbox.',
    loses: 'add app launchers, or move files to the trash without the trash portal',
    needs: ['startup-entries'],
  },
  'mask:var': {
    title: 'Make other Flatpak apps’ files read-only',
    reason:
      'Other apps’ files in ~/.var hold settings and browser helpers that those apps, with their own permissions, then use. The app keeps its own files.',
    loses: 'change the files of your other Flatpak apps',
    needs: [],
  },
  'mask:keys': {
    title: 'Make ~/.ssh and ~/.gnupg read-only',
    reason:
      'An app that can change them can let itself log in as you (authorized_keys), run commands when you connect (ssh config) or sign (gpg-agent’s pinentry).',
    loses: 'change your SSH and GnuPG settings, keys and known hosts',
    needs: ['ssh-keys', 'gpg-keys'],
  },
  'mask:programs': {
    title: 'Make browser helper and program folders read-only',
    reason:
      'Browsers start the helpers registered in ~/.mozilla outside any sandbox, and programs in ~/bin run from your shell.',
    loses: 'register browser helpers or install programs into ~/bin',
    needs: ['browser-helpers'],
  },
};

function homeFoldersPlan(ctx: Context, app: AppFacts): Plan | undefined {
  const home = reach(ctx, '~');
  if (!home.read) return undefined;
  const all = home.via === 'host' ? 'all your files' : 'your home folder';
  const broad = ['host', 'home', '/home', '/var/home'].filter((p) => (ctx.filesystems.get(p) ?? 'none') !== 'none');
  if (home.write && needsOf(ctx, app).get('files-anywhere')) {
    // Keep reading everything; save only into the user's own folders.
    // Only folders it can write today, so a folder it was refused stays refused.
    const added = USER_FOLDERS.filter(
      (f) => FS_MODE_RANK[ctx.filesystems.get(f) ?? 'none'] < FS_MODE_RANK.rw && reach(ctx, locationOf(f) ?? f).write,
    );
    return {
      title: `Keep reading ${all}, save only into your folders`,
      reason:
        'Write access to your home folder is a way out of the sandbox: any program’s settings, and every start-up file, can be changed. Read-only, with write access to your own folders, it can still open every file.',
      loses: `save anywhere but ${USER_FOLDER_WORDS}${home.via === 'host' ? ', or on other drives' : ''}`,
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
      ? `Replace ${all} with ${names.join(', ')}${mode === 'ro' ? ', read only' : ''}`
      : `Revoke access to ${all}`,
    reason: `${home.write ? 'Write access to your home folder is a way out of the sandbox (~/.bashrc runs at login).' : 'Reading your whole home folder exposes SSH keys, browser profiles and documents.'} Files you pick in a portal file chooser still open.`,
    loses: `open files outside ${names.length ? added.map((f) => locationOf(f) ?? f).join(', ') : 'what you pick in the file chooser'} through its own file dialog`,
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
  words: { readonly title: string; readonly reason: string },
  socketFolder?: RouteClass,
): Rule {
  return {
    id: name,
    presets,
    needs: [need],
    cost: 'feature',
    plan: (ctx) => ({
      ...words,
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
      title: 'Stop it running commands outside the sandbox',
      reason: 'Talking to org.freedesktop.Flatpak lets an app run any command on your computer, outside the sandbox.',
      loses: 'run programs outside its sandbox',
      changes: revokeBusNames(ctx, 'session', busNames('flatpak-portal')),
    }),
  },
  {
    id: 'systemd',
    presets: RECOMMENDED,
    needs: ['host-commands'],
    cost: 'none',
    plan: (ctx) => ({
      title: 'Stop it starting services outside the sandbox',
      reason: 'Your session’s systemd starts programs outside the sandbox for whoever asks.',
      loses: 'start services of your session',
      changes: revokeBusNames(ctx, 'session', busNames('systemd')),
    }),
  },
  {
    id: 'session-bus',
    presets: RECOMMENDED,
    needs: ['session-bus'],
    cost: 'none',
    plan: (ctx) => ({
      title: 'Filter the session bus',
      reason: 'Unfiltered access to the session bus reaches the service that runs commands outside the sandbox.',
      loses: 'talk to desktop services it does not name in its permissions',
      changes: has(ctx, 'sockets', 'session-bus') ? [flag('sockets', 'session-bus', false)] : [],
    }),
  },
  {
    id: 'system-bus',
    presets: RECOMMENDED,
    needs: ['system-bus'],
    cost: 'none',
    plan: (ctx) => ({
      title: 'Filter the system bus',
      reason: 'Unfiltered access to the system bus reaches every system service.',
      loses: 'talk to system services it does not name in its permissions',
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
        title: 'Stop it changing Flatpak’s permissions and apps',
        reason:
          'Whoever writes the overrides folder or an installation sets any app’s permissions, its own too: a way out of the sandbox. It keeps reading them.',
        loses: 'change Flatpak overrides or installed apps',
      }),
  },
  {
    id: 'startup',
    presets: RECOMMENDED,
    needs: ['startup-entries'],
    cost: 'none',
    plan: (ctx) =>
      closing(ctx, 'startup', 'none', {
        title: 'Stop it changing what runs at login',
        reason:
          'Files there start programs outside the sandbox: at login (autostart, systemd, your shell) or as your own apps.',
        loses: 'add itself to login or to your app menu',
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
          title: 'Keep it out of your desktop’s settings store',
          reason:
            'Writing dconf changes any desktop setting, such as a keyboard shortcut that runs a command outside the sandbox.',
          loses: 'keep its settings in your desktop’s settings store: it starts from fresh settings of its own',
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
      title: 'Revoke the container engines',
      reason:
        'The Podman, Docker or libvirt socket starts containers and machines that can mount your files: a way out of the sandbox, read-only or not.',
      loses: 'manage containers or virtual machines',
      changes: namedEntries(ctx, 'containers', (m) => m !== 'none').map((p) => fs(p, 'none')),
    }),
  },
  {
    id: 'host-tmp',
    presets: RECOMMENDED,
    needs: ['host-tmp'],
    cost: 'none',
    plan: (ctx) => ({
      title: 'Revoke your computer’s /tmp',
      reason:
        'Your /tmp holds the sockets of tmux and the SSH agent, through which an app runs commands outside the sandbox or logs in as you.',
      loses: 'share files and sockets with your programs through /tmp (it keeps a /tmp of its own)',
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
        title: 'Make your GnuPG folder read-only',
        reason: 'gpg-agent runs the pinentry program named there, outside the sandbox.',
        loses: 'change your GnuPG keys and settings',
      }),
  },
  {
    id: 'ssh',
    presets: RECOMMENDED,
    needs: ['ssh-keys'],
    cost: 'none',
    plan: (ctx) =>
      closing(ctx, 'ssh', 'ro', {
        title: 'Make your SSH folder read-only',
        reason: 'From ~/.ssh an app can let itself log in as you or run commands when you connect.',
        loses: 'change your SSH settings and known hosts',
      }),
  },
  {
    id: 'native-messaging',
    presets: RECOMMENDED,
    needs: ['browser-helpers'],
    cost: 'none',
    plan: (ctx) =>
      closing(ctx, 'native-messaging', 'none', {
        title: 'Stop it registering browser helpers',
        reason: 'Browsers start the helpers registered there, outside this app’s sandbox.',
        loses: 'connect to its browser extension',
      }),
  },
  {
    id: 'other-apps',
    presets: RECOMMENDED,
    needs: ['other-apps-data'],
    cost: 'none',
    plan: (ctx) =>
      closing(ctx, 'other-apps', 'ro', {
        title: 'Make other apps’ files read-only',
        reason:
          'Changing another app’s files plants settings or helpers that the other app, with its own permissions, then runs.',
        loses: 'change the files of other apps',
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
        title: words.title,
        reason: words.reason,
        loses: words.loses,
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
      title: 'Revoke network access',
      reason: 'Without the network the app cannot send your data anywhere.',
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
        title: 'Revoke sound and microphones',
        reason: `PulseAudio${pipewire.length ? ' and PipeWire' : ''} access plays sound and records from every microphone without asking${pipewire.length ? '; PipeWire also reaches screen captures' : ''}.`,
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
      title: 'Revoke PipeWire',
      reason:
        'The PipeWire socket reaches every microphone and camera PipeWire manages, and screen captures, without asking; read-only does not stop a socket.',
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
        title: gpu ? 'Revoke access to all devices' : 'Revoke access to all devices, keep the GPU',
        reason: `All devices include webcams, microphones, USB sticks and every other device.${gpu ? '' : ' All devices is also its only GPU access, so the GPU is kept.'}`,
        loses: 'use webcams, game pads, security keys and USB devices directly (the GPU stays)',
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
      title: 'Revoke access to your keyring',
      reason:
        'The keyring (GNOME Keyring, KWallet) hands every saved password and key to whoever asks while it is unlocked.',
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
        title: 'Use X11 only where Wayland is missing',
        reason: `Through X11 an app can read the keystrokes and screens of other X11 apps. With this it gets X11 only on a session without Wayland${app.session.type === 'x11' ? ', such as yours today, so it changes nothing until you use Wayland' : ''}.`,
        loses: 'use X11 on a Wayland session',
        changes: [flag('sockets', 'fallback-x11', true), flag('sockets', 'x11', false)],
        evidence: ((why) => (why ? [`it draws on Wayland: ${why}`] : []))(drawsOnWayland(ctx, app)),
      };
    },
  },
  {
    id: 'permission-store',
    presets: RECOMMENDED,
    needs: ['permission-store'],
    cost: 'none',
    plan: (ctx) => ({
      title: 'Revoke the permission store',
      reason: 'Talking to the permission store lets the app allow itself the camera, microphone or location.',
      loses: 'read or change portal permissions',
      changes: revokeBusNames(ctx, 'session', busNames('permission-store')),
    }),
  },
  flagRule(['sockets', 'ssh-auth'], 'ssh-agent', RECOMMENDED, {
    title: 'Revoke your SSH agent',
    reason: 'It can log in to other machines as you, with the keys in your SSH agent.',
  }),
  flagRule(
    ['sockets', 'gpg-agent'],
    'gpg-agent',
    RECOMMENDED,
    {
      title: 'Revoke your GPG agent',
      reason: 'It can sign and decrypt as you, with the keys in your GnuPG agent.',
    },
    'gpg-agent',
  ),
  flagRule(['sockets', 'pcsc'], 'smart-cards', STRICT, {
    title: 'Revoke smart cards',
    reason: 'Smart cards and tokens sign and log in as you.',
  }),
  flagRule(['sockets', 'cups'], 'printing', STRICT, {
    title: 'Revoke direct printing',
    reason: 'Direct access to CUPS reaches every printer and its queue; printing through the portal stays.',
  }),
  flagRule(['features', 'devel'], 'devel', STRICT, {
    title: 'Revoke debugging system calls',
    reason: 'Debugging system calls (ptrace, perf) weaken the sandbox’s filter.',
  }),
  flagRule(['features', 'bluetooth'], 'bluetooth', STRICT, {
    title: 'Revoke Bluetooth',
    reason: 'Direct Bluetooth reaches every nearby device.',
  }),
  flagRule(['features', 'canbus'], 'usb-devices', STRICT, {
    title: 'Revoke CAN bus',
    reason: 'Direct CAN bus access talks to cars and machines.',
  }),
  flagRule(['devices', 'kvm'], 'kvm', STRICT, {
    title: 'Revoke virtualization',
    reason: 'The virtualization device is a large kernel interface.',
  }),
  {
    id: 'shm',
    presets: STRICT,
    needs: [],
    cost: 'none',
    plan: (ctx) => ({
      title: 'Revoke the shared memory device',
      reason: 'The host’s /dev/shm is shared with every other program.',
      loses: 'share memory with programs outside the sandbox',
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
            title: 'Revoke IPC',
            reason: 'Shared IPC with the host is used only by X11 apps.',
            loses: 'share memory with programs outside the sandbox',
            changes: has(ctx, 'shared', 'ipc') ? [flag('shared', 'ipc', false)] : [],
          },
  },
  {
    id: 'system-bus-names',
    presets: STRICT,
    needs: ['system-bus'],
    cost: 'feature',
    plan: (ctx) => ({
      title: 'Revoke system services',
      reason: 'System services manage your network, disks, power and users.',
      loses: 'talk to the system services it names (network, disks, power)',
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
  if (cost === 'feature' && evidence.length === 0) evidence.push('it asks for this, so it may use it for something');
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
