import { describe, expect, it } from 'vitest';
import { filesystemLabel, filesystemWords } from './catalogue';
import { describeChange, describeChanges } from './change-label';

describe('changes in words', () => {
  it('name a permission by its label and say which way it went', () => {
    expect(describeChange({ kind: 'shared', name: 'network', value: false })).toBe('revoke Network');
    expect(describeChange({ kind: 'sockets', name: 'x11', value: true })).toBe('grant X11 windowing system');
    expect(describeChange({ kind: 'devices', name: 'dri', value: undefined })).toBe(
      'return GPU acceleration to its default',
    );
  });

  it('name XDG folders as people know them, and give the access chosen', () => {
    expect(describeChange({ kind: 'filesystems', path: 'xdg-download', value: 'ro' })).toBe(
      'set Downloads folder to read only',
    );
    expect(describeChange({ kind: 'filesystems', path: 'home', value: 'none' })).toBe('set Home folder to no access');
    expect(describeChange({ kind: 'filesystems', path: '~/Games', value: undefined })).toBe(
      'return ~/Games to its default',
    );
  });

  it('cover the other kinds of entry', () => {
    expect(describeChange({ kind: 'environment', name: 'FOO', value: null })).toBe('remove FOO from the environment');
    expect(describeChange({ kind: 'bus', bus: 'session', name: 'org.example.S', value: 'own' })).toBe(
      'set org.example.S on the session bus to own',
    );
    expect(describeChange({ kind: 'persistent', path: '.mozilla', value: true })).toBe(
      'add the persistent folder ~/.mozilla',
    );
  });

  it('count several changes saved together', () => {
    expect(
      describeChanges([
        { kind: 'shared', name: 'network', value: false },
        { kind: 'shared', name: 'ipc', value: false },
      ]),
    ).toBe('make 2 changes');
  });
});

describe('filesystem labels', () => {
  it('take the XDG table’s label, with a sub-folder after it, and leave paths and unknown prefixes alone', () => {
    expect(filesystemLabel('xdg-download')).toBe('Downloads folder');
    expect(filesystemLabel('xdg-documents/Work')).toBe('Documents folder › Work');
    expect(filesystemLabel('xdg-downloads')).toBe('xdg-downloads');
    expect(filesystemLabel('/srv')).toBe('/srv');
    expect(filesystemWords('xdg-config')).toBe('Configuration (xdg-config)');
    expect(filesystemWords('~/Games')).toBe('~/Games');
  });
});
