import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeTwinXml, encodeTwinXml } from '../src';
import { generateTwinXmlXsd } from '../src/lib/schema/generate-xsd';
import { sampleDocument } from './sample-document';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe('golden fixtures', () => {
  it('encodes the sample document byte for byte as the committed fixture', () => {
    expect(encodeTwinXml(sampleDocument())).toBe(fixture('sample.twinxml.xml'));
  });

  it('decodes the fixture back to the sample document', () => {
    expect(decodeTwinXml(fixture('sample.twinxml.xml'))).toEqual(sampleDocument());
  });

  it('decodes UTF-8 bytes the same as text', () => {
    expect(decodeTwinXml(Buffer.from(fixture('sample.twinxml.xml')))).toEqual(sampleDocument());
  });

  it('keeps the committed XSD in step with the schema descriptors', () => {
    // Regenerate with `npx tsx libs/twinxml/scripts/write-xsd.ts`.
    expect(readFileSync(join(__dirname, '..', 'schema', 'twinxml-1.xsd'), 'utf8')).toBe(generateTwinXmlXsd());
  });
});
