// The desktop's own file choosers, for export and import.

import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { Dialogs } from '../ipc/handlers';

const FILTERS = [{ name: 'Confine export', extensions: ['json'] }];

export function desktopDialogs(window: () => BrowserWindow | undefined): Dialogs {
  return {
    async saveFile(defaultName) {
      const win = window();
      const options = { defaultPath: join(app.getPath('documents'), defaultName), filters: FILTERS };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async openFile() {
      const win = window();
      const options = { properties: ['openFile' as const], filters: FILTERS };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseFolder() {
      const win = window();
      const options = {
        properties: ['openDirectory' as const, 'createDirectory' as const],
        title: 'Choose an empty folder for the system overrides',
      };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
