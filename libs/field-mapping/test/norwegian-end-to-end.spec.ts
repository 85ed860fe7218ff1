import { Decimal } from 'decimal.js';
import { parseRequest, serializeRequest, type Article } from '@pcknop/pck-contract';
import { TwinBatchMode, decodeTwinXml, emptyDocument, encodeTwinXml } from '@pcknop/twinxml';
import { pckToTwin, twinToNop } from '../src';
import { RECEIVED_AT, article, profileWith, sizeColor } from './fixtures';

const NOW = new Date('2025-06-05T12:00:00Z');
const NAME = 'Blåbærsyltetøy Ærlig Øl';
const SUBTITLE = 'Økologisk «håndplukket» – 350 g';
const DESCRIPTION = 'Laget på norske blåbær fra Åsnes.\nPasser til vafler & pannekaker.';
const GROUP = 'Pålegg & søtt';
const MAKER = 'Ærlige Østlandsbær AS';
const COLOUR = 'Rødbrun';
const SIZE = 'Stor (år)';

const bytes = (s: string | null | undefined) => Buffer.from(s ?? '', 'utf8');

/** PCK's SOAP request on the wire → parsed → TwinXML → a batch document on the wire → decoded → nop payload. */
async function throughEveryWire(a: Article) {
  const xml = serializeRequest('sendArticle', { login: 1, password: 'hemmelig', article: a });
  const parsed = parseRequest(xml);
  if (!parsed.ok || parsed.operation !== 'sendArticle')
    throw new Error(`PCK request did not parse: ${JSON.stringify(parsed)}`);
  const profile = profileWith();
  const twin = await pckToTwin(
    profile,
    { operation: 'sendArticle', article: parsed.payload.article },
    { receivedAt: RECEIVED_AT },
  );
  const doc = emptyDocument({
    schemaVersion: '1.0',
    sourceSystem: 'pckasse',
    tenant: 'butikk-æøå',
    batchId: 'b-1',
    sequence: 1,
    createdAt: RECEIVED_AT,
    mode: TwinBatchMode.Delta,
    currency: 'NOK',
    language: 'nb-NO',
  });
  doc.categories.push(...twin.categories);
  doc.manufacturers.push(...twin.manufacturers);
  doc.products.push(...twin.products);
  const batch = Buffer.from(encodeTwinXml(doc), 'utf8');
  const decoded = decodeTwinXml(batch);
  return { xml, nop: twinToNop(profile, decoded, { now: NOW }) };
}

describe('Norwegian text end to end (PCK SOAP → TwinXML → nopCommerce)', () => {
  it('«Blåbærsyltetøy Ærlig Øl» and friends arrive byte-identical in the nop payload', async () => {
    const a = article({
      name: NAME,
      subtitle: SUBTITLE,
      description: DESCRIPTION,
      articleNo: 'BLÅ-ÆØÅ-1',
      articleGroup: { arcileGroupId: 1, groupNumber: 1, name: GROUP },
      articleGroup2: undefined,
      manufacturer: { manufacturerId: 7, name: MAKER },
    });
    const { xml, nop } = await throughEveryWire(a);
    expect(xml).toContain(NAME); // the SOAP request carries the text as UTF-8, not as character references
    const p = nop.products[0].product;
    expect(bytes(p.name).equals(bytes(NAME))).toBe(true);
    expect(bytes(p.short_description).equals(bytes(SUBTITLE))).toBe(true);
    expect(
      bytes(p.full_description).equals(
        bytes('Laget på norske blåbær fra Åsnes.<br />\nPasser til vafler &amp; pannekaker.'),
      ),
    ).toBe(true);
    expect(bytes(p.sku).equals(bytes('BLÅ-ÆØÅ-1'))).toBe(true);
    expect(bytes(nop.categories[0].category.name).equals(bytes(GROUP))).toBe(true);
    expect(bytes(nop.manufacturers[0].manufacturer.name).equals(bytes(MAKER))).toBe(true);
  });

  it('variant names built from Norwegian colour and size names, and decomposed text kept as sent (no normalisation)', async () => {
    const decomposed = NAME.normalize('NFD');
    const a = article({
      name: decomposed,
      vat: new Decimal('25'),
      sizeColorInUse: true,
      sizeColors: [sizeColor(1, SIZE, COLOUR)],
    });
    const { nop } = await throughEveryWire(a);
    expect(bytes(nop.products[0].product.name).equals(bytes(decomposed))).toBe(true);
    const variant = nop.products.find((p) => p.key === 'a:4711:sc:1')!.product;
    expect(bytes(variant.name).equals(bytes(`${decomposed} ${COLOUR} ${SIZE}`))).toBe(true);
  });
});
