/**
 * The public portal at /cong-khai: server-rendered pages (no JavaScript needed), the feedback form
 * post, open-data downloads, sitemap and robots. Everything shown comes from `data.ts`, which reads
 * published, verified data only; pages are sent with `no-cache` so unpublishing takes effect at once.
 */
import { Hono, type Context } from 'hono';
import { cellStatus } from '../../domain/criteria/cell-status';
import { eq } from 'drizzle-orm';
import { loadQrCode } from '../../lib/lazy';
import type { AppEnv, Deps } from '../../context';
import { files, ocopProducts, projectPhotos, units } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { toCsv } from '../../lib/csv';
import { clientIp } from '../../lib/http';
import { formatAmountVi, formatDateVi, formatNumberVi, todayVn } from '../../shared/vi';
import { publicProduct, renderPublicProduct } from '../ocop/public';
import {
  actionsFor,
  publicHandoverOf,
  publicRecommendations,
  type PublicRecommendation,
  catalogue,
  publicProjects,
  publishedCommunes,
  provincesOf,
  publishedFeedback,
  setNames,
  trendOf,
  unitById,
  type PublicCommune,
} from './data';
import { explainCriterion } from './explain';
import { FeedbackForm, feedbackPhoto, formToken, submitFeedback } from './feedback';
import { publishedProjectIds } from './publish';
import { baseUrl, esc, stars } from '../../lib/html';
import { barChartSvg, layout } from './layout';
import { publicProjectUrl } from '../capital/detail';

export const portalRoutes = new Hono<AppEnv>();

const LICENCE =
  'Dữ liệu công khai theo Creative Commons Ghi công 4.0 (CC BY 4.0): được sử dụng lại, ghi nguồn “Đồng Lòng — cổng thông tin công khai”. Chỉ gồm số liệu đã được xác minh và công bố.';
const monthVi = (m: string | null) => (m ? `${m.slice(5, 7)}/${m.slice(0, 4)}` : '—');
const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const unitPath = (u: { unitId?: number; id?: number; name: string }) => `/cong-khai/don-vi/${u.unitId ?? u.id}-${slug(u.name)}`;

function html(c: Context<AppEnv>, body: string, status: 200 | 201 | 400 | 404 | 429 = 200) {
  c.header('cache-control', 'no-cache');
  return c.html(body, status);
}

function notFound(c: Context<AppEnv>, what: string) {
  return html(
    c,
    layout(c.get('deps'), {
      title: 'Không tìm thấy',
      description: what,
      path: '/cong-khai',
      body: `<div class="card"><h1>Không tìm thấy</h1><p>${esc(what)}</p><p><a href="/cong-khai">Về trang tổng quan</a></p></div>`,
    }),
    404,
  );
}

const level = (c: PublicCommune) =>
  c.criteriaMet === null ? 'Chưa có số liệu' : c.standardMet ? 'Đạt chuẩn NTM' : 'Chưa đạt chuẩn';

function communeTable(rows: PublicCommune[]) {
  return `<table><caption class="muted">Số liệu đã xác minh, tính đến tháng công bố</caption><thead><tr><th scope="col">Xã, phường</th><th scope="col">Tháng số liệu</th><th scope="col">Tiêu chí đạt</th><th scope="col">Chỉ tiêu đạt</th><th scope="col">Mức đạt</th></tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr><td><a href="${unitPath(r)}">${esc(r.name)}</a></td><td>${monthVi(r.month)}</td><td>${r.criteriaMet ?? '—'}/${r.criteriaTotal ?? '—'}</td><td>${r.indicatorsMet ?? '—'}/${r.indicatorsTotal ?? '—'}</td><td>${level(r)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

async function feedbackSection(deps: Deps, target: 'unit' | 'project' | 'product', code: string, title: string, sent: boolean) {
  const items = await publishedFeedback(deps, target, code);
  const token = await formToken(deps);
  const list = items.length
    ? `<ul>${items
        .map(
          (f) =>
            `<li><p>${esc(f.text)}</p>${f.answer ? `<p class="answer"><strong>Trả lời${f.answeredOn ? ` (${formatDateVi(f.answeredOn)})` : ''}:</strong> ${esc(f.answer)}</p>` : ''}</li>`,
        )
        .join('')}</ul>`
    : '<p class="muted">Chưa có ý kiến nào được trả lời công khai.</p>';
  return `<section class="card" aria-labelledby="y-kien"><h2 id="y-kien">Ý kiến của người dân</h2>${sent ? '<p class="notice" role="status">Cảm ơn bạn. Ý kiến đã được gửi và sẽ được trả lời sau khi cơ quan quản lý xem xét.</p>' : ''}${list}
<form class="feedback" method="post" action="/cong-khai/phan-hoi" enctype="multipart/form-data">
<input type="hidden" name="target" value="${target}"><input type="hidden" name="code" value="${esc(code)}"><input type="hidden" name="token" value="${esc(token)}">
<div class="hp" aria-hidden="true"><label for="website">Để trống ô này</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<label for="fb-category">Loại ý kiến</label><select id="fb-category" name="category"><option value="question">Hỏi</option><option value="suggestion">Góp ý, đề xuất</option><option value="complaint">Phản ánh</option><option value="praise">Ghi nhận</option><option value="other">Khác</option></select>
<label for="fb-text">Nội dung về “${esc(title)}” (bắt buộc)</label><textarea id="fb-text" name="text" rows="4" required minlength="10" maxlength="4000"></textarea>
<label for="fb-photo">Ảnh (không bắt buộc)</label><input id="fb-photo" name="photo" type="file" accept="image/png,image/jpeg,image/webp">
<label for="fb-name">Họ tên (không bắt buộc, không công khai)</label><input id="fb-name" name="contactName" maxlength="100" autocomplete="name">
<label for="fb-contact">Số điện thoại hoặc thư điện tử để được liên hệ (không bắt buộc, không công khai)</label><input id="fb-contact" name="contact" maxlength="200">
<button type="submit">Gửi ý kiến</button></form></section>`;
}

// ------------------------------------------------------------------------------------------- home

portalRoutes.get('/cong-khai', async (c) => {
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

// ------------------------------------------------------------------------------------------- units

const REC_STATUS: Record<string, string> = {
  open: 'Đang thực hiện',
  reported: 'Đã báo cáo kết quả, chờ HĐND đánh giá',
  accepted: 'Đã hoàn thành',
  not_accepted: 'Chưa đạt, tiếp tục thực hiện',
  closed: 'Đã khép lại',
};

/** The People's Councils' recommendations to a commune, with who follows each up since a handover. */
function recommendationsSection(recs: PublicRecommendation[], today: string) {
  if (!recs.length) return '';
  const rows = recs
    .map((r) => {
      const overdue = ['open', 'reported', 'not_accepted'].includes(r.status) && r.deadline < today;
      const h = r.handover;
      const note = h
        ? h.closedReason !== null
          ? `<br><small class="muted">Khép lại khi ${esc(h.fromCouncil)} kết thúc (${formatDateVi(h.on)}): ${esc(h.closedReason)}</small>`
          : `<br><small class="muted">Từ ${formatDateVi(h.on)} do ${esc(h.toCouncil ?? '')} theo dõi (tiếp nhận từ ${esc(h.fromCouncil)}; ${esc(h.legalBasis)})</small>`
        : '';
      return `<tr><td>${esc(r.councilName)}<br><small class="muted">${esc(r.activityTitle)}${r.conclusionNo ? ` — ${esc(r.conclusionNo)}` : ''}${r.conclusionDate ? `, ${formatDateVi(r.conclusionDate)}` : ''}</small></td><td>${esc(r.text)}${note}</td><td>${formatDateVi(r.deadline)}</td><td class="${r.status === 'accepted' ? 'met' : overdue ? 'unmet' : ''}">${esc(REC_STATUS[r.status] ?? '')}${overdue ? ' (quá hạn)' : ''}</td></tr>`;
    })
    .join('');
  return `<section class="card"><h2>Kiến nghị giám sát của Hội đồng nhân dân</h2><table><thead><tr><th scope="col">Hội đồng nhân dân</th><th scope="col">Kiến nghị</th><th scope="col">Thời hạn</th><th scope="col">Tình hình</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

portalRoutes.get('/cong-khai/don-vi/:ref', async (c) => {
  const deps = c.get('deps');
  const id = Number(/^(\d+)/.exec(c.req.param('ref'))?.[1]);
  const unit = Number.isInteger(id) && id > 0 ? await unitById(deps, id) : null;
  if (!unit) return notFound(c, 'Đơn vị không tồn tại hoặc chưa có số liệu công bố.');
  const rows = await publishedCommunes(deps, unit.id);
  if (!rows.length) return notFound(c, 'Đơn vị không tồn tại hoặc chưa có số liệu công bố.');
  const path = unitPath(unit);
  const sent = c.req.query('da-gui') === '1';
  if (!['commune', 'ward', 'township', 'special_zone'].includes(unit.type)) {
    // the chart shows the units as they are now (or, for a former unit, as they were)
    const withFigures = rows.filter((r) => r.criteriaMet !== null && (Boolean(unit.effectiveTo) || !r.historic));
    const chart = withFigures.length
      ? await barChartSvg({
          title: `Số tiêu chí đạt của từng xã — ${unit.name}`,
          labels: withFigures.map((r) => r.name),
          values: withFigures.map((r) => r.criteriaMet!),
          max: Math.max(...withFigures.map((r) => r.criteriaTotal ?? 0)),
        })
      : '';
    const body = `<h1>${esc(unit.name)}</h1><p class="muted">${unit.effectiveTo ? `Đơn vị hành chính đến ngày ${formatDateVi(unit.effectiveTo)}. ` : ''}${withFigures.length} xã, phường có số liệu đã xác minh; ${withFigures.filter((r) => r.standardMet).length} xã đạt chuẩn nông thôn mới.</p>
<section class="card"><h2>Các xã, phường</h2>${communeTable(rows.filter((r) => !r.historic))}</section>${chart ? `<section class="card">${chart}</section>` : ''}
${rows.some((r) => r.historic) ? `<section class="card"><h2>Trước sắp xếp đơn vị hành chính</h2>${communeTable(rows.filter((r) => r.historic))}</section>` : ''}
${(await publicHandoverOf(deps, unit.id))
  .map(
    (h) =>
      `<section class="card"><h2>Bàn giao của ${esc(h.fromCouncil)}</h2><p>Ngày ${formatDateVi(h.on)}, ${esc(h.fromCouncil)} kết thúc cùng cấp chính quyền; ${h.handedOver} kiến nghị, kiến nghị cử tri còn mở được chuyển cho ${esc(h.toCouncil ?? 'không có HĐND kế tiếp')} theo dõi${h.closed ? `, ${h.closed} việc được khép lại có lý do` : ''} (${esc(h.legalBasis)}).</p></section>`,
  )
  .join('')}`;
    return html(
      c,
      layout(deps, { title: unit.name, description: `Kết quả xây dựng nông thôn mới của ${unit.name}`, path, body }),
    );
  }
  const me = rows.find((r) => r.unitId === unit.id);
  if (!me) return notFound(c, 'Đơn vị chưa có số liệu công bố.');
  const sets = await setNames(deps, me.setId ? [me.setId] : []);
  const set = me.setId ? sets.get(me.setId) : undefined;
  const trend = await trendOf(deps, unit.id, me.publishedMonth);
  const actions = await actionsFor(deps, unit.id);
  const names = new Map((set?.criteria ?? []).map((x) => [x.number, x.name]));
  const criteria = me.criteria ?? [];
  const table = criteria.length
    ? `<table><caption>${esc(set?.name ?? 'Bộ tiêu chí')} — tháng ${monthVi(me.month)}</caption><thead><tr><th scope="col">Tiêu chí</th><th scope="col">Nghĩa là gì</th><th scope="col">Chỉ tiêu đạt</th><th scope="col">Kết quả</th></tr></thead><tbody>${criteria
        .map((x) => {
          const name = names.get(x.number) ?? '';
          const status = cellStatus(x);
          const na = x.notApplicable ? ` <small class="muted">(${x.notApplicable} chỉ tiêu không áp dụng)</small>` : '';
          const verdict =
            status === 'not_applicable'
              ? '<td class="na">Không áp dụng</td>'
              : `<td class="${x.met ? 'met' : 'unmet'}">${x.met ? 'Đạt' : 'Chưa đạt'}</td>`;
          return `<tr><th scope="row">${esc(x.number)}. ${esc(name)}</th><td>${esc(explainCriterion(name))}</td><td>${x.indicatorsMet}/${x.indicatorsTotal}${na}</td>${verdict}</tr>`;
        })
        .join('')}</tbody></table>`
    : '<p>Chưa có kết quả đã xác minh.</p>';
  const unmet = criteria.filter((x) => !x.met).map((x) => x.number);
  const doing = actions.filter((a) => unmet.includes(a.criterion));
  const actionList = doing.length
    ? `<table><thead><tr><th scope="col">Tiêu chí</th><th scope="col">Việc đang làm</th><th scope="col">Cơ quan phụ trách</th><th scope="col">Dự kiến xong</th><th scope="col">Tiến độ</th></tr></thead><tbody>${doing
        .map(
          (a) =>
            `<tr><td>${esc(a.criterion)}</td><td>${esc(a.title)}</td><td>${esc(a.agency ?? 'UBND xã')}</td><td>${a.targetMonth ? monthVi(a.targetMonth.slice(0, 7)) : '—'}</td><td>${a.progress}%</td></tr>`,
        )
        .join('')}</tbody></table>`
    : unmet.length
      ? '<p class="muted">Chưa có kế hoạch được công bố cho các tiêu chí chưa đạt.</p>'
      : '<p>Xã đã đạt tất cả các tiêu chí.</p>';
  const chart =
    trend.length > 1
      ? await barChartSvg({
          title: 'Số tiêu chí đạt theo tháng (số liệu đã xác minh)',
          labels: trend.map((t) => monthVi(t.month)),
          values: trend.map((t) => t.criteriaMet),
          max: me.criteriaTotal ?? undefined,
        })
      : '';
  const body = `<h1>${esc(unit.name)}</h1>
<div class="figures"><div class="figure"><span>Tiêu chí đạt</span><strong>${me.criteriaMet ?? '—'}/${me.criteriaTotal ?? '—'}</strong></div>
<div class="figure"><span>Chỉ tiêu đạt</span><strong>${me.indicatorsMet ?? '—'}/${me.indicatorsTotal ?? '—'}</strong></div>
<div class="figure"><span>Mức đạt</span><strong>${level(me)}</strong></div><div class="figure"><span>Số liệu tháng</span><strong>${monthVi(me.month)}</strong></div></div>
<section class="card"><h2>Kết quả từng tiêu chí</h2>${table}</section>
${chart ? `<section class="card"><h2>Diễn biến</h2>${chart}</section>` : ''}
<section class="card"><h2>Đang làm gì với các tiêu chí chưa đạt</h2>${actionList}</section>
${recommendationsSection(await publicRecommendations(deps, unit.id), todayVn(deps.clock.now()))}
${await feedbackSection(deps, 'unit', String(unit.id), unit.name, sent)}`;
  return html(
    c,
    layout(deps, {
      title: unit.name,
      description: `${unit.name}: đạt ${me.criteriaMet ?? 0}/${me.criteriaTotal ?? 0} tiêu chí nông thôn mới (tháng ${monthVi(me.month)})`,
      path,
      body,
    }),
  );
});

// ----------------------------------------------------------------------------------------- products

portalRoutes.get('/cong-khai/san-pham', async (c) => {
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

portalRoutes.get('/cong-khai/san-pham/:code', async (c) => {
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

// ----------------------------------------------------------------------------------------- projects

portalRoutes.get('/cong-khai/du-an', async (c) => {
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

portalRoutes.get('/cong-khai/du-an/:code', async (c) => {
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

portalRoutes.get('/cong-khai/anh/du-an/:id', async (c) => {
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

portalRoutes.get('/cong-khai/anh/y-kien/:id', async (c) => {
  const deps = c.get('deps');
  const f = await feedbackPhoto(deps, Number(c.req.param('id')) || 0);
  if (!f) throw new AppError('NOT_FOUND');
  c.header('content-type', f.mime);
  return c.body(new Uint8Array(await deps.files.read(f.sha256)), 200);
});

// ----------------------------------------------------------------------------------------- feedback

portalRoutes.post('/cong-khai/phan-hoi', async (c) => {
  const deps = c.get('deps');
  const form = await c.req.parseBody();
  const str = (k: string) => (typeof form[k] === 'string' ? form[k] : undefined);
  const parsed = FeedbackForm.safeParse({
    target: str('target'),
    code: str('code'),
    category: str('category'),
    text: str('text'),
    contactName: str('contactName'),
    contact: str('contact'),
    token: str('token') ?? '',
    website: str('website'),
  });
  const page = (status: 400 | 404 | 429, message: string) =>
    html(
      c,
      layout(deps, {
        title: 'Chưa gửi được ý kiến',
        description: message,
        path: '/cong-khai/phan-hoi',
        body: `<div class="card"><h1>Chưa gửi được ý kiến</h1><p class="error" role="alert">${esc(message)}</p><p><a href="javascript:history.back()">Quay lại</a> · <a href="/cong-khai">Trang tổng quan</a></p></div>`,
      }),
      status,
    );
  if (!parsed.success) return page(400, parsed.error.issues.map((i) => i.message).join('; '));
  const input = parsed.data;
  const resolved = await resolveTarget(deps, input.target, input.code);
  const photo =
    form.photo instanceof File && form.photo.size > 0
      ? { name: form.photo.name, bytes: new Uint8Array(await form.photo.arrayBuffer()) }
      : null;
  try {
    await submitFeedback(deps, { requestId: c.get('requestId'), ip: clientIp(c), now: deps.clock.now() }, input, resolved, photo);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    if (e.code === 'RATE_LIMITED') return page(429, 'Bạn đã gửi nhiều ý kiến trong một giờ. Vui lòng thử lại sau.');
    if (e.code === 'NOT_FOUND') return page(404, 'Trang bạn góp ý không tồn tại hoặc không còn được công khai.');
    if (e.code === 'RULE_VIOLATION')
      return page(400, 'Biểu mẫu đã hết hạn hoặc được gửi quá nhanh. Vui lòng tải lại trang, đọc và gửi lại.');
    if (e.code === 'UNSUPPORTED_MEDIA_TYPE' || e.code === 'PAYLOAD_TOO_LARGE')
      return page(400, 'Ảnh đính kèm phải là tệp ảnh (PNG, JPG, WebP) và không quá lớn.');
    throw e;
  }
  return c.redirect(`${resolved!.path}?da-gui=1#y-kien`, 303);
});

async function resolveTarget(deps: Deps, target: 'unit' | 'project' | 'product', code: string) {
  if (target === 'unit') {
    const unit = /^\d+$/.test(code) ? await unitById(deps, Number(code)) : null;
    if (!unit || !(await publishedCommunes(deps, unit.id)).some((r) => r.unitId === unit.id)) return null;
    return { unitId: unit.id, title: unit.name, path: unitPath(unit) };
  }
  if (target === 'project') {
    const [p] = await publicProjects(deps, { code });
    if (!p) return null;
    return { unitId: p.unitId, title: p.name, path: `/cong-khai/du-an/${encodeURIComponent(p.code)}` };
  }
  const p = await publicProduct(deps, code);
  if (!p) return null;
  const [row] = await deps.db.select({ unitId: ocopProducts.unitId }).from(ocopProducts).where(eq(ocopProducts.code, code));
  return { unitId: row!.unitId, title: p.name, path: `/cong-khai/san-pham/${encodeURIComponent(p.code)}` };
}

// ---------------------------------------------------------------------------------------- open data

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

portalRoutes.get('/cong-khai/du-lieu', (c) => {
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

portalRoutes.get('/cong-khai/du-lieu/:file{[a-z-]+\\.(csv|json)}', async (c) => {
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

// -------------------------------------------------------------------------------- sitemap, robots

portalRoutes.get('/sitemap.xml', async (c) => {
  const deps = c.get('deps');
  const base = baseUrl(deps);
  const [country] = await deps.db.select().from(units).where(eq(units.type, 'country')).limit(1);
  const communes = country ? await publishedCommunes(deps, country.id) : [];
  const urls = [
    '/cong-khai',
    '/cong-khai/san-pham',
    '/cong-khai/du-an',
    '/cong-khai/du-lieu',
    ...communes.map((x) => unitPath(x)),
    ...(await catalogue(deps)).items.map((p) => `/cong-khai/san-pham/${encodeURIComponent(p.code)}`),
    ...(await publicProjects(deps)).map((p) => `/cong-khai/du-an/${encodeURIComponent(p.code)}`),
  ];
  c.header('content-type', 'application/xml; charset=utf-8');
  c.header('cache-control', 'no-cache');
  return c.body(
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<url><loc>${esc(base + u)}</loc></url>`).join('')}</urlset>`,
  );
});

portalRoutes.get('/robots.txt', (c) =>
  c.text(`User-agent: *\nAllow: /cong-khai\nDisallow: /api/\nDisallow: /\nSitemap: ${baseUrl(c.get('deps'))}/sitemap.xml\n`),
);
