/** The portal's home page, /cong-khai: headline figures, the localities, OCOP stars and projects. */
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../../../context';
import { units } from '../../../db/schema';
import { esc } from '../../../lib/html';
import { formatAmountVi } from '../../../shared/vi';
import { catalogue, provincesOf, publicProjects, publishedCommunes } from '../data';
import { barChartSvg, layout } from '../layout';
import { html, unitPath } from './common';

export const homePage = new Hono<AppEnv>();

homePage.get('/cong-khai', async (c) => {
  const deps = c.get('deps');
  const [country] = await deps.db.select().from(units).where(eq(units.type, 'country')).limit(1);
  const communes = country ? await publishedCommunes(deps, country.id) : [];
  const current = communes.filter((x) => !x.historic && x.criteriaMet !== null);
  const products = (await catalogue(deps)).items;
  const projects = await publicProjects(deps);
  const byStar = [3, 4, 5].map((s) => products.filter((p) => p.star === s).length);
  const provinces = await provincesOf(
    deps,
    communes.map((x) => x.unitId),
  );
  const chart = current.length
    ? await barChartSvg({
        title: 'Số tiêu chí đạt của các xã (số liệu công bố mới nhất)',
        labels: current.map((x) => x.name),
        values: current.map((x) => x.criteriaMet ?? 0),
        max: Math.max(...current.map((x) => x.criteriaTotal ?? 0)),
      })
    : '';
  const body = `<h1>Chương trình xây dựng nông thôn mới và OCOP</h1>
<div class="figures"><div class="figure"><span>Xã có số liệu công bố</span><strong>${current.length}</strong></div>
<div class="figure"><span>Xã đạt chuẩn NTM</span><strong>${current.filter((x) => x.standardMet).length}</strong></div>
<div class="figure"><span>Sản phẩm OCOP 3–5 sao còn hiệu lực</span><strong>${byStar.reduce((a, b) => a + b, 0)}</strong></div>
<div class="figure"><span>Công trình được công khai</span><strong>${projects.length}</strong></div></div>
<section class="card"><h2>Các địa phương</h2><ul>${[...provinces]
    .map(([id, name]) => `<li><a href="${unitPath({ id, name })}">${esc(name)}</a></li>`)
    .join('')}</ul>${chart}</section>
<section class="card"><h2>Sản phẩm OCOP</h2><p>${byStar.map((n, i) => `${n} sản phẩm ${i + 3} sao`).join(' · ')}. <a href="/cong-khai/san-pham">Xem danh mục sản phẩm</a></p></section>
<section class="card"><h2>Công trình, dự án</h2><p>Tổng vốn đã giải ngân của ${projects.length} công trình được công khai: ${formatAmountVi(projects.reduce((a, p) => a + p.disbursed, 0))} đồng. <a href="/cong-khai/du-an">Xem các công trình</a></p></section>`;
  return html(
    c,
    layout(deps, {
      title: 'Cổng thông tin công khai',
      description: 'Kết quả xây dựng nông thôn mới, sản phẩm OCOP và công trình đầu tư đã được xác minh, công bố.',
      path: '/cong-khai',
      body,
    }),
  );
});
