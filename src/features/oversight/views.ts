import type { z } from '@hono/zod-openapi';
import type {
  councilBodies,
  councilDelegates,
  councils,
  oversightActivities,
  oversightDocuments,
  petitions,
  recommendationReports,
  recommendations,
} from '../../db/schema';
import type { ActivityStep } from '../../domain/lifecycles/activity';
import type { PetitionStep } from '../../domain/lifecycles/petition';
import type { RecommendationStep } from '../../domain/lifecycles/recommendation';
import type { Activity, Body, Council, Delegate, OversightDocument, Petition, Recommendation, Report } from './schemas';

/** Rows as the API shows them: who typed a record in or decided it stays inside. */
export function councilView(c: typeof councils.$inferSelect): z.input<typeof Council> {
  return { id: c.id, unitId: c.unitId, name: c.name, term: c.term, createdAt: c.createdAt.toISOString() };
}

export function bodyView(b: typeof councilBodies.$inferSelect): z.input<typeof Body> {
  return { id: b.id, councilId: b.councilId, kind: b.kind, name: b.name };
}

export function delegateView(d: typeof councilDelegates.$inferSelect): z.input<typeof Delegate> {
  return { id: d.id, councilId: d.councilId, fullName: d.fullName, position: d.position, bodyIds: d.bodyIds };
}

/** `actions`: the steps the caller may take now (`openSteps`). */
export function activityView(a: typeof oversightActivities.$inferSelect, actions: ActivityStep[]): z.input<typeof Activity> {
  return {
    id: a.id,
    councilId: a.councilId,
    kind: a.kind,
    title: a.title,
    topic: a.topic,
    legalBasis: a.legalBasis,
    leadBodyId: a.leadBodyId,
    scheduledOn: a.scheduledOn,
    heldOn: a.heldOn,
    chair: a.chair,
    plan: a.plan,
    explainingBodies: a.explainingBodies,
    invitees: a.invitees,
    status: a.status,
    followsId: a.followsId,
    conclusionNo: a.conclusionNo,
    conclusionDate: a.conclusionDate,
    conclusionText: a.conclusionText,
    isDemo: a.isDemo,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    actions,
  };
}

export function documentView(d: typeof oversightDocuments.$inferSelect): z.input<typeof OversightDocument> {
  return {
    id: d.id,
    activityId: d.activityId,
    kind: d.kind,
    title: d.title,
    number: d.number,
    version: d.version,
    fileId: d.fileId,
    fileName: d.fileName,
    createdAt: d.createdAt.toISOString(),
  };
}

export function recommendationView(
  r: typeof recommendations.$inferSelect,
  actions: RecommendationStep[],
): z.input<typeof Recommendation> {
  return {
    id: r.id,
    activityId: r.activityId,
    seq: r.seq,
    text: r.text,
    addresseeUnitId: r.addresseeUnitId,
    addresseeLabel: r.addresseeLabel,
    deadline: r.deadline,
    links: r.links,
    status: r.status,
    decidedOn: r.decidedOn,
    decisionNote: r.decisionNote,
    followUpCouncilId: r.followUpCouncilId,
    handoverId: r.handoverId,
    isDemo: r.isDemo,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    actions,
  };
}

export function reportView(r: typeof recommendationReports.$inferSelect): z.input<typeof Report> {
  return {
    id: r.id,
    recommendationId: r.recommendationId,
    reportedOn: r.reportedOn,
    text: r.text,
    done: r.done,
    fileId: r.fileId,
    fileName: r.fileName,
    createdAt: r.createdAt.toISOString(),
  };
}

export function petitionView(p: typeof petitions.$inferSelect, actions: PetitionStep[]): z.input<typeof Petition> {
  return {
    id: p.id,
    councilId: p.councilId,
    unitId: p.unitId,
    source: p.source,
    sourceNote: p.sourceNote,
    receivedOn: p.receivedOn,
    text: p.text,
    category: p.category,
    assigneeUnitId: p.assigneeUnitId,
    assigneeLabel: p.assigneeLabel,
    deadline: p.deadline,
    status: p.status,
    answer: p.answer,
    answeredOn: p.answeredOn,
    followUpCouncilId: p.followUpCouncilId,
    handoverId: p.handoverId,
    isDemo: p.isDemo,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    actions,
  };
}
