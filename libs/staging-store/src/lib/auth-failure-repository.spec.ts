import { createTestStore } from '../testing';

describe('AuthFailureRepository', () => {
  let ctx: Awaited<ReturnType<typeof createTestStore>>;
  beforeAll(async () => {
    ctx = await createTestStore();
  });
  afterAll(() => ctx.close());

  const login = (subject: string) => ({ scope: 'login' as const, subject });
  const address = (subject: string) => ({ scope: 'address' as const, subject });

  it('counts each failure against every key, in one statement', async () => {
    const first = await ctx.repos.authFailures.recordFailure([login('7'), address('10.0.0.1')], 60_000);
    expect(first).toEqual(
      expect.arrayContaining([
        { ...login('7'), failures: 1 },
        { ...address('10.0.0.1'), failures: 1 },
      ]),
    );
    const second = await ctx.repos.authFailures.recordFailure([login('7'), address('10.0.0.2')], 60_000);
    expect(second).toEqual(
      expect.arrayContaining([
        { ...login('7'), failures: 2 },
        { ...address('10.0.0.2'), failures: 1 },
      ]),
    );
    expect(await ctx.repos.authFailures.count(login('7'), 60_000)).toBe(2);
    expect(await ctx.repos.authFailures.count(login('8'), 60_000)).toBe(0);
  });

  it('parallel failures each get their own count (no two see the same number)', async () => {
    const counts = await Promise.all(
      Array.from({ length: 12 }, () => ctx.repos.authFailures.recordFailure([login('42')], 60_000)),
    );
    expect(counts.map((c) => c[0].failures).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_v, i) => i + 1),
    );
  });

  it('starts a new window after windowMs, and prune forgets ended windows', async () => {
    await ctx.repos.authFailures.recordFailure([login('99')], 60_000);
    await ctx.repos.authFailures.recordFailure([login('99')], 60_000);
    await ctx.store.pool.query(
      `UPDATE auth_failure SET window_starts_at = now() - interval '2 minutes' WHERE subject = '99'`,
    );
    expect(await ctx.repos.authFailures.count(login('99'), 60_000)).toBe(0);
    expect((await ctx.repos.authFailures.recordFailure([login('99')], 60_000))[0].failures).toBe(1);
    await ctx.store.pool.query(
      `UPDATE auth_failure SET window_starts_at = now() - interval '2 minutes' WHERE subject = '99'`,
    );
    expect(await ctx.repos.authFailures.prune(60_000)).toBeGreaterThanOrEqual(1);
    expect((await ctx.store.pool.query(`SELECT 1 FROM auth_failure WHERE subject = '99'`)).rowCount).toBe(0);
  });
});
