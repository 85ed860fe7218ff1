import type { Browser, Page } from 'playwright-core';
import { launchBrowser, logIn, openConsole } from './support/browser';
import { article, sendArticle, sendArticles } from './support/pck';
import { eventually, startStack, type Stack } from './support/stack';

// The web console in headless Chromium against the real system: the gateway and the scheduler as child processes
// over PostgreSQL, nop-sim in-process for faults. One shop is set up through the console and used throughout.
jest.setTimeout(600_000);

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
  let page: Page;
  let foreign: string[];
  let errors: string[];
  let tenant: TenantJson;
  let pck: { login: number; password: string };

  const tab = async (name: string, heading = name) => {
    await page.getByRole('navigation', { name: 'Butikkens sider' }).getByRole('link', { name }).click();
    await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
  };

  beforeAll(async () => {
    // Small batches, so a drain moves in visible steps; two attempts before a dead letter.
    stack = await startStack({ schedulerEnv: { BATCH_MAX_SIZE: '50', MAX_ATTEMPTS: '2' } });
    browser = await launchBrowser();
    ({ page, foreign, errors } = await openConsole(browser, stack.url));
  });
  afterAll(async () => {
    if (process.env.CONSOLE_E2E_LOGS) console.log(stack?.logs());
    await browser?.close();
    await stack?.close();
  });

  it('is served by the gateway at /console and only lets a valid token in', async () => {
    expect(new URL(page.url()).pathname).toBe('/console/');
    await page.getByLabel('Nøkkel').fill('feil-nøkkel');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByText('Nøkkelen ble ikke godtatt.').waitFor();
    await logIn(page, stack.adminToken);
    await page.getByRole('link', { name: 'Standard' }).waitFor();
    await shot(page, 'overview');
  });

  it('creates a shop and shows the PCK login and password once', async () => {
    await page.getByRole('link', { name: 'Ny butikk' }).click();
    await page.getByLabel('Navn').fill('Sportsbutikken');
    await page.getByLabel('Nettbutikkens adresse').fill(stack.sim.url);
    await page.getByLabel('E-post for nettbutikkens Web API').fill('admin@nop-sim.local');
    await page.getByLabel('Passord for nettbutikkens Web API').fill('admin');
    await page.getByRole('button', { name: 'Opprett butikk' }).click();
    await page.getByRole('heading', { name: '«Sportsbutikken» er opprettet' }).waitFor();
    pck = {
      login: Number(await page.getByTestId('pck-login').textContent()),
      password: (await page.getByTestId('pck-password').textContent()) ?? '',
    };
    expect(pck.password.length).toBeGreaterThanOrEqual(8);
    expect(await page.getByTestId('pck-wsdl').textContent()).toBe(`${stack.url}/WebshopWS?wsdl`);
    await shot(page, 'created');

    const tenants = await stack.admin<TenantJson[]>('GET', '/tenants');
    tenant = tenants.find((t) => t.name === 'Sportsbutikken')!;
    expect(tenant).toMatchObject({ pckLogin: pck.login, shopUrl: stack.sim.url, hasShopCredentials: true });
    // The password shown is the one the gateway accepts from PCK.
    expect(await sendArticle(stack.url, pck.login, pck.password, article(1, 1))).toBe(0);
    expect(await sendArticle(stack.url, pck.login, 'feil-passord', article(1, 2))).toBe(1);
    await stack.startScheduler();
  });

  it('tests the shop connection: ok, then a wrong password said in Norwegian', async () => {
    await page.getByRole('link', { name: 'Gå til oppsett' }).click();
    await page.getByRole('button', { name: 'Test tilkobling' }).click();
    await page.getByTestId('connection-result').getByText('Tilkoblingen til nettbutikken virker.').waitFor();

    await page.getByLabel('E-post for Web API').fill('admin@nop-sim.local');
    await page.getByLabel('Passord for Web API').fill('feil-passord');
    await page.getByRole('button', { name: 'Lagre butikk' }).click();
    await page.getByText('Lagret.').waitFor();
    await page.getByRole('button', { name: 'Test tilkobling' }).click();
    await page
      .getByTestId('connection-result')
      .getByText(/Innlogging avvist \(401\)/)
      .first()
      .waitFor();
    await shot(page, 'connection-wrong');

    await page.getByLabel('E-post for Web API').fill('admin@nop-sim.local');
    await page.getByLabel('Passord for Web API').fill('admin');
    await page.getByRole('button', { name: 'Lagre butikk' }).click();
    await page.getByRole('button', { name: 'Test tilkobling' }).click();
    await page.getByTestId('connection-result').getByText('Tilkoblingen til nettbutikken virker.').waitFor();
  });

  it('switches the group source and the preview follows', async () => {
    const categories = page.getByTestId('preview-categories');
    // Default: web groups → the article's web group is its category.
    await categories.getByText('Gensere').waitFor();
    await page.getByLabel('Varegrupper').check();
    await page.getByRole('button', { name: 'Lagre oppsett' }).click();
    await page.getByText('Oppsettet er lagret.').waitFor();
    // Article groups: the product is linked to its varegruppe instead.
    await page.getByTestId('preview').getByText('g:10', { exact: true }).first().waitFor();
    expect(await categories.getByText('Gensere').count()).toBe(0);
    await page.getByLabel('Ingen grupper').check();
    await page.getByRole('button', { name: 'Lagre oppsett' }).click();
    await page.getByTestId('preview-no-categories').waitFor();
    const saved = await stack.admin<TenantJson>('GET', `/tenants/${tenant.id}`);
    expect(saved.options['groupSource']).toBe('none');
    await shot(page, 'setup');
  });

  it('shows a dead letter from a shop fault in Norwegian, and requeueing it gets it applied', async () => {
    await eventually('article 1 in the shop', async () => stack.sim.state.productsBySku('ART-1').length > 0, 120_000);
    // Every product create fails at the shop: article 2 fails twice and is put aside.
    stack.sim.faults.set({ errorRate: 1, errorPhase: 'before', pathFilter: 'Product/Create' });
    expect(await sendArticle(stack.url, pck.login, pck.password, article(2, 10))).toBe(0);
    await tab('Problemer');
    const item = page.locator('li.problem[data-key]').first();
    await item.waitFor({ timeout: 180_000 });
    expect(await item.locator('.human').textContent()).toMatch(/nettbutikken/);
    await shot(page, 'problems');

    stack.sim.faults.reset();
    await item.getByRole('button', { name: 'Send på nytt' }).click();
    await page.getByText(/er sendt til køen igjen/).waitFor();
    await page.getByTestId('no-problems').waitFor({ timeout: 120_000 });
    await eventually('article 2 in the shop', async () => stack.sim.state.productsBySku('ART-2').length > 0, 120_000);
  });

  it('watches the progress bar of a 500-article resend reach done', async () => {
    await eventually(
      'article 1 and 2 applied',
      async () => (await stack.admin<{ pending: number }>('GET', `/tenants/${tenant.id}/progress`)).pending === 0,
      120_000,
    );
    await tab('Fremdrift');
    const bar = page.getByTestId('drain-bar');
    await bar.waitFor();
    const seen = new Set<number>();
    const watch = setInterval(() => {
      void bar.getAttribute('value').then(
        (v) => seen.add(Number(v)),
        () => undefined,
      );
    }, 200);
    try {
      const articles = Array.from({ length: 500 }, (_, i) => article(1000 + i, 100 + i));
      await sendArticles(stack.url, pck.login, pck.password, articles);
      await page.getByTestId('drain-status').getByText('Ferdig').waitFor({ timeout: 300_000 });
    } finally {
      clearInterval(watch);
    }
    await shot(page, 'progress-done');
    expect(await bar.getAttribute('value')).toBe('100');
    // The bar moved through values between empty and full while the queue drained.
    expect([...seen].some((v) => v > 0 && v < 100)).toBe(true);
    expect(stack.sim.state.productsBySku('ART-1499').length).toBe(1);
  });

  it('runs the reconciliation and shows that everything is in step', async () => {
    await tab('Avstemming');
    await page.getByRole('button', { name: 'Kjør avstemming' }).click();
    await page.getByTestId('reconcile-result').waitFor({ timeout: 180_000 });
    await shot(page, 'reconciliation');
    await page
      .getByTestId('reconcile-result')
      .getByText(/Alt stemmer/)
      .waitFor();
  });

  it('lists batches and the PCK call log under Aktivitet', async () => {
    await tab('Aktivitet');
    await page.locator('tr[data-batch]').first().waitFor();
    await page.getByTestId('call-log').getByText('sendArticle').first().waitFor();
    const download = page.waitForEvent('download');
    await page.locator('tr[data-batch]').first().getByRole('button', { name: 'Last ned TwinXML' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^batch-\d+\.xml$/);
    await shot(page, 'activity');
  });

  it('lets a shop owner\u2019s token see only its own shop', async () => {
    // The integrator makes the shop owner's key in Oppsett.
    await tab('Oppsett', 'Tilgang for butikken');
    await page.getByLabel('Hvem er nøkkelen til?').fill('Kari i butikken');
    await page.getByRole('button', { name: 'Lag nøkkel' }).click();
    const token = (await page.getByTestId('operator-token').textContent()) ?? '';
    expect(token.length).toBeGreaterThan(20);
    const standard = (await stack.admin<TenantJson[]>('GET', '/tenants')).find((t) => t.name === 'Standard')!;
    const owner = await openConsole(browser, stack.url, { width: 390, height: 844 });
    try {
      await logIn(owner.page, token);
      await owner.page.getByRole('link', { name: 'Sportsbutikken' }).waitFor();
      expect(await owner.page.getByRole('link', { name: 'Standard' }).count()).toBe(0);
      await shot(owner.page, 'owner-phone');
      // Another shop's page by its address: refused, nothing shown.
      await owner.page.goto(`${stack.url}/console/#/butikk/${standard.id}/oppsett`);
      await owner.page.getByRole('alert').first().waitFor();
      expect(await owner.page.getByRole('heading', { name: 'Standard' }).count()).toBe(0);
      // Its own shop works, without the integrator-only key management.
      const tokensAnswer = owner.page.waitForResponse((r) => r.url().endsWith(`/admin/tenants/${tenant.id}/tokens`));
      await owner.page.goto(`${stack.url}/console/#/butikk/${tenant.id}/oppsett`);
      expect((await tokensAnswer).status()).toBe(403);
      await owner.page.getByRole('heading', { name: 'Sportsbutikken' }).waitFor();
      await owner.page.getByRole('heading', { name: 'Hva som sendes til butikken' }).waitFor();
      expect(await owner.page.getByRole('heading', { name: 'Tilgang for butikken' }).count()).toBe(0);
      expect(owner.foreign).toEqual([]);
      expect(owner.errors).toEqual([]);
    } finally {
      await owner.page.context().close();
    }
  });

  it('loaded nothing from anywhere but the gateway and threw no script error', () => {
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  });
});
