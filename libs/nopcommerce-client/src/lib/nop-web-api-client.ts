import {
  AttributeMappingEndpoint,
  AttributeParserEndpoint,
  AttributeValueEndpoint,
  CategoryEndpoint,
  CombinationEndpoint,
  DiscountEndpoint,
  ManufacturerEndpoint,
  ProductAttributeEndpoint,
  ProductCategoryEndpoint,
  ProductDiscountEndpoint,
  ProductEndpoint,
  ProductManufacturerEndpoint,
  TemplateEndpoint,
  TierPriceEndpoint,
  UrlRecordEndpoint,
} from './endpoints/catalog-endpoints';
import { CustomerEndpoint, CustomerRegistrationEndpoint, CustomerRoleEndpoint } from './endpoints/customer-endpoints';
import {
  CombinationPictureEndpoint,
  InsertPictureArgs,
  PictureEndpoint,
  PictureUploadMode,
  ProductPictureEndpoint,
} from './endpoints/media-endpoints';
import {
  AddressEndpoint,
  CountryEndpoint,
  OrderEndpoint,
  OrderItemEndpoint,
  OrderNoteEndpoint,
  OrderProcessingEndpoint,
  ShipmentEndpoint,
  ShipmentItemEndpoint,
} from './endpoints/order-endpoints';
import { HttpTransport, TransportOptions } from './http-transport';
import type { CategoryTemplateDto, ManufacturerTemplateDto, PictureDto, ProductTemplateDto } from './wire-types';
import type { WithId } from './endpoints/crud-endpoint';

export type NopClientOptions = TransportOptions;

export interface ApiVersion {
  /** As the shop reports it, e.g. `v4.70.1`. */
  raw: string;
  major: number;
  minor: number;
}

export function parseApiVersion(raw: string): ApiVersion {
  const m = /(\d+)\.(\d+)/.exec(raw);
  return { raw, major: m ? Number(m[1]) : 0, minor: m ? Number(m[2]) : 0 };
}

/** 4.70 changed pictures: uploads are multipart, combinations have their own picture rows (4.80 assumed like 4.70). */
const isFrom470 = (v: ApiVersion): boolean => v.major > 4 || (v.major === 4 && v.minor >= 70);

/** 4.60 and older take base64 JSON; 4.70 and newer multipart. */
export function pictureUploadModeFor(v: ApiVersion): PictureUploadMode {
  return isFrom470(v) ? 'multipart' : 'base64-json';
}

/** 4.70 and newer map pictures to combinations in rows of their own; 4.60 has one `picture_id` on the combination. */
export function hasCombinationPictures(v: ApiVersion): boolean {
  return isFrom470(v);
}

/**
 * Typed endpoint client for the official nopCommerce Web API Backend plugin (4.60–4.80).
 * One property per controller; wire DTOs are snake_case as on the wire.
 */
export class NopWebApiClient {
  readonly http: HttpTransport;
  readonly products: ProductEndpoint;
  readonly combinations: CombinationEndpoint;
  readonly productAttributes: ProductAttributeEndpoint;
  readonly attributeMappings: AttributeMappingEndpoint;
  readonly attributeValues: AttributeValueEndpoint;
  readonly attributeParser: AttributeParserEndpoint;
  readonly categories: CategoryEndpoint;
  readonly productCategories: ProductCategoryEndpoint;
  readonly manufacturers: ManufacturerEndpoint;
  readonly productManufacturers: ProductManufacturerEndpoint;
  readonly tierPrices: TierPriceEndpoint;
  readonly discounts: DiscountEndpoint;
  readonly productDiscounts: ProductDiscountEndpoint;
  readonly productTemplates: TemplateEndpoint<ProductTemplateDto>;
  readonly categoryTemplates: TemplateEndpoint<CategoryTemplateDto>;
  readonly manufacturerTemplates: TemplateEndpoint<ManufacturerTemplateDto>;
  readonly urlRecords: UrlRecordEndpoint;
  readonly pictures: PictureEndpoint;
  readonly productPictures: ProductPictureEndpoint;
  readonly combinationPictures: CombinationPictureEndpoint;
  readonly orders: OrderEndpoint;
  readonly orderItems: OrderItemEndpoint;
  readonly orderNotes: OrderNoteEndpoint;
  readonly orderProcessing: OrderProcessingEndpoint;
  readonly shipments: ShipmentEndpoint;
  readonly shipmentItems: ShipmentItemEndpoint;
  readonly addresses: AddressEndpoint;
  readonly countries: CountryEndpoint;
  readonly customers: CustomerEndpoint;
  readonly customerRoles: CustomerRoleEndpoint;
  readonly customerRegistration: CustomerRegistrationEndpoint;
  private version?: Promise<ApiVersion>;

  constructor(options: NopClientOptions) {
    const h = (this.http = new HttpTransport(options));
    this.products = new ProductEndpoint(h);
    this.combinations = new CombinationEndpoint(h);
    this.productAttributes = new ProductAttributeEndpoint(h);
    this.attributeMappings = new AttributeMappingEndpoint(h);
    this.attributeValues = new AttributeValueEndpoint(h);
    this.attributeParser = new AttributeParserEndpoint(h);
    this.categories = new CategoryEndpoint(h);
    this.productCategories = new ProductCategoryEndpoint(h);
    this.manufacturers = new ManufacturerEndpoint(h);
    this.productManufacturers = new ProductManufacturerEndpoint(h);
    this.tierPrices = new TierPriceEndpoint(h);
    this.discounts = new DiscountEndpoint(h);
    this.productDiscounts = new ProductDiscountEndpoint(h);
    this.productTemplates = new TemplateEndpoint<ProductTemplateDto>(h, 'ProductTemplate');
    this.categoryTemplates = new TemplateEndpoint<CategoryTemplateDto>(h, 'CategoryTemplate');
    this.manufacturerTemplates = new TemplateEndpoint<ManufacturerTemplateDto>(h, 'ManufacturerTemplate');
    this.urlRecords = new UrlRecordEndpoint(h);
    this.pictures = new PictureEndpoint(h);
    this.productPictures = new ProductPictureEndpoint(h);
    this.combinationPictures = new CombinationPictureEndpoint(h);
    this.orders = new OrderEndpoint(h);
    this.orderItems = new OrderItemEndpoint(h);
    this.orderNotes = new OrderNoteEndpoint(h);
    this.orderProcessing = new OrderProcessingEndpoint(h);
    this.shipments = new ShipmentEndpoint(h);
    this.shipmentItems = new ShipmentItemEndpoint(h);
    this.addresses = new AddressEndpoint(h);
    this.countries = new CountryEndpoint(h);
    this.customers = new CustomerEndpoint(h);
    this.customerRoles = new CustomerRoleEndpoint(h);
    this.customerRegistration = new CustomerRegistrationEndpoint(h);
  }

  /** `GET /swagger-backend/CommonInfo/GetSwaggerDocVersion` (no auth); cached once it succeeds. */
  getApiVersion(): Promise<ApiVersion> {
    if (!this.version) {
      this.version = this.http
        .send<unknown>({
          method: 'GET',
          path: '/swagger-backend/CommonInfo/GetSwaggerDocVersion',
          idempotent: true,
          auth: false,
        })
        .then((v) => parseApiVersion(String(v).trim()));
      this.version.catch(() => {
        this.version = undefined;
      });
    }
    return this.version;
  }

  /** Uploads a picture in the body format the shop's plugin version expects. */
  async insertPicture(args: InsertPictureArgs): Promise<WithId<PictureDto>> {
    return this.pictures.insert(args, pictureUploadModeFor(await this.getApiVersion()));
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
