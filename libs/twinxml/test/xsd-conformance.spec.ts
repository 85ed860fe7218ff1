import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { decodeTwinXml, encodeTwinXml } from '../src';
import { twinDocument } from './arbitraries';

// An independent check of the encoder and the XSD: libxml2's validator (Debian package
// libxml2-utils) must accept every encoded document and reject what the decoder rejects.
const XSD = join(__dirname, '..', 'schema', 'twinxml-1.xsd');
const golden = readFileSync(join(__dirname, 'fixtures', 'sample.twinxml.xml'), 'utf8');

function xmllint(files: string[]): { status: number | null; output: string } {
  const result = spawnSync('xmllint', ['--noout', '--schema', XSD, ...files], { encoding: 'utf8' });
  if (result.error) {
    throw new Error(
      `xmllint could not be run (${result.error.message}). The TwinXML schema tests need it: ` +
        'install Debian package libxml2-utils (apt-get install -y libxml2-utils).',
    );
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('XSD conformance (xmllint --schema)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'twinxml-xsd-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts the golden fixture and generated documents', () => {
    const files = [join(__dirname, 'fixtures', 'sample.twinxml.xml')];
    fc.sample(twinDocument, { numRuns: 60, seed: 20250301 }).forEach((doc, i) => {
      const file = join(dir, `generated-${i}.xml`);
      writeFileSync(file, encodeTwinXml(doc));
      files.push(file);
    });
    const { status, output } = xmllint(files);
    expect(output).not.toMatch(/fails to validate|error/i);
    expect(status).toBe(0);
  });

  // Each mutation of the golden fixture must be rejected by both validators.
  const mutations: [string, string, string][] = [
    ['a comma decimal', '<Price>199.0000</Price>', '<Price>199,00</Price>'],
    ['five decimals of money', '<Price>199.0000</Price>', '<Price>199.00001</Price>'],
    ['a leading zero', '<Price>199.0000</Price>', '<Price>0199.00</Price>'],
    ['a VAT rate over 100', '<VatRate>25.00</VatRate>', '<VatRate>125.00</VatRate>'],
    ['a local timestamp', '<AsOf>2025-03-01T09:59:00.000Z</AsOf>', '<AsOf>2025-03-01T10:59:00+01:00</AsOf>'],
    [
      'an impossible date',
      '<DeletedAt>2025-03-01T09:00:00.000Z</DeletedAt>',
      '<DeletedAt>2025-02-30T09:00:00.000Z</DeletedAt>',
    ],
    ['an unknown enum value', '<Mode>delta</Mode>', '<Mode>partial</Mode>'],
    ['a bad GTIN', '<Gtin>7071234567893</Gtin>', '<Gtin>707123456789</Gtin><Gtin>7071234X</Gtin>'],
    ['a missing required element', '<Sku>LUE-2002</Sku>', ''],
    ['elements out of order', '<Key>M7</Key>\n      <Name>Bergans</Name>', '<Name>Bergans</Name>\n      <Key>M7</Key>'],
    ['an unknown element', '<Published>false</Published>', '<Published>false</Published><Colour>red</Colour>'],
    [
      'an image with both data and uri',
      '<Data>iVBORw0KGgoAAAANSUhEUg==</Data>',
      '<Data>iVBORw0KGgoAAAANSUhEUg==</Data><Uri>https://x.example/a.png</Uri>',
    ],
    ['a key with surrounding spaces', '<Key>M7</Key>', '<Key> M7</Key>'],
    ['the wrong namespace', 'xmlns="urn:pcknop:twinxml:1"', 'xmlns="urn:pcknop:twinxml:2"'],
    ['a bad boolean', '<Published>false</Published>', '<Published>0</Published>'],
    ['a level of 0', '<Level>1</Level>', '<Level>0</Level>'],
  ];

  it.each(mutations)('rejects %s', (_label, from, to) => {
    expect(golden.includes(from)).toBe(true);
    const file = join(dir, 'mutated.xml');
    writeFileSync(file, golden.replace(from, to));
    expect(xmllint([file]).status).not.toBe(0);
    expect(() => decodeTwinXml(golden.replace(from, to))).toThrow();
  });
});
