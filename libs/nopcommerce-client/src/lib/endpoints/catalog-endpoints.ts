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
    return (
      (await this.http.send<Array<WithId<ProductDto>>>({
        method: 'GET',
        path: apiPath('Product', 'GetProductsBySku'),
        query: { skuArray: skus.join(';'), vendorId },
        idempotent: true,
      })) ?? []
    );
  }

  async getByIds(ids: number[]): Promise<Array<WithId<ProductDto>>> {
    if (ids.length === 0) return [];
    return (
      (await this.http.send<Array<WithId<ProductDto>>>({
        method: 'GET',
        path: apiPath('Product', 'GetProductsByIds', new IdList(ids)),
        idempotent: true,
      })) ?? []
    );
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
    return paginate(
      (pageIndex, ps) =>
        this.http.send<PagedList<StockQuantityHistoryDto>>({
          method: 'GET',
          path: apiPath('Product', 'GetStockQuantityHistory', productId),
          query: { combinationId, pageIndex, pageSize: ps },
          idempotent: true,
        }),
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
    return (
      (await this.http.send<Array<WithId<ProductAttributeCombinationDto>>>({
        method: 'GET',
        path: apiPath(this.controller, 'GetAll', productId),
        idempotent: true,
      })) ?? []
    );
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
    return paginate(
      (pageIndex, ps) =>
        this.http.send<PagedList<WithId<ProductAttributeDto>>>({
          method: 'GET',
          path: apiPath(this.controller, 'GetAll'),
          query: { pageIndex, pageSize: ps },
          idempotent: true,
        }),
      pageSize,
    );
  }
}

export class AttributeMappingEndpoint extends CrudEndpoint<ProductAttributeMappingDto> {
  constructor(http: HttpTransport) {
    super(http, 'ProductAttributeMapping');
  }
  async getAllByProductId(productId: number): Promise<Array<WithId<ProductAttributeMappingDto>>> {
    return (
      (await this.http.send<Array<WithId<ProductAttributeMappingDto>>>({
        method: 'GET',
        path: apiPath(this.controller, 'GetAllByProductId', productId),
        idempotent: true,
      })) ?? []
    );
  }
}

export class AttributeValueEndpoint extends CrudEndpoint<ProductAttributeValueDto> {
  constructor(http: HttpTransport) {
    super(http, 'ProductAttributeValue');
  }
  async getAll(mappingId: number): Promise<Array<WithId<ProductAttributeValueDto>>> {
    return (
      (await this.http.send<Array<WithId<ProductAttributeValueDto>>>({
        method: 'GET',
        path: apiPath(this.controller, 'GetAll', mappingId),
        idempotent: true,
      })) ?? []
    );
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
    return paginate(
      (pageIndex, ps) =>
        this.http.send<PagedList<WithId<CategoryDto>>>({
          method: 'GET',
          path: apiPath(this.controller, 'GetAll'),
          query: {
            categoryName: filter.categoryName,
            storeId: filter.storeId ?? 0,
            showHidden: filter.showHidden ?? true,
            pageIndex,
            pageSize: ps,
          },
          idempotent: true,
        }),
      pageSize,
    );
  }
  async getByParentId(parentCategoryId: number, showHidden = true): Promise<Array<WithId<CategoryDto>>> {
    return (
      (await this.http.send<Array<WithId<CategoryDto>>>({
        method: 'GET',
        path: apiPath(this.controller, 'GetAllCategoriesByParentCategoryId', parentCategoryId),
        query: { showHidden },
        idempotent: true,
      })) ?? []
    );
  }
  async getByIds(ids: number[]): Promise<Array<WithId<CategoryDto>>> {
    if (ids.length === 0) return [];
    return (
      (await this.http.send<Array<WithId<CategoryDto>>>({
        method: 'GET',
        path: apiPath(this.controller, 'GetCategoriesByIds', new IdList(ids)),
        idempotent: true,
      })) ?? []
    );
  }
}

export class ProductCategoryEndpoint extends CrudEndpoint<ProductCategoryDto> {
  constructor(http: HttpTransport) {
    super(http, 'ProductCategory');
  }
  async getByProductId(productId: number, showHidden = true): Promise<Array<WithId<ProductCategoryDto>>> {
    return (
      (await this.http.send<Array<WithId<ProductCategoryDto>>>({
        method: 'GET',
        path: apiPath(this.controller, 'GetProductCategoriesByProductId', productId),
        query: { showHidden },
        idempotent: true,
      })) ?? []
    );
  }
  byCategoryId(
    categoryId: number,
    pageSize = DEFAULT_PAGE_SIZE,
    showHidden = true,
  ): AsyncGenerator<WithId<ProductCategoryDto>> {
    return paginate(
      (pageIndex, ps) =>
        this.http.send<PagedList<WithId<ProductCategoryDto>>>({
          method: 'GET',
          path: apiPath(this.controller, 'GetProductCategoriesByCategoryId', categoryId),
          query: { pageIndex, pageSize: ps, showHidden },
          idempotent: true,
        }),
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
    return paginate(
      (pageIndex, ps) =>
        this.http.send<PagedList<WithId<ManufacturerDto>>>({
          method: 'GET',
          path: apiPath(this.controller, 'GetAll'),
          query: {
            manufacturerName: filter.manufacturerName,
            storeId: filter.storeId ?? 0,
            showHidden: filter.showHidden ?? true,
            pageIndex,
            pageSize: ps,
          },
          idempotent: true,
        }),
      pageSize,
    );
  }
}

export class ProductManufacturerEndpoint extends CrudEndpoint<ProductManufacturerDto> {
  constructor(http: HttpTransport) {
    super(http, 'ProductManufacturer');
  }
  async getByProductId(productId: number, showHidden = true): Promise<Array<WithId<ProductManufacturerDto>>> {
    return (
      (await this.http.send<Array<WithId<ProductManufacturerDto>>>({
        method: 'GET',
        path: apiPath(this.controller, 'GetProductManufacturersByProductId', productId),
        query: { showHidden },
        idempotent: true,
      })) ?? []
    );
  }
  byManufacturerId(
    manufacturerId: number,
    pageSize = DEFAULT_PAGE_SIZE,
    showHidden = true,
  ): AsyncGenerator<WithId<ProductManufacturerDto>> {
    return paginate(
      (pageIndex, ps) =>
        this.http.send<PagedList<WithId<ProductManufacturerDto>>>({
          method: 'GET',
          path: apiPath(this.controller, 'GetProductManufacturersByManufacturerId', manufacturerId),
          query: { pageIndex, pageSize: ps, showHidden },
          idempotent: true,
        }),
      pageSize,
    );
  }
}

export class TierPriceEndpoint extends CrudEndpoint<TierPriceDto> {
  constructor(http: HttpTransport) {
    super(http, 'TierPrices');
  }
  async getByProduct(productId: number): Promise<Array<WithId<TierPriceDto>>> {
    return (
      (await this.http.send<Array<WithId<TierPriceDto>>>({
        method: 'GET',
        path: apiPath(this.controller, 'GetTierPricesByProduct', productId),
        idempotent: true,
      })) ?? []
    );
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
    return (
      (await this.http.send<Array<WithId<DiscountDto>>>({
        method: 'GET',
        path: apiPath(this.controller, 'GetAll'),
        query: { ...filter, showHidden: filter.showHidden ?? true },
        idempotent: true,
      })) ?? []
    );
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
    return (
      (await this.http.send<Array<WithId<DiscountDto>>>({
        method: 'GET',
        path: apiPath('ProductDiscounts', 'GetAllDiscountsAppliedToProduct', productId),
        idempotent: true,
      })) ?? []
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
    return (
      (await this.http.send<Array<WithId<T>>>({
        method: 'GET',
        path: apiPath(this.controller, 'GetAll'),
        idempotent: true,
      })) ?? []
    );
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
