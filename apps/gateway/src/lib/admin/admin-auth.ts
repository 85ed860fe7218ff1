import { createHash, timingSafeEqual } from 'node:crypto';
import { OPERATOR_TOKEN_PREFIX, type OperatorTokenRepository } from '@pcknop/staging-store';
import { AdminError, AdminErrorCode } from './admin-api.exception';

/** Who is calling: the integrator (ADMIN_TOKEN, every tenant) or a shop owner's operator token (one tenant). */
export type Actor = { kind: 'integrator' } | { kind: 'operator'; tokenId: string; tenantId: string };

/** How an actor is named in the audit log. */
export const actorName = (actor: Actor): string =>
  actor.kind === 'integrator' ? 'integrator' : `operator:${actor.tokenId}`;

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Bearer authentication of the admin API. The integrator token is compared in constant time (hashes of equal
 * length); operator tokens are looked up by their sha256, so no secret is compared at all.
 */
export class AdminAuthenticator {
  private readonly integrator: Buffer | undefined;

  constructor(
    adminToken: string | undefined,
    private readonly tokens: Pick<OperatorTokenRepository, 'authenticate'>,
  ) {
    this.integrator = adminToken ? sha(adminToken) : undefined;
  }

  async authenticate(authorization: string | undefined): Promise<Actor> {
    const given = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
    if (!given) throw new AdminError(AdminErrorCode.Unauthorized, 'send Authorization: Bearer <token>');
    if (this.integrator && timingSafeEqual(sha(given), this.integrator)) return { kind: 'integrator' };
    if (given.startsWith(OPERATOR_TOKEN_PREFIX)) {
      const token = await this.tokens.authenticate(given);
      if (token) return { kind: 'operator', tokenId: token.id, tenantId: token.tenantId };
    }
    throw new AdminError(AdminErrorCode.Unauthorized, 'the token is not valid (or was revoked)');
  }
}

/**
 * A tenant-scoped route's guard: an operator token sees nothing of another tenant, so it gets the same 404 as a
 * tenant that does not exist.
 */
export function assertTenantVisible(actor: Actor, tenantId: string): void {
  if (actor.kind === 'operator' && actor.tenantId !== tenantId.toLowerCase())
    throw new AdminError(AdminErrorCode.TenantNotFound);
}

export function assertIntegrator(actor: Actor, what: string): void {
  if (actor.kind !== 'integrator')
    throw new AdminError(AdminErrorCode.Forbidden, `only the integrator (ADMIN_TOKEN) may ${what}`);
}
