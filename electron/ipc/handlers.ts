// The handler table: each channel of the contract bound to a service call. It imports nothing
// from Electron, so the window's IPC, the end-to-end harness and the unit tests run the very
// same functions.

import { ConfineError } from '../../shared/errors';
import { HELP_LINKS } from '../../shared/ipc/contract';
import type { FlatpakCore } from '../services/core';
import type { OverrideChange } from '../services/overrides';
import type { SettingsStore } from '../services/settings';
import { catalogView, permissionsView } from '../services/views';
import type { IconRegistry } from './assets';
import type { Handlers } from './dispatch';

export interface HandlerDeps {
  readonly core: () => Promise<FlatpakCore>;
  /** Filled by each catalog load, read by the icon route. */
  readonly icons: IconRegistry;
  readonly settings: SettingsStore;
  /** Opens an allow-listed https link in the user's browser. */
  readonly openExternal: (url: string) => Promise<void>;
  readonly writeClipboard: (text: string) => void;
}

const b64 = (b: Buffer | null) => (b === null ? null : b.toString('base64'));
const bytes = (s: string | null) => (s === null ? null : Buffer.from(s, 'base64'));

function written(c: OverrideChange) {
  return { path: c.path, before: b64(c.before), after: b64(c.after), changed: c.changed };
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'catalog:load': async () => {
      const catalog = await catalogView(await deps.core());
      deps.icons.update(catalog.apps, catalog.installations.map((i) => i.path));
      return catalog;
    },
    'permissions:get': async ({ appId, installation }) => permissionsView(await deps.core(), appId, installation),
    'override:change': async ({ appId, changes }) => {
      const core = await deps.core();
      return written(appId === null ? await core.changeLayer({ scope: 'user', app: null }, changes) : await core.changeApp(appId, changes));
    },
    'override:reset': async ({ appId }) => written(await (await deps.core()).reset({ scope: 'user', app: appId })),
    'override:restore': async ({ appId, expected, content }) => {
      await (await deps.core()).restore({ scope: 'user', app: appId }, bytes(expected), bytes(content));
      return { restored: true as const };
    },
    'link:open': async ({ link }) => {
      const url = HELP_LINKS[link];
      if (!url.startsWith('https://')) throw new ConfineError('invalid-input', 'Only https links can be opened');
      // Only the fixed https links of HELP_LINKS reach this call (link:open takes a key, not a URL).
      await deps.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
      return {};
    },
    'clipboard:write': ({ text }) => {
      deps.writeClipboard(text);
      return Promise.resolve({});
    },
    'settings:get': () => Promise.resolve({ selectedApp: deps.settings.get().selectedApp ?? null }),
    'settings:set': async ({ selectedApp }) => {
      await deps.settings.update({ selectedApp });
      return {};
    },
  };
}
