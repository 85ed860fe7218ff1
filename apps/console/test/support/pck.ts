import { Decimal } from 'decimal.js';
import { parseResponse, serializeRequest, type RequestOf } from '@pcknop/pck-contract';

/** A minimal valid article as PCK sends it. */
export function article(articleId: number, timestamp: number, extra: Partial<RequestOf<'sendArticle'>['article']> = {}): RequestOf<'sendArticle'>['article'] {
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
  } as RequestOf<'sendArticle'>['article'];
}

/** sendArticle as PCK's .NET proxy calls it; resolves with operationResult. */
export async function sendArticle(gatewayUrl: string, login: number, password: string, a: RequestOf<'sendArticle'>['article']): Promise<number> {
  const res = await fetch(`${gatewayUrl}/WebshopWS`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', SOAPAction: '""' },
    body: serializeRequest('sendArticle', { login, password, article: a }),
  });
  const body = await res.text();
  const { result } = parseResponse('sendArticle', body);
  return (result as { operationResult: number }).operationResult;
}

/**
 * Sends many articles, `parallel` at a time (PCK's «send alt på nytt»). Like PCK, an answer 2 ("try again
 * later": the gateway's deadline on a loaded machine) is sent again, here after a short pause.
 */
export async function sendArticles(gatewayUrl: string, login: number, password: string, articles: RequestOf<'sendArticle'>['article'][], parallel = 4): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < articles.length) {
      const a = articles[next++];
      let result = await sendArticle(gatewayUrl, login, password, a);
      for (let tries = 1; result === 2 && tries < 10; tries++) {
        await new Promise((r) => setTimeout(r, 500));
        result = await sendArticle(gatewayUrl, login, password, a);
      }
      if (result !== 0) throw new Error(`sendArticle ${a.articleId} answered ${result}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
