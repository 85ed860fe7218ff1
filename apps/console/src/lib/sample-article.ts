/** The article a technician previews: a few fields typed in the form, sent as PCK's article JSON. */
export interface SampleArticleInput {
  articleNo: string;
  name: string;
  price: string;
  /** PCK varegruppe (externalGroupId). */
  articleGroupId: number;
  articleGroupName: string;
  /** PCK webgruppe on level 1. */
  webGroupId: number;
  webGroupName: string;
}

export const DEFAULT_SAMPLE: SampleArticleInput = {
  articleNo: 'PREVIEW-1',
  name: 'Ullgenser',
  price: '499.00',
  articleGroupId: 10,
  articleGroupName: 'Klær',
  webGroupId: 20,
  webGroupName: 'Gensere',
};

/** PCK's sendArticle article (JSON form, the names pck-contract reads). */
export function sampleArticle(s: SampleArticleInput): Record<string, unknown> {
  return {
    articleId: 999_001,
    articleNo: s.articleNo,
    name: s.name,
    salesPrice: s.price,
    vat: '25',
    visibleOnWeb: true,
    timestamp: 1,
    externalGroupId: s.articleGroupId,
    articleGroup: { groupNumber: 1, arcileGroupId: s.webGroupId, name: s.webGroupName },
    stockCount: 3,
    eans: [],
    alternatives: [],
    sizeColors: [],
    stockDetails: [],
  };
}
