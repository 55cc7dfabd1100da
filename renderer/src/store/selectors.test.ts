// The list's search and its filter by capability narrow together: an app shows only when it
// matches the search and can do every capability asked for.

import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../shared/model';
import { filterApps } from './selectors';

const app = (id: string, name: string): AppInfo => ({ id, name, categories: [], deployments: [], problems: [] });
const APPS = [app('org.a.Chat', 'Chat'), app('org.b.Camera', 'Camera'), app('org.c.Notes', 'Notes')];
const of = {
  'org.a.Chat': ['network', 'microphone'] as const,
  'org.b.Camera': ['camera', 'network'] as const,
};
const ids = (apps: readonly AppInfo[]) => apps.map((a) => a.id);

describe('the app list’s filter', () => {
  it('keeps every app when nothing is asked', () => {
    expect(ids(filterApps(APPS, '', 'name', {}, { wanted: [], of }))).toEqual([
      'org.b.Camera',
      'org.a.Chat',
      'org.c.Notes',
    ]);
  });

  it('keeps the apps that can do all that is asked; an app without capabilities can do none', () => {
    expect(ids(filterApps(APPS, '', 'name', {}, { wanted: ['network'], of }))).toEqual(['org.b.Camera', 'org.a.Chat']);
    expect(ids(filterApps(APPS, '', 'name', {}, { wanted: ['network', 'camera'], of }))).toEqual(['org.b.Camera']);
    expect(ids(filterApps(APPS, '', 'name', {}, { wanted: ['home'], of }))).toEqual([]);
  });

  it('narrows with the search', () => {
    expect(ids(filterApps(APPS, 'chat', 'name', {}, { wanted: ['network'], of }))).toEqual(['org.a.Chat']);
    expect(ids(filterApps(APPS, 'notes', 'name', {}, { wanted: ['network'], of }))).toEqual([]);
  });
});
