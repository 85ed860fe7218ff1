import type { SimContext } from '../context';
import { parseIdList } from '../id-list';
import { Routes, ok, okEmpty, pageArgs, paged, pathId, pathInt, qBool, qDate, qEnum, qStr } from '../http';
import { badBinding, notFound } from '../nop-sim.exception';
import { fromDto } from '../dto';
import { checkForeignKeys, getOr404, registerCrud } from './crud';

const PASSWORD_FORMATS = { Clear: 0, Hashed: 1, Encrypted: 2 };
const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function roleIdBySystemName(ctx: SimContext, systemName: string): number | undefined {
  return ctx.store.t.customerRoles.find((r) => r.system_name === systemName)?.id;
}

export function addRole(ctx: SimContext, customerId: number, roleId: number): void {
  const exists = ctx.store.t.customerRoleMappings.some(
    (m) => m.customer_id === customerId && m.customer_role_id === roleId,
  );
  if (!exists) ctx.store.t.customerRoleMappings.insert({ customer_id: customerId, customer_role_id: roleId });
}

/**
 * `CustomerRegistrationService.RegisterCustomerAsync`. Replies 200 even when it fails; the result class is
 * not a BaseDto, so it keeps its C# property names (`Success`, `Errors`), as the OpenAPI document shows.
 */
function register(
  ctx: SimContext,
  customerId: number,
  email: string,
  username: string,
  password: string,
  format: number,
  approved: boolean,
): { Success: boolean; Errors: string[] } {
  const fail = (error: string): { Success: boolean; Errors: string[] } => ({ Success: false, Errors: [error] });
  const customer = getOr404(ctx, 'customers', customerId, 'Customer');
  if (ctx.auth.hasRole(customerId, 'Registered')) return fail('Current customer is already registered');
  if (!email) return fail('Email is not provided');
  if (!EMAIL_RE.test(email)) return fail('Wrong email');
  if (!password) return fail('Password is not provided');
  const lower = email.toLowerCase();
  // Includes the customer being registered: an email already set on it is "taken" too.
  if (ctx.store.t.customers.some((c) => typeof c.email === 'string' && c.email.toLowerCase() === lower)) {
    return fail('The specified email already exists');
  }
  ctx.store.t.customers.patch(customer.id, { email, username: username || email, active: approved });
  ctx.store.t.customerPasswords.insert({
    customer_id: customer.id,
    password,
    password_format_id: format,
    created_on_utc: ctx.now(),
  });
  const registered = roleIdBySystemName(ctx, 'Registered');
  if (registered !== undefined) addRole(ctx, customer.id, registered);
  const guests = roleIdBySystemName(ctx, 'Guests');
  for (const m of ctx.store.t.customerRoleMappings.where(
    (x) => x.customer_id === customer.id && x.customer_role_id === guests,
  )) {
    ctx.store.t.customerRoleMappings.remove(m.id);
  }
  return { Success: true, Errors: [] };
}

export function registerCustomerRoutes(r: Routes): void {
  registerCrud(r, {
    controller: 'Customer',
    entity: 'Customer',
    dto: 'CustomerDto',
    table: 'customers',
    softDelete: true,
  });

  r.get('/Customer/GetCustomerByEmail', (req, ctx) => {
    const email = (qStr(req, 'email') ?? '').trim().toLowerCase();
    // Lowest id, and deleted customers are NOT filtered out here.
    const hit = email
      ? ctx.store.t.customers.find((c) => typeof c.email === 'string' && c.email.toLowerCase() === email)
      : undefined;
    if (!hit) throw notFound(`Customer email=${email} not found`);
    return ok(ctx.dto('CustomerDto', hit));
  });

  r.get('/Customer/GetCustomerByGuid', (req, ctx) => {
    const guid = (qStr(req, 'guid') ?? '').trim().toLowerCase();
    // [FromQuery] Guid: anything that is not a GUID fails model binding.
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(guid))
      throw badBinding('guid', `The value '${guid}' is not valid.`);
    const hit = ctx.store.t.customers.find(
      (c) => typeof c.customer_guid === 'string' && c.customer_guid.toLowerCase() === guid,
    );
    if (!hit) throw notFound(`Customer guid=${guid} not found`);
    return ok(ctx.dto('CustomerDto', hit));
  });

  r.get('/Customer/GetAll', (req, ctx) => {
    const email = qStr(req, 'email');
    const roleIds = parseIdList(qStr(req, 'customerRoleIds'));
    const from = qDate(req, 'createdFromUtc');
    const to = qDate(req, 'createdToUtc');
    const { pageIndex, pageSize } = pageArgs(req);
    const rows = ctx.store.t.customers
      .where((c) => {
        if (c.deleted) return false;
        if (email && !(typeof c.email === 'string' && c.email.toLowerCase().includes(email.toLowerCase())))
          return false;
        if (from !== null && String(c.created_on_utc) < from) return false;
        if (to !== null && String(c.created_on_utc) > to) return false;
        if (roleIds.length > 0) {
          const mine = ctx.store.t.customerRoleMappings
            .where((m) => m.customer_id === c.id)
            .map((m) => Number(m.customer_role_id));
          if (!roleIds.some((id) => mine.includes(id))) return false;
        }
        return true;
      })
      .sort((a, b) => String(b.created_on_utc).localeCompare(String(a.created_on_utc)) || b.id - a.id)
      .map((c) => ctx.dto('CustomerDto', c));
    return ok(paged(rows, pageIndex, pageSize, qBool(req, 'getOnlyTotalCount', false)));
  });

  r.get('/Customer/GetAddressesByCustomerId/:customerId', (req, ctx) => {
    const customerId = pathInt(req, 'customerId');
    const addresses = ctx.store.t.customerAddresses
      .where((m) => m.customer_id === customerId)
      .map((m) => ctx.store.t.addresses.get(Number(m.address_id)))
      .filter((a) => a !== undefined);
    return ok(addresses.map((a) => ctx.dto('AddressDto', a)));
  });

  // A GET that writes.
  r.get('/Customer/InsertCustomerAddress/:customerId/:addressId', (req, ctx) => {
    const customer = getOr404(ctx, 'customers', pathId(req, 'customerId'), 'Customer');
    const address = getOr404(ctx, 'addresses', pathId(req, 'addressId'), 'Address');
    const exists = ctx.store.t.customerAddresses.some(
      (m) => m.customer_id === customer.id && m.address_id === address.id,
    );
    if (!exists) ctx.store.t.customerAddresses.insert({ customer_id: customer.id, address_id: address.id });
    return okEmpty();
  });

  registerCrud(r, { controller: 'Address', entity: 'Address', dto: 'AddressDto', table: 'addresses' });

  r.post('/CustomerRegistration/RegisterCustomer/:storeId/:customerId', (req, ctx) => {
    const result = register(
      ctx,
      pathInt(req, 'customerId'),
      (qStr(req, 'email') ?? '').trim(),
      (qStr(req, 'username') ?? '').trim(),
      qStr(req, 'password') ?? '',
      qEnum(req, 'passwordFormat', PASSWORD_FORMATS) ?? 1,
      qBool(req, 'isApproved', true),
    );
    return ok(result);
  });

  r.get('/CustomerRole/GetAll', (req, ctx) => {
    const showHidden = qBool(req, 'showHidden', false);
    return ok(
      ctx.store.t.customerRoles
        .where((role) => showHidden || role.active === true)
        .map((role) => ctx.dto('CustomerRoleDto', role)),
    );
  });
  r.get('/CustomerRole/GetCustomerRoleBySystemName', (req, ctx) => {
    const name = qStr(req, 'systemName') ?? '';
    const role = ctx.store.t.customerRoles.find((x) => x.system_name === name);
    if (!role) throw notFound(`Customer role systemName=${name} not found`);
    return ok(ctx.dto('CustomerRoleDto', role));
  });
  r.get('/CustomerRole/GetCustomerRoleIds/:customerId', (req, ctx) => {
    const customerId = pathId(req, 'customerId');
    getOr404(ctx, 'customers', customerId, 'Customer');
    return ok(
      ctx.store.t.customerRoleMappings.where((m) => m.customer_id === customerId).map((m) => m.customer_role_id),
    );
  });
  r.post('/CustomerRole/AddCustomerRoleMapping', (req, ctx) => {
    const row = fromDto('CustomerCustomerRoleMappingDto', req.body, ctx.settings.version);
    checkForeignKeys(
      ctx,
      {
        table: 'customerRoleMappings',
        foreignKeys: [
          { field: 'customer_id', table: 'customers' },
          { field: 'customer_role_id', table: 'customerRoles' },
        ],
      },
      row,
      'INSERT',
    );
    ctx.store.t.customerRoleMappings.insert({ customer_id: row.customer_id, customer_role_id: row.customer_role_id });
    return okEmpty();
  });
  r.get('/CustomerRole/RemoveCustomerRoleMapping/:customerId/:roleId', (req, ctx) => {
    const customerId = pathId(req, 'customerId');
    const roleId = pathId(req, 'roleId');
    for (const m of ctx.store.t.customerRoleMappings.where(
      (x) => x.customer_id === customerId && x.customer_role_id === roleId,
    )) {
      ctx.store.t.customerRoleMappings.remove(m.id);
    }
    return okEmpty();
  });
}
