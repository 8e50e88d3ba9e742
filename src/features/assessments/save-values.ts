import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { assessments, assessmentValues, users } from '../../db/schema';
import { numericValue } from '../../domain/criteria/engine';
import { isNotApplicable, type Indicator, type IndicatorValue } from '../../domain/criteria/schema';
import { canonicalJson } from '../../lib/canonical-json';
import { AppError, ruleViolation } from '../../lib/errors';
import type { Lang } from '../../lib/messages';
import { write } from '../access/write-path';
import { plausibilityMessage, plausibilityProblems } from '../../domain/criteria/plausibility';
import { assertEditable, getAssessmentRow, lastVerifiedValues, targetSetOf } from './load';
import { refreshResults } from './results';

export type ValueChange = {
  code: string;
  /** undefined = leave the value, null = clear it */
  value?: IndicatorValue | null | undefined;
  note?: string | null | undefined;
  /** The version of the cell the person started from (0 when it had no value yet). */
  version: number;
};

/** What each kind of indicator takes, in words. */
const VALUE_KIND: Record<Indicator['type'], { vi: string; en: string }> = {
  boolean: { vi: 'Đạt hoặc Không đạt', en: 'met or not met' },
  number: { vi: 'một số', en: 'a number' },
  ratio: { vi: 'tử số và mẫu số', en: 'a numerator and a denominator' },
  level: { vi: 'một mức trong danh sách', en: 'one of its levels' },
  k_of_n: { vi: 'các mục đạt trong danh sách', en: 'the items met from its list' },
};

const MSG = {
  unknown_indicator: { vi: 'Chỉ tiêu không thuộc bộ tiêu chí áp dụng', en: 'Not an indicator of the applicable set' },
  wrong_value_type: { vi: 'Giá trị không đúng kiểu của chỉ tiêu: cần', en: 'Value does not fit the indicator: it takes' },
  stale: { vi: 'Ô này đã được người khác sửa sau khi bạn mở', en: 'Someone else changed this cell after you opened it' },
};

/**
 * "Not applicable" only where the set allows it, and always with a reason: otherwise the batch is
 * refused, naming the indicators (`details.indicators`).
 */
function assertNotApplicableAllowed(changes: ValueChange[], indicators: ReadonlyMap<string, Indicator>) {
  const marked = changes.filter((ch) => isNotApplicable(ch.value));
  const notAllowed = marked.filter((ch) => !indicators.get(ch.code)?.notApplicable).map((ch) => ch.code);
  if (notAllowed.length) throw ruleViolation('not_applicable_not_allowed', { indicators: notAllowed });
  const noReason = marked.filter((ch) => isNotApplicable(ch.value) && ch.value.reason.trim() === '').map((ch) => ch.code);
  if (noReason.length) throw ruleViolation('not_applicable_needs_reason', { indicators: noReason });
}

/**
 * Saves a batch of cells. Each cell names the version it was read at: if anyone saved that cell
 * since, the whole batch is refused with the conflicting cells (409) and nothing is written.
 */
export async function saveValues(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  assessmentId: number,
  changes: ValueChange[],
  lang: Lang,
) {
  changes = changes.map((ch) =>
    isNotApplicable(ch.value) ? { ...ch, value: { notApplicable: true, reason: ch.value.reason.trim() } } : ch,
  );
  return write(
    { deps, actor, meta },
    {
      can: 'assessment.enter',
      load: (db) => getAssessmentRow(db, assessmentId),
      units: (a) => a.unitId,
      lock: (tx) => getAssessmentRow(tx, assessmentId, true),
      apply: async (tx, locked) => {
        assertEditable(locked);
        const { doc, indicators } = await targetSetOf(tx, locked);
        const codes = changes.map((c) => c.code);
        const problems = changes.flatMap((ch) => {
          const ind = indicators.get(ch.code);
          if (!ind) return [{ path: ch.code, code: 'unknown_indicator', message: MSG.unknown_indicator[lang] }];
          if (isNotApplicable(ch.value)) return [];
          if (ch.value !== undefined && ch.value !== null && numericValue(ind.type, ind, ch.value) === null) {
            return [
              { path: ch.code, code: 'wrong_value_type', message: `${MSG.wrong_value_type[lang]} ${VALUE_KIND[ind.type][lang]}` },
            ];
          }
          return [];
        });
        if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
        assertNotApplicableAllowed(changes, indicators);

        const current = new Map(
          (
            await tx
              .select({ v: assessmentValues, by: users.fullName })
              .from(assessmentValues)
              .leftJoin(users, eq(users.id, assessmentValues.updatedBy))
              .where(and(eq(assessmentValues.assessmentId, assessmentId), inArray(assessmentValues.indicatorCode, codes)))
          ).map((r) => [r.v.indicatorCode, r]),
        );
        const conflicts = changes
          .filter((ch) => (current.get(ch.code)?.v.version ?? 0) !== ch.version)
          .map((ch) => {
            const cur = current.get(ch.code);
            return {
              path: ch.code,
              code: 'stale',
              message: MSG.stale[lang],
              currentVersion: cur?.v.version ?? 0,
              currentValue: cur?.v.value ?? null,
              currentNote: cur?.v.note ?? null,
              updatedBy: cur?.by ?? null,
              updatedAt: cur?.v.updatedAt.toISOString() ?? null,
            };
          });
        if (conflicts.length) throw new AppError('VERSION_CONFLICT', conflicts);

        // Plausibility of what the month will hold: a changed value with the note it will carry.
        const previous = await lastVerifiedValues(tx, locked, codes);
        const implausible = changes.flatMap((ch) => {
          const cur = current.get(ch.code)?.v;
          if (ch.value === undefined || ch.value === null) return [];
          if (canonicalJson(ch.value) === canonicalJson(cur?.value ?? null)) return [];
          const note = ch.note === undefined ? (cur?.note ?? null) : ch.note;
          return plausibilityProblems(indicators.get(ch.code)!, ch.value, {
            previous: previous.get(ch.code) ?? null,
            note,
            set: doc.plausibility,
          }).map((p) => ({ path: ch.code, code: p.code, message: plausibilityMessage(p, lang) }));
        });
        if (implausible.length) throw new AppError('VALIDATION_FAILED', implausible);

        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        for (const ch of changes) {
          const cur = current.get(ch.code)?.v;
          const value = ch.value === undefined ? (cur?.value ?? null) : ch.value;
          const note = ch.note === undefined ? (cur?.note ?? null) : ch.note;
          const valueChanged = canonicalJson(value) !== canonicalJson(cur?.value ?? null);
          if (!valueChanged && note === (cur?.note ?? null)) continue;
          before[ch.code] = cur ? { value: cur.value, note: cur.note } : null;
          after[ch.code] = { value, note };
          const row = {
            value,
            note,
            version: (cur?.version ?? 0) + 1,
            updatedAt: meta.now,
            updatedBy: actor.userId,
            review: valueChanged ? ('pending' as const) : (cur?.review ?? 'pending'),
            reviewComment: valueChanged ? null : (cur?.reviewComment ?? null),
          };
          await tx
            .insert(assessmentValues)
            .values({ assessmentId, indicatorCode: ch.code, ...row })
            .onConflictDoUpdate({ target: [assessmentValues.assessmentId, assessmentValues.indicatorCode], set: row });
        }
        await tx
          .update(assessments)
          .set({ updatedAt: meta.now, version: locked.version + 1 })
          .where(eq(assessments.id, assessmentId));
        const evaluation = await refreshResults(tx, assessmentId, meta.now);
        return {
          result: evaluation,
          audit: {
            action: 'assessment.save_values',
            entityType: 'assessment',
            entityId: assessmentId,
            unitId: locked.unitId,
            before,
            after,
          },
        };
      },
    },
  );
}
