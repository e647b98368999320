import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Real headless Chromium for the web app's end-to-end tests: Debian's `chromium` package (never a
 * downloaded browser), driven by playwright-core. Missing outside CI, the tests skip with a message;
 * under CI=true a missing browser fails them.
 */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function browserSkipReason(): string | false {
  if (existsSync(CHROMIUM)) return false;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: apt-get install -y chromium`);
  const reason = `browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`;
  process.stderr.write(`# ${reason}\n`);
  return reason;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

function newestMtime(dir: string): number {
  return Math.max(...readdirSync(dir).map((name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    return stat.isDirectory() ? newestMtime(path) : stat.mtimeMs;
  }));
}

/** Builds the app into dist/app when it is missing or older than its sources, so the tests see the code. */
export function ensureAppBuilt(): void {
  const index = 'dist/app/index.html';
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(newestMtime('app/src'), statSync('app/index.html').mtimeMs)) return;
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'app/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
}

/** With SCREENSHOTS=1 (npm run screenshots), saves the page under docs/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}
