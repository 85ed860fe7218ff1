import { Decimal } from 'decimal.js';
import type { OperationName } from '@pcknop/pck-contract';
import type { CallOutcome } from './pck-client';

/** How one attempt ended. */
export type AttemptKind =
  'ok' | 'permanent' | 'retrySoon' | 'retryLater' | 'retryTomorrow' | 'fault' | 'httpError' | 'transport';

export type OperationCounts = Record<AttemptKind, number> & { sent: number };

export interface PermanentErrorEntry {
  operation: OperationName;
  label: string;
  operationResult: number;
  /** What PCK shows the user. */
  humanErrorMessage?: string;
  errorMessage?: string;
}

export interface AbandonedEntry {
  operation: OperationName;
  label: string;
  attempts: number;
  last: string;
}

export interface DeliveryReport {
  sendId: number;
  orderStatusId: number;
  lines: number;
  ok: boolean;
  /** Captured for this delivery incl. freight and extra cost (the gateway's answer). */
  amount?: Decimal;
  freightCost?: Decimal;
  extraCost?: Decimal;
  paymentMethod?: string;
  authorzationId?: string;
}

export interface OrderReport {
  deltaOrderId: number;
  paymentMethod: number;
  lines: number;
  acknowledged: boolean;
  deliveries: DeliveryReport[];
  packageInfoSent: boolean;
  /** The credit sent, and the credited amount the gateway answered. */
  credit?: { ok: boolean; lines: number; amount?: Decimal };
  /** Why the cycle stopped early or had nothing to do for this order. */
  note?: string;
}

export interface OrdersSummary {
  fetched: number;
  acknowledged: number;
  /** Orders with at least one accepted delivery. */
  delivered: number;
  deliveries: number;
  packageInfos: number;
  credited: number;
  /** Sum of the captured amounts the gateway answered. */
  captured: Decimal;
  /** Sum of the credited amounts the gateway answered. */
  creditedAmount: Decimal;
  details: OrderReport[];
}

export interface RunReport {
  scenario: string;
  url: string;
  startedAt: Date;
  durationMs: number;
  /** Attempts sent, all operations. */
  calls: number;
  byOperation: Partial<Record<OperationName, OperationCounts>>;
  /** Attempts that were re-queued (temporary errors, faults, HTTP/transport errors). */
  retries: number;
  /** Calls never sent because an earlier call of their chain failed (the updateStockCount stop rule). */
  skipped: number;
  permanentErrors: PermanentErrorEntry[];
  /** Calls given up after maxAttempts (PCK itself would keep trying). */
  abandoned: AbandonedEntry[];
  orders: OrdersSummary;
}

export function attemptKind(outcome: CallOutcome): AttemptKind {
  switch (outcome.kind) {
    case 'answer':
      switch (outcome.operationResult) {
        case 0:
          return 'ok';
        case 2:
          return 'retrySoon';
        case 3:
          return 'retryLater';
        case 4:
          return 'retryTomorrow';
        default:
          // 1, and codes PCK does not know: shown to the user, not retried.
          return 'permanent';
      }
    case 'fault':
      return 'fault';
    case 'httpError':
      return 'httpError';
    case 'transport':
      return 'transport';
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

export function describeOutcome(outcome: CallOutcome): string {
  switch (outcome.kind) {
    case 'answer':
      return `operationResult ${outcome.operationResult}${outcome.insertUpdate?.humanErrorMessage ? `: ${outcome.insertUpdate.humanErrorMessage}` : ''}`;
    case 'fault':
      return `SOAP fault (HTTP ${outcome.httpStatus}): ${outcome.message}`;
    case 'httpError':
      return `HTTP ${outcome.httpStatus}`;
    case 'transport':
      return `transport: ${outcome.message}`;
    default: {
      const never: never = outcome;
      return String(never);
    }
  }
}

const emptyCounts = (): OperationCounts => ({
  sent: 0,
  ok: 0,
  permanent: 0,
  retrySoon: 0,
  retryLater: 0,
  retryTomorrow: 0,
  fault: 0,
  httpError: 0,
  transport: 0,
});

/** Collects a run's figures as they happen. */
export class ReportCollector {
  readonly report: RunReport;
  private readonly started = Date.now();

  constructor(scenario: string, url: string) {
    this.report = {
      scenario,
      url,
      startedAt: new Date(this.started),
      durationMs: 0,
      calls: 0,
      byOperation: {},
      retries: 0,
      skipped: 0,
      permanentErrors: [],
      abandoned: [],
      orders: {
        fetched: 0,
        acknowledged: 0,
        delivered: 0,
        deliveries: 0,
        packageInfos: 0,
        credited: 0,
        captured: new Decimal(0),
        creditedAmount: new Decimal(0),
        details: [],
      },
    };
  }

  attempt(operation: OperationName, outcome: CallOutcome): AttemptKind {
    const kind = attemptKind(outcome);
    const counts = (this.report.byOperation[operation] ??= emptyCounts());
    counts.sent++;
    counts[kind]++;
    this.report.calls++;
    return kind;
  }

  finish(): RunReport {
    this.report.durationMs = Date.now() - this.started;
    return this.report;
  }
}

const money = (d: Decimal): string => d.toFixed(2);

/** The report as text for a terminal. */
export function formatReport(r: RunReport): string {
  const lines: string[] = [];
  lines.push(`PCK simulator: ${r.scenario} against ${r.url}`);
  lines.push(
    `  ${r.calls} calls in ${(r.durationMs / 1000).toFixed(1)} s, ${r.retries} retries, ${r.skipped} skipped, ${r.permanentErrors.length} permanent errors, ${r.abandoned.length} abandoned`,
  );
  lines.push('');
  const kinds: AttemptKind[] = [
    'ok',
    'permanent',
    'retrySoon',
    'retryLater',
    'retryTomorrow',
    'fault',
    'httpError',
    'transport',
  ];
  lines.push(
    `  ${'operation'.padEnd(20)}${'sent'.padStart(7)}${kinds.map((k) => k.padStart(Math.max(k.length + 1, 6))).join('')}`,
  );
  for (const [op, c] of Object.entries(r.byOperation).sort(([a], [b]) => a.localeCompare(b))) {
    if (!c) continue;
    lines.push(
      `  ${op.padEnd(20)}${String(c.sent).padStart(7)}${kinds.map((k) => String(c[k]).padStart(Math.max(k.length + 1, 6))).join('')}`,
    );
  }
  if (r.permanentErrors.length > 0) {
    lines.push('', '  Permanent errors (shown to the PCK user):');
    for (const e of r.permanentErrors.slice(0, 50)) {
      lines.push(
        `    ${e.operation} ${e.label}: [${e.operationResult}] ${e.humanErrorMessage || e.errorMessage || '(no message)'}`,
      );
    }
    if (r.permanentErrors.length > 50) lines.push(`    … and ${r.permanentErrors.length - 50} more`);
  }
  if (r.abandoned.length > 0) {
    lines.push('', '  Abandoned after max attempts:');
    for (const e of r.abandoned.slice(0, 50))
      lines.push(`    ${e.operation} ${e.label} (${e.attempts} attempts): ${e.last}`);
  }
  const o = r.orders;
  if (o.fetched > 0 || o.details.length > 0) {
    lines.push(
      '',
      `  Orders: ${o.fetched} fetched, ${o.acknowledged} acknowledged, ${o.delivered} delivered (${o.deliveries} deliveries, captured ${money(o.captured)}), ${o.packageInfos} package infos, ${o.credited} credited (${money(o.creditedAmount)})`,
    );
    for (const d of o.details) {
      const deliveries = d.deliveries
        .map((x) => `${x.orderStatusId}#${x.sendId}=${x.ok && x.amount ? money(x.amount) : 'feil'}`)
        .join(' ');
      const credit = d.credit ? ` credit ${d.credit.ok && d.credit.amount ? money(d.credit.amount) : 'feil'}` : '';
      lines.push(
        `    order ${d.deltaOrderId}: ${d.lines} lines${d.acknowledged ? ', ack' : ''}${deliveries ? `, ${deliveries}` : ''}${credit}${d.note ? ` (${d.note})` : ''}`,
      );
    }
  }
  return lines.join('\n');
}
