import { applyGroupSource, cloneArticle, TimestampClock, type Catalogue, type GroupSource } from './catalogue';
import { articleCall, groupCalls, imageCall } from './catalogue-calls';
import { single, type Scenario } from './scenario';

export interface SwitchGroupSourceOptions {
  /** Resend images with the articles too (default false). */
  images?: boolean;
}

/**
 * The shop owner switches PCK between varegrupper and webgrupper: PCK sends the groups of the new
 * source, then resends every article visible on the web (web-group references only in webgrupper
 * mode; externalGroupId always).
 */
export function switchGroupSource(
  catalogue: Catalogue,
  to?: GroupSource,
  options: SwitchGroupSourceOptions = {},
): Scenario {
  const target: GroupSource = to ?? (catalogue.groupSource === 'webGroups' ? 'articleGroups' : 'webGroups');
  const clock = new TimestampClock(catalogue.clock);
  const next: Catalogue = { ...catalogue, groupSource: target };
  const articles = catalogue.articles.map((ca) => {
    const article = cloneArticle(ca.article);
    applyGroupSource(article, target, catalogue, ca.webPath);
    return { ...ca, article };
  });
  const stamp = <T extends { timestamp?: number }>(o: T): T => ({ ...o, timestamp: clock.next() });
  next.articleGroups = catalogue.articleGroups.map((g) => (target === 'articleGroups' ? stamp(g) : g));
  next.webGroups = catalogue.webGroups.map((g) => (target === 'webGroups' ? stamp(g) : g));
  const steps = groupCalls(next, target);
  for (const ca of articles) {
    if (ca.article.visibleOnWeb === false) continue;
    ca.article.timestamp = clock.next();
    steps.push(single(articleCall(ca.article)));
    if (options.images) for (const img of ca.images) steps.push(single(imageCall(ca.article.articleId, img)));
  }
  return { name: `switchGroupSource(${target})`, steps, catalogue: { ...next, articles, clock: clock.current } };
}
