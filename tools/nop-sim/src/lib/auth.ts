import { createHash, randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Request } from 'express';
import type { SimClock } from './clock';
import { formatNopDate } from './clock';
import type { SimSettings } from './context';
import type { SimStore } from './store';
import type { Row } from './dto';
import type { Reply } from './http';

/** Claim names as JwtSecurityTokenHandler writes ClaimTypes.NameIdentifier / Email / Name. */
const CLAIM_CUSTOMER_ID = 'CustomerId';
const CLAIM_GUID = 'nameid';
const CLAIM_EMAIL = 'email';

export const UNAUTHORIZED: Reply = { status: 401, body: { message: 'Unauthorized' } };
export const ACCESS_DENIED: Reply = { status: 403, body: { message: 'Access denied.' } };
const BAD_CREDENTIALS: Reply = { status: 401, body: 'Username or password is incorrect' };

/** Role system names that hold the "Access Web API Backend" permission (by default: admins only). */
const API_ROLES = new Set(['Administrators']);

export type AuthResult = { ok: true; customerId: number } | { ok: false; reply: Reply };

export class AuthService {
  private secret: Buffer;
  private generation = 0;

  constructor(
    private readonly store: SimStore,
    private readonly clock: SimClock,
    private readonly settings: SimSettings,
    private readonly seed: number | undefined,
  ) {
    this.secret = this.makeSecret();
  }

  /** 32 random bytes on 4.70+, 16 on 4.60; derived from the seed when there is one. */
  private makeSecret(): Buffer {
    const size = this.settings.version === '4.60' ? 16 : 32;
    if (this.seed === undefined) return randomBytes(size);
    return createHash('sha256').update(`nop-sim:${this.seed}:${this.generation}`).digest().subarray(0, size);
  }

  /** Like regenerating the key on the plugin's configure page: every issued token dies at once. */
  regenerateSecret(): void {
    this.generation++;
    this.secret = this.makeSecret();
  }

  /** POST /Authenticate/GetToken */
  getToken(body: unknown): Reply {
    const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    // Usernames are disabled on a default store, so the email is what counts.
    const email = typeof input.email === 'string' ? input.email.trim() : '';
    const password = typeof input.password === 'string' ? input.password : '';
    const customer = this.findByEmail(email);
    if (!customer) return BAD_CREDENTIALS;
    const now = this.clock.now();
    if (customer.deleted || !customer.active || !this.hasRole(customer.id, 'Registered')) return BAD_CREDENTIALS;
    const lockedUntil = customer.cannot_login_until_date_utc;
    if (typeof lockedUntil === 'string' && new Date(`${lockedUntil}Z`) > now) return BAD_CREDENTIALS;
    if (customer.mfa_enabled === true) return BAD_CREDENTIALS;
    const pwd = this.store.t.customerPasswords.where((p) => p.customer_id === customer.id).pop();
    if (!pwd || pwd.password !== password) {
      const failed = Number(customer.failed_login_attempts ?? 0) + 1;
      const limit = this.settings.failedPasswordAllowedAttempts;
      const lock = limit > 0 && failed >= limit;
      this.store.t.customers.patch(customer.id, {
        failed_login_attempts: lock ? 0 : failed,
        cannot_login_until_date_utc: lock
          ? formatNopDate(new Date(now.getTime() + this.settings.failedPasswordLockoutMinutes * 60_000))
          : customer.cannot_login_until_date_utc,
      });
      return BAD_CREDENTIALS;
    }
    this.store.t.customers.patch(customer.id, {
      failed_login_attempts: 0,
      cannot_login_until_date_utc: null,
      last_login_date_utc: formatNopDate(now),
    });
    const guid = String(customer.customer_guid ?? randomUUID());
    const nowSec = this.clock.nowSeconds();
    const token = jwt.sign(
      {
        [CLAIM_CUSTOMER_ID]: String(customer.id),
        [CLAIM_GUID]: guid,
        [CLAIM_EMAIL]: String(customer.email),
        nbf: nowSec,
        exp: nowSec + this.settings.tokenLifetimeDays * 86400,
        iat: nowSec,
      },
      this.secret,
      { algorithm: 'HS256', noTimestamp: true },
    );
    const reply: Record<string, unknown> = { username: customer.email, customer_id: customer.id };
    if (this.settings.version !== '4.60') reply.customer_guid = guid;
    reply.token = token;
    return { status: 200, body: reply };
  }

  /** JwtMiddleware + [Authorize] + [CheckAccessWebApi], in that order. */
  authenticate(req: Request): AuthResult {
    if (this.settings.developerMode) return { ok: true, customerId: this.adminId() };
    const header = req.headers.authorization;
    // The middleware takes the last space-separated part, so a bare token works too.
    const token = header?.trim().split(' ').pop();
    if (!token) return { ok: false, reply: UNAUTHORIZED };
    let customerId: number;
    try {
      const payload = jwt.verify(token, this.secret, {
        algorithms: ['HS256'],
        clockTimestamp: this.clock.nowSeconds(),
        clockTolerance: 0,
      });
      if (typeof payload === 'string') return { ok: false, reply: UNAUTHORIZED };
      customerId = Number(payload[CLAIM_CUSTOMER_ID]);
    } catch {
      // An invalid token just leaves the request anonymous; [Authorize] then answers 401.
      return { ok: false, reply: UNAUTHORIZED };
    }
    const customer = this.store.t.customers.get(customerId);
    if (!customer) return { ok: false, reply: UNAUTHORIZED };
    if (this.settings.version === '4.80' && (customer.deleted || !customer.active || customer.require_re_login)) {
      return { ok: false, reply: UNAUTHORIZED };
    }
    if (!this.hasApiPermission(customerId)) return { ok: false, reply: ACCESS_DENIED };
    return { ok: true, customerId };
  }

  private findByEmail(email: string): Row | undefined {
    if (!email) return undefined;
    const lower = email.toLowerCase();
    return this.store.t.customers.find((c) => typeof c.email === 'string' && c.email.toLowerCase() === lower);
  }

  private adminId(): number {
    return this.findByEmail(this.settings.adminEmail)?.id ?? 1;
  }

  hasRole(customerId: number, systemName: string): boolean {
    const role = this.store.t.customerRoles.find((r) => r.system_name === systemName);
    if (!role) return false;
    return this.store.t.customerRoleMappings.some(
      (m) => m.customer_id === customerId && m.customer_role_id === role.id,
    );
  }

  private hasApiPermission(customerId: number): boolean {
    const roleIds = new Set(
      this.store.t.customerRoleMappings.where((m) => m.customer_id === customerId).map((m) => m.customer_role_id),
    );
    return this.store.t.customerRoles.some(
      (r) => roleIds.has(r.id) && r.active === true && API_ROLES.has(String(r.system_name)),
    );
  }
}
