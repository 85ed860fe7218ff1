/** What the overview knows about one tenant, gathered from the admin API (null = the API did not say). */
export interface TenantSummary {
  active: boolean;
  pending: number | null;
  oldestPendingMs: number | null;
  deadLetters: number | null;
  failedOrders: number | null;
  lastBatchAt: string | null;
  lastPckCallAt: string | null;
  /** True while the scheduler has paused the tenant because its shop does not answer. */
  shopUnreachable: boolean | null;
}

export type TenantStatus = 'in-step' | 'draining' | 'problems' | 'unreachable' | 'inactive' | 'unknown';

export const STATUS_TEXT: Record<TenantStatus, string> = {
  'in-step': 'I takt',
  draining: 'Sender endringer',
  problems: 'Har problemer',
  unreachable: 'Butikken svarer ikke',
  inactive: 'Deaktivert',
  unknown: 'Ukjent',
};

/** One status per tenant, worst first: an unreachable shop explains pending work and failures, so it wins. */
export function tenantStatus(s: TenantSummary): TenantStatus {
  if (!s.active) return 'inactive';
  if (s.shopUnreachable) return 'unreachable';
  if ((s.deadLetters ?? 0) > 0 || (s.failedOrders ?? 0) > 0) return 'problems';
  if (s.pending === null) return 'unknown';
  return s.pending > 0 ? 'draining' : 'in-step';
}

/** What to do about it, in one sentence. */
export function statusAdvice(status: TenantStatus): string {
  switch (status) {
    case 'in-step':
      return 'Butikken har alt kassen har sendt.';
    case 'draining':
      return 'Endringer er på vei til butikken. Følg med under Fremdrift.';
    case 'problems':
      return 'Noe kom ikke fram. Se Problemer for hva som feilet og hvordan det rettes.';
    case 'unreachable':
      return 'Sendingen står på pause til butikken svarer igjen. Sjekk adressen og innloggingen under Oppsett (Test tilkobling).';
    case 'inactive':
      return 'Butikken er slått av: kassen får avslag og ingenting sendes.';
    case 'unknown':
      return 'Gatewayen har ikke oppgitt status ennå.';
  }
}
