import type { z } from '@hono/zod-openapi';
import type { contributions, deadlineExtensions, readinessItems } from '../../db/schema';
import type { RedFlag as RedFlagValue } from '../../domain/capital/red-flags';
import type { ProjectRow } from './queries';
import type { Contribution, DeadlineExtension, Project, ReadinessItem, RedFlag } from './schemas';

/** What of a project the API shows: never its search key or who typed it in. */
export function projectView(p: ProjectRow): z.input<typeof Project> {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    unitId: p.unitId,
    unitIds: p.unitIds,
    owner: p.owner,
    type: p.type,
    status: p.status,
    totalInvestment: p.totalInvestment,
    approvalDecision: p.approvalDecision,
    approvalDate: p.approvalDate,
    startDate: p.startDate,
    endDate: p.endDate,
    lat: p.lat,
    lon: p.lon,
    contractor: p.contractor,
    description: p.description,
    indicators: p.indicators,
    isDemo: p.isDemo,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** A dossier item: whether and when it was done, not who ticked it. */
export function readinessView(r: typeof readinessItems.$inferSelect): z.input<typeof ReadinessItem> {
  return { code: r.code, label: r.label, done: r.done, doneAt: r.doneAt?.toISOString() ?? null, note: r.note };
}

export function extensionView(e: typeof deadlineExtensions.$inferSelect): z.input<typeof DeadlineExtension> {
  return {
    id: e.id,
    projectId: e.projectId,
    planYear: e.planYear,
    newDeadline: e.newDeadline,
    decisionNo: e.decisionNo,
    decisionDate: e.decisionDate,
    createdAt: e.createdAt.toISOString(),
  };
}

export function contributionView(c: typeof contributions.$inferSelect): z.input<typeof Contribution> {
  return {
    id: c.id,
    projectId: c.projectId,
    sourceCode: c.sourceCode,
    date: c.date,
    quantity: c.quantity,
    valueVnd: c.valueVnd,
    note: c.note,
    createdAt: c.createdAt.toISOString(),
  };
}

export function redFlagView(f: RedFlagValue): z.input<typeof RedFlag> {
  return { rule: f.rule, projectId: f.projectId, severity: f.severity, values: f.values };
}
