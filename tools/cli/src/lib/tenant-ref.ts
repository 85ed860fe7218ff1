import type { AdminClient } from './admin-client';
import { CliError, CliErrorCode } from './cli.exception';

export interface TenantSummary {
  id: string;
  name: string;
  pckLogin: number;
  shopUrl: string | null;
  hasShopCredentials: boolean;
  active: boolean;
  options: Record<string, unknown>;
}

/** A tenant named by id, PCK login or exact name (what a technician has at hand). */
export async function findTenant(client: AdminClient, ref: string): Promise<TenantSummary> {
  const all = await client.get<TenantSummary[]>('/tenants');
  const hit =
    all.find((t) => t.id === ref.toLowerCase() || String(t.pckLogin) === ref) ?? all.find((t) => t.name === ref);
  if (!hit) throw new CliError(CliErrorCode.NotFound, `no tenant "${ref}" (give its id, PCK login or name)`);
  return hit;
}
