import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATION_NAMES, parseRequest, renderWsdl, serializeRequest, serializeResponse, WEBSHOP_NS } from '../src';
import { normalize, sampleRequest, sampleResponse } from './support';

// Golden wire files: set UPDATE_GOLDEN=1 to rewrite them after an intended contract change.
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const FIXTURES = join(__dirname, 'fixtures');

function golden(path: string, actual: string): void {
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE) throw new Error(`missing golden file ${path}; run with UPDATE_GOLDEN=1`);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const pretty = (xml: string) => xml.replace(/></g, '>\n<');

describe.each(OPERATION_NAMES)('golden wire format: %s', (op) => {
  it('reads the golden request (every field, .NET proxy style)', () => {
    const file = join(FIXTURES, `${op}.request.xml`);
    golden(file, pretty(serializeRequest(op, sampleRequest(op))));
    const parsed = parseRequest(readFileSync(file));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.operation).toBe(op);
    expect(parsed.namespace).toBe(WEBSHOP_NS);
    expect(normalize(parsed.payload)).toEqual(normalize(sampleRequest(op)));
  });

  it('writes the golden response', () => {
    golden(
      join(FIXTURES, `${op}.response.xml`),
      pretty(serializeResponse(op, sampleResponse(op), { soapVersion: '1.1', namespace: WEBSHOP_NS })),
    );
  });
});

describe('golden WSDL', () => {
  it('wsdl/WebshopWS.wsdl is renderWsdl() with the placeholder address', () => {
    golden(join(__dirname, '..', 'wsdl', 'WebshopWS.wsdl'), renderWsdl('http://localhost:8080/WebshopWS'));
  });
});
