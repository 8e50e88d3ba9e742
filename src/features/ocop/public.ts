/**
 * The public face of a certified product: a page per product (what a buyer sees after scanning the
 * QR on the pack), the QR itself and a printable label sheet. Only published products appear, and
 * only what is valid today: an expired certificate shows no star, an expired standard is left out.
 */
import { Hono } from 'hono';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { loadQrCode } from '../../lib/lazy';
import type { Actor, AppEnv, Deps } from '../../context';
import { files, ocopProducers, ocopProductPhotos, ocopProducts, units } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { formatDateVi, todayVn } from '../../shared/vi';
import { productFor } from './access';
import { baseUrl, esc, stars } from '../../lib/html';
import { successorIdsAsOf, unitsByIds } from '../units/queries';
import { latestCertificates, starState } from './certificates';

const PRODUCER_KIND: Record<string, string> = {
  enterprise: 'Doanh nghiệp',
  cooperative: 'Hợp tác xã',
  coop_group: 'Tổ hợp tác',
  household: 'Hộ kinh doanh',
};

export function publicProductUrl(deps: Deps, code: string) {
  return `${baseUrl(deps)}/cong-khai/san-pham/${encodeURIComponent(code)}`;
}

export async function productQr(url: string, format: 'png' | 'svg') {
  return format === 'svg'
    ? {
        body: await (await loadQrCode()).toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
        type: 'image/svg+xml',
      }
    : {
        body: await (await loadQrCode()).toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 512 }),
        type: 'image/png',
      };
}

/** What the public may see of a product, or null when it is not published. */
export async function publicProduct(deps: Deps, code: string) {
  const [row] = await deps.db
    .select({ p: ocopProducts, producer: ocopProducers, unitName: units.name, unitEffectiveTo: units.effectiveTo })
    .from(ocopProducts)
    .innerJoin(ocopProducers, eq(ocopProducers.id, ocopProducts.producerId))
    .innerJoin(units, eq(units.id, ocopProducts.unitId))
    .where(and(eq(ocopProducts.code, code), eq(ocopProducts.published, true)));
  if (!row) return null;
  const today = todayVn(deps.clock.now());
  const state = starState((await latestCertificates(deps.db, [row.p.id])).get(row.p.id), today);
  // a product registered before a merger names the unit it belongs to today as well
  const successors =
    row.unitEffectiveTo && row.unitEffectiveTo < today ? await successorIdsAsOf(deps.db, row.p.unitId, today) : [];
  const now = [...(await unitsByIds(deps.db, successors)).values()].map((u) => u.name);
  const photos = await deps.db
    .select({ id: ocopProductPhotos.id, caption: ocopProductPhotos.caption })
    .from(ocopProductPhotos)
    .where(eq(ocopProductPhotos.productId, row.p.id))
    .orderBy(asc(ocopProductPhotos.id));
  return {
    code: row.p.code,
    name: row.p.name,
    description: row.p.description,
    groupName: row.p.groupName,
    brandTags: row.p.brandTags,
    standards: row.p.standards.filter((s) => !s.expiresOn || s.expiresOn >= today),
    unitName: now.length ? `${row.unitName} (nay là ${now.join(', ')})` : row.unitName,
    producer: {
      name: row.producer.name,
      kind: PRODUCER_KIND[row.producer.kind] ?? row.producer.kind,
      address: row.producer.address,
      phone: row.producer.phone,
    },
    star: state.star,
    certificate:
      state.status === 'valid' && state.certificate
        ? {
            number: state.certificate.number,
            decisionNo: state.certificate.decisionNo,
            issuedBy: state.certificate.issuedBy,
            validFrom: state.certificate.validFrom,
            validTo: state.certificate.validTo,
          }
        : null,
    photos,
    today,
  };
}

/** The product's part of its public page (the portal adds the shell and the feedback form). */
export function renderPublicProduct(p: NonNullable<Awaited<ReturnType<typeof publicProduct>>>) {
  const star = p.star
    ? `<div class="stars" aria-label="${p.star} sao" data-star="${p.star}">${stars(p.star)}</div><p>Sản phẩm OCOP <strong>${p.star} sao</strong></p>`
    : `<p class="nostar" data-star="0">Sản phẩm hiện không có giấy chứng nhận OCOP còn hiệu lực.</p>`;
  const cert = p.certificate
    ? `<dl><dt>Giấy chứng nhận</dt><dd>${esc(p.certificate.number)}</dd><dt>Quyết định</dt><dd>${esc(p.certificate.decisionNo)} — ${esc(p.certificate.issuedBy)}</dd>
<dt>Hiệu lực</dt><dd>${formatDateVi(p.certificate.validFrom)} – ${formatDateVi(p.certificate.validTo)}</dd></dl>`
    : '';
  const standards = p.standards.length
    ? `<div class="card"><h2>Tiêu chuẩn, chứng nhận</h2><ul>${p.standards
        .map(
          (s) =>
            `<li>${esc(s.kind)}${s.number ? ` số ${esc(s.number)}` : ''}${s.issuedBy ? `, ${esc(s.issuedBy)}` : ''}${s.expiresOn ? ` (hiệu lực đến ${formatDateVi(s.expiresOn)})` : ''}</li>`,
        )
        .join('')}</ul></div>`
    : '';
  const photos = p.photos.length
    ? `<div class="card photos">${p.photos.map((ph) => `<img src="/api/public/ocop/photos/${ph.id}" alt="${esc(ph.caption ?? p.name)}">`).join('')}</div>`
    : '';
  const tags = p.brandTags.map((t) => `<span class="tag">${esc(t)}</span>`).join('');
  return `<div class="card"><h1>${esc(p.name)}</h1><p class="muted">${esc(p.groupName)} · ${esc(p.unitName)}</p>${star}${cert}${tags ? `<p>${tags}</p>` : ''}
${p.description ? `<p>${esc(p.description)}</p>` : ''}</div>${photos}
<div class="card"><h2>Chủ thể sản xuất</h2><dl><dt>Tên</dt><dd>${esc(p.producer.name)}</dd><dt>Loại hình</dt><dd>${esc(p.producer.kind)}</dd>
${p.producer.address ? `<dt>Địa chỉ</dt><dd>${esc(p.producer.address)}</dd>` : ''}${p.producer.phone ? `<dt>Điện thoại</dt><dd>${esc(p.producer.phone)}</dd>` : ''}
<dt>Nơi sản xuất</dt><dd>${esc(p.unitName)}</dd></dl></div>${standards}
<div class="card qr"><img src="/api/public/ocop/products/${encodeURIComponent(p.code)}/qr/png" alt="Mã QR truy xuất sản phẩm ${esc(p.name)}" width="160" height="160" data-testid="public-qr"><p class="muted">Quét mã QR trên bao bì để mở trang này.<br>Mã truy xuất: ${esc(p.code)} · Thông tin tại ngày ${formatDateVi(p.today)}</p></div>`;
}

/** A printable A4 sheet of labels (QR + name + star) for the products chosen by an official. */
export async function labelSheet(deps: Deps, actor: Actor, productIds: number[], copies: number) {
  const items = [];
  for (const id of productIds) {
    const { product } = await productFor(deps.db, actor, id);
    items.push(product);
  }
  const certs = await latestCertificates(
    deps.db,
    items.map((p) => p.id),
  );
  const today = todayVn(deps.clock.now());
  const cells: string[] = [];
  for (const p of items) {
    const url = publicProductUrl(deps, p.code);
    const svg = await (await loadQrCode()).toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
    const s = starState(certs.get(p.id), today);
    const cell = `<div class="label">${svg}<div><strong>${esc(p.name)}</strong><br>${s.star ? `OCOP ${stars(s.star)}` : 'Sản phẩm chưa có sao còn hiệu lực'}<br><small>${esc(p.code)}</small><br><small>${esc(url)}</small></div></div>`;
    for (let i = 0; i < copies; i++) cells.push(cell);
  }
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tem truy xuất OCOP</title><style>
@page{size:A4;margin:10mm}body{font-family:system-ui,Arial,sans-serif;margin:0}
.sheet{display:grid;grid-template-columns:repeat(3,1fr);gap:4mm}
.label{border:1px dashed #999;padding:3mm;display:flex;gap:3mm;align-items:center;height:40mm;box-sizing:border-box;break-inside:avoid;font-size:9pt}
.label svg{width:32mm;height:32mm;flex:none}small{color:#444;word-break:break-all}
</style></head><body><div class="sheet">${cells.join('')}</div></body></html>`;
}

/** Public API: the product as JSON, its QR, its photos. */
export const publicOcopApi = new Hono<AppEnv>();
publicOcopApi.get('/products/:code', async (c) => {
  const p = await publicProduct(c.get('deps'), c.req.param('code'));
  if (!p) throw new AppError('NOT_FOUND');
  return c.json(p);
});
publicOcopApi.get('/products/:code/qr/:format{png|svg}', async (c) => {
  const deps = c.get('deps');
  const p = await publicProduct(deps, c.req.param('code'));
  if (!p) throw new AppError('NOT_FOUND');
  const url = publicProductUrl(deps, p.code);
  const qr = await productQr(url, c.req.param('format') as 'png' | 'svg');
  c.header('content-type', qr.type);
  c.header('x-qr-target', url);
  c.header('cache-control', 'public, max-age=86400');
  return c.body(typeof qr.body === 'string' ? qr.body : new Uint8Array(qr.body), 200);
});
publicOcopApi.get('/photos/:id', async (c) => {
  const deps = c.get('deps');
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
  const [row] = await deps.db
    .select({ f: files })
    .from(ocopProductPhotos)
    .innerJoin(files, eq(files.id, ocopProductPhotos.fileId))
    .innerJoin(ocopProducts, eq(ocopProducts.id, ocopProductPhotos.productId))
    .where(and(eq(ocopProductPhotos.id, id), inArray(ocopProducts.published, [true])));
  if (!row) throw new AppError('NOT_FOUND');
  c.header('content-type', row.f.mime);
  c.header('cache-control', 'public, max-age=3600');
  return c.body(new Uint8Array(await deps.files.read(row.f.sha256)), 200);
});
