import type { RequestOf } from '@pcknop/pck-contract';
import { callPck } from '@pcknop/pck-contract/testing';

export { article } from '@pcknop/pck-contract/testing';

/** sendArticle as PCK's .NET proxy calls it; resolves with operationResult. */
export async function sendArticle(
  gatewayUrl: string,
  login: number,
  password: string,
  a: RequestOf<'sendArticle'>['article'],
): Promise<number> {
  return (await callPck(`${gatewayUrl}/WebshopWS`, 'sendArticle', { login, password, article: a })).result
    .operationResult;
}

/**
 * Sends many articles, `parallel` at a time (PCK's «send alt på nytt»). Like PCK, an answer 2 ("try again
 * later": the gateway's deadline on a loaded machine) is sent again, here after a short pause.
 */
export async function sendArticles(
  gatewayUrl: string,
  login: number,
  password: string,
  articles: RequestOf<'sendArticle'>['article'][],
  parallel = 4,
): Promise<void> {
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
