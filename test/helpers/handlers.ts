// The window's handler table over test doubles for what only Electron gives (dialogs, clipboard,
// the browser, settings), each test naming the parts it exercises.

import { IconRegistry } from '../../electron/ipc/assets';
import { createHandlers, type HandlerDeps } from '../../electron/ipc/handlers';

/** Handlers whose dialogs all answer `answer` (null: cancelled); unused parts refuse loudly. */
export function testHandlers(
  deps: Pick<HandlerDeps, 'home'> & Partial<HandlerDeps>,
  answer: string | null = null,
): ReturnType<typeof createHandlers> {
  return createHandlers({
    core: () => Promise.reject(new Error('not used')),
    icons: new IconRegistry(),
    settings: { get: () => ({}), update: () => Promise.resolve() } as never,
    openExternal: () => Promise.resolve(),
    writeClipboard: () => undefined,
    dialogs: {
      saveFile: () => Promise.resolve(answer),
      openFile: () => Promise.resolve(answer),
      chooseFolder: () => Promise.resolve(answer),
    },
    systemFs: () => Promise.reject(new Error('not used')),
    ...deps,
  });
}
