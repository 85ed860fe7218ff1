import { Api, Dto, startWithApi } from './support/api';
import type { NopSim } from '../src';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2b0a5e50000000049454e44ae426082',
  'hex',
);

describe('pictures on 4.70 (multipart fileBinary)', () => {
  let sim: NopSim;
  let api: Api;
  beforeAll(async () => {
    ({ sim, api } = await startWithApi({ version: '4.70' }));
  });
  afterAll(() => sim.close());

  const upload = (form: FormData, query = 'mimeType=image/png&seoFilename=red-shirt&isNew=true&validateBinary=true') =>
    api.call<Dto>('PUT', `/Picture/InsertPicture?${query}`, undefined, { rawBody: form });

  it('uploads multipart, maps the picture to a product, serves the URL and the bytes', async () => {
    const form = new FormData();
    form.append('fileBinary', new Blob([PNG], { type: 'image/png' }), 'red.png');
    const pic = await upload(form);
    expect(pic.status).toBe(200);
    expect(pic.body).toMatchObject({
      mime_type: 'image/png',
      seo_filename: 'red-shirt',
      is_new: true,
      virtual_path: null,
    });
    const product = (await api.post<Dto>('/Product/Create', { name: 'P', sku: 'P' })).body;
    const pp = (
      await api.post<Dto>('/ProductPictures/Create', {
        product_id: product.id,
        picture_id: pic.body.id,
        display_order: 1,
      })
    ).body;
    expect((await api.get<Dto[]>(`/ProductPictures/GetProductPicturesByProductId/${product.id}`)).body).toEqual([pp]);
    const url = (await api.get<{ url: string }>(`/Picture/GetPictureUrl/${pic.body.id}?targetSize=0`)).body.url;
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(PNG);
    expect(sim.state.pictures()).toEqual([expect.objectContaining({ id: pic.body.id, size: PNG.length })]);
    // 4.70 combination pictures, with the literal-segment route bug.
    const combo = (
      await api.post<Dto>('/ProductAttributeCombination/Create', {
        product_id: product.id,
        attributes_xml: '<Attributes/>',
        sku: 'P-1',
      })
    ).body;
    await api.post('/ProductAttributeCombinationPictures/Create', {
      product_attribute_combination_id: combo.id,
      picture_id: pic.body.id,
    });
    expect(
      (await api.get<Dto[]>(`/ProductAttributeCombinationPictures/GetAll/combinationId?combinationId=${combo.id}`))
        .body,
    ).toHaveLength(1);
  });

  it('lists pictures newest first, paged, mapped or not (GetPictures)', async () => {
    const ids: number[] = [];
    for (const name of ['a', 'b', 'c']) {
      const form = new FormData();
      form.append('fileBinary', new Blob([PNG], { type: 'image/png' }), `${name}.png`);
      ids.push(Number((await upload(form, `mimeType=image/png&seoFilename=${name}`)).body.id));
    }
    const page = (await api.get<Dto>('/Picture/GetPictures?pageIndex=0&pageSize=2')).body;
    expect(page).toMatchObject({ page_index: 0, page_size: 2, has_next_page: true });
    expect((page.items as Dto[]).map((p) => p.id)).toEqual([ids[2], ids[1]]);
    const next = (await api.get<Dto>('/Picture/GetPictures?pageIndex=1&pageSize=2')).body;
    expect((next.items as Dto[])[0]).toMatchObject({ id: ids[0], seo_filename: 'a' });
    expect((await api.get<Dto>('/Picture/GetPictures?virtualPath=~/x/')).body.items as Dto[]).toEqual([]);
  });

  it('truncates mime type (20) and SEO filename (100); a base64 JSON body is refused with 415', async () => {
    const form = new FormData();
    form.append('fileBinary', new Blob([Buffer.from('not an image')]), 'x.bin');
    const pic = await upload(form, `mimeType=application/vnd.some-very-long-type&seoFilename=${'a'.repeat(150)}`);
    expect(String(pic.body.mime_type)).toHaveLength(20);
    expect(String(pic.body.seo_filename)).toHaveLength(100);
    const json = await api.call(
      'PUT',
      '/Picture/InsertPicture?mimeType=image/png&seoFilename=x',
      PNG.toString('base64'),
    );
    expect(json.status).toBe(415);
  });
});

describe('pictures on 4.60 (base64 JSON string)', () => {
  it('uploads base64 JSON; multipart is refused; combinations carry picture_id', async () => {
    const { sim, api } = await startWithApi({ version: '4.60' });
    try {
      const pic = await api.call<Dto>(
        'PUT',
        '/Picture/InsertPicture?mimeType=image/png&seoFilename=red',
        PNG.toString('base64'),
      );
      expect(pic.status).toBe(200);
      expect(sim.state.pictureBinary(pic.body.id)).toEqual(PNG);
      const form = new FormData();
      form.append('fileBinary', new Blob([PNG]), 'red.png');
      expect(
        (await api.call('PUT', '/Picture/InsertPicture?mimeType=image/png&seoFilename=x', undefined, { rawBody: form }))
          .status,
      ).toBe(415);
      const product = (await api.post<Dto>('/Product/Create', { name: 'P', sku: 'P' })).body;
      const combo = (
        await api.post<Dto>('/ProductAttributeCombination/Create', {
          product_id: product.id,
          attributes_xml: '',
          picture_id: pic.body.id,
        })
      ).body;
      expect(combo.picture_id).toBe(pic.body.id);
      expect(
        (
          await api.call(
            'GET',
            '/ProductAttributeCombinationPictures/GetAll/combinationId?combinationId=1',
            undefined,
            { check: false },
          )
        ).status,
      ).toBe(404);
    } finally {
      await sim.close();
    }
  });
});
