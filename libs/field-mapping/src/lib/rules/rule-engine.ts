import jsonata from 'jsonata';
import { Decimal } from 'decimal.js';
import { FieldMappingError, FieldMappingErrorCode } from '../field-mapping.exception';
import type { RuleValueType } from '../profile/mapping-profile';

/** Limits for one evaluation. */
export interface RuleLimits {
  timeoutMs: number;
  maxDepth: number;
}

/** A compiled rule: its field (`product.name`), its text, and the parsed expression. */
export interface CompiledRule {
  field: string;
  expression: string;
  type: RuleValueType;
  evaluate(input: unknown, bindings: Record<string, unknown>, limits: RuleLimits): Promise<unknown>;
}

/** Why the engine stopped, by JSONata code: D1011 = stack depth, D1012 = time limit. */
const LIMIT_CODES = new Set(['D1011', 'D1012']);

interface JsonataFailure {
  code?: string;
  message?: string;
  position?: number;
}

export function compileRule(field: string, expression: string, type: RuleValueType): CompiledRule {
  // Parsing is cheap and needs no limits; evaluation gets a fresh expression object per limits set, since
  // jsonata binds the guard options at construction.
  try {
    jsonata(expression);
  } catch (e) {
    const f = e as JsonataFailure;
    throw new FieldMappingError(FieldMappingErrorCode.RULE_SYNTAX, {
      path: field,
      value: expression,
      detail: f.message,
    });
  }
  const byLimits = new Map<string, jsonata.Expression>();
  return {
    field,
    expression,
    type,
    async evaluate(input, bindings, limits) {
      const k = `${limits.timeoutMs}/${limits.maxDepth}`;
      let expr = byLimits.get(k);
      if (!expr) {
        expr = jsonata(expression, { timeout: limits.timeoutMs, stack: limits.maxDepth });
        byLimits.set(k, expr);
      }
      try {
        try {
          return await expr.evaluate(input, bindings);
        } catch (first) {
          // The time limit is wall-clock: a busy machine's pause (GC, another process) can trip it for a rule that
          // ends at once. Rules are deterministic, so one more run tells a pause from a loop, which trips it again.
          if ((first as JsonataFailure).code !== 'D1012') throw first;
          return await expr.evaluate(input, bindings);
        }
      } catch (e) {
        const f = e as JsonataFailure;
        if (f.code && LIMIT_CODES.has(f.code)) {
          throw new FieldMappingError(FieldMappingErrorCode.RULE_TIMEOUT, {
            path: field,
            value: expression,
            detail:
              f.code === 'D1012' ? `ran longer than ${limits.timeoutMs} ms` : `nested deeper than ${limits.maxDepth}`,
          });
        }
        throw new FieldMappingError(FieldMappingErrorCode.RULE_FAILED, {
          path: field,
          value: expression,
          detail: f.message ?? String(e),
        });
      }
    },
  };
}

/**
 * Bindings every rule gets. `$now()`/`$millis()` return the mapping's clock (not the wall clock) and `$random()` is
 * refused, so a rule cannot make the mapping non-deterministic.
 */
export function deterministicBindings(now: Date): Record<string, unknown> {
  return {
    now: () => now.toISOString(),
    millis: () => now.getTime(),
    random: () => {
      throw new Error('$random() is not allowed in mapping rules (mapping must be deterministic)');
    },
  };
}

/**
 * Significant digits kept from a rule's double. Binary arithmetic leaves an error in the 16th–17th digit
 * (`1.65 * 0.9` is 1.4849999999999999, which rounds to 1.48 øre instead of 1.49); 15 digits is the most a double
 * always holds exactly, so the decimal the shop owner meant is recovered before money is rounded to øre.
 */
export const RULE_NUMBER_PRECISION = 15;

/** The decimal a rule's number stands for: its double read at RULE_NUMBER_PRECISION significant digits. */
export function decimalFromRuleNumber(value: number): Decimal {
  if (!Number.isFinite(value)) return new Decimal(value);
  return new Decimal(value.toPrecision(RULE_NUMBER_PRECISION));
}

/** Coerces a rule's result to its field type; `undefined` (no result) means "keep the default". */
export function coerceRuleResult(
  rule: CompiledRule,
  value: unknown,
): string | boolean | Decimal | number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const bad = (why: string): never => {
    throw new FieldMappingError(FieldMappingErrorCode.RULE_BAD_RESULT, {
      path: rule.field,
      value: rule.expression,
      detail: `${why}; got ${JSON.stringify(value)?.slice(0, 200)}`,
    });
  };
  switch (rule.type) {
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return bad('expected text');
    case 'boolean':
      if (typeof value === 'boolean') return value;
      return bad('expected true or false');
    case 'decimal': {
      if (typeof value !== 'number' && typeof value !== 'string') return bad('expected a number');
      try {
        const d = typeof value === 'number' ? decimalFromRuleNumber(value) : new Decimal(value);
        if (!d.isFinite()) return bad('expected a finite number');
        return d;
      } catch {
        return bad('expected a number');
      }
    }
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      return bad('expected a whole number');
    default: {
      const never: never = rule.type;
      return bad(`unknown type ${String(never)}`);
    }
  }
}

/**
 * Plain JSON view of a record for rules: Decimals become numbers (JSONata arithmetic is double-based; results for
 * decimal results are read back at RULE_NUMBER_PRECISION digits and money rounded to øre by the mapper), Dates ISO text, byte arrays are dropped.
 */
export function toRuleInput(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (Decimal.isDecimal(value)) return (value as Decimal).toNumber();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return undefined;
  if (Array.isArray(value)) return value.map(toRuleInput);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = toRuleInput(v);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return value;
}
