// Regenerates schema/twinxml-1.xsd: `npx tsx libs/twinxml/scripts/write-xsd.ts`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTwinXmlXsd } from '../src/lib/schema/generate-xsd';

writeFileSync(join(__dirname, '..', 'schema', 'twinxml-1.xsd'), generateTwinXmlXsd());
