import type { ReconcileDifference, ReconcileReport } from './reconcile-report';

const cell = (v: unknown, width: number): string => {
  const s = v === null || v === undefined ? '–' : typeof v === 'string' ? v : JSON.stringify(v);
  const flat = s.replace(/\s+/g, ' ');
  return (flat.length > width ? `${flat.slice(0, width - 1)}…` : flat).padEnd(width);
};

function table(rows: readonly ReconcileDifference[], limit: number): string[] {
  const head = `  ${cell('kind', 12)} ${cell('key', 30)} ${cell('field', 24)} ${cell('expected', 28)} actual`;
  const lines = rows
    .slice(0, limit)
    .map(
      (d) =>
        `  ${cell(d.kind, 12)} ${cell(d.key, 30)} ${cell(d.field, 24)} ${cell(d.expected, 28)} ${cell(d.actual, 40).trimEnd()}`,
    );
  if (rows.length > limit) lines.push(`  … and ${rows.length - limit} more (--json shows all)`);
  return [head, ...lines];
}

/** A reconciliation report as a readable table (the CLI's and the demo's output). */
export function formatReconcileReport(r: ReconcileReport, options: { limit?: number } = {}): string {
  const limit = options.limit ?? 50;
  const out: string[] = [];
  out.push(
    `Reconciliation of tenant ${r.tenantId} at ${r.checkedAt}: ${r.ok ? 'OK — the shop holds what PCK sent' : 'DIFFERENCES FOUND'}`,
  );
  out.push(`  catalogue: ${r.entities.checked} entities checked, ${r.entities.differences.length} differences`);
  if (r.entities.differences.length > 0) out.push(...table(r.entities.differences, limit));
  out.push(
    `  orders: ${r.orders.checked} paid shop orders, ${r.orders.handedOverOnce} handed to PCK exactly once; ` +
      `${r.orders.deliveries.checked} deliveries, ${r.orders.deliveries.done} captured; ${r.orders.differences.length} differences`,
  );
  if (r.orders.differences.length > 0) out.push(...table(r.orders.differences, limit));
  out.push(
    `  duplicates: ${r.duplicates.products.length} SKUs on several products, ${r.duplicates.pictures.length} pictures uploaded twice`,
  );
  for (const d of r.duplicates.products.slice(0, limit))
    out.push(`    SKU ${d.sku}: products ${d.productIds.join(', ')}`);
  for (const d of r.duplicates.pictures.slice(0, limit))
    out.push(`    product ${d.productId} picture ${d.seoFilename}: ${d.pictureIds.join(', ')}`);
  return out.join('\n');
}
