/** Published projects, /cong-khai/du-an: the list, a project's page with its QR code, its progress photos. */
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../../../context';
import { files, projectPhotos } from '../../../db/schema';
import { AppError } from '../../../lib/errors';
import { esc } from '../../../lib/html';
import { loadQrCode } from '../../../lib/lazy';
import { formatAmountVi, formatDateVi, formatNumberVi } from '../../../shared/vi';
import { publicProjectUrl } from '../../capital/detail';
import { publicProjects } from '../data';
import { layout } from '../layout';
import { publishedProjectIds } from '../publish';
import { feedbackSection, html, notFound } from './common';

export const projectPages = new Hono<AppEnv>();

projectPages.get('/cong-khai/du-an', async (c) => {
  const deps = c.get('deps');
  const list = await publicProjects(deps);
  const body = `<h1>Công trình, dự án</h1><p class="muted">Các công trình đã được cơ quan quản lý công khai: nguồn vốn, giải ngân, tiến độ.</p>
<table><thead><tr><th scope="col">Mã</th><th scope="col">Công trình</th><th scope="col">Địa bàn</th><th scope="col">Tổng mức đầu tư</th><th scope="col">Đã giải ngân</th></tr></thead><tbody>${list
    .map(
      (p) =>
        `<tr><td>${esc(p.code)}</td><td><a href="/cong-khai/du-an/${encodeURIComponent(p.code)}">${esc(p.name)}</a></td><td>${esc(p.unitName)}</td><td>${formatAmountVi(p.totalInvestment)}</td><td>${formatAmountVi(p.disbursed)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
  return html(
    c,
    layout(deps, {
      title: 'Công trình, dự án',
      description: 'Công trình nông thôn mới được công khai.',
      path: '/cong-khai/du-an',
      body,
    }),
  );
});

projectPages.get('/cong-khai/du-an/:code', async (c) => {
  const deps = c.get('deps');
  const [p] = await publicProjects(deps, { code: c.req.param('code') });
  if (!p) return notFound(c, 'Công trình không tồn tại hoặc chưa được công khai.');
  const total = p.sources.reduce((a, s) => a + s.amount, 0);
  const rate = p.totalInvestment ? formatNumberVi((p.disbursed / p.totalInvestment) * 100, 1) : '—';
  const qr = await (
    await loadQrCode()
  ).toString(publicProjectUrl(deps, p.code), { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  const body = `<h1>${esc(p.name)}</h1><p class="muted">Mã công trình ${esc(p.code)} · ${esc(p.unitName)}</p>
<div class="figures"><div class="figure"><span>Tổng mức đầu tư</span><strong>${formatAmountVi(p.totalInvestment)}</strong></div>
<div class="figure"><span>Đã giải ngân</span><strong>${formatAmountVi(p.disbursed)}</strong></div><div class="figure"><span>Tỷ lệ</span><strong>${rate}%</strong></div></div>
<section class="card"><h2>Thông tin công trình</h2><dl><dt>Chủ đầu tư</dt><dd>${esc(p.owner)}</dd>${p.contractor ? `<dt>Nhà thầu</dt><dd>${esc(p.contractor)}</dd>` : ''}
${p.startDate ? `<dt>Khởi công</dt><dd>${formatDateVi(p.startDate)}</dd>` : ''}${p.endDate ? `<dt>Dự kiến hoàn thành</dt><dd>${formatDateVi(p.endDate)}</dd>` : ''}</dl>${p.description ? `<p>${esc(p.description)}</p>` : ''}</section>
<section class="card"><h2>Nguồn vốn</h2><table><thead><tr><th scope="col">Nguồn</th><th scope="col">Số tiền</th></tr></thead><tbody>${p.sources
    .map((s) => `<tr><td>${esc(s.name)}</td><td>${formatAmountVi(s.amount)} đồng</td></tr>`)
    .join('')}<tr><th scope="row">Tổng</th><td>${formatAmountVi(total)} đồng</td></tr></tbody></table></section>
${p.photos.length ? `<section class="card"><h2>Hình ảnh tiến độ</h2><div class="photos">${p.photos.map((ph) => `<img src="/cong-khai/anh/du-an/${ph.id}" alt="${esc(ph.caption ?? `Ảnh công trình ${p.name}`)}${ph.takenOn ? `, ${formatDateVi(ph.takenOn)}` : ''}">`).join('')}</div></section>` : ''}
<section class="card qr"><div style="width:140px">${qr}</div><p class="muted">Mã QR dán tại biển công trình dẫn đến trang này.</p></section>
${await feedbackSection(deps, 'project', p.code, p.name, c.req.query('da-gui') === '1')}`;
  return html(
    c,
    layout(deps, {
      title: p.name,
      description: `${p.name}: tổng mức đầu tư ${formatAmountVi(p.totalInvestment)}, đã giải ngân ${formatAmountVi(p.disbursed)}`,
      path: `/cong-khai/du-an/${encodeURIComponent(p.code)}`,
      body,
    }),
  );
});

projectPages.get('/cong-khai/anh/du-an/:id', async (c) => {
  const deps = c.get('deps');
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
  const [row] = await deps.db
    .select({ ph: projectPhotos, f: files })
    .from(projectPhotos)
    .innerJoin(files, eq(files.id, projectPhotos.fileId))
    .where(eq(projectPhotos.id, id));
  if (!row || !(await publishedProjectIds(deps, [row.ph.projectId])).has(row.ph.projectId)) throw new AppError('NOT_FOUND');
  c.header('content-type', row.f.mime);
  c.header('cache-control', 'no-cache');
  return c.body(new Uint8Array(await deps.files.read(row.f.sha256)), 200);
});
