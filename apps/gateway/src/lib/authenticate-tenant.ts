import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MappingProfile } from '@pcknop/field-mapping';
import { verifyPassword, type TenantRecord, type TenantRepository } from '@pcknop/staging-store';
import { GatewayError, GatewayErrorCode } from './gateway.exception';
import { profileOf } from './tenant-profile';

/** An authenticated tenant with its parsed mapping profile. */
export interface AuthenticatedTenant {
  tenant: TenantRecord;
  profile: MappingProfile;
}

interface CacheEntry {
  digest: Buffer;
  value: AuthenticatedTenant;
  expiresAt: number;
}

export interface TenantAuthenticatorOptions {
  /** How long a successful check is remembered (default 60 s). */
  ttlMs?: number;
  now?: () => number;
}

/**
 * Checks PCK's login/password. scrypt costs ~30 ms, and PCK sends thousands of calls one at a time, so a successful
 * check is remembered per login as a keyed SHA-256 of the password under a per-process random key (never the
 * password itself), compared in constant time, for a short TTL, and forgotten when the admin API changes the tenant.
 */
export class TenantAuthenticator {
  private readonly key = randomBytes(32).toString('hex');
  private readonly cache = new Map<number, CacheEntry>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly tenants: Pick<TenantRepository, 'findByLogin'>,
    options: TenantAuthenticatorOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  private digest(login: number, password: string): Buffer {
    // The one-shot hash is several times cheaper than an Hmac object on this hot path. The secret fixed-length
    // prefix is enough here: the digest never leaves the process, so length extension gives an attacker nothing.
    return hash('sha256', `${this.key}\u0000${login}\u0000${password}`, 'buffer');
  }

  /** The tenant when this login and password were checked within the TTL (no I/O), else undefined. */
  remembered(login: number, password: string): AuthenticatedTenant | undefined {
    // The digest is computed whether or not the login is remembered, so timing does not tell which logins are.
    const digest = this.digest(login, password);
    const hit = this.cache.get(login);
    if (hit && hit.expiresAt > this.now() && timingSafeEqual(hit.digest, digest)) return hit.value;
    return undefined;
  }

  /** The tenant, or GatewayError(WrongCredentials | TenantInactive); database errors propagate as they are. */
  async authenticate(login: number, password: string): Promise<AuthenticatedTenant> {
    const known = this.remembered(login, password);
    if (known) return known;
    const digest = this.digest(login, password);

    const found = await this.tenants.findByLogin(login);
    // Same scrypt work whether or not the login exists, so timing does not reveal valid logins.
    const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
    if (!found || !ok) throw new GatewayError(GatewayErrorCode.WrongCredentials);
    if (!found.active) throw new GatewayError(GatewayErrorCode.TenantInactive);
    const { passwordHash: _hash, ...tenant } = found;
    const value: AuthenticatedTenant = { tenant, profile: profileOf(tenant) };
    this.cache.set(login, { digest, value, expiresAt: this.now() + this.ttlMs });
    return value;
  }

  /** Forget a tenant (admin change) or everything. */
  invalidate(login?: number): void {
    if (login === undefined) this.cache.clear();
    else this.cache.delete(login);
  }
}

// A valid scrypt hash of a random password, used when the login is unknown.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
