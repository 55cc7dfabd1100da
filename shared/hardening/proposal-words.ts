// The words of every change a preset proposes, keyed by its rule's ID: `proposal.<id>.title`,
// `.reason` (the risk it closes) and `.loses` (completing "It can no longer …"); and the words
// of what a change costs. presets.ts formats them when it proposes.

import { defineMessages } from '../i18n';

export const P = defineMessages({
  flatpakPortalTitle: {
    id: 'proposal.flatpak-portal.title',
    defaultMessage: 'Stop it running commands outside the sandbox',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  flatpakPortalReason: {
    id: 'proposal.flatpak-portal.reason',
    defaultMessage: 'Talking to {name} lets an app run any command on your computer, outside the sandbox.',
    description: 'name is a D-Bus name, org.freedesktop.Flatpak',
  },
  flatpakPortalLoses: {
    id: 'proposal.flatpak-portal.loses',
    defaultMessage: 'run programs outside its sandbox',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  systemdTitle: {
    id: 'proposal.systemd.title',
    defaultMessage: 'Stop it starting services outside the sandbox',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  systemdReason: {
    id: 'proposal.systemd.reason',
    defaultMessage: 'Your session’s systemd starts programs outside the sandbox for whoever asks.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  systemdLoses: {
    id: 'proposal.systemd.loses',
    defaultMessage: 'start services of your session',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  sessionBusTitle: {
    id: 'proposal.session-bus.title',
    defaultMessage: 'Filter the session bus',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  sessionBusReason: {
    id: 'proposal.session-bus.reason',
    defaultMessage: 'Unfiltered access to the session bus reaches the service that runs commands outside the sandbox.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  sessionBusLoses: {
    id: 'proposal.session-bus.loses',
    defaultMessage: 'talk to desktop services it does not name in its permissions',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  systemBusTitle: {
    id: 'proposal.system-bus.title',
    defaultMessage: 'Filter the system bus',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  systemBusReason: {
    id: 'proposal.system-bus.reason',
    defaultMessage: 'Unfiltered access to the system bus reaches every system service.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  systemBusLoses: {
    id: 'proposal.system-bus.loses',
    defaultMessage: 'talk to system services it does not name in its permissions',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  overridesTitle: {
    id: 'proposal.overrides.title',
    defaultMessage: 'Stop it changing Flatpak’s permissions and apps',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  overridesReason: {
    id: 'proposal.overrides.reason',
    defaultMessage:
      'Whoever writes the overrides folder or an installation sets any app’s permissions, its own too: a way out of the sandbox. It keeps reading them.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  overridesLoses: {
    id: 'proposal.overrides.loses',
    defaultMessage: 'change Flatpak overrides or installed apps',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  startupTitle: {
    id: 'proposal.startup.title',
    defaultMessage: 'Stop it changing what runs at login',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  startupReason: {
    id: 'proposal.startup.reason',
    defaultMessage:
      'Files there start programs outside the sandbox: at login (autostart, systemd, your shell) or as your own apps.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  startupLoses: {
    id: 'proposal.startup.loses',
    defaultMessage: 'add itself to login or to your app menu',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  dconfTitle: {
    id: 'proposal.dconf.title',
    defaultMessage: 'Keep it out of your desktop’s settings store',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  dconfReason: {
    id: 'proposal.dconf.reason',
    defaultMessage:
      'Writing dconf changes any desktop setting, such as a keyboard shortcut that runs a command outside the sandbox.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  dconfLoses: {
    id: 'proposal.dconf.loses',
    defaultMessage: 'keep its settings in your desktop’s settings store: it starts from fresh settings of its own',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  containersTitle: {
    id: 'proposal.containers.title',
    defaultMessage: 'Revoke the container engines',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  containersReason: {
    id: 'proposal.containers.reason',
    defaultMessage:
      'The Podman, Docker or libvirt socket starts containers and machines that can mount your files: a way out of the sandbox, read-only or not.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  containersLoses: {
    id: 'proposal.containers.loses',
    defaultMessage: 'manage containers or virtual machines',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  hostTmpTitle: {
    id: 'proposal.host-tmp.title',
    defaultMessage: 'Revoke your computer’s {tmp}',
    description: 'tmp is /tmp',
  },
  hostTmpReason: {
    id: 'proposal.host-tmp.reason',
    defaultMessage:
      'Your {tmp} holds the sockets of tmux and the SSH agent, through which an app runs commands outside the sandbox or logs in as you.',
    description: 'tmp is /tmp',
  },
  hostTmpLoses: {
    id: 'proposal.host-tmp.loses',
    defaultMessage: 'share files and sockets with your programs through {tmp} (it keeps a {tmp} of its own)',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence); tmp is /tmp',
  },
  gnupgTitle: {
    id: 'proposal.gnupg.title',
    defaultMessage: 'Make your GnuPG folder read-only',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  gnupgReason: {
    id: 'proposal.gnupg.reason',
    defaultMessage: 'gpg-agent runs the pinentry program named there, outside the sandbox.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  sshTitle: {
    id: 'proposal.ssh.title',
    defaultMessage: 'Make your SSH folder read-only',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  sshReason: {
    id: 'proposal.ssh.reason',
    defaultMessage: 'From {path} an app can let itself log in as you or run commands when you connect.',
    description: 'path is ~/.ssh',
  },
  nativeMessagingTitle: {
    id: 'proposal.native-messaging.title',
    defaultMessage: 'Stop it registering browser helpers',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  nativeMessagingReason: {
    id: 'proposal.native-messaging.reason',
    defaultMessage: 'Browsers start the helpers registered there, outside this app’s sandbox.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  otherAppsTitle: {
    id: 'proposal.other-apps.title',
    defaultMessage: 'Make other apps’ files read-only',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  otherAppsReason: {
    id: 'proposal.other-apps.reason',
    defaultMessage:
      'Changing another app’s files plants settings or helpers that the other app, with its own permissions, then runs.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  otherAppsLoses: {
    id: 'proposal.other-apps.loses',
    defaultMessage: 'change the files of other apps',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  networkTitle: {
    id: 'proposal.network.title',
    defaultMessage: 'Revoke network access',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  networkReason: {
    id: 'proposal.network.reason',
    defaultMessage: 'Without the network the app cannot send your data anywhere.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  pulseaudioTitle: {
    id: 'proposal.pulseaudio.title',
    defaultMessage: 'Revoke sound and microphones',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  pulseaudioReason: {
    id: 'proposal.pulseaudio.reason',
    defaultMessage: 'PulseAudio access plays sound and records from every microphone without asking.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  pulseaudioReasonPipewire: {
    id: 'proposal.pulseaudio.reason-with-pipewire',
    defaultMessage:
      'PulseAudio and PipeWire access plays sound and records from every microphone without asking; PipeWire also reaches screen captures.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  pipewireTitle: {
    id: 'proposal.pipewire.title',
    defaultMessage: 'Revoke PipeWire',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  pipewireReason: {
    id: 'proposal.pipewire.reason',
    defaultMessage:
      'The PipeWire socket reaches every microphone and camera PipeWire manages, and screen captures, without asking; read-only does not stop a socket.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  deviceAllTitle: {
    id: 'proposal.device-all.title',
    defaultMessage: 'Revoke access to all devices',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  deviceAllTitleGpu: {
    id: 'proposal.device-all.title-keep-gpu',
    defaultMessage: 'Revoke access to all devices, keep the GPU',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  deviceAllReason: {
    id: 'proposal.device-all.reason',
    defaultMessage: 'All devices include webcams, microphones, USB sticks and every other device.',
    description: '"All devices" is the Flatpak permission device=all',
  },
  deviceAllReasonGpu: {
    id: 'proposal.device-all.reason-keep-gpu',
    defaultMessage:
      'All devices include webcams, microphones, USB sticks and every other device. All devices is also its only GPU access, so the GPU is kept.',
    description: '"All devices" is the Flatpak permission device=all',
  },
  deviceAllLoses: {
    id: 'proposal.device-all.loses',
    defaultMessage: 'use webcams, game pads, security keys and USB devices directly (the GPU stays)',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  keyringTitle: {
    id: 'proposal.keyring.title',
    defaultMessage: 'Revoke access to your keyring',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  keyringReason: {
    id: 'proposal.keyring.reason',
    defaultMessage:
      'The keyring (GNOME Keyring, KWallet) hands every saved password and key to whoever asks while it is unlocked.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  x11Title: {
    id: 'proposal.x11.title',
    defaultMessage: 'Use X11 only where Wayland is missing',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  x11Reason: {
    id: 'proposal.x11.reason',
    defaultMessage:
      'Through X11 an app can read the keystrokes and screens of other X11 apps. With this it gets X11 only on a session without Wayland.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  x11ReasonOnX11: {
    id: 'proposal.x11.reason-on-x11',
    defaultMessage:
      'Through X11 an app can read the keystrokes and screens of other X11 apps. With this it gets X11 only on a session without Wayland, such as yours today, so it changes nothing until you use Wayland.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  x11Loses: {
    id: 'proposal.x11.loses',
    defaultMessage: 'use X11 on a Wayland session',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  permissionStoreTitle: {
    id: 'proposal.permission-store.title',
    defaultMessage: 'Revoke the permission store',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  permissionStoreReason: {
    id: 'proposal.permission-store.reason',
    defaultMessage: 'Talking to the permission store lets the app allow itself the camera, microphone or location.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  permissionStoreLoses: {
    id: 'proposal.permission-store.loses',
    defaultMessage: 'read or change portal permissions',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  sshAgentTitle: {
    id: 'proposal.ssh-auth.title',
    defaultMessage: 'Revoke your SSH agent',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  gpgAgentTitle: {
    id: 'proposal.gpg-agent.title',
    defaultMessage: 'Revoke your GPG agent',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  pcscTitle: {
    id: 'proposal.pcsc.title',
    defaultMessage: 'Revoke smart cards',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  pcscReason: {
    id: 'proposal.pcsc.reason',
    defaultMessage: 'Smart cards and tokens sign and log in as you.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  cupsTitle: {
    id: 'proposal.cups.title',
    defaultMessage: 'Revoke direct printing',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  cupsReason: {
    id: 'proposal.cups.reason',
    defaultMessage: 'Direct access to CUPS reaches every printer and its queue; printing through the portal stays.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  develTitle: {
    id: 'proposal.devel.title',
    defaultMessage: 'Revoke debugging system calls',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  develReason: {
    id: 'proposal.devel.reason',
    defaultMessage: 'Debugging system calls (ptrace, perf) weaken the sandbox’s filter.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  bluetoothTitle: {
    id: 'proposal.bluetooth.title',
    defaultMessage: 'Revoke Bluetooth',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  bluetoothReason: {
    id: 'proposal.bluetooth.reason',
    defaultMessage: 'Direct Bluetooth reaches every nearby device.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  canbusTitle: {
    id: 'proposal.canbus.title',
    defaultMessage: 'Revoke CAN bus',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  canbusReason: {
    id: 'proposal.canbus.reason',
    defaultMessage: 'Direct CAN bus access talks to cars and machines.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  kvmTitle: {
    id: 'proposal.kvm.title',
    defaultMessage: 'Revoke virtualization',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  kvmReason: {
    id: 'proposal.kvm.reason',
    defaultMessage: 'The virtualization device is a large kernel interface.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  shmTitle: {
    id: 'proposal.shm.title',
    defaultMessage: 'Revoke the shared memory device',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  shmReason: {
    id: 'proposal.shm.reason',
    defaultMessage: 'The host’s {shm} is shared with every other program.',
    description: 'shm is /dev/shm',
  },
  sharedMemoryLoses: {
    id: 'proposal.shared-memory.loses',
    defaultMessage: 'share memory with programs outside the sandbox',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  ipcTitle: {
    id: 'proposal.ipc.title',
    defaultMessage: 'Revoke IPC',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  ipcReason: {
    id: 'proposal.ipc.reason',
    defaultMessage: 'Shared IPC with the host is used only by X11 apps.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  systemNamesTitle: {
    id: 'proposal.system-bus-names.title',
    defaultMessage: 'Revoke system services',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  systemNamesReason: {
    id: 'proposal.system-bus-names.reason',
    defaultMessage: 'System services manage your network, disks, power and users.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  systemNamesLoses: {
    id: 'proposal.system-bus-names.loses',
    defaultMessage: 'talk to the system services it names (network, disks, power)',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  maskStartupTitle: {
    id: 'proposal.mask:startup.title',
    defaultMessage: 'Make your shell’s start-up files read-only',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  maskStartupReason: {
    id: 'proposal.mask:startup.reason',
    defaultMessage:
      'Your shell runs these files at every login; an app that can change them runs commands outside the sandbox. The app keeps your other files. It could still create a start-up file that does not exist yet, which Flatpak cannot prevent.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  maskStartupLoses: {
    id: 'proposal.mask:startup.loses',
    defaultMessage: 'change {first}, {second} and the other start-up files you have',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence); first and second are file names, ~/.bashrc and ~/.profile',
  },
  maskConfigReason: {
    id: 'proposal.mask:config.reason',
    defaultMessage:
      'It holds what starts at login (autostart, systemd units, environment variables) and every program’s settings. The app keeps writing your other files and its own settings.',
    description: 'Why ~/.config is made read-only',
  },
  maskConfigLoses: {
    id: 'proposal.mask:config.loses',
    defaultMessage: 'change the settings of your other programs',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  maskLocalReason: {
    id: 'proposal.mask:local.reason',
    defaultMessage:
      'It holds your app launchers, your own programs ({bin}) and Flatpak’s overrides, through which an app can widen its own sandbox.',
    description: 'Why ~/.local is made read-only; bin is ~/.local/bin',
  },
  maskLocalLoses: {
    id: 'proposal.mask:local.loses',
    defaultMessage: 'add app launchers, or move files to the trash without the trash portal',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  maskVarTitle: {
    id: 'proposal.mask:var.title',
    defaultMessage: 'Make other Flatpak apps’ files read-only',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  maskVarReason: {
    id: 'proposal.mask:var.reason',
    defaultMessage:
      'Other apps’ files in {var} hold settings and browser helpers that those apps, with their own permissions, then use. The app keeps its own files.',
    description: 'var is ~/.var',
  },
  maskVarLoses: {
    id: 'proposal.mask:var.loses',
    defaultMessage: 'change the files of your other Flatpak apps',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  maskKeysReason: {
    id: 'proposal.mask:keys.reason',
    defaultMessage:
      'An app that can change them can let itself log in as you ({authorizedKeys}), run commands when you connect (ssh config) or sign (gpg-agent’s pinentry).',
    description: 'Why ~/.ssh and ~/.gnupg are made read-only; authorizedKeys is the file name authorized_keys',
  },
  maskKeysLoses: {
    id: 'proposal.mask:keys.loses',
    defaultMessage: 'change your SSH and GnuPG settings, keys and known hosts',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  maskProgramsTitle: {
    id: 'proposal.mask:programs.title',
    defaultMessage: 'Make browser helper and program folders read-only',
    description: 'A change a hardening preset proposes, beside its check box',
  },
  maskProgramsReason: {
    id: 'proposal.mask:programs.reason',
    defaultMessage:
      'Browsers start the helpers registered in {mozilla} outside any sandbox, and programs in {bin} run from your shell.',
    description: 'mozilla is ~/.mozilla, bin is ~/bin',
  },
  maskProgramsLoses: {
    id: 'proposal.mask:programs.loses',
    defaultMessage: 'register browser helpers or install programs into {bin}',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence); bin is ~/bin',
  },
  makeReadOnly: {
    id: 'proposal.make-read-only.title',
    defaultMessage: 'Make {places} read-only',
    description: 'places is a list of paths or folders (~/.config, ~/.ssh and ~/.gnupg)',
  },
  widerReason: {
    id: 'proposal.wider.reason',
    defaultMessage: '{reason} The app asks for all of {entries}, which holds them.',
    description:
      'reason is the sentence of the narrower change (why those places are risky); entries is a list of folders the app asks for',
  },
  widerLoses: {
    id: 'proposal.wider.loses',
    defaultMessage: 'write anywhere in {places}',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence); places is a list of paths (~/.config)',
  },
  homeTitleKeep: {
    id: 'proposal.home.title-keep-reading',
    defaultMessage:
      'Keep reading {scope, select, host {all your files} other {your home folder}}, save only into your folders',
    description: 'scope is host where the app has the whole computer',
  },
  homeReasonKeep: {
    id: 'proposal.home.reason-keep-reading',
    defaultMessage:
      'Write access to your home folder is a way out of the sandbox: any program’s settings, and every start-up file, can be changed. Read-only, with write access to your own folders, it can still open every file.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  homeLosesKeep: {
    id: 'proposal.home.loses-keep-reading',
    defaultMessage:
      '{scope, select, host {save anywhere but {folders}, or on other drives} other {save anywhere but {folders}}}',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence); scope is host where the app has the whole computer; folders is the list of the user’s folders (Desktop, Documents, …)',
  },
  homeTitleReplace: {
    id: 'proposal.home.title-replace',
    defaultMessage: 'Replace {scope, select, host {all your files} other {your home folder}} with {folders}',
    description:
      'scope is host where the app has the whole computer; folders is a list of folders (Pictures folder (xdg-pictures))',
  },
  homeTitleReplaceRo: {
    id: 'proposal.home.title-replace-read-only',
    defaultMessage: 'Replace {scope, select, host {all your files} other {your home folder}} with {folders}, read only',
    description:
      'scope is host where the app has the whole computer; folders is a list of folders (Pictures folder (xdg-pictures))',
  },
  homeTitleRevoke: {
    id: 'proposal.home.title-revoke',
    defaultMessage: 'Revoke access to {scope, select, host {all your files} other {your home folder}}',
    description: 'scope is host where the app has the whole computer',
  },
  homeReasonWrite: {
    id: 'proposal.home.reason-write',
    defaultMessage:
      'Write access to your home folder is a way out of the sandbox ({file} runs at login). Files you pick in a portal file chooser still open.',
    description: 'file is ~/.bashrc',
  },
  homeReasonRead: {
    id: 'proposal.home.reason-read',
    defaultMessage:
      'Reading your whole home folder exposes SSH keys, browser profiles and documents. Files you pick in a portal file chooser still open.',
    description: 'Why a preset proposes the change: the risk it closes',
  },
  homeLosesOutside: {
    id: 'proposal.home.loses-outside',
    defaultMessage: 'open files outside {folders} through its own file dialog',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence); folders is a list of paths (~/Pictures)',
  },
  homeLosesChooser: {
    id: 'proposal.home.loses-chooser',
    defaultMessage: 'open files outside what you pick in the file chooser through its own file dialog',
    description:
      'Completes the sentence "It can no longer …": what the app loses (write it as the rest of that sentence)',
  },
  costSentence: {
    id: 'cost.sentence',
    defaultMessage: '{cost}.',
    description: 'cost is one of cost.none, cost.feature, cost.core, as a sentence',
  },
  costSentenceEvidence: {
    id: 'cost.sentence-with-evidence',
    defaultMessage: '{cost}: {evidence}.',
    description: 'cost is one of cost.none, cost.feature, cost.core; evidence a list of reasons (cost.because.*)',
  },
  becauseAsks: {
    id: 'cost.because.asks',
    defaultMessage: 'it asks for this, so it may use it for something',
    description: 'Evidence of what an app needs, in a list after a cost',
  },
  becauseWayland: {
    id: 'cost.because.draws-on-wayland',
    defaultMessage: 'it draws on Wayland: {why}',
    description:
      'Why a change costs nothing, after a cost; why is cost.because.sets-variable, gnome-runtime or qt-on-kde',
  },
});
