import { emptyTwinRecords } from '@pcknop/field-mapping';
import type {
  DocumentStaging,
  EntityChange,
  Repositories,
  StageOutcome,
  TwinxmlSourceRecord,
} from '@pcknop/staging-store';
import {
  streamTwinXml,
  TwinXmlError,
  TwinXmlErrorCode,
  type TwinHeader,
  type TwinRecordEvent,
  type TwinXmlLimits,
} from '@pcknop/twinxml';
import { changesOf } from '../operations/stage-catalogue-call';
import { ownableKindOf } from './source-ownership';
import { TwinXmlIngestError, TwinXmlIngestErrorCode } from './twinxml-ingest.exception';

/** Records staged per statement: bounded memory, few round trips. */
const CHUNK = 500;
/** Refused records listed one by one in the answer; beyond this only counted. */
const MAX_LISTED = 1000;

export interface RefusedRecord {
  path: string;
  kind: string;
  key?: string;
  reason: string;
}

/** The answer to a document: what was staged, and which records were refused and why. */
export interface IngestAnswer {
  batchId: string;
  source: string;
  /** This BatchId was answered before: this is that answer, nothing was staged again. */
  duplicate: boolean;
  accepted: number;
  refused: number;
  acceptedByKind: Record<string, number>;
  /** How the store took the accepted records (`stale`: a newer state was already staged). */
  staged: Record<StageOutcome, number>;
  refusedRecords: RefusedRecord[];
  /** More records were refused than are listed. */
  refusedRecordsTruncated: boolean;
}

export interface IngestDeps {
  repos: Pick<Repositories, 'twinxmlSources'>;
  limits?: Partial<TwinXmlLimits>;
}

/** A request body that can be read by the decoder and, when it stops early, drained without closing the connection. */
export interface DocumentBody extends AsyncIterable<Uint8Array> {
  drain(): Promise<void>;
}

const NOT_HERE: Partial<Record<TwinRecordEvent['kind'], string>> = {
  order: 'orders come from the shop, not from sources (GET /twinxml/v1/orders gives them)',
  orderStatus: 'order status updates are not accepted from sources',
  receipt: 'receipts are written by the gateway, not accepted from sources',
};

function recordKeyOf(ev: TwinRecordEvent): string | undefined {
  const r = ev.record as { key?: unknown; productKey?: unknown };
  return typeof r.key === 'string' ? r.key : typeof r.productKey === 'string' ? r.productKey : undefined;
}

/** The entity changes of one decoded record, exactly as a PCK call producing that record would stage them. */
function changesOfRecord(ev: TwinRecordEvent, ts: bigint): EntityChange[] {
  const records = emptyTwinRecords();
  switch (ev.kind) {
    case 'category':
      records.categories.push(ev.record);
      break;
    case 'manufacturer':
      records.manufacturers.push(ev.record);
      break;
    case 'product':
      records.products.push(ev.record);
      break;
    case 'stock':
      records.stockLevels.push(ev.record);
      break;
    case 'image':
      records.images.push(ev.record);
      break;
    case 'deletion':
      records.deletions.push(ev.record);
      break;
    default:
      return [];
  }
  return changesOf(records, ts);
}

/**
 * Decodes a TwinXML document as it arrives and stages its records through the same store as PCK's calls, in chunks,
 * inside one transaction. Per record: kinds the source does not own, and kinds sources may not send, are refused and
 * listed; everything else is staged. A document that is not well-formed or breaks a schema rule stages nothing
 * (the decoder stops at the first bad record; the error names its path) and may be sent again with the same BatchId.
 * A BatchId answered before gets the stored answer.
 */
export async function ingestDocument(
  deps: IngestDeps,
  source: TwinxmlSourceRecord,
  body: DocumentBody,
): Promise<IngestAnswer> {
  const sources = deps.repos.twinxmlSources;
  const owned = new Set<string>(source.owns);
  let header: TwinHeader | undefined;
  let staging: DocumentStaging | undefined;
  let ts = 0n;
  const answer: IngestAnswer = {
    batchId: '',
    source: source.name,
    duplicate: false,
    accepted: 0,
    refused: 0,
    acceptedByKind: {},
    staged: { created: 0, updated: 0, unchanged: 0, stale: 0 },
    refusedRecords: [],
    refusedRecordsTruncated: false,
  };
  let chunk: EntityChange[] = [];
  const chunkKeys = new Set<string>();

  const refuse = (r: RefusedRecord): void => {
    answer.refused++;
    if (answer.refusedRecords.length < MAX_LISTED) answer.refusedRecords.push(r);
    else answer.refusedRecordsTruncated = true;
  };
  const flush = async (): Promise<void> => {
    if (chunk.length === 0 || !staging) return;
    for (const s of await staging.stage(source.tenantId, chunk)) answer.staged[s.outcome]++;
    chunk = [];
    chunkKeys.clear();
  };

  try {
    for await (const ev of streamTwinXml(body, deps.limits)) {
      if (ev.kind === 'header') {
        header = ev.record;
        answer.batchId = header.batchId;
        const begun = await sources.beginDocument(source.id, header.batchId);
        if (!begun.begun) {
          await body.drain();
          if (begun.existing.state === 'done') return { ...(begun.existing.answer as IngestAnswer), duplicate: true };
          throw new TwinXmlIngestError(TwinXmlIngestErrorCode.InProgress, `BatchId ${header.batchId}.`);
        }
        staging = await sources.beginStaging();
        // The document's time orders its records against earlier states of the same entities, as PCK's timestamp does.
        ts = BigInt(header.createdAt.getTime());
        continue;
      }
      if (ev.kind === 'trailer') continue;
      const notHere = NOT_HERE[ev.kind];
      if (notHere) {
        refuse({ path: ev.path, kind: ev.kind, key: recordKeyOf(ev), reason: notHere });
        continue;
      }
      const changes = changesOfRecord(ev, ts);
      const kind = changes[0] ? ownableKindOf(changes[0].kind) : undefined;
      if (!kind || !owned.has(kind)) {
        refuse({
          path: ev.path,
          kind: changes[0]?.kind ?? ev.kind,
          key: recordKeyOf(ev),
          reason: `this source does not own ${kind ?? ev.kind} (it owns: ${source.owns.join(', ') || 'nothing'})`,
        });
        continue;
      }
      for (const c of changes) {
        const id = `${c.kind}\u0000${c.key}`;
        // One statement cannot write a row twice: a repeated key starts the next chunk (the later record wins).
        if (chunkKeys.has(id) || chunk.length >= CHUNK) await flush();
        chunk.push(c);
        chunkKeys.add(id);
      }
      answer.accepted++;
      answer.acceptedByKind[kind] = (answer.acceptedByKind[kind] ?? 0) + 1;
    }
    await flush();
    if (!staging || !header)
      throw new TwinXmlIngestError(TwinXmlIngestErrorCode.Invalid, 'The document has no Header.');
    await staging.commit(source.id, header.batchId, { accepted: answer.accepted, refused: answer.refused, answer });
    staging = undefined;
    return answer;
  } catch (error) {
    await staging?.rollback();
    const failure = toIngestError(error);
    if (staging && header) {
      await sources
        .finishDocument(source.id, header.batchId, {
          state: 'failed',
          accepted: 0,
          refused: 0,
          answer: { error: failure.code, message: failure.message, issues: failure.issues },
        })
        .catch(() => undefined);
    }
    throw failure;
  }
}

function toIngestError(error: unknown): TwinXmlIngestError {
  if (error instanceof TwinXmlIngestError) return error;
  if (error instanceof TwinXmlError) {
    const issues = error.issues.slice(0, 20).map((i) => ({ path: i.path, message: i.message }));
    switch (error.code) {
      case TwinXmlErrorCode.LimitExceeded:
        return new TwinXmlIngestError(TwinXmlIngestErrorCode.TooLarge, error.issues[0]?.message, issues);
      case TwinXmlErrorCode.Malformed:
      case TwinXmlErrorCode.DoctypeForbidden:
        return new TwinXmlIngestError(TwinXmlIngestErrorCode.Malformed, undefined, issues);
      case TwinXmlErrorCode.Invalid:
      case TwinXmlErrorCode.InvalidModel:
        return new TwinXmlIngestError(TwinXmlIngestErrorCode.Invalid, undefined, issues);
    }
  }
  return new TwinXmlIngestError(TwinXmlIngestErrorCode.Unavailable, error instanceof Error ? error.message : undefined);
}
