// Kept apart from the contract, so that the window shows them without building every schema.

/** Documentation links the window may open in the user's browser, and nothing else. */
export const HELP_LINKS = {
  overrides: 'https://docs.flatpak.org/en/latest/flatpak-command-reference.html#flatpak-override',
  permissions: 'https://docs.flatpak.org/en/latest/sandbox-permissions.html',
  portals: 'https://docs.flatpak.org/en/latest/portal-api-reference.html',
  'firejail-risks': 'https://madaidans-insecurities.github.io/linux.html#firejail',
  'apparmor-everything': 'https://github.com/Whonix/apparmor-profile-everything',
  'krathalan-apparmor': 'https://github.com/krathalan/apparmor-profiles',
  'hardhat-selinux': 'https://github.com/noatsecure/hardhat-selinux-templates',
  'bwrap-scripts': 'https://sr.ht/~seirdy/bwrap-scripts',
  'docker-rootless': 'https://docs.docker.com/engine/security/rootless/',
  'podman-rootless': 'https://developers.redhat.com/blog/2020/09/25/rootless-containers-with-podman-the-basics',
  gvisor: 'https://gvisor.dev/docs/user_guide/install/',
  kata: 'https://katacontainers.io/',
} as const;
