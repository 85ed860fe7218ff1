import { FieldMappingError, FieldMappingErrorCode } from '../field-mapping.exception';
import { coerceRuleResult, compileRule, deterministicBindings, toRuleInput } from './rule-engine';
import { Decimal } from 'decimal.js';

// Generous time so only the limit a test is about can stop a rule, however slow the machine.
const limits = { timeoutMs: 60_000, maxDepth: 200 };
const bindings = deterministicBindings(new Date('2025-01-01T00:00:00Z'));

async function failure(field: string, expr: string, ruleLimits = limits): Promise<FieldMappingError> {
  try {
    await compileRule(field, expr, 'string').evaluate({}, bindings, ruleLimits);
  } catch (e) {
    return e as FieldMappingError;
  }
  throw new Error('expected the rule to fail');
}

describe('rule engine', () => {
  it('evaluates templates, lookups and conditions on Norwegian text', async () => {
    const input = toRuleInput({ name: 'Blåbærsyltetøy', subtitle: 'Økologisk', vat: new Decimal('15'), group: 'F' });
    const template = compileRule('product.name', 'name & " – " & subtitle', 'string');
    expect(await template.evaluate(input, bindings, limits)).toBe('Blåbærsyltetøy – Økologisk');
    const lookup = compileRule('product.shortDescription', '$lookup({"F": "Frukt og bær"}, group)', 'string');
    expect(await lookup.evaluate(input, bindings, limits)).toBe('Frukt og bær');
    const cond = compileRule('product.published', 'vat = 15 ? true : false', 'boolean');
    expect(await cond.evaluate(input, bindings, limits)).toBe(true);
  });

  it('stops an endless loop by time and names the field and rule', async () => {
    const err = await failure('product.name', '($f := function($x){ $f($x + 1) }; $f(0))', {
      ...limits,
      timeoutMs: 50,
    });
    expect(err.code).toBe(FieldMappingErrorCode.RULE_TIMEOUT);
    expect(err.message).toContain('product.name');
    expect(err.message).toContain('$f($x + 1)');
  });

  it('runs a rule once more when a pause, not the rule, tripped the time limit', async () => {
    // The first run stalls past the limit once (as a GC pause or a busy machine would); the rule itself is instant.
    let stalls = 1;
    const stall = () => {
      if (stalls-- > 0) {
        const until = Date.now() + 80;
        while (Date.now() < until) {
          /* stand-in for a pause the rule did not cause */
        }
      }
      return 'ok';
    };
    const rule = compileRule('product.name', '$stall() & " " & name', 'string');
    expect(await rule.evaluate({ name: 'Syltetøy' }, { ...bindings, stall }, { ...limits, timeoutMs: 40 })).toBe(
      'ok Syltetøy',
    );
    expect(stalls).toBe(-1);
  });

  it('stops runaway recursion by depth', async () => {
    const err = await failure('product.sku', '($f := function($x){ 1 + $f($x + 1) }; $f(0))');
    expect(err.code).toBe(FieldMappingErrorCode.RULE_TIMEOUT);
    expect(err.message).toContain('nested deeper than 200');
  });

  it('reports a rule that throws, with its message', async () => {
    const err = await failure('product.fullDescription', '$error("mangler tekst")');
    expect(err.code).toBe(FieldMappingErrorCode.RULE_FAILED);
    expect(err.message).toContain('product.fullDescription');
    expect(err.message).toContain('mangler tekst');
  });

  it('reports syntax errors at compile time', () => {
    expect(() => compileRule('product.name', 'name & (', 'string')).toThrow(/product\.name does not parse/);
  });

  it('keeps rules deterministic', async () => {
    const now = compileRule('x', '$now()', 'string');
    expect(await now.evaluate({}, bindings, limits)).toBe('2025-01-01T00:00:00.000Z');
    expect((await failure('x', '$random()')).code).toBe(FieldMappingErrorCode.RULE_FAILED);
  });

  it('coerces results by field type', () => {
    const price = compileRule('product.price', 'x', 'decimal');
    expect((coerceRuleResult(price, 199.9) as Decimal).toString()).toBe('199.9');
    expect(coerceRuleResult(price, undefined)).toBeUndefined();
    expect(() => coerceRuleResult(price, 'abc')).toThrow(/wrong type/);
    const flag = compileRule('product.published', 'x', 'boolean');
    expect(() => coerceRuleResult(flag, 'yes')).toThrow(FieldMappingError);
    const qty = compileRule('product.stockQuantity', 'x', 'integer');
    expect(() => coerceRuleResult(qty, 1.5)).toThrow(/whole number/);
  });
});
