/** The OCOP catalogue, /cong-khai/san-pham (search by name, star, group, locality), and a product's page. */
import { Hono } from 'hono';
import type { AppEnv } from '../../../context';
import { esc, stars } from '../../../lib/html';
import { publicProduct, renderPublicProduct } from '../../ocop/public';
import { catalogue } from '../data';
import { layout } from '../layout';
import { feedbackSection, html, notFound } from './common';

export const productPages = new Hono<AppEnv>();

productPages.get('/cong-khai/san-pham', async (c) => {
  const deps = c.get('deps');
  const q = (c.req.query('q') ?? '').slice(0, 100);
  const star = Number(c.req.query('sao')) || undefined;
  const group = c.req.query('nhom') || undefined;
  const unitId = Number(c.req.query('don-vi')) || undefined;
  const cat = await catalogue(deps, { q, star, group, unitId });
  const opt = (v: string | number, label: string, cur: string | number | undefined) =>
    `<option value="${esc(v)}"${String(cur ?? '') === String(v) ? ' selected' : ''}>${esc(label)}</option>`;
  const body = `<h1>Sản phẩm OCOP</h1>
<form class="card feedback" method="get" action="/cong-khai/san-pham" role="search"><label for="q">Tìm sản phẩm (gõ không dấu cũng được)</label><input id="q" name="q" value="${esc(q)}">
<label for="sao">Hạng sao</label><select id="sao" name="sao">${opt('', 'Tất cả', star)}${[3, 4, 5].map((s) => opt(s, `${s} sao`, star)).join('')}</select>
<label for="nhom">Nhóm sản phẩm</label><select id="nhom" name="nhom">${opt('', 'Tất cả', group)}${cat.groups.map((g) => opt(g, g, group)).join('')}</select>
<label for="don-vi">Địa phương</label><select id="don-vi" name="don-vi">${opt('', 'Tất cả', unitId)}${cat.units.map((u) => opt(u.id, u.name, unitId)).join('')}</select>
<button type="submit">Tìm</button></form>
<p role="status">${cat.items.length} sản phẩm</p>
<table><thead><tr><th scope="col">Sản phẩm</th><th scope="col">Chủ thể</th><th scope="col">Địa phương</th><th scope="col">Hạng</th></tr></thead><tbody>${cat.items
    .map(
      (p) =>
        `<tr><td><a href="/cong-khai/san-pham/${encodeURIComponent(p.code)}">${esc(p.name)}</a><br><span class="muted">${esc(p.groupName)}</span></td><td>${esc(p.producerName)}</td><td>${esc(p.unitName)}</td><td>${p.star ? `<span class="stars" aria-label="${p.star} sao">${stars(p.star)}</span>` : '<span class="muted">Chưa có sao còn hiệu lực</span>'}</td></tr>`,
    )
    .join('')}</tbody></table>`;
  return html(
    c,
    layout(deps, {
      title: 'Sản phẩm OCOP',
      description: 'Danh mục sản phẩm OCOP đã được công bố, hạng sao còn hiệu lực.',
      path: '/cong-khai/san-pham',
      body,
    }),
  );
});

productPages.get('/cong-khai/san-pham/:code', async (c) => {
  const deps = c.get('deps');
  const p = await publicProduct(deps, c.req.param('code'));
  if (!p) return notFound(c, 'Sản phẩm không tồn tại hoặc chưa được công bố.');
  const extra = await feedbackSection(deps, 'product', p.code, p.name, c.req.query('da-gui') === '1');
  return html(
    c,
    layout(deps, {
      title: `${p.name} — sản phẩm OCOP`,
      description: `${p.name}${p.star ? `, OCOP ${p.star} sao` : ''} — ${p.producer.name}, ${p.unitName}`,
      path: `/cong-khai/san-pham/${encodeURIComponent(p.code)}`,
      image: p.photos[0] ? `/api/public/ocop/photos/${p.photos[0].id}` : undefined,
      body: renderPublicProduct(p) + extra,
    }),
  );
});
