/** Builds TwinXML documents as text for the TwinXML endpoint tests (other sources write them by hand too). */

export interface DocParts {
  batchId: string;
  createdAt?: string;
  products?: string[];
  stock?: string[];
  orders?: string[];
}

export const productXml = (key: string, name: string, price = '199.0000', description = ''): string =>
  `    <Product>
      <Key>${key}</Key>
      <Sku>SKU-${key}</Sku>
      <Name>${name}</Name>${description ? `\n      <ShortDescription>${description}</ShortDescription>` : ''}
      <VatRate>25.00</VatRate>
      <Price>${price}</Price>
      <Published>true</Published>
      <HideWhenOutOfStock>false</HideWhenOutOfStock>
    </Product>
`;

export const stockXml = (productKey: string, onHand: string, asOf = '2026-12-01T10:00:00.000Z'): string =>
  `    <StockLevel>
      <ProductKey>${productKey}</ProductKey>
      <Warehouse>total</Warehouse>
      <OnHand>${onHand}</OnHand>
      <AsOf>${asOf}</AsOf>
    </StockLevel>
`;

export function headerXml(batchId: string, createdAt = '2026-12-01T10:00:00.000Z'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<TwinXML xmlns="urn:pcknop:twinxml:1">
  <Header>
    <SchemaVersion>1.0</SchemaVersion>
    <SourceSystem>lager</SourceSystem>
    <Tenant>test</Tenant>
    <BatchId>${batchId}</BatchId>
    <Sequence>1</Sequence>
    <CreatedAt>${createdAt}</CreatedAt>
    <Mode>delta</Mode>
    <Currency>NOK</Currency>
  </Header>
`;
}

export function trailerXml(counts: { products?: number; stock?: number; orders?: number }): string {
  const p = counts.products ?? 0;
  const s = counts.stock ?? 0;
  const o = counts.orders ?? 0;
  return `  <Trailer>
    <Categories>0</Categories>
    <Manufacturers>0</Manufacturers>
    <Products>${p}</Products>
    <Variants>0</Variants>
    <StockLevels>${s}</StockLevels>
    <Images>0</Images>
    <Deletions>0</Deletions>
    <Orders>${o}</Orders>
    <OrderStatusUpdates>0</OrderStatusUpdates>
    <Receipts>0</Receipts>
    <Total>${p + s + o}</Total>
  </Trailer>
</TwinXML>
`;
}

export function documentXml(d: DocParts): string {
  const products = d.products ?? [];
  const stock = d.stock ?? [];
  const orders = d.orders ?? [];
  return (
    headerXml(d.batchId, d.createdAt) +
    (products.length ? `  <Products>\n${products.join('')}  </Products>\n` : '') +
    (stock.length ? `  <StockLevels>\n${stock.join('')}  </StockLevels>\n` : '') +
    (orders.length ? `  <Orders>\n${orders.join('')}  </Orders>\n` : '') +
    trailerXml({ products: products.length, stock: stock.length, orders: orders.length })
  );
}
