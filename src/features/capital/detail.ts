import type { z } from '@hono/zod-openapi';
import { xlsxBytes } from '../../lib/xlsx';
import type ExcelJS from 'exceljs';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { loadExcel, loadQrCode } from '../../lib/lazy';
import { baseUrl } from '../../lib/html';
import type { Actor, Deps } from '../../context';
import {
  allocations,
  auditEvents,
  capitalPlans,
  contributions,
  deadlineExtensions,
  disbursements,
  fundingSources,
  projectPhotos,
  projectSources,
  readinessItems,
  units,
  users,
} from '../../db/schema';
import { rateBp, sumDong, toMillions } from '../../domain/capital/money';
import { safeCell } from '../../lib/csv';
import { todayVn } from '../../shared/vi';
import { authorize } from '../access/authorize';
import { projectActions } from './projects';
import { cockpit, deadlinesFor, getProject } from './queries';
import type { ProjectDetail } from './schemas';
import { contributionView, extensionView, projectView, readinessView } from './views';

export async function projectDetail(deps: Deps, actor: Actor, id: number, year: number): Promise<z.input<typeof ProjectDetail>> {
  const db = deps.db;
  const p = await getProject(db, id);
  await authorize(db, actor, 'capital.read', p.unitId);
  const sourceNames = new Map((await db.select().from(fundingSources)).map((s) => [s.code, s.nameVi]));
  const photos = await db
    .select({
      id: projectPhotos.id,
      caption: projectPhotos.caption,
      takenOn: projectPhotos.takenOn,
      addedAt: projectPhotos.addedAt,
    })
    .from(projectPhotos)
    .where(eq(projectPhotos.projectId, id))
    .orderBy(asc(projectPhotos.addedAt));
  const [sources, readiness, alloc, ledger, ext, contrib, events, unitRows] = await Promise.all([
    db.select().from(projectSources).where(eq(projectSources.projectId, id)),
    db.select().from(readinessItems).where(eq(readinessItems.projectId, id)),
    db
      .select({ a: allocations, plan: capitalPlans })
      .from(allocations)
      .innerJoin(capitalPlans, eq(capitalPlans.id, allocations.planId))
      .where(eq(allocations.projectId, id))
      .orderBy(asc(capitalPlans.year), asc(capitalPlans.version)),
    db
      .select()
      .from(disbursements)
      .where(eq(disbursements.projectId, id))
      .orderBy(asc(disbursements.date), asc(disbursements.id)),
    db.select().from(deadlineExtensions).where(eq(deadlineExtensions.projectId, id)),
    db.select().from(contributions).where(eq(contributions.projectId, id)).orderBy(asc(contributions.date)),
    db
      .select({ at: auditEvents.at, action: auditEvents.action, actorName: auditEvents.actorName, person: users.fullName })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(and(eq(auditEvents.entityType, 'project'), eq(auditEvents.entityId, String(id))))
      .orderBy(desc(auditEvents.seq))
      .limit(100),
    db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, p.unitIds)),
  ]);
  const { out: deadlines, tranches, paid } = await deadlinesFor(db, [id], year, todayVn(deps.clock.now()));
  const yearAlloc = alloc.filter((x) => x.plan.year === year && x.plan.kind === 'annual' && x.plan.status === 'approved');
  const yearLedger = ledger.filter((l) => l.planYear === year);
  const allocated = sumDong(yearAlloc.map((x) => x.a.amount));
  const disbursed = sumDong(yearLedger.map((l) => l.amount));
  let running = 0;
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const scurve = months.map((m) => {
    running += sumDong(yearLedger.filter((l) => l.date.startsWith(m)).map((l) => l.amount));
    return { month: m, cumulative: running, rateBp: rateBp(running, allocated) };
  });
  return {
    project: { ...projectView(p), units: unitRows },
    year,
    sources: sources.map((s) => ({
      sourceCode: s.sourceCode,
      name: sourceNames.get(s.sourceCode) ?? s.sourceCode,
      amount: s.amount,
    })),
    readiness: readiness.map(readinessView),
    allocations: alloc.map((x) => ({
      planId: x.plan.id,
      planName: x.plan.name,
      planYear: x.plan.year,
      planVersion: x.plan.version,
      planStatus: x.plan.status,
      resolutionNo: x.plan.resolutionNo,
      sourceCode: x.a.sourceCode,
      sourceName: sourceNames.get(x.a.sourceCode) ?? '',
      amount: x.a.amount,
      addedOn: x.a.addedOn,
    })),
    ledger: ledger.map((l) => ({
      id: l.id,
      planYear: l.planYear,
      date: l.date,
      amount: l.amount,
      sourceCode: l.sourceCode,
      sourceName: sourceNames.get(l.sourceCode) ?? '',
      paymentType: l.paymentType,
      voucherRef: l.voucherRef,
      note: l.note,
    })),
    /** The year's capital in tranches: each added on its own date, with its own deadline, paid first in, first out. */
    tranches: tranches
      .sort(
        (a, b) =>
          a.deadline.localeCompare(b.deadline) || a.addedOn.localeCompare(b.addedOn) || a.sourceCode.localeCompare(b.sourceCode),
      )
      .map((t) => ({
        planId: t.planId,
        sourceCode: t.sourceCode,
        sourceName: sourceNames.get(t.sourceCode) ?? '',
        addedOn: t.addedOn,
        amount: t.amount,
        deadline: t.deadline,
        paid: Number(paid(t)),
        left: t.amount - Number(paid(t)),
      })),
    extensions: ext.map(extensionView),
    contributions: contrib.map((c) => ({ ...contributionView(c), sourceName: sourceNames.get(c.sourceCode) ?? '' })),
    totals: {
      allocated,
      disbursed,
      rateBp: rateBp(disbursed, allocated),
      deadline: deadlines.get(id) ?? null,
      disbursedAllTime: sumDong(ledger.map((l) => l.amount)),
    },
    scurve,
    // The person's full name as a page shows it (the trail also keeps their sign-in name).
    timeline: events.map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      by: e.person ?? e.actorName.replace(/\s*\([^()]*\)$/, ''),
    })),
    photos: photos.map((ph) => ({ id: ph.id, caption: ph.caption, takenOn: ph.takenOn, addedAt: ph.addedAt.toISOString() })),
    actions: await projectActions(db, actor, deps.clock.now(), p),
  };
}

export function publicProjectUrl(deps: Deps, code: string) {
  return `${baseUrl(deps)}/cong-khai/du-an/${encodeURIComponent(code)}`;
}

/** QR code for the construction signboard, pointing at the project's public page. */
export async function projectQr(deps: Deps, actor: Actor, id: number, format: 'png' | 'svg') {
  const p = await getProject(deps.db, id);
  await authorize(deps.db, actor, 'capital.read', p.unitId);
  const url = publicProjectUrl(deps, p.code);
  return format === 'svg'
    ? {
        body: await (await loadQrCode()).toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
        type: 'image/svg+xml',
        url,
      }
    : {
        body: await (await loadQrCode()).toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 512 }),
        type: 'image/png',
        url,
      };
}

/** The usual report layout: plan, allocated, disbursed by source and by project, in triệu đồng. */
export async function capitalWorkbook(deps: Deps, actor: Actor, unitId: number, year: number): Promise<Buffer> {
  const c = await cockpit(deps, actor, unitId, year);
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Đồng Lòng';
  const ws = wb.addWorksheet(`Giai ngan ${year}`);
  ws.getCell('A1').value = `BÁO CÁO TÌNH HÌNH PHÂN BỔ, GIẢI NGÂN VỐN CHƯƠNG TRÌNH MTQG XÂY DỰNG NÔNG THÔN MỚI NĂM ${year}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getCell('A2').value = `Địa bàn: ${c.unitName}. Đơn vị tính: triệu đồng.`;
  const header = ws.getRow(4);
  header.values = [
    'STT',
    'Nguồn vốn / dự án',
    'Kế hoạch',
    'Đã phân bổ',
    'Chưa phân bổ',
    'Lũy kế giải ngân',
    'Tỷ lệ so với vốn phân bổ (%)',
    'Hạn giải ngân',
  ];
  header.font = { bold: true };
  [6, 60, 16, 16, 16, 16, 14, 14].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const num = (row: ExcelJS.Row) => [3, 4, 5, 6].forEach((col) => (row.getCell(col).numFmt = '#,##0.000'));
  const pct = (bp: number | null) => (bp === null ? null : bp / 100);
  let r = 5;
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI'];
  const total = ws.getRow(r++);
  total.values = [
    '',
    'TỔNG CỘNG',
    toMillions(c.totals.plan),
    toMillions(c.totals.allocated),
    toMillions(c.totals.unallocated),
    toMillions(c.totals.disbursed),
    pct(c.totals.rateVsAllocatedBp),
    '',
  ];
  total.font = { bold: true };
  num(total);
  c.bySource.forEach((s, i) => {
    const row = ws.getRow(r++);
    row.values = [
      roman[i] ?? '',
      safeCell(s.name),
      toMillions(s.plan),
      toMillions(s.allocated),
      toMillions(s.plan - s.allocated),
      toMillions(s.disbursed),
      pct(s.rateBp),
      '',
    ];
    row.font = { bold: true };
    num(row);
  });
  const byProject = ws.getRow(r++);
  byProject.values = ['', 'CHI TIẾT THEO DỰ ÁN'];
  byProject.font = { bold: true };
  c.projects.forEach((p, i) => {
    const row = ws.getRow(r++);
    row.values = [
      i + 1,
      safeCell(`${p.name} (${p.code}) — ${p.unitName}`),
      null,
      toMillions(p.allocated),
      null,
      toMillions(p.disbursed),
      pct(p.rateBp),
      p.deadline ? p.deadline.split('-').reverse().join('/') : '',
    ];
    num(row);
  });
  r++;
  const byDeadlineTitle = ws.getRow(r++);
  byDeadlineTitle.values = ['', 'VỐN THEO THỜI HẠN GIẢI NGÂN (mỗi đợt vốn theo ngày giao)'];
  byDeadlineTitle.font = { bold: true };
  const dh = ws.getRow(r++);
  dh.values = ['', 'Hạn giải ngân', null, 'Vốn các đợt', null, 'Đã giải ngân', null, 'Còn lại'];
  dh.font = { bold: true };
  for (const d of c.byDeadline) {
    const row = ws.getRow(r++);
    row.values = [
      '',
      `${d.deadline.split('-').reverse().join('/')}${d.passed && d.left > 0 ? ' (đã quá hạn)' : ''}`,
      null,
      toMillions(d.allocated),
      null,
      toMillions(d.paid),
      null,
      toMillions(d.left),
    ];
    num(row);
    row.getCell(8).numFmt = '#,##0.000';
  }
  return xlsxBytes(wb);
}
