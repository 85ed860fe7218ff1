import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError, CliErrorCode } from '../cli.exception';
import { details, table } from '../output';
import { findTenant, type TenantSummary } from '../tenant-ref';
import type { CommandContext } from './command-context';

/** `--option key=value`: values are read as JSON when they parse (true, 12, "x"), else as text. */
function parseOption(pair: string, into: Record<string, unknown>): Record<string, unknown> {
  const i = pair.indexOf('=');
  if (i <= 0) throw new CliError(CliErrorCode.Usage, `--option takes key=value, got "${pair}"`);
  const key = pair.slice(0, i);
  const raw = pair.slice(i + 1);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  return { ...into, [key]: value };
}

function readJsonFile(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(CliErrorCode.Usage, `${what} ${path}: ${(error as Error).message}`);
  }
}

const ROW = (t: TenantSummary) => ({
  id: t.id,
  name: t.name,
  pckLogin: t.pckLogin,
  active: t.active,
  shop: t.shopUrl ?? '',
  credentials: t.hasShopCredentials ? 'yes' : 'no',
});

export function registerTenantCommands(program: Command, ctx: CommandContext): void {
  const tenants = program
    .command('tenants')
    .description('list, show, add and change tenants (one per PCK installation and shop)');

  tenants
    .command('list')
    .description('all tenants (an operator token sees its own)')
    .action(async () => {
      const all = await ctx.client().get<TenantSummary[]>('/tenants');
      ctx.print(all, () => table(all.map(ROW), ['id', 'name', 'pckLogin', 'active', 'shop', 'credentials']));
    });

  tenants
    .command('show')
    .description('one tenant with its options and current progress')
    .argument('<tenant>', 'id, PCK login or name')
    .action(async (ref: string) => {
      const client = ctx.client();
      const t = await findTenant(client, ref);
      const full = await client.get<Record<string, unknown>>(`/tenants/${t.id}`);
      const progress = await client.get<{ pending: number; deadLettered: number; etaSeconds: number | null }>(
        `/tenants/${t.id}/progress`,
      );
      ctx.print({ ...full, progress }, () =>
        details({
          ...ROW(t),
          options: full['options'],
          mappingProfile: full['mappingProfile'] ? 'custom' : 'default',
          pending: progress.pending,
          deadLetters: progress.deadLettered,
        }),
      );
    });

  tenants
    .command('add')
    .description('create a tenant; PCK login and password are generated unless given, and printed once')
    .requiredOption('--name <name>', 'shop name')
    .option('--login <number>', 'PCK login (a whole number)')
    .option('--password <text>', 'PCK password (at least 8 characters)')
    .option('--shop-url <url>', 'nopCommerce store URL')
    .option('--shop-email <email>', 'the shop API user')
    .option('--shop-password <text>', 'its password (or set PCKNOP_SHOP_PASSWORD)')
    .option('--option <key=value>', 'a tenant option, e.g. groupSource=webgrupper (repeatable)', parseOption, {})
    .option('--profile-file <path>', 'a mapping profile (JSON file)')
    .action(
      async (o: {
        name: string;
        login?: string;
        password?: string;
        shopUrl?: string;
        shopEmail?: string;
        shopPassword?: string;
        option: Record<string, unknown>;
        profileFile?: string;
      }) => {
        const body: Record<string, unknown> = { name: o.name };
        if (o.login !== undefined) {
          if (!/^\d+$/.test(o.login)) throw new CliError(CliErrorCode.Usage, '--login must be a whole number');
          body['pckLogin'] = Number(o.login);
        }
        if (o.password) body['pckPassword'] = o.password;
        if (o.shopUrl) body['shopUrl'] = o.shopUrl;
        const shopPassword = o.shopPassword ?? process.env.PCKNOP_SHOP_PASSWORD;
        if (o.shopEmail || shopPassword) {
          if (!o.shopEmail || !shopPassword)
            throw new CliError(CliErrorCode.Usage, '--shop-email and --shop-password go together');
          body['shop'] = { email: o.shopEmail, password: shopPassword };
        }
        if (Object.keys(o.option).length > 0) body['options'] = o.option;
        if (o.profileFile) body['mappingProfile'] = readJsonFile(o.profileFile, 'profile');
        const created = await ctx
          .client()
          .json<{ tenant: TenantSummary; credentials: { pckLogin: number; pckPassword: string } }>(
            'POST',
            '/tenants',
            body,
          );
        ctx.print(created, () =>
          [
            `Tenant ${created.tenant.name} created (${created.tenant.id}).`,
            'Enter in PCKasse «Webshop oppsett» (the password is shown only now):',
            `  PCK login:    ${created.credentials.pckLogin}`,
            `  PCK password: ${created.credentials.pckPassword}`,
          ].join('\n'),
        );
      },
    );

  tenants
    .command('set')
    .description(
      'change a tenant (JSON Merge Patch): name, shop, options, profile, active; --new-password rotates the PCK password',
    )
    .argument('<tenant>', 'id, PCK login or name')
    .option('--name <name>', 'new name')
    .option('--shop-url <url>', 'nopCommerce store URL ("none" removes it)')
    .option('--shop-email <email>', 'the shop API user')
    .option('--shop-password <text>', 'its password (or set PCKNOP_SHOP_PASSWORD)')
    .option('--option <key=value>', 'set an option; key=null removes it (repeatable)', parseOption, {})
    .option('--profile-file <path>', 'merge this mapping profile (JSON file) into the stored one')
    .option('--active <yes|no>', 'activate or deactivate')
    .option('--new-password', 'rotate the PCK password (a new one is generated and printed once)')
    .action(
      async (
        ref: string,
        o: {
          name?: string;
          shopUrl?: string;
          shopEmail?: string;
          shopPassword?: string;
          option: Record<string, unknown>;
          profileFile?: string;
          active?: string;
          newPassword?: boolean;
        },
      ) => {
        const client = ctx.client();
        const t = await findTenant(client, ref);
        const patch: Record<string, unknown> = {};
        if (o.name) patch['name'] = o.name;
        if (o.shopUrl) patch['shopUrl'] = o.shopUrl === 'none' ? null : o.shopUrl;
        const shopPassword = o.shopPassword ?? process.env.PCKNOP_SHOP_PASSWORD;
        if (o.shopEmail || o.shopPassword) {
          if (!o.shopEmail || !shopPassword)
            throw new CliError(CliErrorCode.Usage, '--shop-email and --shop-password go together');
          patch['shop'] = { email: o.shopEmail, password: shopPassword };
        }
        if (Object.keys(o.option).length > 0) patch['options'] = o.option;
        if (o.profileFile) patch['mappingProfile'] = readJsonFile(o.profileFile, 'profile');
        if (o.active !== undefined) {
          if (!['yes', 'no', 'true', 'false'].includes(o.active))
            throw new CliError(CliErrorCode.Usage, '--active takes yes or no');
          patch['active'] = o.active === 'yes' || o.active === 'true';
        }
        if (Object.keys(patch).length === 0 && !o.newPassword)
          throw new CliError(CliErrorCode.Usage, 'nothing to change (see pcknop tenants set --help)');
        let updated: Record<string, unknown> = t as unknown as Record<string, unknown>;
        if (Object.keys(patch).length > 0) {
          const r = await client.request('PATCH', `/tenants/${t.id}`, patch);
          updated = JSON.parse(r.text) as Record<string, unknown>;
        }
        let credentials: { pckLogin: number; pckPassword: string } | undefined;
        if (o.newPassword) credentials = await client.json('POST', `/tenants/${t.id}/pck-password`, {});
        ctx.print({ tenant: updated, ...(credentials ? { credentials } : {}) }, () =>
          [
            `Tenant ${String(updated['name'])} updated.`,
            ...(credentials
              ? [
                  'New PCK password (shown only now; enter it in «Webshop oppsett»):',
                  `  PCK login:    ${credentials.pckLogin}`,
                  `  PCK password: ${credentials.pckPassword}`,
                ]
              : []),
          ].join('\n'),
        );
      },
    );
}
