import { Api, Dto, withEmptyShopEachTest } from './support/api';
import type { NopSim } from '../src';

describe('customers', () => {
  let sim: NopSim;
  let api: Api;
  withEmptyShopEachTest((started) => ({ sim, api } = started));

  it('create (no email) + RegisterCustomer; the same email again fails with 200 {Success:false}', async () => {
    const body = {
      customer_guid: '1f0e5a5e-9f0b-4a4e-8f4e-2b8e1c0c0a01',
      active: true,
      created_on_utc: '2025-11-01T00:00:00',
      last_activity_date_utc: '2025-11-01T00:00:00',
      registered_in_store_id: 1,
      first_name: 'Ola',
      last_name: 'Nordmann',
    };
    const c = (await api.post<Dto>('/Customer/Create', body)).body;
    expect(c).toMatchObject({ first_name: 'Ola', email: null });
    const reg = await api.post(
      `/CustomerRegistration/RegisterCustomer/1/${c.id}?email=ola@example.no&username=ola@example.no&password=pw&passwordFormat=Hashed&isApproved=true`,
    );
    expect([reg.status, reg.body]).toEqual([200, { Success: true, Errors: [] }]);
    expect((await api.get<number[]>(`/CustomerRole/GetCustomerRoleIds/${c.id}`)).body).toContain(3);
    const c2 = (
      await api.post<Dto>('/Customer/Create', { ...body, customer_guid: '1f0e5a5e-9f0b-4a4e-8f4e-2b8e1c0c0a02' })
    ).body;
    const dup = await api.post(
      `/CustomerRegistration/RegisterCustomer/1/${c2.id}?email=ola@example.no&username=x&password=pw&passwordFormat=Hashed&isApproved=true`,
    );
    expect([dup.status, dup.body]).toEqual([200, { Success: false, Errors: ['The specified email already exists'] }]);
  });

  it('GetCustomerByGuid: finds the row by its GUID, 404 otherwise, 400 for a non-GUID', async () => {
    const c = (
      await api.post<Dto>('/Customer/Create', {
        customer_guid: '2a6f1c1e-0b7d-4c55-9a51-6a0b1f7e9d10',
        email: 'guid@example.no',
        active: true,
      })
    ).body;
    expect(
      (await api.get<Dto>('/Customer/GetCustomerByGuid?guid=2A6F1C1E-0B7D-4C55-9A51-6A0B1F7E9D10')).body,
    ).toMatchObject({ id: c.id });
    expect((await api.get('/Customer/GetCustomerByGuid?guid=00000000-0000-0000-0000-000000000001')).status).toBe(404);
    expect((await api.get('/Customer/GetCustomerByGuid?guid=nope')).status).toBe(400);
  });

  it('GetCustomerByEmail: exact, lowest id, includes deleted customers; GetAll excludes them', async () => {
    sim.state.addCustomer({ email: 'gone@example.no', deleted: true });
    sim.state.addCustomer({ email: 'gone@example.no' });
    const hit = (await api.get<Dto>('/Customer/GetCustomerByEmail?email=gone@example.no')).body;
    expect([hit.id, hit.deleted]).toEqual([2, true]);
    expect(
      (await api.get<{ items: Dto[] }>('/Customer/GetAll?email=gone&pageSize=50')).body.items.map((c) => c.id),
    ).toEqual([3]);
    expect((await api.get('/Customer/GetCustomerByEmail?email=none@example.no')).status).toBe(404);
  });

  it('addresses: Address/Create, InsertCustomerAddress (a GET that writes), role lookup and mapping', async () => {
    const c = sim.state.addCustomer({ email: 'a@example.no' });
    const a = (
      await api.post<Dto>('/Address/Create', {
        first_name: 'A',
        last_name: 'B',
        email: 'a@example.no',
        country_id: 1,
        city: 'Oslo',
        created_on_utc: '2025-11-01T00:00:00',
      })
    ).body;
    await api.get(`/Customer/InsertCustomerAddress/${String(c.id)}/${a.id}`);
    expect((await api.get<Dto[]>(`/Customer/GetAddressesByCustomerId/${String(c.id)}`)).body).toEqual([a]);
    const role = (await api.get<Dto>('/CustomerRole/GetCustomerRoleBySystemName?systemName=Vendors')).body;
    await api.post('/CustomerRole/AddCustomerRoleMapping', { customer_id: c.id, customer_role_id: role.id });
    expect((await api.get<number[]>(`/CustomerRole/GetCustomerRoleIds/${String(c.id)}`)).body).toEqual([3, role.id]);
  });
});
