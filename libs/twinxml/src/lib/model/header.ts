/** Version 1 of the format; the namespace carries the major version, the header the full one. */
export const TWINXML_NAMESPACE = 'urn:pcknop:twinxml:1';
export const TWINXML_SCHEMA_VERSION = '1.0';

/** A full batch is the complete state of what it carries; a delta only the changes. Neither implies deletes. */
export enum TwinBatchMode {
  Full = 'full',
  Delta = 'delta',
}

export interface TwinHeader {
  /** Always `1.0` for documents of this schema. */
  schemaVersion: typeof TWINXML_SCHEMA_VERSION;
  /** The producing system, e.g. `pckasse`, `unimicro`. */
  sourceSystem: string;
  tenant: string;
  batchId: string;
  /** Per tenant and source, strictly increasing; a safe non-negative integer. */
  sequence: number;
  /** UTC instant (millisecond precision). */
  createdAt: Date;
  mode: TwinBatchMode;
  /** ISO 4217 code of every money amount in the document, e.g. `NOK`. */
  currency: string;
  /** BCP 47 language of names and descriptions, e.g. `nb-NO`. */
  language?: string;
}
