import { existsSync } from 'node:fs';
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

/** With SCREENSHOTS=1 (npm run screenshots), saves the page under docs/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}
