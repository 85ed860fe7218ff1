import { Decimal } from 'decimal.js';
import type { RequestOf } from '../model';

type Article = RequestOf<'sendArticle'>['article'];

/**
 * A minimal valid article as PCK sends it. `extra` overrides any field, loosely typed so tests can send what PCK's
 * fields should never hold.
 */
export function article(articleId: number, timestamp: number, extra: Record<string, unknown> = {}): Article {
  return {
    articleId,
    articleNo: `ART-${articleId}`,
    name: `Vare ${articleId}`,
    salesPrice: new Decimal('199.00'),
    vat: new Decimal(25),
    visibleOnWeb: true,
    timestamp,
    eans: [],
    alternatives: [],
    sizeColors: [],
    stockDetails: [],
    stockCount: 5,
    ...extra,
  } as Article;
}
