import { createHash, randomUUID } from 'node:crypto';
import type { SimSettings } from './context';
import { blankRow } from './dto';
import type { SimStore } from './store';
import { formatNopDate } from './clock';

/** GUIDs: random, or derived from the seed so seeded runs are repeatable. */
export class GuidSource {
  private counter = 0;
  constructor(private readonly seed: number | undefined) {}
  next(): string {
    if (this.seed === undefined) return randomUUID();
    const h = createHash('sha256').update(`guid:${this.seed}:${this.counter++}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  reset(): void {
    this.counter = 0;
  }
}

const ROLES = ['Administrators', 'ForumModerators', 'Registered', 'Guests', 'Vendors'];

/** A fresh install: the system customer roles and the API admin account (id 1). */
export function seedInitialData(store: SimStore, settings: SimSettings, guids: GuidSource, now: Date): void {
  for (const name of ROLES) {
    store.t.customerRoles.insert(
      blankRow('CustomerRoleDto', settings.version, {
        name,
        system_name: name,
        active: true,
        is_system_role: true,
        free_shipping: false,
        tax_exempt: false,
      }),
    );
  }
  const admin = store.t.customers.insert(
    blankRow('CustomerDto', settings.version, {
      customer_guid: guids.next(),
      username: settings.adminEmail,
      email: settings.adminEmail,
      active: true,
      created_on_utc: formatNopDate(now),
      last_activity_date_utc: formatNopDate(now),
      registered_in_store_id: 1,
      first_name: 'API',
      last_name: 'Admin',
    }),
  );
  store.t.customerPasswords.insert({
    customer_id: admin.id,
    password: settings.adminPassword,
    password_format_id: 0,
    created_on_utc: formatNopDate(now),
  });
  for (const role of ['Administrators', 'Registered']) {
    const roleRow = store.t.customerRoles.find((r) => r.system_name === role);
    if (roleRow) store.t.customerRoleMappings.insert({ customer_id: admin.id, customer_role_id: roleRow.id });
  }
}
