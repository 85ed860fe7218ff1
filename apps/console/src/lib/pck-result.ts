/** PCK's operationResult codes, in the words the console shows in the call log. */
export function pckResultText(result: number): string {
  switch (result) {
    case 0:
      return 'OK';
    case 1:
      return 'Avvist';
    case 2:
      return 'Prøv igjen om 5 min';
    case 3:
      return 'Prøv igjen om 1 time';
    case 4:
      return 'Stoppet';
    default:
      return `Kode ${result}`;
  }
}

/** Norwegian names of the staged record kinds. */
const KIND_TEXT: Record<string, string> = {
  product: 'Vare',
  variant: 'Variant',
  stock: 'Lager',
  image: 'Bilde',
  category: 'Kategori',
  manufacturer: 'Produsent',
  combination: 'Kombinasjon',
  price: 'Pris',
  offer: 'Tilbud',
  order: 'Ordre',
  delivery: 'Levering',
  'pck-discount': 'Rabatt',
  'pck-customer': 'Kunde',
};

export function kindText(kind: string): string {
  return KIND_TEXT[kind] ?? kind;
}
