import type { TwinDocument, TwinTrailer } from './model/document';
import { recordKey, type TwinRecord } from './model/record-key';
import type { TwinReceipt } from './model/receipt';
import { validateComplex } from './codec/xml-tree';
import type { Report } from './schema/record-rules';
import { headerSpec, ROOT_ELEMENT, SECTIONS, trailerSpec } from './schema/specs';
import { IssueCollector } from './codec/issue-collector';
import type { TwinXmlIssue } from './twinxml-error';

function sectionKey(kind: string, record: unknown): string {
  if (kind === 'receipt') {
    const r = record as TwinReceipt;
    return `${r.kind}|${r.key}`;
  }
  return recordKey(kind as never, record as TwinRecord as never);
}

/** Document-level rule: record keys are unique within each section. */
export function checkUniqueKeys(doc: TwinDocument, report: Report): void {
  for (const sec of SECTIONS) {
    const seen = new Map<string, number>();
    (doc[sec.prop] as unknown[]).forEach((record, i) => {
      const key = sectionKey(sec.kind, record);
      const first = seen.get(key);
      if (first !== undefined) {
        report(
          `/${ROOT_ELEMENT}/${sec.el}/${sec.item}[${i + 1}]`,
          `duplicate record key ${key} (first at ${sec.item}[${first + 1}])`,
        );
      } else {
        seen.set(key, i);
      }
    });
  }
}

/** Document-level rule: the trailer's counts are the document's (`actual`). */
export function checkTrailer(actual: TwinTrailer, trailer: TwinTrailer, report: Report): void {
  for (const f of trailerSpec.fields) {
    const prop = f.prop as keyof TwinTrailer;
    if (trailer[prop] !== actual[prop]) {
      report(`/${ROOT_ELEMENT}/Trailer/${f.el}`, `says ${trailer[prop]}, the document has ${actual[prop]}`);
    }
  }
}

/**
 * Validates an in-memory document against TwinXML 1: every field's type, scale and length, each
 * record's cross-field rules, and unique record keys per section. Issues carry the path the
 * field would have on the wire. Empty means valid (and encodable).
 */
export function validateTwinDocument(doc: TwinDocument, maxIssues = 1000): TwinXmlIssue[] {
  const issues = new IssueCollector(maxIssues);
  const counter = () => issues.count;
  if (typeof doc !== 'object' || doc === null) {
    issues.report(`/${ROOT_ELEMENT}`, 'not a document');
    return issues.issues;
  }
  validateComplex(doc.header, headerSpec, `/${ROOT_ELEMENT}/Header`, issues.report, counter);
  for (const sec of SECTIONS) {
    const records: unknown = doc[sec.prop];
    if (!Array.isArray(records)) {
      issues.report(`/${ROOT_ELEMENT}/${sec.el}`, `${sec.prop} must be an array`);
      continue;
    }
    records.forEach((r, i) =>
      validateComplex(r, sec.record, `/${ROOT_ELEMENT}/${sec.el}/${sec.item}[${i + 1}]`, issues.report, counter),
    );
  }
  // Keys of invalid records may not even be computable; check uniqueness only on valid input.
  if (issues.count === 0) checkUniqueKeys(doc, issues.report);
  return issues.issues;
}
