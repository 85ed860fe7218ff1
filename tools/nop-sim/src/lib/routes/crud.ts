import type { Request } from 'express';
import type { SimContext } from '../context';
import { Row, fromDto } from '../dto';
import type { DtoName } from '../dto-spec';
import { Routes, ok, okEmpty, pathId } from '../http';
import { notFound, unhandled } from '../nop-sim.exception';
import type { TableName } from '../store';

export interface ForeignKey {
  field: string;
  table: TableName;
  /** Nullable FK columns (0 or null means "none"). */
  optional?: boolean;
}

export interface CrudSpec {
  controller: string;
  /** Entity name used in the "… Id=5 not found" strings. */
  entity: string;
  dto: DtoName;
  table: TableName;
  /** Soft delete (`deleted=true`) instead of removing the row. */
  softDelete?: boolean;
  foreignKeys?: ForeignKey[];
  actions?: ('GetById' | 'Create' | 'Update' | 'Delete')[];
  /** Version-specific or service-level tweaks to a row about to be inserted. */
  beforeInsert?: (row: Row, ctx: SimContext) => void;
}

export function getOr404(ctx: SimContext, table: TableName, id: number, entity: string): Row {
  const row = ctx.store.t[table].get(id);
  if (!row) throw notFound(`${entity} Id=${id} not found`);
  return row;
}

/** The database's FK constraints: the API checks nothing, so a dangling id surfaces as a 500. */
export function checkForeignKeys(
  ctx: SimContext,
  spec: { table: TableName; foreignKeys?: ForeignKey[] },
  row: Row,
  verb: 'INSERT' | 'UPDATE',
): void {
  for (const fk of spec.foreignKeys ?? []) {
    const value = row[fk.field];
    if (fk.optional && (value === null || value === 0)) continue;
    if (typeof value !== 'number' || !ctx.store.t[fk.table].has(value)) {
      throw unhandled(
        `The ${verb} statement conflicted with the FOREIGN KEY constraint "FK_${spec.table}_${fk.table}_${fk.field}". The conflict occurred in database "nopCommerce", table "dbo.${fk.table}", column 'Id'.`,
      );
    }
  }
}

/** The Create/Update/GetById/Delete quartet every plugin controller repeats. */
export function registerCrud(r: Routes, spec: CrudSpec): void {
  const actions = spec.actions ?? ['GetById', 'Create', 'Update', 'Delete'];
  const base = `/${spec.controller}`;
  if (actions.includes('GetById')) {
    r.get(`${base}/GetById/:id`, (req: Request, ctx) => {
      const row = getOr404(ctx, spec.table, pathId(req), spec.entity);
      return ok(ctx.dto(spec.dto, row));
    });
  }
  if (actions.includes('Create')) {
    r.post(`${base}/Create`, (req: Request, ctx) => {
      const row = fromDto(spec.dto, req.body, ctx.settings.version);
      spec.beforeInsert?.(row, ctx);
      checkForeignKeys(ctx, spec, row, 'INSERT');
      const { id: _ignored, ...values } = row;
      const saved = ctx.store.t[spec.table].insert(values);
      return ok(ctx.dto(spec.dto, saved));
    });
  }
  if (actions.includes('Update')) {
    r.put(`${base}/Update`, (req: Request, ctx) => {
      const row = fromDto(spec.dto, req.body, ctx.settings.version);
      const existing = ctx.store.t[spec.table].get(row.id);
      if (!existing) throw notFound(`${spec.entity} Id=${row.id} not found`);
      checkForeignKeys(ctx, spec, row, 'UPDATE');
      // Whole-row replace: internal columns the DTO does not carry survive, every DTO field is overwritten.
      ctx.store.t[spec.table].replace({ ...existing, ...row });
      return okEmpty();
    });
  }
  if (actions.includes('Delete')) {
    r.delete(`${base}/Delete/:id`, (req: Request, ctx) => {
      const id = pathId(req);
      getOr404(ctx, spec.table, id, spec.entity);
      if (spec.softDelete) ctx.store.t[spec.table].patch(id, { deleted: true });
      else ctx.store.t[spec.table].remove(id);
      return okEmpty();
    });
  }
}
