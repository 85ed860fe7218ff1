type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}
function list(v: unknown): Json[] {
  return Array.isArray(v) ? v.map(obj) : [];
}
function text(v: unknown): string {
  if (v === null || v === undefined) return '–';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Finds a list under the first of `paths` that holds one (the preview answer nests TwinXML and nop payloads). */
function firstList(root: Json, paths: string[][]): Json[] {
  for (const path of paths) {
    let cur: unknown = root;
    for (const key of path) cur = obj(cur)[key];
    if (Array.isArray(cur)) return list(cur);
  }
  return [];
}

/** What one PCK article becomes in the shop: products, variants, categories, pictures, prices, warnings. */
export function PreviewView({ preview }: { preview: unknown }) {
  const root = obj(preview);
  const categories = firstList(root, [['categories'], ['twin', 'categories']]);
  const products = firstList(root, [['products'], ['twin', 'products']]);
  const combinations = firstList(root, [['combinations'], ['payload', 'combinations']]);
  const pictures = firstList(root, [['pictures'], ['images'], ['twin', 'images']]);
  const warnings = (Array.isArray(root['warnings']) ? root['warnings'] : []).map(text);
  const prices = new Map(firstList(root, [['prices']]).map((p) => [String(p['key']), p]));
  const priceOf = (p: Json) => prices.get(String(p['key']))?.['price'] ?? obj(p['product'])['price'] ?? p['price'];
  const nameOf = (c: Json) => c['name'] ?? obj(c['category'])['name'];
  return (
    <div class="panel" aria-live="polite" data-testid="preview">
      <h4>Produkter</h4>
      {products.length === 0 ? <p class="muted">Ingen.</p> : null}
      <ul>
        {products.map((p, i) => (
          <li key={i}>
            <span class="mono">{text(p['sku'] ?? p['key'])}</span> – {text(p['name'])} – {text(priceOf(p))} kr
            {p['published'] === false ? ' – ikke publisert' : ''}
            {Array.isArray(p['categoryKeys']) && p['categoryKeys'].length > 0 ? (
              <span class="muted">
                {' '}
                – i kategori <span class="mono">{p['categoryKeys'].map(text).join(', ')}</span>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {combinations.length > 0 ? (
        <>
          <h4>Kombinasjoner</h4>
          <ul>
            {combinations.map((c, i) => (
              <li key={i} class="mono">
                {text(c['sku'] ?? c['key'])}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h4>Kategorier</h4>
      {categories.length === 0 ? (
        <p class="muted" data-testid="preview-no-categories">
          Ingen kategorier.
        </p>
      ) : (
        <ul data-testid="preview-categories">
          {categories.map((c, i) => (
            <li key={i}>
              {text(nameOf(c))} <span class="muted mono">({text(c['key'])})</span>
            </li>
          ))}
        </ul>
      )}
      {pictures.length > 0 ? (
        <>
          <h4>Bilder</h4>
          <p>{pictures.length} bilde(r)</p>
        </>
      ) : null}
      {warnings.length > 0 ? (
        <>
          <h4>Merknader</h4>
          <ul>
            {warnings.map((w) => (
              <li key={w} class="mono">
                {w}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <details>
        <summary>Alt som sendes (teknisk)</summary>
        <pre class="preview">{JSON.stringify(preview, null, 2)}</pre>
      </details>
    </div>
  );
}
