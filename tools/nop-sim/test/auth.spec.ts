import { Api, startWithApi } from './support/api';
import { startNopSim } from '../src';
import type { NopSim } from '../src';

describe('auth (GetToken, JWT, permission)', () => {
  let sim: NopSim;
  let api: Api;
  beforeAll(async () => {
    ({ sim, api } = await startWithApi({ version: '4.70' }));
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.clock.reset());

  it('issues an HS256 token valid 7 days with the documented claims and reply fields (4.70: customer_guid)', async () => {
    const res = await api.post<Record<string, unknown>>('/Authenticate/GetToken', {
      username: '',
      email: 'admin@nop-sim.local',
      password: 'admin',
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['username', 'customer_id', 'customer_guid', 'token']);
    const [header, payload] = String(res.body.token)
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
    expect(header!.alg).toBe('HS256');
    expect(payload!.CustomerId).toBe('1');
    expect(Number(payload!.exp) - Number(payload!.nbf)).toBe(7 * 86400);
    expect(api.contract.validateSchema('AuthenticateResponse', res.body)).toEqual([]);
  });

  it('answers 401 with a JSON string on bad credentials', async () => {
    const res = await api.call(
      'POST',
      '/Authenticate/GetToken',
      { email: 'admin@nop-sim.local', password: 'nope' },
      { headers: { Authorization: '' } },
    );
    expect(res.status).toBe(401);
    expect(res.body).toBe('Username or password is incorrect');
  });

  it('answers 401 {"message":"Unauthorized"} for a missing, bad or expired token; a bare token works', async () => {
    const none = await api.call('GET', '/Product/GetById/1', undefined, { headers: { Authorization: '' } });
    expect([none.status, none.body]).toEqual([401, { message: 'Unauthorized' }]);
    const bad = await api.call('GET', '/Product/GetAll?pageSize=1', undefined, {
      headers: { Authorization: 'Bearer x.y.z' },
    });
    expect([bad.status, bad.body]).toEqual([401, { message: 'Unauthorized' }]);
    const bare = await api.call('GET', '/Product/GetAll?pageSize=1', undefined, {
      headers: { Authorization: api.token! },
    });
    expect(bare.status).toBe(200);
    sim.clock.advance(7 * 86400 * 1000); // zero clock skew: invalid the instant exp passes
    const expired = await api.get('/Product/GetAll?pageSize=1');
    expect([expired.status, expired.body]).toEqual([401, { message: 'Unauthorized' }]);
  });

  it('kills every token when the secret is regenerated (fault: token expiry)', async () => {
    const token = await api.login();
    expect((await api.get('/Product/GetAll?pageSize=1')).status).toBe(200);
    sim.faults.expireTokens();
    expect(
      (
        await api.call('GET', '/Product/GetAll?pageSize=1', undefined, {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(401);
    await api.login();
    expect((await api.get('/Product/GetAll?pageSize=1')).status).toBe(200);
  });

  it('answers 403 {"message":"Access denied."} without the Web API permission', async () => {
    sim.state.addCustomer({ email: 'clerk@shop.no', password: 'pw', roles: ['Registered'] });
    const clerk = new Api(sim);
    await clerk.login('clerk@shop.no', 'pw');
    const res = await clerk.get('/Product/GetAll');
    expect([res.status, res.body]).toEqual([403, { message: 'Access denied.' }]);
  });

  it('refuses inactive, unregistered and MFA accounts at GetToken', async () => {
    sim.state.addCustomer({
      email: 'off@shop.no',
      password: 'pw',
      roles: ['Administrators', 'Registered'],
      active: false,
    });
    sim.state.addCustomer({
      email: 'mfa@shop.no',
      password: 'pw',
      roles: ['Administrators', 'Registered'],
      mfaEnabled: true,
    });
    sim.state.addCustomer({ email: 'guest@shop.no', password: 'pw', roles: ['Administrators'] });
    for (const email of ['off@shop.no', 'mfa@shop.no', 'guest@shop.no']) {
      const res = await api.call('POST', '/Authenticate/GetToken', { email, password: 'pw' });
      expect(res.status).toBe(401);
    }
  });

  it('serves the swagger version without auth', async () => {
    const res = await fetch(`${sim.url}/swagger-backend/CommonInfo/GetSwaggerDocVersion`);
    expect(await res.json()).toBe('v4.70.1');
  });
});

describe('auth version profiles', () => {
  it('4.60: no customer_guid in the GetToken reply, version v4.60.00', async () => {
    const { sim, api } = await startWithApi({ version: '4.60' });
    try {
      const res = await api.post<Record<string, unknown>>('/Authenticate/GetToken', {
        email: 'admin@nop-sim.local',
        password: 'admin',
      });
      expect(Object.keys(res.body)).toEqual(['username', 'customer_id', 'token']);
      expect(await (await fetch(`${sim.url}/swagger-backend/CommonInfo/GetSwaggerDocVersion`)).json()).toBe('v4.60.00');
    } finally {
      await sim.close();
    }
  });

  it('4.80: a token whose customer became inactive is refused', async () => {
    const { sim, api } = await startWithApi({ version: '4.80', adminEmail: 'ops@shop.no', adminPassword: 's3cret' });
    try {
      const me = await api.get<Record<string, unknown>>('/Customer/GetById/1');
      await api.put('/Customer/Update', { ...me.body, active: false });
      expect((await api.get('/Customer/GetById/1')).status).toBe(401);
    } finally {
      await sim.close();
    }
  });

  it('developer mode skips the token and permission checks', async () => {
    const sim = await startNopSim({ port: 0, developerMode: true });
    try {
      const api = new Api(sim);
      expect((await api.get('/Product/GetAll?pageSize=1')).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
