export enum TwinImageOwner {
  Product = 'product',
  Variant = 'variant',
  Category = 'category',
  Manufacturer = 'manufacturer',
}

/**
 * An image of a product (optionally for one colour), variant, category or manufacturer.
 * Exactly one of `data` (the bytes, base64 on the wire) or `uri` (a reference) is set.
 * Identity: owner + colour + position (see `recordKey`).
 */
export interface TwinImage {
  ownerKind: TwinImageOwner;
  ownerKey: string;
  /** Colour code (a variant axis value) the image shows, if it is colour-specific. */
  colour?: string;
  /** 1 = main image. */
  position: number;
  /** `sha256:` + 64 lowercase hex digits of the bytes; lets receivers skip unchanged images. */
  contentHash: string;
  mimeType: string;
  altText?: string;
  data?: Uint8Array;
  uri?: string;
}
