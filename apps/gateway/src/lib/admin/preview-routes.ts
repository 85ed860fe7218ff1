import { previewArticle, resolveTenantProfile } from '@pcknop/field-mapping';
import { escapeXmlText, parseRequest, type Article } from '@pcknop/pck-contract';
import { toJsonForm } from '../json-form';
import { AdminError, AdminErrorCode } from './admin-api.exception';
import type { AdminContext } from './admin-context';

/** PCK's article as JSON (wire names) → the XML elements PCK would send: arrays repeat, null/undefined are left out. */
function elements(value: Record<string, unknown>): string {
  const out: string[] = [];
  for (const key of Object.keys(value).sort()) {
    if (!/^[A-Za-z_][\w.-]*$/.test(key))
      throw new AdminError(AdminErrorCode.ValidationFailed, `"${key}" is not a PCK field name`, [
        { pointer: `/article/${key}`, detail: 'not a PCK field name' },
      ]);
    const v = value[key];
    for (const item of Array.isArray(v) ? v : [v]) {
      if (item === null || item === undefined) continue;
      const inner = typeof item === 'object' ? elements(item as Record<string, unknown>) : escapeXmlText(String(item));
      out.push(`<${key}>${inner}</${key}>`);
    }
  }
  return out.join('');
}

/**
 * The article PCK would send, from either the sendArticle SOAP body PCK sent, or JSON (PCK's wire names). Both go
 * through the contract's own parser and validation, so the preview sees exactly what the gateway would.
 */
export function articleFrom(body: unknown): Article {
  let xml: string;
  if (typeof body === 'string') xml = body;
  else {
    const article = (body as { article?: unknown }).article;
    xml =
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><sendArticle xmlns="http://webservice.webshop.deltasoft.no/">' +
      `<login xmlns="">0</login><password xmlns="">preview</password><article xmlns="">${elements(article as Record<string, unknown>)}</article></sendArticle></soap:Body></soap:Envelope>`;
  }
  const parsed = parseRequest(xml);
  if (!parsed.ok) {
    if (parsed.kind === 'invalid') {
      const errors = parsed.issues.map((i) => ({
        pointer: `/${i.path.replace(/\[(\d+)\]/g, '.$1').replace(/\./g, '/')}`,
        detail: `${i.problem === 'missing' ? 'is missing' : 'is not valid'} (expected ${String(i.expected)})`,
      }));
      throw new AdminError(
        AdminErrorCode.ValidationFailed,
        parsed.error.errorMessage ?? 'the article is not valid',
        errors,
      );
    }
    throw new AdminError(AdminErrorCode.MalformedBody, `not a sendArticle SOAP body: ${parsed.fault.message}`);
  }
  if (parsed.operation !== 'sendArticle')
    throw new AdminError(AdminErrorCode.ValidationFailed, `expected sendArticle, got ${parsed.operation}`, [
      { pointer: '', detail: `expected sendArticle, got ${parsed.operation}` },
    ]);
  return (parsed.payload as { article: Article }).article;
}

const PREVIEW = {
  type: 'object',
  required: ['products', 'combinations', 'categories', 'pictures', 'prices', 'warnings', 'twin', 'shop'],
  properties: {
    products: {
      type: 'array',
      items: { type: 'object' },
      description: 'shop products the article becomes (sku, name, published, parent)',
    },
    combinations: { type: 'array', items: { type: 'object' }, description: 'sizes/colours (TwinXML variants)' },
    categories: { type: 'array', items: { type: 'object' } },
    pictures: { type: 'array', items: { type: 'object' } },
    prices: {
      type: 'array',
      items: { type: 'object' },
      description: 'per product: price, old price, cost, offer tiers',
    },
    warnings: { type: 'array', items: { type: 'string' } },
    twin: { type: 'object', description: 'the TwinXML records (JSON form)' },
    shop: { type: 'object', description: 'the nopCommerce payloads that would be sent (JSON form)' },
  },
};

/** Preview: what a PCK article becomes in the shop under the tenant's profile and options (no I/O). */
export function mountPreviewRoutes(ctx: AdminContext): void {
  ctx.table.add({
    method: 'post',
    path: '/tenants/:id/preview',
    tag: 'preview',
    summary:
      'What a PCK article becomes under the tenant’s profile: products/combinations, categories, pictures, prices',
    description:
      'Send `{ "article": { …PCK wire names… } }` as JSON, or the sendArticle SOAP envelope PCK sent as text/xml.',
    access: 'tenant',
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['article'],
      properties: {
        article: {
          type: 'object',
          description: 'PCK Article (wire names, e.g. articleId, articleNo, salesPrice, sizeColors)',
        },
      },
    },
    bodyRequired: true,
    textBodyTypes: ['text/xml', 'application/xml', 'application/soap+xml'],
    responses: { 200: { description: 'the preview', schema: PREVIEW } },
    async handler({ params, body }) {
      const tenant = await ctx.repos.tenants.get(params['id']);
      if (!tenant) throw new AdminError(AdminErrorCode.TenantNotFound);
      const article = articleFrom(body);
      let profile;
      try {
        profile = resolveTenantProfile(tenant);
      } catch (error) {
        throw new AdminError(
          AdminErrorCode.ValidationFailed,
          `the tenant's profile or options are invalid: ${(error as Error).message}`,
          [{ pointer: '/mappingProfile', detail: (error as Error).message }],
          { cause: error },
        );
      }
      const preview = await previewArticle(profile, article, undefined, { now: new Date() });
      const products = preview.payload.products.map((p) => ({
        key: p.key,
        isCreate: p.isCreate,
        parentKey: p.parentKey ?? null,
        sku: p.product.sku ?? null,
        name: p.product.name ?? null,
        published: p.product.published ?? null,
        categoryKeys: p.categoryKeys ?? null,
      }));
      const prices = preview.payload.products.map((p) =>
        toJsonForm({
          key: p.key,
          price: p.product.price,
          oldPrice: p.product.old_price,
          productCost: p.product.product_cost,
          offer: p.tierPrices ?? null,
        }),
      );
      return {
        products,
        combinations: toJsonForm(preview.twin.products.flatMap((p) => (p as { variants?: unknown[] }).variants ?? [])),
        categories: toJsonForm(preview.payload.categories),
        pictures: toJsonForm(preview.payload.images),
        prices,
        warnings: preview.warnings,
        twin: toJsonForm(preview.twin),
        shop: toJsonForm(preview.payload),
      };
    },
  });
}
