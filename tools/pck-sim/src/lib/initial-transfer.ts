import { generateCatalogue, type Catalogue, type CatalogueOptions } from './catalogue';
import { articleWithImages, groupCalls } from './catalogue-calls';
import { call, single, type Scenario } from './scenario';

/** The calls of «transfer everything» for an existing catalogue: sizes, colours, manufacturers, groups, then each article with its images. */
export function transferCatalogue(catalogue: Catalogue, name = 'initialTransfer'): Scenario {
  return {
    name,
    catalogue,
    steps: [
      ...catalogue.sizes.map((size) => single(call('sendSize', { size }, `size ${size.sizeId}`))),
      ...catalogue.colors.map((color) => single(call('sendColor', { color }, `color ${color.colorId}`))),
      ...catalogue.manufacturers.map((manufacturer) =>
        single(call('sendManufacturer', { manufacturer }, `manufacturer ${manufacturer.manufacturerId}`)),
      ),
      ...groupCalls(catalogue, catalogue.groupSource),
      ...catalogue.articles.filter((a) => a.article.visibleOnWeb !== false).flatMap(articleWithImages),
    ],
  };
}

/** «Transfer everything» of a fresh seeded catalogue of `articles` articles. */
export function initialTransfer(seed: number, articles: number, options: CatalogueOptions = {}): Scenario {
  return transferCatalogue(generateCatalogue(seed, articles, options));
}
