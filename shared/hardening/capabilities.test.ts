// Each capability against finish-args whose answer Flatpak's own meaning settles: the entry that
// gives it, the ones that look alike and do not, and a later layer that takes it away.

import { describe, expect, it } from 'vitest';
import { contextOf } from '../../test/helpers/finish-args';
import { mergeContexts } from '../flatpak/merge';
import type { PortalGrant } from './audit';
import {
  CAPABILITIES,
  CAPABILITY_IDS,
  capabilitiesOf,
  hasAll,
  isCapabilityId,
  type CapabilityId,
} from './capabilities';

const caps = (args: readonly string[], grants: readonly PortalGrant[] = []) => capabilitiesOf(contextOf(args), grants);
const grant = (key: string): PortalGrant => ({ key, title: key, detail: key, permission: `portal devices/${key}=yes` });

describe('what an app can do', () => {
  it('an app without finish-args can do none of it', () => {
    expect(caps([])).toEqual([]);
  });

  it.each<[string, readonly string[], CapabilityId[]]>([
    ['the network', ['--share=network'], ['network']],
    ['IPC alone is not the network', ['--share=ipc'], []],
    ['all devices: camera, microphone and the devices', ['--device=all'], ['camera', 'microphone', 'devices-all']],
    ['the GPU is no camera', ['--device=dri'], []],
    ['PulseAudio records', ['--socket=pulseaudio'], ['microphone']],
    ['home is read', ['--filesystem=home:ro'], ['home']],
    ['host read-only reads home and is the host', ['--filesystem=host:ro'], ['home', 'host']],
    // Writing home writes the start-up files that run outside the sandbox.
    ['host written is a way out too', ['--filesystem=host'], ['home', 'host', 'escape']],
    ['host-os is the host, not home', ['--filesystem=host-os:ro'], ['host']],
    ['host-etc is the host, not home', ['--filesystem=host-etc:ro'], ['host']],
    ['a folder in home is not home', ['--filesystem=xdg-download'], []],
    ['X11', ['--socket=x11'], ['display-x11']],
    ['fallback-x11 beside Wayland is not X11', ['--socket=wayland', '--socket=fallback-x11'], []],
    ['the unfiltered session bus is a way out', ['--socket=session-bus'], ['escape', 'session-bus']],
    ['a filtered name is no session bus', ['--talk-name=org.freedesktop.Notifications'], []],
    ['talking to Flatpak is a way out', ['--talk-name=org.freedesktop.Flatpak'], ['escape']],
    ['writing ~/.bashrc is a way out', ['--filesystem=~/.bashrc'], ['escape']],
  ])('%s', (_, args, expected) => {
    expect(caps(args)).toEqual(expected);
  });

  it('the portals count once allowed', () => {
    expect(caps([], [grant('camera')])).toEqual(['camera']);
    expect(caps([], [grant('microphone')])).toEqual(['microphone']);
    expect(caps([], [grant('location')])).toEqual([]);
  });

  it('a user override that takes a permission away takes the capability with it', () => {
    const app = contextOf(['--share=network', '--device=all', '--filesystem=home:ro']);
    const user = contextOf(['--unshare=network', '--nodevice=all', '--nofilesystem=home']);
    const merged = mergeContexts(app, user);
    expect(capabilitiesOf(app)).toEqual(['network', 'camera', 'microphone', 'home', 'devices-all']);
    expect(capabilitiesOf(merged)).toEqual([]);
  });

  it('asks for all the capabilities wanted at once', () => {
    expect(hasAll(['network', 'home'], ['network', 'home'])).toBe(true);
    expect(hasAll(['network'], ['network', 'home'])).toBe(false);
    expect(hasAll([], [])).toBe(true);
  });

  it('IDs are unique words a shell can complete, each with a label', () => {
    expect(new Set(CAPABILITY_IDS).size).toBe(CAPABILITIES.length);
    for (const c of CAPABILITIES) {
      expect(c.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(c.label.length).toBeGreaterThan(0);
    }
    expect(isCapabilityId('network')).toBe(true);
    expect(isCapabilityId('net')).toBe(false);
  });
});
