import type { HttpTransport } from '../http-transport';
import { DEFAULT_PAGE_SIZE, paginate } from '../paging';
import { IdList } from '../query-string';
import type {
  CategoryDto,
  CategoryTemplateDto,
  DiscountDto,
  DiscountProductMappingDto,
  ManufacturerDto,
  ManufacturerTemplateDto,
  PagedList,
  ProductAttributeCombinationDto,
  ProductAttributeDto,
  ProductAttributeMappingDto,
  ProductAttributeValueDto,
  ProductCategoryDto,
  ProductDto,
  ProductManufacturerDto,
  ProductTemplateDto,
  ProductType,
  ProductSortingEnum,
  StockQuantityHistoryDto,
  TierPriceDto,
} from '../wire-types';
import { CrudEndpoint, WithId, apiPath } from './crud-endpoint';
import { getAllPages, getList } from './list-requests';

export interface ProductSearch {
  keywords?: string;
  searchSku?: boolean;
  categoryIds?: number[];
  manufacturerIds?: number[];
  storeId?: number;
  vendorId?: number;
  productType?: ProductType;
  orderByType?: ProductSortingEnum;
  /** Default true: admin reads must see unpublished products. */
  showHidden?: boolean;
  overridePublished?: boolean;
}

export class ProductEndpoint extends CrudEndpoint<ProductDto> {
  constructor(http: HttpTransport) {
    super(http, 'Product');
  }

  /** First non-deleted product with this exact (trimmed) SKU, lowest id; undefined on 404. */
  getBySku(sku: string): Promise<WithId<ProductDto> | undefined> {
    return this.http.sendOptional({
      method: 'GET',
      path: apiPath('Product', 'GetProductBySku'),
      query: { sku },
      idempotent: true,
    });
  }

  async getBySkus(skus: string[], vendorId = 0): Promise<Array<WithId<ProductDto>>> {
    if (skus.length === 0) return [];
    return getList<WithId<ProductDto>>(this.http, apiPath('Product', 'GetProductsBySku'), {
      skuArray: skus.join(';'),
      vendorId,
    });
  }

  async getByIds(ids: number[]): Promise<Array<WithId<ProductDto>>> {
    if (ids.length === 0) return [];
    return getList<WithId<ProductDto>>(this.http, apiPath('Product', 'GetProductsByIds', new IdList(ids)));
  }

  searchPage(search: ProductSearch, pageIndex: number, pageSize: number): Promise<PagedList<WithId<ProductDto>>> {
    return this.http.send({
      method: 'GET',
      path: apiPath('Product', 'GetAll'),
      query: { ...search, showHidden: search.showHidden ?? true, pageIndex, pageSize },
      idempotent: true,
    });
  }

  search(search: ProductSearch = {}, pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<WithId<ProductDto>> {
    return paginate((i, s) => this.searchPage(search, i, s), pageSize);
  }

  /** Recomputes `has_tier_prices`; without it tier prices are ignored by the price engine. */
  async updateHasTierPricesProperty(productId: number): Promise<void> {
    await this.http.send({
      method: 'GET',
      path: apiPath('Product', 'UpdateHasTierPricesProperty', productId),
      idempotent: true,
    });
  }

  async updateHasDiscountsApplied(productId: number): Promise<void> {
    await this.http.send({
      method: 'GET',
      path: apiPath('Product', 'UpdateHasDiscountsApplied', productId),
      idempotent: true,
    });
  }

  /** Delta stock change with a history row; body is the combination's attributes_xml ("" for a simple product). */
  async adjustInventory(productId: number, quantityToChange: number, attributesXml = '', message = ''): Promise<void> {
    await this.http.send({
      method: 'POST',
      path: apiPath('Product', 'AdjustInventory', productId),
      query: { quantityToChange, message },
      json: attributesXml,
      idempotent: false,
    });
  }

  async addStockQuantityHistoryEntry(
    productId: number,
    args: {
      quantityAdjustment: number;
      stockQuantity: number;
      warehouseId?: number;
      message?: string;
      combinationId?: number;
    },
  ): Promise<void> {
    await this.http.send({
      method: 'GET',
      path: apiPath('Product', 'AddStockQuantityHistoryEntry', productId),
      query: { warehouseId: 0, ...args },
      idempotent: false,
    });
  }

  getTotalStockQuantity(productId: number, useReservedQuantity = true, warehouseId = 0): Promise<number> {
    return this.http.send({
      method: 'GET',
      path: apiPath('Product', 'GetTotalStockQuantity', productId),
      query: { useReservedQuantity, warehouseId },
      idempotent: true,
    });
  }

  stockQuantityHistory(
    productId: number,
    combinationId?: number,
    pageSize = DEFAULT_PAGE_SIZE,
  ): AsyncGenerator<StockQuantityHistoryDto> {
    return getAllPages<StockQuantityHistoryDto>(
      this.http,
      apiPath('Product', 'GetStockQuantityHistory', productId),
      { combinationId },
      pageSize,
    );
  }

  /** The SKU now (combination SKU for "by attributes" products) for an order item's product and attributes. */
  formatSku(productId: number, attributesXml = ''): Promise<string> {
    return this.http.send({
      method: 'POST',
      path: apiPath('Product', 'FormatSku', productId),
      json: attributesXml,
      idempotent: true,
    });
  }

  async updateStoreMappings(productId: number, storeIds: number[]): Promise<void> {
    await this.http.send({
      method: 'GET',
      path: apiPath('Product', 'UpdateProductStoreMappings', productId, new IdList(storeIds)),
      idempotent: true,
    });
  }
}

export class CombinationEndpoint extends CrudEndpoint<ProductAttributeCombinationDto> {
  constructor(http: HttpTransport) {
    super(http, 'ProductAttributeCombination');
  }
  async getAll(productId: number): Promise<Array<WithId<ProductAttributeCombinationDto>>> {
    return getList<WithId<ProductAttributeCombinationDto>>(this.http, apiPath(this.controller, 'GetAll', productId));
  }
  getBySku(sku: string): Promise<WithId<ProductAttributeCombinationDto> | undefined> {
    return this.http.sendOptional({
      method: 'GET',
      path: apiPath(this.controller, 'GetBySku'),
      query: { sku },
      idempotent: true,
    });
  }
}

export class ProductAttributeEndpoint extends CrudEndpoint<ProductAttributeDto> {
  constructor(http: HttpTransport) {
    super(http, 'ProductAttribute');
  }
  all(pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<WithId<ProductAttributeDto>> {
    return getAllPages<WithId<ProductAttributeDto>>(this.http, apiPath(this.controller, 'GetAll'), {}, pageSize);
  }
}

export class AttributeMappingEndpoint extends CrudEndpoint<ProductAttributeMappingDto> {
  constructor(http: HttpTransport) {
    super(http, 'ProductAttributeMapping');
  }
  async getAllByProductId(productId: number): Promise<Array<WithId<ProductAttributeMappingDto>>> {
    return getList<WithId<ProductAttributeMappingDto>>(
      this.http,
      apiPath(this.controller, 'GetAllByProductId', productId),
    );
  }
}

export class AttributeValueEndpoint extends CrudEndpoint<ProductAttributeValueDto> {
  constructor(http: HttpTransport) {
    super(http, 'ProductAttributeValue');
  }
  async getAll(mappingId: number): Promise<Array<WithId<ProductAttributeValueDto>>> {
    return getList<WithId<ProductAttributeValueDto>>(this.http, apiPath(this.controller, 'GetAll', mappingId));
  }
}

export class AttributeParserEndpoint {
  constructor(private readonly http: HttpTransport) {}
  /** Undefined when no combination matches (the shop may answer 204, null or 404). */
  async findCombination(
    productId: number,
    attributesXml: string,
  ): Promise<WithId<ProductAttributeCombinationDto> | undefined> {
    const res = await this.http.sendOptional<WithId<ProductAttributeCombinationDto> | null>({
      method: 'POST',
      path: apiPath('ProductAttributeParser', 'FindProductAttributeCombination', productId),
      json: attributesXml,
      idempotent: true,
    });
    return res && typeof res === 'object' ? res : undefined;
  }
}

export class CategoryEndpoint extends CrudEndpoint<CategoryDto> {
  constructor(http: HttpTransport) {
    super(http, 'Category');
  }
  /** Substring name match; non-deleted only. */
  all(
    filter: { categoryName?: string; storeId?: number; showHidden?: boolean } = {},
    pageSize = DEFAULT_PAGE_SIZE,
  ): AsyncGenerator<WithId<CategoryDto>> {
    return getAllPages<WithId<CategoryDto>>(
      this.http,
      apiPath(this.controller, 'GetAll'),
      { categoryName: filter.categoryName, storeId: filter.storeId ?? 0, showHidden: filter.showHidden ?? true },
      pageSize,
    );
  }
  async getByParentId(parentCategoryId: number, showHidden = true): Promise<Array<WithId<CategoryDto>>> {
    return getList<WithId<CategoryDto>>(
      this.http,
      apiPath(this.controller, 'GetAllCategoriesByParentCategoryId', parentCategoryId),
      { showHidden },
    );
  }
  async getByIds(ids: number[]): Promise<Array<WithId<CategoryDto>>> {
    if (ids.length === 0) return [];
    return getList<WithId<CategoryDto>>(this.http, apiPath(this.controller, 'GetCategoriesByIds', new IdList(ids)));
  }
}

export class ProductCategoryEndpoint extends CrudEndpoint<ProductCategoryDto> {
  constructor(http: HttpTransport) {
    super(http, 'ProductCategory');
  }
  async getByProductId(productId: number, showHidden = true): Promise<Array<WithId<ProductCategoryDto>>> {
    return getList<WithId<ProductCategoryDto>>(
      this.http,
      apiPath(this.controller, 'GetProductCategoriesByProductId', productId),
      { showHidden },
    );
  }
  byCategoryId(
    categoryId: number,
    pageSize = DEFAULT_PAGE_SIZE,
    showHidden = true,
  ): AsyncGenerator<WithId<ProductCategoryDto>> {
    return getAllPages<WithId<ProductCategoryDto>>(
      this.http,
      apiPath(this.controller, 'GetProductCategoriesByCategoryId', categoryId),
      { showHidden },
      pageSize,
    );
  }
}

export class ManufacturerEndpoint extends CrudEndpoint<ManufacturerDto> {
  constructor(http: HttpTransport) {
    super(http, 'Manufacturer');
  }
  all(
    filter: { manufacturerName?: string; storeId?: number; showHidden?: boolean } = {},
    pageSize = DEFAULT_PAGE_SIZE,
  ): AsyncGenerator<WithId<ManufacturerDto>> {
    return getAllPages<WithId<ManufacturerDto>>(
      this.http,
      apiPath(this.controller, 'GetAll'),
      {
        manufacturerName: filter.manufacturerName,
        storeId: filter.storeId ?? 0,
        showHidden: filter.showHidden ?? true,
      },
      pageSize,
    );
  }
}

export class ProductManufacturerEndpoint extends CrudEndpoint<ProductManufacturerDto> {
  constructor(http: HttpTransport) {
    super(http, 'ProductManufacturer');
  }
  async getByProductId(productId: number, showHidden = true): Promise<Array<WithId<ProductManufacturerDto>>> {
    return getList<WithId<ProductManufacturerDto>>(
      this.http,
      apiPath(this.controller, 'GetProductManufacturersByProductId', productId),
      { showHidden },
    );
  }
  byManufacturerId(
    manufacturerId: number,
    pageSize = DEFAULT_PAGE_SIZE,
    showHidden = true,
  ): AsyncGenerator<WithId<ProductManufacturerDto>> {
    return getAllPages<WithId<ProductManufacturerDto>>(
      this.http,
      apiPath(this.controller, 'GetProductManufacturersByManufacturerId', manufacturerId),
      { showHidden },
      pageSize,
    );
  }
}

export class TierPriceEndpoint extends CrudEndpoint<TierPriceDto> {
  constructor(http: HttpTransport) {
    super(http, 'TierPrices');
  }
  async getByProduct(productId: number): Promise<Array<WithId<TierPriceDto>>> {
    return getList<WithId<TierPriceDto>>(this.http, apiPath(this.controller, 'GetTierPricesByProduct', productId));
  }
  getPreferred(
    productId: number,
    customerId: number,
    storeId: number,
    quantity = 1,
  ): Promise<WithId<TierPriceDto> | undefined> {
    return this.http.sendOptional({
      method: 'GET',
      path: apiPath(this.controller, 'GetPreferredTierPrice', productId, customerId, storeId),
      query: { quantity },
      idempotent: true,
    });
  }
}

export class DiscountEndpoint extends CrudEndpoint<DiscountDto> {
  constructor(http: HttpTransport) {
    super(http, 'Discount');
  }
  async getAll(
    filter: {
      discountType?: string;
      couponCode?: string;
      discountName?: string;
      showHidden?: boolean;
      isActive?: boolean;
    } = {},
  ): Promise<Array<WithId<DiscountDto>>> {
    return getList<WithId<DiscountDto>>(this.http, apiPath(this.controller, 'GetAll'), {
      ...filter,
      showHidden: filter.showHidden ?? true,
    });
  }
}

export class ProductDiscountEndpoint {
  constructor(private readonly http: HttpTransport) {}
  async create(dto: DiscountProductMappingDto): Promise<WithId<DiscountProductMappingDto>> {
    return this.http.send({
      method: 'POST',
      path: apiPath('ProductDiscounts', 'Create'),
      json: dto,
      idempotent: false,
    });
  }
  async getAllAppliedToProduct(productId: number): Promise<Array<WithId<DiscountDto>>> {
    return getList<WithId<DiscountDto>>(
      this.http,
      apiPath('ProductDiscounts', 'GetAllDiscountsAppliedToProduct', productId),
    );
  }
  async clearDiscountProductMapping(discountId: number): Promise<void> {
    await this.http.send({
      method: 'DELETE',
      path: apiPath('ProductDiscounts', 'ClearDiscountProductMapping', discountId),
      idempotent: true,
    });
  }
}

export class TemplateEndpoint<T extends { id?: number }> extends CrudEndpoint<T> {
  async getAll(): Promise<Array<WithId<T>>> {
    return getList<WithId<T>>(this.http, apiPath(this.controller, 'GetAll'));
  }
}
export type ProductTemplateEndpoint = TemplateEndpoint<ProductTemplateDto>;
export type CategoryTemplateEndpoint = TemplateEndpoint<CategoryTemplateDto>;
export type ManufacturerTemplateEndpoint = TemplateEndpoint<ManufacturerTemplateDto>;

export class UrlRecordEndpoint {
  constructor(private readonly http: HttpTransport) {}
  /** Without a slug the entity has no SEO URL. languageId 0 is the standard slug. */
  async saveSlug(
    entityTypeName: 'Product' | 'Category' | 'Manufacturer',
    entityId: number,
    slug: string,
    languageId = 0,
  ): Promise<void> {
    await this.http.send({
      method: 'POST',
      path: apiPath('UrlRecord', 'SaveSlug', languageId, entityId),
      query: { entityTypeName, slug },
      idempotent: true,
    });
  }
}
