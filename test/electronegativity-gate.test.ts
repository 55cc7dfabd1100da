// The Electronegativity gate must be able to fail: a window with Node integration and no
// sandbox makes it exit 1, and this project's own sources make it exit 0.

import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/temp';

const GATE = new URL('../scripts/electronegativity-gate.mjs', import.meta.url).pathname;
const ROOT = new URL('..', import.meta.url).pathname;

function gate(dir: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [GATE, dir], { cwd: ROOT }, (error, stdout) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout }),
    );
  });
}

describe('the Electronegativity gate', () => {
  it('fails on an unsafe window', async () => {
    const dir = await tempDir('confine-eneg-');
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'bad', devDependencies: { electron: '45.5.0' } }),
    );
    await writeFile(
      join(dir, 'main.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const r = await gate(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('CONTEXT_ISOLATION_JS_CHECK');
  }, 60_000);

  it('passes on this project', async () => {
    const r = await gate(ROOT);
    expect(r.stdout).toContain('0 at MEDIUM or above');
    expect(r.code).toBe(0);
  }, 60_000);
});
