import { after, before, describe } from 'node:test';
import { ensureBuilt } from './build.js';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Engine } from '../../src/store/database.js';
import { setPassword, TEST_PASSWORD } from './app-session.js';
import { ENGINES } from './engines.js';
import { startServer, type TestServer } from './server.js';
import { createTenant, type Tenant } from './tenant.js';

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

/**
 * A browser test block once per engine (SQLite, and PostgreSQL when one answers; under CI it must):
 * the app is the same, the server behind it is not. `npm run screenshots` keeps to SQLite.
 */
export function describeOnEachEngine(title: string, body: (engine: Engine) => void): void {
  const skip = browserSkipReason();
  for (const engine of ENGINES) describe(`${title} (${engine})`, { skip }, () => body(engine));
}

/** A fresh server of `engine` and tenant, signed in through the app's own sign-in page in a new browser context. */
export async function signedInApp(
  browser: Browser,
  t: Parameters<typeof startServer>[0],
  engine: Engine,
  env: Record<string, string> = {},
): Promise<{ server: TestServer; tenant: Tenant; page: Page }> {
  const server = await startServer(t, engine, env);
  const tenant = await createTenant(server.database);
  await setPassword(server.database, tenant.user.id);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  t.after(() => context.close());
  const page = await context.newPage();
  // Signing in on a page's URL opens that page: the tests start from the lists (the home page is the dashboard).
  await page.goto(`${server.baseUrl}/lists`);
  await page.getByLabel('Email').fill(tenant.user.email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Lists' }).waitFor();
  return { server, tenant, page };
}

/**
 * One Chromium for a describe block, launched once the app is built and closed after the block:
 * call inside the block; the getter gives the browser to its tests.
 */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    await ensureBuilt();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the shared browser is used before its block started');
    return browser;
  };
}
