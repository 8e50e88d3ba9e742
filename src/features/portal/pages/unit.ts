/**
 * A unit's page, /cong-khai/don-vi/:ref: for a province or district its communes (before and after a
 * merger) and the council handovers; for a commune its criteria in plain words, the trend, what is
 * being done about the criteria not met, the councils' recommendations and the feedback section.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../../context';
import { cellStatus } from '../../../domain/criteria/cell-status';
import { esc } from '../../../lib/html';
import { formatDateVi, todayVn } from '../../../shared/vi';
import {
  actionsFor,
  publicHandoverOf,
  publicRecommendations,
  publishedCommunes,
  setNames,
  trendOf,
  unitById,
  type PublicCommune,
  type PublicRecommendation,
} from '../data';
import { explainCriterion } from '../explain';
import { barChartSvg, layout } from '../layout';
import { feedbackSection, html, monthVi, notFound, unitPath } from './common';

export const unitPage = new Hono<AppEnv>();

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

unitPage.get('/cong-khai/don-vi/:ref', async (c) => {
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
