import { Blob } from 'node:buffer';
import { FormData } from 'undici';
import type { HttpTransport } from '../http-transport';
import type {
  GetPictureUrlResponse,
  PagedList,
  PictureDto,
  ProductAttributeCombinationPictureDto,
  ProductPictureDto,
} from '../wire-types';
import { CrudEndpoint, WithId, apiPath, requireId } from './crud-endpoint';
import { getList } from './list-requests';

/** 4.60 and v1.06 take a JSON string of base64; 4.70+ take multipart with the file in `fileBinary`. */
export type PictureUploadMode = 'base64-json' | 'multipart';

export interface InsertPictureArgs {
  bytes: Uint8Array;
  mimeType: string;
  seoFilename: string;
  altAttribute?: string;
  titleAttribute?: string;
  isNew?: boolean;
  validateBinary?: boolean;
}

export class PictureEndpoint {
  constructor(private readonly http: HttpTransport) {}

  getById(id: number): Promise<WithId<PictureDto> | undefined> {
    return this.http.sendOptional({ method: 'GET', path: apiPath('Picture', 'GetById', id), idempotent: true });
  }

  /** Not retried: a lost reply may leave an unmapped picture; `getPictures` lists it (see the adapter's `uploadPicture`). */
  async insert(args: InsertPictureArgs, mode: PictureUploadMode): Promise<WithId<PictureDto>> {
    const query = {
      mimeType: args.mimeType,
      seoFilename: args.seoFilename,
      altAttribute: args.altAttribute,
      titleAttribute: args.titleAttribute,
      isNew: args.isNew ?? true,
      validateBinary: args.validateBinary ?? true,
    };
    let res: PictureDto;
    if (mode === 'multipart') {
      const form = new FormData();
      form.append('fileBinary', new Blob([args.bytes], { type: args.mimeType }), args.seoFilename || 'picture');
      res = await this.http.send({
        method: 'PUT',
        path: apiPath('Picture', 'InsertPicture'),
        query,
        form,
        idempotent: false,
      });
    } else {
      res = await this.http.send({
        method: 'PUT',
        path: apiPath('Picture', 'InsertPicture'),
        query,
        json: Buffer.from(args.bytes).toString('base64'),
        idempotent: false,
      });
    }
    return requireId(res, 'Picture/InsertPicture');
  }

  async getByProductId(productId: number): Promise<Array<WithId<PictureDto>>> {
    return getList<WithId<PictureDto>>(this.http, apiPath('Picture', 'GetByProductId', productId));
  }

  /** One page of all pictures, mapped or not, newest (highest id) first as nop orders them; `pageSize` always sent. */
  getPictures(pageIndex: number, pageSize: number, virtualPath?: string): Promise<PagedList<WithId<PictureDto>>> {
    return this.http.send({
      method: 'GET',
      path: apiPath('Picture', 'GetPictures'),
      query: { virtualPath, pageIndex, pageSize },
      idempotent: true,
    });
  }

  getPictureUrl(pictureId: number, targetSize = 0): Promise<GetPictureUrlResponse> {
    return this.http.send({
      method: 'GET',
      path: apiPath('Picture', 'GetPictureUrl', pictureId),
      query: { targetSize },
      idempotent: true,
    });
  }

  async delete(pictureId: number): Promise<void> {
    await this.http.send({ method: 'DELETE', path: apiPath('Picture', 'Delete', pictureId), idempotent: true });
  }
}

export class ProductPictureEndpoint extends CrudEndpoint<ProductPictureDto> {
  constructor(http: HttpTransport) {
    super(http, 'ProductPictures');
  }
  async getByProductId(productId: number): Promise<Array<WithId<ProductPictureDto>>> {
    return getList<WithId<ProductPictureDto>>(
      this.http,
      apiPath(this.controller, 'GetProductPicturesByProductId', productId),
    );
  }
}

/** 4.70+: combination pictures are rows of their own. */
export class CombinationPictureEndpoint {
  constructor(private readonly http: HttpTransport) {}
  async create(dto: ProductAttributeCombinationPictureDto): Promise<WithId<ProductAttributeCombinationPictureDto>> {
    return this.http.send({
      method: 'POST',
      path: apiPath('ProductAttributeCombinationPictures', 'Create'),
      json: dto,
      idempotent: false,
    });
  }
  /** 4.70 binds the literal path segment `combinationId` (route bug); the id travels in the query. */
  async getAll(combinationId: number): Promise<Array<WithId<ProductAttributeCombinationPictureDto>>> {
    return getList<WithId<ProductAttributeCombinationPictureDto>>(
      this.http,
      '/api-backend/ProductAttributeCombinationPictures/GetAll/combinationId',
      { combinationId },
    );
  }
}
