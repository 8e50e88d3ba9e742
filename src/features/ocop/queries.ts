/**
 * Read side of OCOP: lists, the product page, the pipeline board and the dashboard with targets.
 * The star shown anywhere comes from `starState` (valid certificate today), never from a stored field.
 */
import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import {
  files,
  ocopCertificates,
  ocopProducers,
  ocopProductPhotos,
  ocopProducts,
  ocopRoundProducts,
  ocopRounds,
  ocopTargets,
  ocopTransitions,
  units,
  users,
} from '../../db/schema';
import { STEP_OF, type Stage } from '../../domain/ocop/cycle';
import { AppError } from '../../lib/errors';
import { searchKey, sortVi, todayVn } from '../../shared/vi';
import { authorize, scopeFilter, underUnit } from '../access/authorize';
import { auditSnapshot } from '../../lib/audit-chain';
import { lockKey, write } from '../access/write-path';
import { ownProducerId, producerFor, productActions, productFor } from './access';
import { latestCertificates, starState } from './certificates';
import { certificateView, producerView, productView, roundProductView } from './views';

/** Products the actor may see: under their ocop.read grants, or their own subject's. */
export async function visibleProducts(db: Db, actor: Actor): Promise<SQL> {
  const own = await ownProducerId(db, actor);
  const byUnit = scopeFilter(db, actor, 'ocop.read', ocopProducts.unitId);
  return own === null ? byUnit : (or(byUnit, eq(ocopProducts.producerId, own)) as SQL);
}

export async function visibleProducers(db: Db, actor: Actor): Promise<SQL> {
  const own = await ownProducerId(db, actor);
  const byUnit = scopeFilter(db, actor, 'ocop.read', ocopProducers.unitId);
  return own === null ? byUnit : (or(byUnit, eq(ocopProducers.id, own)) as SQL);
}

export async function listProducers(deps: Deps, actor: Actor, f: { unitId?: number | undefined; q?: string | undefined }) {
  const db = deps.db;
  const where = [await visibleProducers(db, actor)];
  if (f.unitId) where.push(inArray(ocopProducers.unitId, underUnit(db, f.unitId)));
  let rows = await db
    .select({ p: ocopProducers, unitName: units.name })
    .from(ocopProducers)
    .innerJoin(units, eq(units.id, ocopProducers.unitId))
    .where(and(...where));
  if (f.q) rows = rows.filter((r) => r.p.searchKey.includes(searchKey(f.q!)));
  const counts = await db
    .select({ producerId: ocopProducts.producerId, n: sql<number>`count(*)::int` })
    .from(ocopProducts)
    .groupBy(ocopProducts.producerId);
  const n = new Map(counts.map((c) => [c.producerId, c.n]));
  return sortVi(
    rows.map((r) => ({ ...producerView(r.p), unitName: r.unitName, products: n.get(r.p.id) ?? 0 })),
    (p) => p.name,
  );
}

export async function listProducts(
  deps: Deps,
  actor: Actor,
  f: {
    unitId?: number | undefined;
    year?: number | undefined;
    stage?: Stage | undefined;
    q?: string | undefined;
    producerId?: number | undefined;
  },
) {
  const db = deps.db;
  const where: SQL[] = [await visibleProducts(db, actor)];
  if (f.unitId) where.push(inArray(ocopProducts.unitId, underUnit(db, f.unitId)));
  if (f.year) where.push(eq(ocopProducts.cycleYear, f.year));
  if (f.stage) where.push(eq(ocopProducts.stage, f.stage));
  if (f.producerId) where.push(eq(ocopProducts.producerId, f.producerId));
  let rows = await db
    .select({ p: ocopProducts, producerName: ocopProducers.name, unitName: units.name })
    .from(ocopProducts)
    .innerJoin(ocopProducers, eq(ocopProducers.id, ocopProducts.producerId))
    .innerJoin(units, eq(units.id, ocopProducts.unitId))
    .where(and(...where));
  if (f.q) rows = rows.filter((r) => r.p.searchKey.includes(searchKey(f.q!)));
  const today = todayVn(deps.clock.now());
  const certs = await latestCertificates(
    db,
    rows.map((r) => r.p.id),
  );
  return sortVi(
    rows.map((r) => ({
      ...productView(r.p),
      producerName: r.producerName,
      unitName: r.unitName,
      step: STEP_OF[r.p.stage],
      ...starView(starState(certs.get(r.p.id), today)),
    })),
    (p) => p.name,
  );
}

function starView(s: ReturnType<typeof starState>) {
  return {
    star: s.star,
    certificateStatus: s.status,
    daysLeft: s.daysLeft,
    certificate: s.certificate
      ? {
          id: s.certificate.id,
          number: s.certificate.number,
          star: s.certificate.star,
          validFrom: s.certificate.validFrom,
          validTo: s.certificate.validTo,
        }
      : null,
  };
}

export async function productDetail(deps: Deps, actor: Actor, id: number) {
  const { product, capacity } = await productFor(deps.db, actor, id);
  const db = deps.db;
  const [producer] = await db.select().from(ocopProducers).where(eq(ocopProducers.id, product.producerId));
  const [unit] = await db
    .select({ id: units.id, name: units.name, code: units.code })
    .from(units)
    .where(eq(units.id, product.unitId));
  const transitions = await db
    .select({ t: ocopTransitions, byName: users.fullName })
    .from(ocopTransitions)
    .leftJoin(users, eq(users.id, ocopTransitions.by))
    .where(eq(ocopTransitions.productId, id))
    .orderBy(asc(ocopTransitions.at), asc(ocopTransitions.id));
  const photos = await db
    .select()
    .from(ocopProductPhotos)
    .where(eq(ocopProductPhotos.productId, id))
    .orderBy(asc(ocopProductPhotos.id));
  const certificates = await db
    .select()
    .from(ocopCertificates)
    .where(eq(ocopCertificates.productId, id))
    .orderBy(desc(ocopCertificates.validFrom), desc(ocopCertificates.id));
  const results = await db
    .select({ rp: ocopRoundProducts, roundName: ocopRounds.name, level: ocopRounds.level, year: ocopRounds.year })
    .from(ocopRoundProducts)
    .innerJoin(ocopRounds, eq(ocopRounds.id, ocopRoundProducts.roundId))
    .where(eq(ocopRoundProducts.productId, id))
    .orderBy(desc(ocopRounds.year));
  const today = todayVn(deps.clock.now());
  const latest = certificates.find((c) => !c.revokedAt) ?? null;
  return {
    product: productView(product),
    producer: producerView(producer!),
    unit: unit!,
    capacity,
    step: STEP_OF[product.stage],
    ...starView(starState(latest, today)),
    certificates: certificates.map(certificateView),
    results: results.map((r) => ({ ...roundProductView(r.rp), roundName: r.roundName, level: r.level, year: r.year })),
    transitions: transitions.map(({ t, byName }) => ({
      id: t.id,
      productId: t.productId,
      action: t.action,
      fromStage: t.fromStage,
      toStage: t.toStage,
      documents: t.documents,
      note: t.note,
      at: t.at.toISOString(),
      by: t.by,
      byName,
    })),
    photos: photos.map((ph) => ({
      id: ph.id,
      productId: ph.productId,
      fileId: ph.fileId,
      caption: ph.caption,
      addedAt: ph.addedAt.toISOString(),
    })),
    actions: await productActions(db, actor, deps.clock.now(), product, capacity),
  };
}

export async function producerDetail(deps: Deps, actor: Actor, id: number) {
  const { producer, capacity } = await producerFor(deps.db, actor, id);
  return {
    producer: producerView(producer),
    capacity,
    products: await listProducts(deps, actor, { producerId: id }),
  };
}

/** Columns of the pipeline board: every product of the unit and year by cycle step. */
export async function pipeline(deps: Deps, actor: Actor, unitId: number, year: number) {
  await authorize(deps.db, actor, 'ocop.read', unitId);
  const items = await listProducts(deps, actor, { unitId, year });
  const stages: Stage[] = [
    'awareness',
    'idea_registered',
    'idea_returned',
    'plan_submitted',
    'plan_returned',
    'implementing',
    'evaluation',
    'promotion',
  ];
  return {
    unitId,
    year,
    columns: stages.map((stage) => ({ stage, step: STEP_OF[stage], items: items.filter((i) => i.stage === stage) })),
  };
}

/** 1 Jan of `year` 00:00 in Vietnam (UTC+7) as an instant. */
const yearStart = (year: number) => new Date(Date.UTC(year, 0, 1) - 7 * 3_600_000);

/**
 * The OCOP dashboard for a unit and year. Targets are tracked from the data:
 * new products = submitted for evaluation (steps 1–4 completed) in the year; new 3–4★ = certificates
 * issued in the year at 3 or 4 stars that are a first rating or an upgrade; new organisations =
 * enterprises, cooperatives and cooperative groups registered in the year.
 */
export async function ocopDashboard(deps: Deps, actor: Actor, unitId: number, year: number, until?: string) {
  await authorize(deps.db, actor, 'ocop.read', unitId);
  const db = deps.db;
  const today = until && until < todayVn(deps.clock.now()) ? until : todayVn(deps.clock.now());
  const asOf = `${year}-12-31` < today ? `${year}-12-31` : today;
  const dayAfter = new Date(Date.parse(`${asOf}T00:00:00+07:00`) + 86_400_000);
  const scope = and(
    inArray(ocopProducts.unitId, underUnit(db, unitId)),
    scopeFilter(db, actor, 'ocop.read', ocopProducts.unitId),
  );
  const products = await db
    .select({ p: ocopProducts, unitName: units.name, producerName: ocopProducers.name })
    .from(ocopProducts)
    .innerJoin(units, eq(units.id, ocopProducts.unitId))
    .innerJoin(ocopProducers, eq(ocopProducers.id, ocopProducts.producerId))
    .where(scope);
  const ids = products.map((r) => r.p.id);
  const certs = ids.length
    ? await db
        .select()
        .from(ocopCertificates)
        .where(inArray(ocopCertificates.productId, ids))
        .orderBy(desc(ocopCertificates.validFrom), desc(ocopCertificates.id))
    : [];
  const live = certs.filter((c) => !c.revokedAt);
  const newestAsOf = new Map<number, (typeof certs)[number]>();
  for (const c of live) if (c.validFrom <= asOf && !newestAsOf.has(c.productId)) newestAsOf.set(c.productId, c);
  const stateOf = new Map(products.map((r) => [r.p.id, starState(newestAsOf.get(r.p.id), asOf)]));

  const submitted = ids.length
    ? await db
        .selectDistinct({ id: ocopTransitions.productId })
        .from(ocopTransitions)
        .where(
          and(
            inArray(ocopTransitions.productId, ids),
            eq(ocopTransitions.action, 'submit_for_evaluation'),
            gte(ocopTransitions.at, yearStart(year)),
            lt(ocopTransitions.at, yearStart(year + 1)),
            lt(ocopTransitions.at, dayAfter),
          ),
        )
    : [];
  const byId = new Map(live.map((c) => [c.id, c]));
  const rated = live.filter(
    (c) =>
      c.validFrom.startsWith(`${year}-`) &&
      c.validFrom <= asOf &&
      (c.star === 3 || c.star === 4) &&
      (c.previousId === null || (byId.get(c.previousId)?.star ?? 0) < c.star),
  );
  const orgs = await db
    .select({ id: ocopProducers.id })
    .from(ocopProducers)
    .where(
      and(
        inArray(ocopProducers.unitId, underUnit(db, unitId)),
        scopeFilter(db, actor, 'ocop.read', ocopProducers.unitId),
        inArray(ocopProducers.kind, ['enterprise', 'cooperative', 'coop_group']),
        gte(ocopProducers.registeredOn, `${year}-01-01`),
        lt(ocopProducers.registeredOn, `${year + 1}-01-01`),
        lte(ocopProducers.registeredOn, asOf),
      ),
    );
  const [target] = await db
    .select()
    .from(ocopTargets)
    .where(and(eq(ocopTargets.unitId, unitId), eq(ocopTargets.year, year)));

  const count = <K extends string | number>(keys: K[]) => {
    const m = new Map<K, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m.entries()].map(([key, n]) => ({ key, n }));
  };
  const starred = products.filter((r) => stateOf.get(r.p.id)!.star !== null);
  const expiringSoon = products
    .map((r) => ({ r, s: stateOf.get(r.p.id)! }))
    .filter(({ s }) => s.status === 'valid' && s.daysLeft !== null && s.daysLeft <= 90)
    .map(({ r, s }) => ({
      id: r.p.id,
      name: r.p.name,
      producerName: r.producerName,
      unitName: r.unitName,
      star: s.star,
      validTo: s.certificate!.validTo,
      daysLeft: s.daysLeft,
    }));
  const expired = products
    .map((r) => ({ r, s: stateOf.get(r.p.id)! }))
    .filter(({ s }) => s.status === 'expired')
    .map(({ r, s }) => ({
      id: r.p.id,
      name: r.p.name,
      producerName: r.producerName,
      unitName: r.unitName,
      formerStar: s.certificate!.star,
      validTo: s.certificate!.validTo,
    }));
  const byYear = new Map<number, Record<number, number>>();
  for (const c of live) {
    const y = Number(c.validFrom.slice(0, 4));
    const row = byYear.get(y) ?? {};
    row[c.star] = (row[c.star] ?? 0) + 1;
    byYear.set(y, row);
  }
  return {
    unitId,
    year,
    asOf,
    targets: target ?? null,
    actual: {
      newProducts: submitted.length,
      newRated34: new Set(rated.map((c) => c.productId)).size,
      newOrganisations: orgs.length,
    },
    totals: { products: products.length, starred: starred.length },
    byStar: count(starred.map((r) => stateOf.get(r.p.id)!.star!)).sort((a, b) => a.key - b.key),
    byGroup: sortVi(count(starred.map((r) => r.p.groupName)), (g) => g.key),
    byUnit: sortVi(count(starred.map((r) => r.unitName)), (g) => g.key),
    byStage: count(products.map((r) => r.p.stage)),
    byYear: [...byYear.entries()].sort((a, b) => a[0] - b[0]).map(([y, stars]) => ({ year: y, stars })),
    expiringSoon: expiringSoon.sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0)),
    expired: sortVi(expired, (e) => e.name),
  };
}

export async function setTarget(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  input: {
    unitId: number;
    year: number;
    newProducts: number;
    newRated34: number;
    newOrganisations: number;
    legalBasis?: string | null | undefined;
  },
) {
  return write(
    { deps, actor, meta },
    {
      can: 'ocop.manage',
      load: async () => input,
      units: (i) => i.unitId,
      lock: async (tx, i) => {
        await lockKey(tx, `ocop_target:${i.unitId}:${i.year}`);
        return i;
      },
      apply: async (tx) => {
        const [before] = await tx
          .select()
          .from(ocopTargets)
          .where(and(eq(ocopTargets.unitId, input.unitId), eq(ocopTargets.year, input.year)));
        const values = { ...input, legalBasis: input.legalBasis ?? null };
        await tx
          .insert(ocopTargets)
          .values(values)
          .onConflictDoUpdate({ target: [ocopTargets.unitId, ocopTargets.year], set: values });
        return {
          result: values,
          audit: {
            action: 'ocop_target.set',
            entityType: 'ocop_target',
            entityId: `${input.unitId}:${input.year}`,
            unitId: input.unitId,
            before: auditSnapshot(before),
            after: values,
          },
        };
      },
    },
  );
}

export async function productPhoto(deps: Deps, actor: Actor, photoId: number) {
  const [row] = await deps.db
    .select({ ph: ocopProductPhotos, f: files })
    .from(ocopProductPhotos)
    .innerJoin(files, eq(files.id, ocopProductPhotos.fileId))
    .where(eq(ocopProductPhotos.id, photoId));
  if (!row) throw new AppError('NOT_FOUND');
  await productFor(deps.db, actor, row.ph.productId);
  return row.f;
}
