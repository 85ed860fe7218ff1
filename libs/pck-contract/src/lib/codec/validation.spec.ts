import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { validateSync } from 'class-validator';
import { OPERATIONS } from '../schema/contract-operations';
import { complexTypeOf, type FieldDef, type TypeDef } from '../schema/schema-builder';
import { isOperationName, type OperationName } from '../model/operations';
import { decodeComplex } from './decode';
import { passesCompiledChecks, validateDto } from './validation';
import { WrongShape } from './xsd-values';
import type { XNode } from './xml-reader';

/*
 * The compiled checks are only a shortcut past class-validator for valid input: whatever they accept,
 * class-validator must accept too (and, so that invalid input keeps its detailed issues, the reverse).
 */

function scalarText(def: FieldDef): string {
  switch (def.kind) {
    case 'int':
    case 'long':
      return '42';
    case 'decimal':
      return '12.50';
    case 'boolean':
      return 'true';
    case 'dateTime':
      return '2024-05-01T12:00:00';
    case 'base64':
      return 'AQID';
    default:
      return 'tekst';
  }
}

/** An element tree with every field present (arrays twice), nested two levels at most. */
function sampleNode(name: string, type: TypeDef<unknown>, depth: number): XNode {
  const children: XNode[] = [];
  for (const f of type.fields) {
    const times = f.def.array ? 2 : 1;
    for (let i = 0; i < times; i++) {
      if (f.def.kind === 'complex') {
        if (depth < 2 || f.def.required) children.push(sampleNode(f.wire, complexTypeOf(f.def), depth + 1));
      } else
        children.push({ local: f.wire, ns: '', attrs: new Map(), nil: false, children: [], text: scalarText(f.def) });
    }
  }
  return { local: name, ns: '', attrs: new Map(), nil: false, children, text: '' };
}

const BAD_VALUES: unknown[] = [
  undefined,
  null,
  'x',
  1.5,
  2 ** 40,
  -(2 ** 60),
  true,
  new WrongShape('oops'),
  {},
  [],
  new Decimal(NaN),
  new Date(NaN),
  new Uint8Array(1),
  [new WrongShape('x')],
  [null],
  [{}],
];

/** All (object, key) slots of a decoded tree, for mutation. */
function slots(value: unknown, out: [Record<string, unknown>, string][] = []): [Record<string, unknown>, string][] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([value as unknown as Record<string, unknown>, String(i)]);
      slots(v, out);
    });
  } else if (
    value &&
    typeof value === 'object' &&
    !(value instanceof Decimal) &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  ) {
    for (const k of Object.keys(value)) {
      out.push([value as Record<string, unknown>, k]);
      slots((value as Record<string, unknown>)[k], out);
    }
  }
  return out;
}

const ops = (Object.keys(OPERATIONS) as string[]).filter(isOperationName) as OperationName[];

describe('compiled validation checks', () => {
  it.each(ops)('accept a complete %s request', (op) => {
    const type = OPERATIONS[op].request;
    const dto = decodeComplex(sampleNode(op, type, 0), type, 'Europe/Oslo');
    expect(validateSync(dto, { forbidUnknownValues: false })).toEqual([]);
    expect(passesCompiledChecks(dto, type)).toBe(true);
  });

  it('agree with class-validator on mutated requests', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ops),
        fc.nat(),
        fc.nat({ max: BAD_VALUES.length - 1 }),
        fc.boolean(),
        (op, slotSeed, bad, removeKey) => {
          const type = OPERATIONS[op].request;
          const dto = decodeComplex(sampleNode(op, type, 0), type, 'Europe/Oslo');
          const all = slots(dto);
          if (all.length > 0) {
            const [holder, key] = all[slotSeed % all.length];
            if (removeKey && !Array.isArray(holder)) delete holder[key];
            else holder[key] = BAD_VALUES[bad];
          }
          const classValidatorAccepts = validateSync(dto, { forbidUnknownValues: false }).length === 0;
          expect(passesCompiledChecks(dto, type)).toBe(classValidatorAccepts);
          expect(validateDto(dto, type).length === 0).toBe(classValidatorAccepts);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
