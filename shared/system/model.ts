// What Confine knows about the machine's protection: SELinux, AppArmor and the footing of
// Flatpak's sandbox (LSM list, Yama, user namespaces, bubblewrap), all read from files. Written
// as schemas, because the same shape crosses the IPC border and is checked there.

import { z } from 'zod';

/** Why a value could not be read; `refused`: Confine does not read that file (a pipe, a device, too large, a link loop). */
export const UnreadableSchema = z.enum([
  'needs-root',
  'securityfs-not-mounted',
  'sandboxed',
  'not-present',
  'io-error',
  'refused',
]);
export type Unreadable = z.infer<typeof UnreadableSchema>;

const SelinuxConfigModeSchema = z.enum(['enforcing', 'permissive', 'disabled']);
export type SelinuxConfigMode = z.infer<typeof SelinuxConfigModeSchema>;

export const SelinuxStatusSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.enum(['enforcing', 'permissive']),
    /** SELINUXTYPE of /etc/selinux/config (default `targeted`): what sestatus calls the loaded policy. */
    policy: z.string(),
    configMode: SelinuxConfigModeSchema.nullable(),
    mls: z.boolean(),
    /** The newest policy version the kernel supports. */
    policyVersion: z.number().nullable(),
    denyUnknown: z.boolean(),
    runtimeDiffersFromConfig: z.boolean(),
    processContext: z.string().nullable(),
    /** libselinux tools (getenforce, sestatus) would wrongly say "Disabled": read-only selinuxfs or no config file. */
    toolsReportDisabled: z.boolean(),
  }),
  z.object({
    state: z.literal('disabled'),
    reason: z.enum(['config-disabled', 'selinuxfs-not-mounted']),
    configMode: SelinuxConfigModeSchema.nullable(),
    policy: z.string().nullable(),
  }),
  z.object({
    state: z.literal('absent'),
    reason: z.enum(['disabled-on-cmdline', 'not-in-lsm-list', 'not-in-kernel']),
    configFilePresent: z.boolean(),
  }),
  z.object({ state: z.literal('unknown'), reason: UnreadableSchema }),
]);
export type SelinuxStatus = z.infer<typeof SelinuxStatusSchema>;

const ProfileCountsSchema = z.object({
  total: z.number(),
  enforce: z.number(),
  complain: z.number(),
  kill: z.number(),
  unconfined: z.number(),
  prompt: z.number(),
});
export type AppArmorProfileCounts = z.infer<typeof ProfileCountsSchema>;

export const AppArmorStatusSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('enabled'),
    profiles: ProfileCountsSchema.nullable(),
    profilesUnavailable: UnreadableSchema.optional(),
    noPolicyLoaded: z.boolean().optional(),
    processLabel: z.string().nullable(),
    /** Ubuntu's AppArmor mediation of unprivileged user namespaces. */
    restrictUnprivilegedUserns: z.boolean().nullable(),
  }),
  z.object({
    state: z.literal('disabled'),
    reason: z.enum(['not-selected-at-boot', 'disabled-on-cmdline', 'not-in-lsm-list']),
  }),
  z.object({ state: z.literal('absent'), reason: z.literal('not-in-kernel') }),
  z.object({ state: z.literal('unknown'), reason: UnreadableSchema }),
]);
export type AppArmorStatus = z.infer<typeof AppArmorStatusSchema>;

const DistroFamilySchema = z.enum([
  'fedora',
  'rhel',
  'opensuse-tumbleweed',
  'opensuse-microos',
  'opensuse-leap',
  'ubuntu',
  'debian',
  'arch',
  'other',
]);
export type DistroFamily = z.infer<typeof DistroFamilySchema>;

export const DistroInfoSchema = z.object({
  id: z.string(),
  idLike: z.array(z.string()).readonly(),
  versionId: z.string().optional(),
  variantId: z.string().optional(),
  prettyName: z.string().optional(),
  family: DistroFamilySchema,
  /** What the distribution ships; Tumbleweed is `either` (SELinux for new installs since 2025, AppArmor before). */
  defaultMac: z.enum(['selinux', 'apparmor', 'none', 'either', 'unknown']),
});
export type DistroInfo = z.infer<typeof DistroInfoSchema>;

export const AdviceSeveritySchema = z.enum(['ok', 'info', 'warning', 'critical']);
export type AdviceSeverity = z.infer<typeof AdviceSeveritySchema>;

export const AdviceTopicSchema = z.enum([
  'selinux',
  'apparmor',
  'sandbox',
  'firejail',
  'profiles',
  'containers',
  'machine',
]);

export const AdviceSchema = z.object({
  id: z.string(),
  severity: AdviceSeveritySchema,
  /** Which card of the System page it belongs to. */
  topic: AdviceTopicSchema,
  title: z.string(),
  detail: z.string(),
  /** A command the user could run; Confine shows it and never runs it. */
  command: z.string().optional(),
  /** Keys of the documentation links the window may open (shared/ipc HELP_LINKS). */
  links: z.array(z.string()).readonly().optional(),
});
export type Advice = z.infer<typeof AdviceSchema>;

export const FirejailSchema = z.discriminatedUnion('installed', [
  z.object({ installed: z.literal(false) }),
  z.object({
    installed: z.literal(true),
    path: z.string(),
    /** Owned by root with the setuid bit: it runs as root whoever starts it. */
    setuidRoot: z.boolean(),
    version: z.string().nullable(),
    /** Profiles in /etc/firejail. */
    profiles: z.number().nullable(),
    /** Programs firecfg made run through Firejail (links in /usr/local/bin). */
    wrapped: z.array(z.string()).readonly(),
  }),
]);
export type Firejail = z.infer<typeof FirejailSchema>;

const CoveredSchema = z.object({
  /** The Flatpak app ID, or the desktop program's path. */
  program: z.string(),
  name: z.string(),
  kind: z.enum(['flatpak', 'desktop']),
  profile: z.string(),
  /** Loaded into the kernel (known only when the list is readable), or only installed in /etc/apparmor.d. */
  loaded: z.boolean().nullable(),
  mode: z.string().nullable(),
});

export const SelinuxBooleanSchema = z.object({
  name: z.string(),
  active: z.boolean(),
  pending: z.boolean(),
  saferValue: z.boolean(),
  description: z.string(),
});
export type SelinuxBoolean = z.infer<typeof SelinuxBooleanSchema>;

export const OwnProfilesSchema = z.object({
  /** Loaded AppArmor profiles with their modes; null when the kernel shows them to root only. */
  apparmorLoaded: z
    .array(z.object({ name: z.string(), mode: z.string() }))
    .readonly()
    .nullable(),
  apparmorLoadedUnavailable: UnreadableSchema.optional(),
  /** Profile files in /etc/apparmor.d, loaded or not. */
  apparmorInstalled: z.array(z.string()).readonly(),
  /** Desktop programs and Flatpak apps with an AppArmor profile. */
  covered: z.array(CoveredSchema).readonly(),
  /** How many desktop programs were looked at. */
  desktopPrograms: z.number(),
  /** The SELinux booleans that matter for confining desktop programs, as the kernel has them. */
  selinuxBooleans: z.array(SelinuxBooleanSchema).readonly(),
});
export type OwnProfiles = z.infer<typeof OwnProfilesSchema>;

const ToolSchema = z.object({ installed: z.boolean(), path: z.string().nullable(), version: z.string().nullable() });
const RuntimeSchema = ToolSchema.extend({
  registeredWith: z.array(z.enum(['docker', 'podman', 'containerd'])).readonly(),
});

export const ContainersSchema = z.object({
  docker: ToolSchema.extend({
    sockets: z.array(z.object({ path: z.string(), ownerUid: z.number(), rootless: z.boolean() })).readonly(),
    /** A dockerd process seen in /proc, and whether it runs as root; null when none was seen. */
    daemonAsRoot: z.boolean().nullable(),
    /** Users in the docker group (root-equivalent); null when there is no such group. */
    groupMembers: z.array(z.string()).readonly().nullable(),
  }),
  podman: ToolSchema.extend({
    /** /etc/subuid and /etc/subgid give the user the ID ranges rootless containers need. */
    rootlessReady: z.boolean(),
    rootlessInUse: z.boolean(),
    rootfulInUse: z.boolean(),
  }),
  gvisor: RuntimeSchema,
  kata: RuntimeSchema,
  /** The user Confine reads as, from /etc/passwd. */
  user: z.string().nullable(),
});
export type Containers = z.infer<typeof ContainersSchema>;

export const SystemStatusSchema = z.object({
  selinux: SelinuxStatusSchema,
  apparmor: AppArmorStatusSchema,
  /** The single "exclusive" MAC module the kernel runs, if any. */
  active: z.enum(['selinux', 'apparmor', 'other', 'none', 'unknown']),
  lsm: z.array(z.string()).readonly().nullable(),
  lsmUnavailable: UnreadableSchema.optional(),
  lockdown: z.enum(['none', 'integrity', 'confidentiality']).nullable(),
  yamaPtraceScope: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).nullable(),
  userns: z.object({
    maxUserNamespaces: z.number().nullable(),
    unprivilegedClone: z.boolean().nullable(),
    /** Whether unprivileged user namespaces, which Flatpak's sandbox needs, can be made. */
    usable: z.enum(['yes', 'no', 'restricted', 'unknown']),
  }),
  bwrap: z.array(z.object({ path: z.string(), setuid: z.boolean() })).readonly(),
  flatpakVersion: z.string().nullable(),
  container: z.enum(['docker', 'podman', 'flatpak', 'other']).nullable(),
  distro: DistroInfoSchema.nullable(),
  readAsRoot: z.boolean(),
  firejail: FirejailSchema,
  profiles: OwnProfilesSchema,
  containers: ContainersSchema,
  /** Files and folders Confine refused to read, in words (the first few), and how many more; absent when none. */
  unread: z.object({ notes: z.array(z.string()).readonly(), more: z.number() }).optional(),
  verdict: z.object({ level: AdviceSeveritySchema, text: z.string() }),
  advice: z.array(AdviceSchema).readonly(),
});
export type SystemStatus = z.infer<typeof SystemStatusSchema>;
