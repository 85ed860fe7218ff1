import type { Request } from 'express';
import type { SimContext, SimSettings } from '../context';
import type { Row } from '../dto';
import { fromDto } from '../dto';
import { Routes, ok, okEmpty, pageArgs, paged, pathId, pathInt, qBool, qInt, qStr } from '../http';
import { NopSimError, NopSimErrorCode, badBinding, notFound } from '../nop-sim.exception';
import { getOr404, registerCrud } from './crud';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpg',
  'image/pjpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'image/bmp': 'bmp',
};

export function pictureFileName(picture: Row, targetSize: number): string {
  const id = String(picture.id).padStart(7, '0');
  const seo = typeof picture.seo_filename === 'string' && picture.seo_filename !== '' ? `_${picture.seo_filename}` : '';
  const size = targetSize > 0 ? `_${targetSize}` : '';
  const ext = EXTENSIONS[String(picture.mime_type).toLowerCase()] ?? 'jpeg';
  return `${id}${seo}${size}.${ext}`;
}

const UNSUPPORTED = (): NopSimError => new NopSimError(NopSimErrorCode.UnsupportedMediaType, 'InsertPicture body');

/** Reads the picture bytes in the shape this version expects. */
async function readPictureBinary(req: Request, settings: SimSettings): Promise<Buffer> {
  const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
  const multipart = contentType.startsWith('multipart/form-data');
  if (settings.version === '4.60') {
    // 4.60: [FromBody] byte[] → a JSON string of base64.
    if (multipart) throw UNSUPPORTED();
    if (typeof req.body !== 'string') throw badBinding('', 'The JSON value could not be converted to System.Byte[].');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(req.body.replace(/\s/g, ''))) {
      throw badBinding('', 'The JSON value could not be converted to System.Byte[].');
    }
    return Buffer.from(req.body, 'base64');
  }
  // 4.70+: [FromForm] IFormFile fileBinary.
  if (!multipart || !Buffer.isBuffer(req.body)) throw UNSUPPORTED();
  const form = await new Response(new Uint8Array(req.body), { headers: { 'content-type': contentType } }).formData();
  const file = form.get('fileBinary');
  if (!file || typeof file === 'string') throw badBinding('fileBinary', 'The fileBinary field is required.');
  return Buffer.from(await file.arrayBuffer());
}

function pictureDto(ctx: SimContext, picture: Row): Record<string, unknown> {
  return ctx.dto('PictureDto', picture);
}

export function registerPictureRoutes(r: Routes, settings: SimSettings): void {
  r.put('/Picture/InsertPicture', async (req, ctx) => {
    const mimeType = qStr(req, 'mimeType') ?? '';
    const seoFilename = qStr(req, 'seoFilename') ?? '';
    const binary = await readPictureBinary(req, settings);
    // nop cuts these to their column sizes; undecodable images are stored as they are.
    const row = ctx.store.t.pictures.insert({
      mime_type: mimeType.slice(0, 20),
      seo_filename: seoFilename.slice(0, 100),
      alt_attribute: qStr(req, 'altAttribute') ?? null,
      title_attribute: qStr(req, 'titleAttribute') ?? null,
      is_new: qBool(req, 'isNew', true),
      virtual_path: null,
    });
    ctx.store.pictureBinaries.set(row.id, binary);
    return ok(pictureDto(ctx, row));
  });

  // nop's PictureService.GetPicturesAsync: optional virtual-path filter, newest (highest id) first.
  r.get('/Picture/GetPictures', (req, ctx) => {
    const virtualPath = qStr(req, 'virtualPath') ?? '';
    const { pageIndex, pageSize } = pageArgs(req);
    const inPath = (p: Row): boolean => {
      if (!virtualPath) return true;
      const vp = typeof p.virtual_path === 'string' ? p.virtual_path : '';
      return virtualPath.endsWith('/')
        ? vp.startsWith(virtualPath) || vp === virtualPath.slice(0, -1)
        : vp === virtualPath;
    };
    const rows = ctx.store.t.pictures
      .where(inPath)
      .sort((a, b) => b.id - a.id)
      .map((p) => pictureDto(ctx, p));
    return ok(paged(rows, pageIndex, pageSize));
  });

  r.get('/Picture/GetById/:id', (req, ctx) => ok(pictureDto(ctx, getOr404(ctx, 'pictures', pathId(req), 'Picture'))));

  r.delete('/Picture/Delete/:id', (req, ctx) => {
    const id = pathId(req);
    getOr404(ctx, 'pictures', id, 'Picture');
    ctx.store.t.pictures.remove(id);
    ctx.store.pictureBinaries.delete(id);
    // The database cascades the product mappings.
    for (const m of ctx.store.t.productPictures.where((x) => x.picture_id === id))
      ctx.store.t.productPictures.remove(m.id);
    return okEmpty();
  });

  r.put('/Picture/Update', (req, ctx) => {
    const row = fromDto('PictureDto', req.body, ctx.settings.version);
    if (!ctx.store.t.pictures.has(row.id)) throw notFound(`Picture Id=${row.id} not found`);
    ctx.store.t.pictures.replace(row);
    return okEmpty();
  });

  r.get('/Picture/SetSeoFilename/:pictureId', (req, ctx) => {
    const id = pathInt(req, 'pictureId');
    getOr404(ctx, 'pictures', id, 'Picture');
    const updated = ctx.store.t.pictures.patch(id, { seo_filename: (qStr(req, 'seoFilename') ?? '').slice(0, 100) });
    return ok(pictureDto(ctx, updated as Row));
  });

  r.get('/Picture/GetPictureUrl/:pictureId', (req, ctx) => {
    const picture = getOr404(ctx, 'pictures', pathId(req, 'pictureId'), 'Picture');
    const url = `${ctx.baseUrl()}/images/thumbs/${pictureFileName(picture, qInt(req, 'targetSize', 0))}`;
    return ok({ url, picture: pictureDto(ctx, picture) });
  });

  r.get('/Picture/GetByProductId/:id', (req, ctx) => {
    const productId = pathInt(req, 'id');
    const pictures = ctx.store.t.productPictures
      .where((m) => m.product_id === productId)
      .sort((a, b) => Number(a.display_order) - Number(b.display_order) || a.id - b.id)
      .map((m) => ctx.store.t.pictures.get(Number(m.picture_id)))
      .filter((p): p is Row => p !== undefined);
    return ok(pictures.map((p) => pictureDto(ctx, p)));
  });

  registerCrud(r, {
    controller: 'ProductPictures',
    entity: 'Product picture',
    dto: 'ProductPictureDto',
    table: 'productPictures',
    foreignKeys: [
      { field: 'product_id', table: 'products' },
      { field: 'picture_id', table: 'pictures' },
    ],
  });
  r.get('/ProductPictures/GetProductPicturesByProductId/:productId', (req, ctx) => {
    const productId = pathInt(req, 'productId');
    const rows = ctx.store.t.productPictures
      .where((m) => m.product_id === productId)
      .sort((a, b) => Number(a.display_order) - Number(b.display_order) || a.id - b.id);
    return ok(rows.map((m) => ctx.dto('ProductPictureDto', m)));
  });
}
