/** Open data, /cong-khai/du-lieu: the list of datasets and each as CSV or JSON, with stable columns and the licence. */
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../../../context';
import { units } from '../../../db/schema';
import { toCsv } from '../../../lib/csv';
import { esc } from '../../../lib/html';
import { todayVn } from '../../../shared/vi';
import { catalogue, publicProjects, publishedCommunes } from '../data';
import { layout } from '../layout';
import { html, notFound } from './common';

export const openDataPages = new Hono<AppEnv>();

const LICENCE =
  'Dữ liệu công khai theo Creative Commons Ghi công 4.0 (CC BY 4.0): được sử dụng lại, ghi nguồn “Đồng Lòng — cổng thông tin công khai”. Chỉ gồm số liệu đã được xác minh và công bố.';

/** Stable column names (v1): new columns may be added at the end, none renamed or removed. */
const COLUMNS = {
  xa: [
    'unit_id',
    'unit_code',
    'unit_name',
    'published_month',
    'data_month',
    'criteria_met',
    'criteria_total',
    'indicators_met',
    'indicators_total',
    'ntm_standard',
  ],
  'du-an': ['project_code', 'project_name', 'unit_name', 'owner', 'status', 'total_investment_vnd', 'disbursed_vnd'],
  'san-pham': ['product_code', 'product_name', 'group', 'producer', 'unit_name', 'star', 'certificate_valid_to'],
} as const;

async function dataset(deps: Deps, name: string) {
  if (name === 'xa') {
    const [country] = await deps.db.select().from(units).where(eq(units.type, 'country')).limit(1);
    const rows = country ? await publishedCommunes(deps, country.id) : [];
    return rows.map((r) => ({
      unit_id: r.unitId,
      unit_code: r.code,
      unit_name: r.name,
      published_month: r.publishedMonth,
      data_month: r.month,
      criteria_met: r.criteriaMet,
      criteria_total: r.criteriaTotal,
      indicators_met: r.indicatorsMet,
      indicators_total: r.indicatorsTotal,
      ntm_standard: r.standardMet,
    }));
  }
  if (name === 'du-an')
    return (await publicProjects(deps)).map((p) => ({
      project_code: p.code,
      project_name: p.name,
      unit_name: p.unitName,
      owner: p.owner,
      status: p.status,
      total_investment_vnd: p.totalInvestment,
      disbursed_vnd: p.disbursed,
    }));
  if (name === 'san-pham')
    return (await catalogue(deps)).items.map((p) => ({
      product_code: p.code,
      product_name: p.name,
      group: p.groupName,
      producer: p.producerName,
      unit_name: p.unitName,
      star: p.star,
      certificate_valid_to: p.validTo,
    }));
  return null;
}

const DATASETS = [
  ['xa', 'Kết quả tiêu chí nông thôn mới của các xã (số liệu đã xác minh, công bố)'],
  ['du-an', 'Công trình, dự án được công khai: tổng mức đầu tư, đã giải ngân'],
  ['san-pham', 'Sản phẩm OCOP được công bố, hạng sao còn hiệu lực'],
] as const;

openDataPages.get('/cong-khai/du-lieu', (c) => {
  const body = `<h1>Dữ liệu mở</h1><p>${esc(LICENCE)}</p><section class="card"><ul>${DATASETS.map(
    ([n, label]) =>
      `<li>${esc(label)}: <a href="/cong-khai/du-lieu/${n}.csv">CSV</a> · <a href="/cong-khai/du-lieu/${n}.json">JSON</a></li>`,
  ).join(
    '',
  )}</ul><p class="muted">Cấu trúc cột ổn định (phiên bản 1): cột mới chỉ được thêm vào cuối; số tiền tính bằng đồng; ngày tháng theo ISO (yyyy-mm).</p></section>`;
  return html(
    c,
    layout(c.get('deps'), {
      title: 'Dữ liệu mở',
      description: 'Tải số liệu công khai dạng CSV, JSON.',
      path: '/cong-khai/du-lieu',
      body,
    }),
  );
});

openDataPages.get('/cong-khai/du-lieu/:file{[a-z-]+\\.(csv|json)}', async (c) => {
  const deps = c.get('deps');
  const [name, ext] = c.req.param('file').split('.') as [string, 'csv' | 'json'];
  const rows = await dataset(deps, name);
  if (!rows) return notFound(c, 'Không có bộ dữ liệu này.');
  c.header('cache-control', 'no-cache');
  c.header('content-disposition', `attachment; filename="${name}-${todayVn(deps.clock.now())}.${ext}"`);
  if (ext === 'json') return c.json({ schemaVersion: 1, licence: LICENCE, generatedOn: todayVn(deps.clock.now()), items: rows });
  const header = COLUMNS[name as keyof typeof COLUMNS];
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('link', '<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
  const cell = (v: unknown) =>
    typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? 'true' : 'false') : null;
  return c.body(toCsv([[...header], ...rows.map((r) => header.map((h) => cell((r as Record<string, unknown>)[h])))]));
});
