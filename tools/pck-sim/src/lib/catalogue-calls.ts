import type { Article, ArticleGroup } from '@pcknop/pck-contract';
import { cloneArticle, type Catalogue, type CatalogueArticle, type GroupSource, type ImageSpec } from './catalogue';
import { hexToRgb, makeJpeg, makePng } from './images';
import { call, single, type CallChain, type PckCall } from './scenario';

/* Builders of the PCK calls for catalogue objects, shared by the scenarios. */

export function imageBytes(spec: ImageSpec): Uint8Array {
  const rgb = hexToRgb(spec.rgb);
  return spec.format === 'png' ? makePng(rgb) : makeJpeg(rgb);
}

export function imageCall(articleId: number, spec: ImageSpec): PckCall {
  if (spec.kind === 'main')
    return call('sendImage', { articleid: articleId, image: imageBytes(spec) }, `image ${articleId}`);
  return call(
    'sendImageColor',
    { articleid: articleId, colorid: spec.colorId, imageid: spec.imageId, image: imageBytes(spec) },
    `image ${articleId}/${spec.colorId}/${spec.imageId}`,
  );
}

/** A snapshot of the article: later edits to the catalogue must not change a call already queued. */
export function articleCall(a: Article): PckCall {
  return call('sendArticle', { article: cloneArticle(a) }, `article ${a.articleId}`);
}

/** The article, then its images (PCK sends images with the article). */
export function articleWithImages(ca: CatalogueArticle): CallChain[] {
  return [single(articleCall(ca.article)), ...ca.images.map((img) => single(imageCall(ca.article.articleId, img)))];
}

/** The groups PCK sends for a source: varegrupper, or webgrupper level by level (parents first). */
export function groupCalls(catalogue: Catalogue, source: GroupSource): CallChain[] {
  const groups: ArticleGroup[] =
    source === 'articleGroups'
      ? catalogue.articleGroups
      : [...catalogue.webGroups].sort((a, b) => (a.groupNumber ?? 1) - (b.groupNumber ?? 1));
  return groups.map((g) =>
    single(call('sendArticleGroup', { articleGroup: g }, `group ${g.groupNumber ?? 1}/${g.arcileGroupId}`)),
  );
}

/** updateStockCount rows of one article: the total first (no sizeColorId), then each variant; one chain. */
export function stockChain(a: Article, timestamp: () => number): CallChain {
  const calls: PckCall[] = [
    call(
      'updateStockCount',
      {
        updateStock: {
          articleId: a.articleId,
          count: a.stockCount ?? 0,
          stockDetails: a.stockDetails.map((d) => ({ ...d })),
          timestamp: timestamp(),
        },
      },
      `stock ${a.articleId}`,
    ),
  ];
  for (const sc of a.sizeColors) {
    calls.push(
      call(
        'updateStockCount',
        {
          updateStock: {
            articleId: a.articleId,
            sizeColorId: sc.sizeColorId,
            count: sc.stockCount ?? 0,
            stockDetails: sc.stockDetails.map((d) => ({ ...d })),
            timestamp: timestamp(),
          },
        },
        `stock ${a.articleId}/${sc.sizeColorId}`,
      ),
    );
  }
  return { kind: 'chain', calls };
}
