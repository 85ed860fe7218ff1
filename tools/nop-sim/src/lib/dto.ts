import { MIN_DATE, formatNopDate, parseNopDate } from './clock';
import { DtoName, FieldSpec, SimVersion, dtoFields } from './dto-spec';
import { NopSimError, NopSimErrorCode, unhandled } from './nop-sim.exception';

/** A stored row: the DTO's snake_case fields (the entity and its DTO are 1:1 in the plugin). */
export type Row = { id: number } & Record<string, unknown>;

const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

/**
 * NOT NULL string columns: a DTO that leaves them out (or sends null) fails at the database, which the
 * plugin reports as a 500 (§2 "A null in a NOT NULL column … causes a 500").
 */
const NOT_NULL_COLUMNS: Partial<Record<DtoName, { table: string; columns: string[] }>> = {
  ProductDto: { table: 'Product', columns: ['name'] },
  CategoryDto: { table: 'Category', columns: ['name'] },
  ManufacturerDto: { table: 'Manufacturer', columns: ['name'] },
  ProductAttributeDto: { table: 'ProductAttribute', columns: ['name'] },
  ProductAttributeValueDto: { table: 'ProductAttributeValue', columns: ['name'] },
  DiscountDto: { table: 'Discount', columns: ['name'] },
  OrderNoteDto: { table: 'OrderNote', columns: ['note'] },
};

export function defaultFor(field: FieldSpec): unknown {
  if (field.nullable) return null;
  switch (field.type) {
    case 'int':
    case 'num':
      return 0;
    case 'bool':
      return false;
    case 'str':
      return null;
    case 'date':
      return MIN_DATE;
    case 'uuid':
      return EMPTY_GUID;
  }
}

function bindingError(dto: DtoName, field: string, value: unknown): NopSimError {
  const message = `Error converting value ${JSON.stringify(value)} to the type of '${field}'.`;
  return new NopSimError(NopSimErrorCode.ModelBinding, message, { [`$.${field}`]: [message] });
}

/** Newtonsoft-like conversion of one JSON value to the field's C# type. */
function coerce(dto: DtoName, field: FieldSpec, value: unknown): unknown {
  if (value === null || value === undefined) {
    if (field.nullable || field.type === 'str') return null;
    throw bindingError(dto, field.name, value);
  }
  switch (field.type) {
    case 'int': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n) || Math.abs(n) > 2147483647) {
        throw bindingError(dto, field.name, value);
      }
      return n;
    }
    case 'num': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw bindingError(dto, field.name, value);
      return n;
    }
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw bindingError(dto, field.name, value);
    case 'str':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw bindingError(dto, field.name, value);
    case 'date': {
      if (typeof value !== 'string') throw bindingError(dto, field.name, value);
      const d = parseNopDate(value);
      if (!d) throw bindingError(dto, field.name, value);
      return value.startsWith('0001-01-01') ? MIN_DATE : formatNopDate(d);
    }
    case 'uuid':
      if (
        typeof value !== 'string' ||
        !/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(value)
      ) {
        throw bindingError(dto, field.name, value);
      }
      return value.toLowerCase();
  }
}

/**
 * `model.FromDto<T>()`: a brand-new entity from the body. Fields the body leaves out get their defaults
 * (that is what makes Update a whole-row replace); unknown fields are dropped.
 */
export function fromDto(dto: DtoName, body: unknown, version: SimVersion): Row {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new NopSimError(NopSimErrorCode.ModelBinding, 'A non-empty request body is required.', {
      '': ['A non-empty request body is required.'],
    });
  }
  const input = body as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const field of dtoFields(dto, version)) {
    row[field.name] = field.name in input ? coerce(dto, field, input[field.name]) : defaultFor(field);
  }
  const notNull = NOT_NULL_COLUMNS[dto];
  if (notNull) {
    for (const column of notNull.columns) {
      if (row[column] === null) {
        throw unhandled(
          `Cannot insert the value NULL into column '${pascal(column)}', table 'nopCommerce.dbo.${notNull.table}'; column does not allow nulls. INSERT fails.`,
        );
      }
    }
  }
  return row as Row;
}

/** The DTO as the plugin serialises it: every field of this version, in schema order. */
export function toDto(dto: DtoName, row: Row, version: SimVersion): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of dtoFields(dto, version)) {
    out[field.name] = field.name in row ? row[field.name] : defaultFor(field);
  }
  return out;
}

/** A fresh row with every default, for rows the simulator creates itself (seeds, notes, history). */
export function blankRow(dto: DtoName, version: SimVersion, values: Record<string, unknown>): Omit<Row, 'id'> {
  const row: Record<string, unknown> = {};
  for (const field of dtoFields(dto, version)) row[field.name] = defaultFor(field);
  return { ...row, ...values };
}

function pascal(snake: string): string {
  return snake
    .split('_')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}
