import type { Browser, Page } from 'playwright-core';
import { launchBrowser, logIn, openConsole } from './support/browser';
import { startStack, type Stack } from './support/stack';

// The web console in headless Chromium against the real gateway (child process, PostgreSQL, nop-sim).
jest.setTimeout(300_000);

interface TenantJson {
  id: string;
  name: string;
  pckLogin: number;
  shopUrl: string | null;
  hasShopCredentials: boolean;
  options: Record<string, unknown>;
}

const shots = process.env.CONSOLE_SCREENSHOTS;
async function shot(page: Page, name: string): Promise<void> {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

describe('web console', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('logs in with the admin token only, creates a shop and saves its profile', async () => {
    const { page, foreign, errors } = await openConsole(browser, stack.url);
    expect(new URL(page.url()).pathname).toBe('/console/');

    await page.getByLabel('Nøkkel').fill('feil-nøkkel');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByText('Nøkkelen ble ikke godtatt.').waitFor();
    await logIn(page, stack.adminToken);
    await page.getByRole('link', { name: 'Standard' }).waitFor();
    await shot(page, 'overview');

    await page.getByRole('link', { name: 'Ny butikk' }).click();
    await page.getByLabel('Navn').fill('Sportsbutikken');
    await page.getByLabel('Nettbutikkens adresse').fill(stack.sim.url);
    await page.getByLabel('E-post for nettbutikkens Web API').fill('admin@nop-sim.local');
    await page.getByLabel('Passord for nettbutikkens Web API').fill('admin');
    await page.getByRole('button', { name: 'Opprett butikk' }).click();
    await page.getByRole('heading', { name: '«Sportsbutikken» er opprettet' }).waitFor();
    const login = Number(await page.getByTestId('pck-login').textContent());
    const password = (await page.getByTestId('pck-password').textContent()) ?? '';
    expect(password.length).toBeGreaterThanOrEqual(8);
    expect(await page.getByTestId('pck-wsdl').textContent()).toBe(`${stack.url}/WebshopWS?wsdl`);
    await shot(page, 'created');

    const tenants = await stack.admin<TenantJson[]>('GET', '/tenants');
    const created = tenants.find((t) => t.name === 'Sportsbutikken');
    expect(created).toMatchObject({ pckLogin: login, shopUrl: stack.sim.url, hasShopCredentials: true });

    await page.getByRole('link', { name: 'Gå til oppsett' }).click();
    await page.getByRole('heading', { name: 'Hva som sendes til butikken' }).waitFor();
    await page.getByLabel('Ingen grupper').check();
    await page.getByRole('button', { name: 'Lagre oppsett' }).click();
    await page.getByText('Oppsettet er lagret.').waitFor();
    const saved = await stack.admin<TenantJson>('GET', `/tenants/${created!.id}`);
    expect(saved.options['groupSource']).toBe('none');
    await shot(page, 'setup');

    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
