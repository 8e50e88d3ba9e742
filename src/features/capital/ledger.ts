/**
 * The disbursement ledger. Every Treasury payment is an entry that is never edited; money taken back
 * is a negative entry that names the payment it reverses. Every rule that spans rows — the allocation
 * a payment must fit in, the part of a payment still left to reverse — is checked inside the writing
 * transaction with the projects' rows locked, so two writers on any number of app nodes cannot both fit.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { contributions, deadlineExtensions, disbursements, fundingSources, projects } from '../../db/schema';
import { sumByBig, voucherKeyOf } from '../../domain/capital/money';
import { AppError, ruleViolation } from '../../lib/errors';
import type { RuleCode } from '../../lib/messages';
import { todayVn } from '../../shared/vi';
import { one, write } from '../access/write-path';
import { attribute } from '../../domain/capital/tranches';
import { getProject, yearTranches } from './queries';

export type LedgerEntry = {
  projectId: number;
  planYear: number;
  sourceCode: string;
  date: string;
  /** Positive for a payment; negative only for a reversal (`reversesId` set). */
  amount: number;
  paymentType: 'advance' | 'acceptance';
  voucherRef: string;
  note?: string | null | undefined;
  reversesId?: number | null | undefined;
  /** Names the tranche paid from, by the date its capital was added (otherwise first in, first out). */
  trancheOn?: string | null | undefined;
};

/** Identity of a Treasury line: the same line imported twice is one entry. */
export const importKeyOf = (e: { projectCode: string; date: string; amount: number; voucherRef: string; sourceCode: string }) =>
  createHash('sha256')
    .update([e.projectCode, e.date, e.amount, voucherKeyOf(e.voucherRef), e.sourceCode].join('|'))
    .digest('hex');

export type Problem = { code: RuleCode; info?: Record<string, unknown> };

/** Row locks on the projects, in id order (two writers never wait on each other in a cycle). */
export async function lockProjects(tx: Db, ids: number[]) {
  if (ids.length)
    await tx
      .select({ id: projects.id })
      .from(projects)
      .where(inArray(projects.id, [...new Set(ids)]))
      .orderBy(projects.id)
      .for('update');
}

/**
 * Checks entries, in order, against what was allocated, what is already paid, the deadline and, for
 * reversals, what is left of the payment reversed. Run it with the projects locked. Exact (BigInt).
 */
export async function checkEntries(
  db: Db,
  entries: (LedgerEntry & { projectCode: string })[],
  /** Vietnam's date today: a payment is recorded once it has been made, never ahead. */
  today?: string,
): Promise<Map<number, Problem[]>> {
  const problems = new Map<number, Problem[]>();
  const add = (i: number, p: Problem) => problems.set(i, [...(problems.get(i) ?? []), p]);
  const reversed = [...new Set(entries.map((e) => e.reversesId).filter((id): id is number => typeof id === 'number'))];
  const originals = reversed.length ? await db.select().from(disbursements).where(inArray(disbursements.id, reversed)) : [];
  const reversals = reversed.length
    ? await db.select().from(disbursements).where(inArray(disbursements.reversesId, reversed))
    : [];
  const leftOf = sumByBig(
    [
      ...originals.map((o) => ({ k: String(o.id), a: o.amount })),
      ...reversals.map((r) => ({ k: String(r.reversesId), a: r.amount })),
    ],
    (x) => x.k,
    (x) => x.a,
  );
  for (const year of [...new Set(entries.map((e) => e.planYear))]) {
    const ofYear = entries.map((e, i) => ({ e, i })).filter((x) => x.e.planYear === year);
    const ids = [...new Set(ofYear.map((x) => x.e.projectId))];
    const { tranches } = await yearTranches(db, ids, year);
    const already = ids.length
      ? await db
          .select()
          .from(disbursements)
          .where(and(inArray(disbursements.projectId, ids), eq(disbursements.planYear, year)))
      : [];
    const key = (x: { projectId: number; sourceCode: string }) => `${x.projectId}|${x.sourceCode}`;
    for (const { e, i } of ofYear) {
      if (e.reversesId !== null && e.reversesId !== undefined) {
        const original = originals.find((o) => o.id === e.reversesId);
        if (!original || original.reversesId !== null) {
          add(i, { code: 'reversal_of_unknown_payment' });
          continue;
        }
        if (original.projectId !== e.projectId || original.sourceCode !== e.sourceCode || original.planYear !== e.planYear) {
          add(i, { code: 'reversal_mismatch', info: { voucher: original.voucherRef } });
          continue;
        }
        const left = leftOf.get(String(original.id)) ?? 0n;
        if (BigInt(-e.amount) > left) {
          add(i, { code: 'reversal_exceeds_payment', info: { voucher: original.voucherRef, left: Number(left) } });
          continue;
        }
        leftOf.set(String(original.id), left + BigInt(e.amount));
        if (e.date < original.date) add(i, { code: 'reversal_before_payment', info: { paidOn: original.date } });
        continue;
      }
      if (!tranches.some((t) => key(t) === key(e)))
        add(i, { code: 'no_allocation', info: { project: e.projectCode, source: e.sourceCode, year } });
      else if (e.trancheOn && !tranches.some((t) => key(t) === key(e) && t.addedOn === e.trancheOn))
        add(i, { code: 'tranche_not_found', info: { addedOn: e.trancheOn } });
      if (e.date < `${year}-01-01`) add(i, { code: 'before_plan_year' });
      if (today && e.date > today) add(i, { code: 'payment_in_future', info: { today } });
      // A Treasury voucher is one payment: the same voucher again with another day or amount is an error to
      // correct, not a second payment (the very same line again is the import's duplicate, skipped before).
      const voucher = voucherKeyOf(e.voucherRef);
      const reused =
        already.find((d) => key(d) === key(e) && d.amount > 0 && d.voucherKey === voucher) ??
        ofYear.find((x) => x.i < i && key(x.e) === key(e) && x.e.amount > 0 && voucherKeyOf(x.e.voucherRef) === voucher)?.e;
      if (reused) add(i, { code: 'voucher_reused', info: { voucher: e.voucherRef, date: reused.date, amount: reused.amount } });
    }
    // The whole ledger of each project and source, with the new entries, must fit in its tranches
    // (first in, first out, each tranche until its own deadline); what the ledger held before is the baseline.
    for (const k of new Set(ofYear.map((x) => key(x.e)))) {
      const mine = tranches.filter((t) => key(t) === k);
      if (!mine.length) continue;
      const before = already.filter((l) => key(l) === k);
      const fresh = ofYear.filter((x) => key(x.e) === k && !problems.has(x.i));
      const baseline = new Map(attribute(mine, before).unplaced.map((u) => [u.id, u.amount]));
      const after = attribute(mine, [
        ...before,
        ...fresh.map((x) => ({ ...x.e, id: `new:${x.i}`, reversesId: x.e.reversesId ?? null })),
      ]);
      const worse = after.unplaced.filter((u) => u.amount > (baseline.get(u.id) ?? 0));
      if (!worse.length) continue;
      const last = [...fresh].reverse().find((x) => x.e.amount > 0);
      for (const u of worse) {
        const own = typeof u.id === 'string' && u.id.startsWith('new:') ? Number(u.id.slice(4)) : (last?.i ?? null);
        if (own === null || problems.get(own)?.length) continue;
        add(
          own,
          u.reason === 'after_deadline'
            ? { code: 'after_deadline', info: { deadline: u.deadline ?? null } }
            : u.reason === 'before_capital'
              ? { code: 'paid_before_capital', info: { firstAddedOn: mine.map((t) => t.addedOn).sort()[0] ?? null } }
              : u.reason === 'no_tranche'
                ? { code: 'tranche_not_found', info: { addedOn: entries[own]!.trancheOn ?? null } }
                : { code: 'exceeds_allocation', info: { allocated: mine.reduce((s, t) => s + t.amount, 0), over: u.amount } },
        );
      }
    }
  }
  return problems;
}

/** The same Treasury line (project, day, amount, voucher, source) is one entry: a second one is a conflict. */
async function assertNewLine(tx: Db, entry: LedgerEntry & { projectCode: string }) {
  const [dup] = await tx
    .select({ id: disbursements.id })
    .from(disbursements)
    .where(eq(disbursements.importKey, importKeyOf(entry)));
  if (dup) throw new AppError('CONFLICT', { field: 'voucherRef', reason: 'duplicate_entry', existingId: dup.id });
}

async function insertEntry(tx: Db, entry: LedgerEntry & { projectCode: string }, meta: RequestMeta, actor: Actor) {
  const { projectCode, ...values } = entry;
  const [row] = await tx
    .insert(disbursements)
    .values({
      ...values,
      voucherKey: voucherKeyOf(entry.voucherRef),
      note: entry.note ?? null,
      reversesId: entry.reversesId ?? null,
      importKey: importKeyOf({ ...entry, projectCode }),
      createdAt: meta.now,
      createdBy: actor.userId,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('CONFLICT', { field: 'voucherRef', reason: 'duplicate_entry' });
  return row;
}

/** Records one payment (always a positive amount). */
export async function recordDisbursement(deps: Deps, actor: Actor, meta: RequestMeta, entry: LedgerEntry) {
  if (entry.amount <= 0 || entry.reversesId) throw ruleViolation('payment_must_be_positive');
  return write(
    { deps, actor, meta },
    {
      can: 'capital.disburse',
      load: (db) => getProject(db, entry.projectId),
      units: (p) => p.unitId,
      lock: async (tx, p) => {
        await lockProjects(tx, [p.id]);
        return p;
      },
      apply: async (tx, project) => {
        const full = { ...entry, reversesId: null, projectCode: project.code };
        await assertNewLine(tx, full);
        const problems = (await checkEntries(tx, [full], todayVn(meta.now))).get(0);
        if (problems?.length) throw ruleViolation(problems[0]!.code, problems[0]!.info ?? {});
        const row = await insertEntry(tx, full, meta, actor);
        return {
          result: row,
          audit: {
            action: 'disbursement.record',
            entityType: 'disbursement',
            entityId: row.id,
            unitId: project.unitId,
            after: full,
          },
        };
      },
    },
  );
}

/** Takes back (part of) a named payment: a negative entry, never more than what is left of the payment. */
export async function reverseDisbursement(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  paymentId: number,
  input: { amount: number; date: string; voucherRef: string; note?: string | null | undefined },
) {
  return write(
    { deps, actor, meta },
    {
      can: 'capital.disburse',
      load: async (db) => {
        const payment = await one(db.select().from(disbursements).where(eq(disbursements.id, paymentId)));
        return { payment, project: await getProject(db, payment.projectId) };
      },
      units: (x) => x.project.unitId,
      lock: async (tx, x) => {
        await lockProjects(tx, [x.project.id]);
        return x;
      },
      apply: async (tx, { payment, project }) => {
        if (payment.reversesId !== null) throw ruleViolation('reversal_of_unknown_payment');
        const entry = {
          projectId: payment.projectId,
          projectCode: project.code,
          planYear: payment.planYear,
          sourceCode: payment.sourceCode,
          date: input.date,
          amount: -input.amount,
          paymentType: payment.paymentType,
          voucherRef: input.voucherRef,
          note: input.note ?? null,
          reversesId: payment.id,
        };
        await assertNewLine(tx, entry);
        const problems = (await checkEntries(tx, [entry], todayVn(meta.now))).get(0);
        if (problems?.length) throw ruleViolation(problems[0]!.code, problems[0]!.info ?? {});
        const row = await insertEntry(tx, entry, meta, actor);
        return {
          result: row,
          audit: {
            action: 'disbursement.reverse',
            entityType: 'disbursement',
            entityId: row.id,
            unitId: project.unitId,
            after: entry,
          },
        };
      },
    },
  );
}

export async function addExtension(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  input: { projectId: number; planYear: number; newDeadline: string; decisionNo: string; decisionDate: string },
) {
  return write(
    { deps, actor, meta },
    {
      can: 'capital.manage',
      load: (db) => getProject(db, input.projectId),
      units: (p) => p.unitId,
      lock: async (tx, p) => {
        await lockProjects(tx, [p.id]);
        return p;
      },
      apply: async (tx, project) => {
        if (input.decisionDate > todayVn(meta.now) || input.newDeadline < input.decisionDate)
          throw ruleViolation('extension_decision_date_invalid', {
            decisionDate: input.decisionDate,
            newDeadline: input.newDeadline,
          });
        const [row] = await tx
          .insert(deadlineExtensions)
          .values({ ...input, createdAt: meta.now })
          .returning();
        return {
          result: row!,
          audit: {
            action: 'project.extend_deadline',
            entityType: 'project',
            entityId: project.id,
            unitId: project.unitId,
            after: input,
          },
        };
      },
    },
  );
}

export async function addContribution(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  input: {
    projectId: number;
    sourceCode: string;
    date: string;
    quantity: number;
    valueVnd: number;
    note?: string | null | undefined;
  },
) {
  return write(
    { deps, actor, meta },
    {
      can: 'capital.disburse',
      load: (db) => getProject(db, input.projectId),
      units: (p) => p.unitId,
      apply: async (tx, project) => {
        const [src] = await tx.select().from(fundingSources).where(eq(fundingSources.code, input.sourceCode));
        if (!src || src.kind !== 'community') throw ruleViolation('not_a_community_source');
        if (input.date > todayVn(meta.now)) throw ruleViolation('contribution_in_future', { date: input.date });
        const [row] = await tx
          .insert(contributions)
          .values({ ...input, note: input.note ?? null, createdAt: meta.now })
          .returning();
        return {
          result: row!,
          audit: {
            action: 'contribution.record',
            entityType: 'project',
            entityId: project.id,
            unitId: project.unitId,
            after: input,
          },
        };
      },
    },
  );
}
