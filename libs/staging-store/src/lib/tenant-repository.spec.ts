import { createTestStore } from '../testing';
import { StoreErrorCode } from './store.exception';

describe('TenantRepository', () => {
  let ctx: Awaited<ReturnType<typeof createTestStore>>;
  beforeAll(async () => {
    ctx = await createTestStore();
  });
  afterAll(() => ctx.close());

  it('stores the PCK password hashed and the shop credentials encrypted', async () => {
    const t = await ctx.repos.tenants.create({
      name: 'Sport og Fritid AS',
      pckLogin: 4711,
      pckPassword: 'pck-passord',
      shopUrl: 'https://butikk.example',
      shop: { email: 'api@butikk.example', password: 'shop-secret' },
    });
    const raw = await ctx.store.pool.query('SELECT pck_password_hash, shop_secret FROM tenant WHERE id = $1', [t.id]);
    expect(raw.rows[0].pck_password_hash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(raw.rows[0])).not.toContain('pck-passord');
    expect(JSON.stringify(raw.rows[0])).not.toContain('shop-secret');
    expect(t.hasShopCredentials).toBe(true);
    expect(await ctx.repos.tenants.shopCredentials(t.id)).toEqual({
      email: 'api@butikk.example',
      password: 'shop-secret',
    });
  });

  it('counts tenants (Prisma reads int8 with its own parser)', async () => {
    expect(await ctx.repos.tenants.count()).toBe(1);
  });

  it('authenticates the right login and password only', async () => {
    expect((await ctx.repos.tenants.authenticate(4711, 'pck-passord'))?.name).toBe('Sport og Fritid AS');
    expect(await ctx.repos.tenants.authenticate(4711, 'feil')).toBeNull();
    expect(await ctx.repos.tenants.authenticate(9999, 'pck-passord')).toBeNull();
  });

  it('refuses a second tenant with the same login', async () => {
    await expect(ctx.repos.tenants.create({ name: 'dup', pckLogin: 4711, pckPassword: 'x' })).rejects.toMatchObject({
      code: StoreErrorCode.TenantLoginTaken,
    });
  });

  it('updates profile, options and password; an inactive tenant cannot log in', async () => {
    const t = await ctx.repos.tenants.create({ name: 'B', pckLogin: 5000, pckPassword: 'a' });
    const updated = await ctx.repos.tenants.update(t.id, {
      mappingProfile: { version: 1 },
      options: { images: false },
      pckPassword: 'b',
    });
    expect(updated.mappingProfile).toEqual({ version: 1 });
    expect(updated.options).toEqual({ images: false });
    expect(await ctx.repos.tenants.authenticate(5000, 'a')).toBeNull();
    expect(await ctx.repos.tenants.authenticate(5000, 'b')).not.toBeNull();
    await ctx.repos.tenants.update(t.id, { active: false });
    expect(await ctx.repos.tenants.authenticate(5000, 'b')).toBeNull();
    await expect(ctx.repos.tenants.update('00000000-0000-0000-0000-000000000000', { name: 'x' })).rejects.toMatchObject(
      {
        code: StoreErrorCode.TenantNotFound,
      },
    );
  });
});
