import fc from 'fast-check';
import {
  OPERATION_NAMES,
  parseRequest,
  parseResponse,
  serializeRequest,
  serializeResponse,
  WEBSHOP_NS,
  type OperationName,
} from '../src';
import { OPERATIONS } from '../src/lib/schema/contract-operations';
import { arbitraryOf, normalize } from './support';

// Strings lose characters XML cannot carry, so generators only produce XML characters.
describe.each(OPERATION_NAMES)('round trip (fast-check): %s', (op: OperationName) => {
  it('parseRequest(serializeRequest(x)) == x, SOAP 1.1 and 1.2', () => {
    fc.assert(
      fc.property(
        arbitraryOf(OPERATIONS[op].request),
        fc.constantFrom('1.1', '1.2' as const),
        (payload, soapVersion) => {
          const xml = serializeRequest(op, payload as never, { soapVersion: soapVersion as '1.1' | '1.2' });
          const parsed = parseRequest(xml);
          expect(parsed.ok).toBe(true);
          if (parsed.ok) {
            expect(parsed.soapVersion).toBe(soapVersion);
            expect(normalize(parsed.payload)).toEqual(normalize(payload));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('parseResponse(serializeResponse(x)) == x', () => {
    const holder = { name: 'r', fields: [{ key: 'v', wire: 'v', def: OPERATIONS[op].result }] };
    fc.assert(
      fc.property(arbitraryOf(holder), (wrapped) => {
        const value = wrapped['v'];
        const xml = serializeResponse(op, value as never, { soapVersion: '1.1', namespace: WEBSHOP_NS });
        const { result, issues } = parseResponse(op, xml);
        expect(issues).toEqual([]);
        expect(normalize(result)).toEqual(normalize(value));
      }),
      { numRuns: 40 },
    );
  });
});
