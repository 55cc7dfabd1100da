// Renders assets/icon.svg to the PNG sizes of the hicolor theme (assets/icons/NxN.png) with
// Debian's Chromium. Run after changing the SVG: npx tsx scripts/make-icons.ts
import { readFile, writeFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const SIZES = [16, 24, 32, 48, 64, 96, 128, 256, 512];
const svg = await readFile(new URL('../assets/icon.svg', import.meta.url));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="data:image/svg+xml;base64,${svg.toString('base64')}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.waitForFunction(() => document.images[0]?.complete === true);
    await writeFile(
      new URL(`../assets/icons/${size}x${size}.png`, import.meta.url),
      await page.screenshot({ omitBackground: true }),
    );
    await page.close();
  }
} finally {
  await browser.close();
}
