/*
 * Word lists for a plausible Norwegian shop: a sport/outdoor, home and delicatessen store.
 * Names are invented (no real brands). VAT rates follow Norwegian rules: 25 % general, 15 % food,
 * 12 % passenger transport (boat trips), 0 % books.
 */

export type VariantKind = 'clothing' | 'shoes' | 'none';

/** Varegrupper: PCK's flat article groups. */
export const ARTICLE_GROUPS = [
  { id: 1, name: 'Klær', vat: '25' },
  { id: 2, name: 'Sko', vat: '25' },
  { id: 3, name: 'Tursport', vat: '25' },
  { id: 4, name: 'Kjøkken og interiør', vat: '25' },
  { id: 5, name: 'Mat og drikke', vat: '15' },
  { id: 6, name: 'Bøker og kart', vat: '0' },
  { id: 7, name: 'Opplevelser', vat: '12' },
  { id: 8, name: 'Leker', vat: '25' },
] as const;

/**
 * Webgrupper, three levels. Ids restart per level on purpose: PCK's key is (groupNumber, id), so
 * the same id on two levels must stay two groups.
 */
export const WEB_GROUPS: readonly {
  level: 1 | 2 | 3;
  id: number;
  name: string;
  parent?: number;
  description?: string;
}[] = [
  { level: 1, id: 1, name: 'Dame', description: 'Klær og sko for damer' },
  { level: 1, id: 2, name: 'Herre', description: 'Klær og sko for herrer' },
  { level: 1, id: 3, name: 'Hjem' },
  { level: 1, id: 4, name: 'Friluft', description: 'Alt til tur i skog og fjell' },
  { level: 1, id: 5, name: 'Delikatesser', description: 'Kortreist mat fra hele landet' },
  { level: 1, id: 6, name: 'Gaver' },
  { level: 2, id: 1, name: 'Jakker', parent: 1 },
  { level: 2, id: 2, name: 'Gensere', parent: 1 },
  { level: 2, id: 3, name: 'Sko', parent: 1 },
  { level: 2, id: 4, name: 'Jakker', parent: 2 },
  { level: 2, id: 5, name: 'Gensere', parent: 2 },
  { level: 2, id: 6, name: 'Sko', parent: 2 },
  { level: 2, id: 7, name: 'Kjøkken', parent: 3 },
  { level: 2, id: 8, name: 'Tekstiler', parent: 3 },
  { level: 2, id: 9, name: 'Tursekker', parent: 4 },
  { level: 2, id: 10, name: 'Telt og soveutstyr', parent: 4 },
  { level: 2, id: 11, name: 'Kart og bøker', parent: 4 },
  { level: 2, id: 12, name: 'Ost', parent: 5 },
  { level: 2, id: 13, name: 'Kaffe og te', parent: 5 },
  { level: 2, id: 14, name: 'Bakst', parent: 5 },
  { level: 2, id: 15, name: 'Opplevelser', parent: 6 },
  { level: 2, id: 16, name: 'Leker', parent: 6 },
  { level: 3, id: 1, name: 'Regnjakker', parent: 1 },
  { level: 3, id: 2, name: 'Dunjakker', parent: 1 },
  { level: 3, id: 3, name: 'Regnjakker', parent: 4 },
  { level: 3, id: 4, name: 'Dunjakker', parent: 4 },
  { level: 3, id: 5, name: 'Ullgensere', parent: 2 },
  { level: 3, id: 6, name: 'Fleece', parent: 2 },
  { level: 3, id: 7, name: 'Ullgensere', parent: 5 },
  { level: 3, id: 8, name: 'Fleece', parent: 5 },
];

export const MANUFACTURERS = [
  { id: 1, name: 'Fjellgutten AS', gs1: 41001 },
  { id: 2, name: 'Nordlys Design', gs1: 41002 },
  { id: 3, name: 'Havbris Tekstil', gs1: 41003 },
  { id: 4, name: 'Trollstigen Sko', gs1: 41004 },
  { id: 5, name: 'Ørnes Friluft', gs1: 41005 },
  { id: 6, name: 'Støperiet på Røros', gs1: 41006 },
  { id: 7, name: 'Gudbrandsdal Meieri', gs1: 41007 },
  { id: 8, name: 'Lofoten Kaffebrenneri', gs1: 41008 },
  { id: 9, name: 'Blåbær Forlag', gs1: 41009 },
  { id: 10, name: 'Fjordbåt Opplevelser', gs1: 41010 },
  { id: 11, name: 'Snekkerbua Leker', gs1: 41011 },
  { id: 12, name: 'Hønefoss Veveri', gs1: 41012 },
  { id: 13, name: 'Bakeriet i Bø', gs1: 41013 },
] as const;

export const CLOTHING_SIZES = [
  { sizeId: 1, name: 'XS' },
  { sizeId: 2, name: 'S' },
  { sizeId: 3, name: 'M' },
  { sizeId: 4, name: 'L' },
  { sizeId: 5, name: 'XL' },
  { sizeId: 6, name: 'XXL' },
] as const;

export const SHOE_SIZES = [36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46].map((n) => ({ sizeId: n, name: String(n) }));

export const COLORS = [
  { colorId: 1, name: 'Svart', code: '#1b1b1b' },
  { colorId: 2, name: 'Hvit', code: '#f5f5f0' },
  { colorId: 3, name: 'Marineblå', code: '#1f2a44' },
  { colorId: 4, name: 'Rød', code: '#b22222' },
  { colorId: 5, name: 'Skoggrønn', code: '#2e5e3a' },
  { colorId: 6, name: 'Grå', code: '#8a8d91' },
  { colorId: 7, name: 'Beige', code: '#d8c8a8' },
  { colorId: 8, name: 'Sennepsgul', code: '#d4a017' },
  { colorId: 9, name: 'Lyseblå', code: '#9cc3e6' },
  { colorId: 10, name: 'Brun', code: '#6b4423' },
  { colorId: 11, name: 'Lyng', code: '#8e6c8a' },
  { colorId: 12, name: 'Blåbær', code: '#3b3f73' },
] as const;

export const PLACES = [
  'Røros',
  'Tromsø',
  'Ålesund',
  'Bodø',
  'Lillehammer',
  'Hønefoss',
  'Førde',
  'Mjøsa',
  'Sørøya',
  'Ørsta',
  'Fjærland',
  'Værøy',
  'Lærdal',
  'Måløy',
  'Geiranger',
  'Senja',
  'Hardanger',
  'Jotunheimen',
  'Lofoten',
  'Femund',
  'Nordkapp',
  'Kragerø',
  'Grimstad',
  'Ålen',
  'Dovre',
  'Rondane',
  'Flåm',
  'Øyer',
  'Skjåk',
  'Nærøy',
] as const;

export const SELLING_POINTS = [
  'Laget for norske forhold.',
  'Tåler både regn, sludd og snø.',
  'Myk og varm ull fra norske sauer.',
  'Perfekt til hytta og fjellturen.',
  'Håndlaget i Norge av lokale håndverkere.',
  'Kortreist kvalitet som varer i mange år.',
  'Lett å pakke og lett å bære.',
  'Vaskes på 30 grader, tørkes liggende.',
  'Populær gave til både store og små.',
  'Smaken av en norsk sommer.',
] as const;

export interface ProductTemplate {
  nouns: readonly string[];
  articleGroup: number;
  /** Web-group paths [level1, level2, level3?] to choose from. */
  webPaths: readonly (readonly number[])[];
  manufacturers: readonly number[];
  /** Price range incl. VAT in whole kroner. */
  price: readonly [number, number];
  variants: VariantKind;
  /** Weight range in kg. */
  weight: readonly [number, number];
  unitCode: string;
  nonStockItem?: boolean;
  /** Unit price display (e.g. kr/kg): [unit code, quantity per selling unit]. */
  unitPricing?: readonly [string, string];
}

export const PRODUCT_TEMPLATES: readonly ProductTemplate[] = [
  {
    nouns: ['Regnjakke', 'Skalljakke'],
    articleGroup: 1,
    webPaths: [
      [1, 1, 1],
      [2, 4, 3],
    ],
    manufacturers: [1, 3, 5],
    price: [899, 2499],
    variants: 'clothing',
    weight: [0.4, 0.9],
    unitCode: 'stk',
  },
  {
    nouns: ['Dunjakke', 'Vinterjakke'],
    articleGroup: 1,
    webPaths: [
      [1, 1, 2],
      [2, 4, 4],
    ],
    manufacturers: [1, 2, 5],
    price: [1499, 3999],
    variants: 'clothing',
    weight: [0.6, 1.2],
    unitCode: 'stk',
  },
  {
    nouns: ['Ullgenser', 'Lusekofte', 'Strikkegenser'],
    articleGroup: 1,
    webPaths: [
      [1, 2, 5],
      [2, 5, 7],
    ],
    manufacturers: [2, 3, 12],
    price: [599, 1899],
    variants: 'clothing',
    weight: [0.3, 0.8],
    unitCode: 'stk',
  },
  {
    nouns: ['Fleecejakke', 'Fleecegenser'],
    articleGroup: 1,
    webPaths: [
      [1, 2, 6],
      [2, 5, 8],
    ],
    manufacturers: [1, 3, 5],
    price: [399, 999],
    variants: 'clothing',
    weight: [0.3, 0.6],
    unitCode: 'stk',
  },
  {
    nouns: ['Fjellsko', 'Løpesko', 'Vintersko', 'Joggesko'],
    articleGroup: 2,
    webPaths: [
      [1, 3],
      [2, 6],
    ],
    manufacturers: [4, 5],
    price: [799, 2299],
    variants: 'shoes',
    weight: [0.7, 1.5],
    unitCode: 'par',
  },
  {
    nouns: ['Tursekk 30 l', 'Dagstursekk 20 l', 'Ekspedisjonssekk 65 l'],
    articleGroup: 3,
    webPaths: [[4, 9]],
    manufacturers: [1, 5],
    price: [499, 2499],
    variants: 'none',
    weight: [0.8, 2.4],
    unitCode: 'stk',
  },
  {
    nouns: ['Sovepose', 'Telt for to', 'Liggeunderlag', 'Hengekøye'],
    articleGroup: 3,
    webPaths: [[4, 10]],
    manufacturers: [1, 5],
    price: [299, 5999],
    variants: 'none',
    weight: [0.5, 3.5],
    unitCode: 'stk',
  },
  {
    nouns: ['Stekepanne støpejern', 'Kaffekjele', 'Ostehøvel', 'Vaffeljern', 'Gryte 4 l'],
    articleGroup: 4,
    webPaths: [[3, 7]],
    manufacturers: [6],
    price: [149, 1299],
    variants: 'none',
    weight: [0.2, 3.0],
    unitCode: 'stk',
  },
  {
    nouns: ['Pledd i ull', 'Sengesett', 'Putetrekk', 'Kjøkkenhåndkle'],
    articleGroup: 4,
    webPaths: [[3, 8]],
    manufacturers: [12, 2],
    price: [79, 1299],
    variants: 'none',
    weight: [0.1, 1.5],
    unitCode: 'stk',
  },
  {
    nouns: ['Brunost 500 g', 'Gamalost', 'Gulost 1 kg', 'Pultost'],
    articleGroup: 5,
    webPaths: [[5, 12]],
    manufacturers: [7],
    price: [49, 249],
    variants: 'none',
    weight: [0.25, 1.0],
    unitCode: 'stk',
    unitPricing: ['kg', '0.5'],
  },
  {
    nouns: ['Kaffe filtermalt 250 g', 'Kaffe hele bønner 500 g', 'Urtete blåbær og lyng'],
    articleGroup: 5,
    webPaths: [[5, 13]],
    manufacturers: [8],
    price: [59, 219],
    variants: 'none',
    weight: [0.1, 0.5],
    unitCode: 'pk',
    unitPricing: ['kg', '0.25'],
  },
  {
    nouns: ['Flatbrød', 'Lefser 6 stk', 'Kavring'],
    articleGroup: 5,
    webPaths: [[5, 14]],
    manufacturers: [13],
    price: [29, 89],
    variants: 'none',
    weight: [0.2, 0.6],
    unitCode: 'pk',
  },
  {
    nouns: ['Turbok', 'Turkart 1:50 000', 'Kokebok fra fjellet'],
    articleGroup: 6,
    webPaths: [[4, 11]],
    manufacturers: [9],
    price: [149, 499],
    variants: 'none',
    weight: [0.1, 1.1],
    unitCode: 'stk',
  },
  {
    nouns: ['Gavekort fjordcruise', 'Båttur med guide', 'RIB-tur til fuglefjellet'],
    articleGroup: 7,
    webPaths: [[6, 15]],
    manufacturers: [10],
    price: [299, 1899],
    variants: 'none',
    weight: [0, 0],
    unitCode: 'stk',
    nonStockItem: true,
  },
  {
    nouns: ['Trelekebil', 'Strikket bamse', 'Byggeklosser i bjørk', 'Dukkevogn'],
    articleGroup: 8,
    webPaths: [[6, 16]],
    manufacturers: [11],
    price: [99, 899],
    variants: 'none',
    weight: [0.2, 4.0],
    unitCode: 'stk',
  },
];

export const TRANSPORTERS = [
  { name: 'Posten', url: 'https://sporing.posten.no/sporing/' },
  { name: 'Bring', url: 'https://sporing.bring.no/sporing/' },
  { name: 'PostNord', url: 'https://www.postnord.no/sporing?shipmentId=' },
  { name: 'Helthjem', url: 'https://helthjem.no/sporing/' },
] as const;

export const CREDIT_REASONS = [
  'Retur: feil størrelse',
  'Retur: angrerett',
  'Reklamasjon: skadet ved levering',
  'Retur: ombestemt seg',
] as const;
