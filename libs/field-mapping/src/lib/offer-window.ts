import type { Decimal } from 'decimal.js';
import type { TwinOffer } from '@pcknop/twinxml';
import { nextLocalMidnight, isLocalMidnight } from './zoned-time';

export interface PckOfferInput {
  /** PCK `discount`: the offer price incl. VAT (not a percentage). */
  price?: Decimal;
  /** PCK `discountFrom`/`discountTo`: epoch milliseconds; 0 or absent = open. */
  fromMs?: number;
  toMs?: number;
}

/** The last instant a shop can store (9999-12-31T23:59:59.999Z, the end of SQL Server's datetime range). */
export const LATEST_OFFER_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * A window bound from PCK's epoch milliseconds. 0 or absent is open; so is a value no calendar holds (negative,
 * not finite, or past 9999-12-31: PCK's "for ever", e.g. 9000000000000000), clamped to open rather than refused.
 */
function boundOf(ms: number | undefined): Date | undefined {
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0 || ms > LATEST_OFFER_MS) return undefined;
  return new Date(ms);
}

/**
 * PCK's offer → TwinOffer ([from, to) in UTC instants). No offer when the price is absent or ≤ 0, or when the
 * window is empty. With `inclusiveToDate`, a `to` at local midnight means "through that date" and moves to the
 * next local midnight: PCK's offer dates are calendar dates, and the day after is 23 h or 25 h away at DST.
 */
export function offerFromPck(input: PckOfferInput, timeZone: string, inclusiveToDate: boolean): TwinOffer | undefined {
  if (!input.price || input.price.lte(0)) return undefined;
  const from = boundOf(input.fromMs);
  let to = boundOf(input.toMs);
  if (to && inclusiveToDate && isLocalMidnight(to, timeZone)) to = nextLocalMidnight(to, timeZone);
  if (to && to.getTime() > LATEST_OFFER_MS) to = undefined;
  if (from && to && to.getTime() <= from.getTime()) return undefined;
  const offer: TwinOffer = { price: input.price };
  if (from) offer.from = from;
  if (to) offer.to = to;
  return offer;
}

/** Whether the offer applies at `at` (half-open window, like nop's tier prices). */
export function isOfferActive(offer: TwinOffer | undefined, at: Date): boolean {
  if (!offer) return false;
  if (offer.from && at.getTime() < offer.from.getTime()) return false;
  if (offer.to && at.getTime() >= offer.to.getTime()) return false;
  return true;
}
