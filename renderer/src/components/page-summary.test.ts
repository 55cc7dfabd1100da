import { describe, expect, it } from 'vitest';
import type { EffectiveReport } from '../../../shared/flatpak/report';
import type { Finding } from '../../../shared/hardening/audit';
import { exposureSummary, permissionGroups } from './page-summary';

const finding = (id: string, severity: Finding['severity'], title: string): Finding => ({
  id,
  severity,
  title,
  detail: '',
  permission: id,
});

describe('the exposure line', () => {
  it('counts the findings by severity and names the most dangerous one', () => {
    const s = exposureSummary([
      finding('a', 'high', 'Changes your whole home folder'),
      finding('b', 'medium', 'Uses the network'),
      finding('c', 'medium', 'Draws with X11'),
    ]);
    expect(s.worst).toBe('high');
    expect(s.text).toBe('3 findings: 1 high, 2 medium');
    expect(s.top?.title).toBe('Changes your whole home folder');
  });

  it('puts a sandbox escape first, in words, and says one finding in the singular', () => {
    expect(exposureSummary([finding('x', 'escape', 'Can leave the sandbox')]).text).toBe('1 finding: 1 sandbox escape');
    expect(exposureSummary([])).toEqual({ worst: undefined, text: 'Nothing risky found', top: undefined });
  });
});

describe('the jump list', () => {
  const report: EffectiveReport = {
    shared: [
      { name: 'network', allowed: true, source: 'app' },
      { name: 'ipc', allowed: false, source: 'user-app' },
    ],
    sockets: [
      { name: 'x11', allowed: true, source: 'app' },
      { name: 'wayland', allowed: true, source: 'user-app' },
    ],
    devices: [],
    features: [],
    filesystems: [
      { path: 'home', mode: 'rw', source: 'app' },
      { path: 'xdg-music', mode: 'none', source: 'user-app' },
    ],
    filesystemReset: 'user-app',
    persistent: [{ path: '.mozilla', source: 'app' }],
    environment: [
      { name: 'A', value: '1', source: 'user-global' },
      { name: 'B', value: null, source: 'user-app' },
    ],
    sessionBus: [{ name: 'org.freedesktop.Notifications', policy: 'talk', source: 'app' }],
    systemBus: [{ name: 'org.freedesktop.login1', policy: 'none', source: 'user-app' }],
    policies: [],
  };

  it('lists the groups in the page’s order, with what each grants and what you changed', () => {
    expect(permissionGroups(report, 'user-app')).toEqual([
      { id: 'group-shared', label: 'Share', granted: 1, changed: 1 },
      { id: 'group-sockets', label: 'Sockets', granted: 2, changed: 1 },
      { id: 'group-devices', label: 'Devices', granted: 0, changed: 0 },
      { id: 'group-features', label: 'Features', granted: 0, changed: 0 },
      // A refused folder grants nothing; your !host:reset is a change.
      { id: 'group-filesystems', label: 'Filesystem', granted: 1, changed: 2 },
      { id: 'group-persistent', label: 'Persistent folders', granted: 1, changed: 0 },
      { id: 'group-environment', label: 'Environment variables', granted: 1, changed: 1 },
      { id: 'group-session-bus', label: 'Session bus', granted: 1, changed: 0 },
      { id: 'group-system-bus', label: 'System bus', granted: 0, changed: 1 },
    ]);
  });

  it('counts the global override’s own entries as changed on the global page', () => {
    const groups = permissionGroups(report, 'user-global');
    expect(groups.find((g) => g.id === 'group-environment')?.changed).toBe(1);
    expect(groups.find((g) => g.id === 'group-filesystems')?.changed).toBe(0);
  });
});
