// The desktop's own file choosers, for export and import.

import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { defineMessages, t } from '../../shared/i18n';
import type { Dialogs } from '../ipc/handlers';

const M = defineMessages({
  filter: {
    id: 'main.dialog.export-filter',
    defaultMessage: 'Confine export',
    description: 'The file type a save or open dialog offers: JSON files written by confine export',
  },
  folderTitle: {
    id: 'main.dialog.system-tree-title',
    defaultMessage: 'Choose an empty folder for the system overrides',
    description: 'The title of the folder chooser of the system override export',
  },
});

// Made when a dialog opens: main chooses its language once the app is ready.
const filters = () => [{ name: t(M.filter), extensions: ['json'] }];

export function desktopDialogs(window: () => BrowserWindow | undefined): Dialogs {
  return {
    async saveFile(defaultName) {
      const win = window();
      const options = { defaultPath: join(app.getPath('documents'), defaultName), filters: filters() };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async openFile() {
      const win = window();
      const options = { properties: ['openFile' as const], filters: filters() };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseFolder() {
      const win = window();
      const options = {
        properties: ['openDirectory' as const, 'createDirectory' as const],
        title: t(M.folderTitle),
      };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
