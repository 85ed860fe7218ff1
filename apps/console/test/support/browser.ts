import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (Playwright's own browser download does not work here; .ci/run installs the package). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * A page on the console that records every request that left for another origin (there must be none) and every
 * script error.
 */
export async function openConsole(
  browser: Browser,
  baseUrl: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; foreign: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'nb-NO' });
  const page = await context.newPage();
  const foreign: string[] = [];
  const errors: string[] = [];
  const origin = new URL(baseUrl).origin;
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(origin) && !u.startsWith('data:')) foreign.push(u);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.setDefaultTimeout(30_000);
  await page.goto(baseUrl);
  return { page, foreign, errors };
}

export async function logIn(page: Page, token: string): Promise<void> {
  await page.getByLabel('Nøkkel').fill(token);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.getByRole('heading', { name: 'Oversikt' }).waitFor();
}
