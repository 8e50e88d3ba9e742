/**
 * The criteria-set document: rules as data. A set (national, advanced, model, provincial overlay)
 * is one versioned document validated by this schema; the JSON Schema served at
 * /api/schemas/criteria-set.json is generated from it.
 */
import { z } from 'zod';

/** A document problem in both languages: the message in English, the Vietnamese for the reader who asks for it. */
const said = (vi: string, en: string) => ({ message: en, params: { vi } });

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Text = z.string().trim().min(1).max(2000);

export const THRESHOLD_OPS = ['>=', '<=', '=', '>', '<'] as const;
export const INDICATOR_TYPES = ['boolean', 'number', 'ratio', 'level', 'k_of_n'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

export const ThresholdRule = z
  .object({
    /** Classes (regions or commune groups) this rule applies to; absent = every class. */
    classes: z.array(z.string()).min(1).optional(),
    fromYear: z.number().int().min(2000).max(2100).optional(),
    toYear: z.number().int().min(2000).max(2100).optional(),
    /** number and ratio (ratio compared as a percentage) */
    op: z.enum(THRESHOLD_OPS).optional(),
    value: z.number().optional(),
    /** boolean: true = must be achieved ("Đạt"), false = must be absent (e.g. "no temporary houses") */
    expect: z.boolean().optional(),
    /** level: the lowest acceptable level */
    level: z.string().optional(),
    /** k_of_n: how many sub-items must hold */
    k: z.number().int().min(1).optional(),
    verified: z.boolean(),
    source: z.string().max(1000).optional(),
  })
  .strict();
export type ThresholdRule = z.infer<typeof ThresholdRule>;

const Plausible = z
  .object({
    /** ratio: the numerator is a part of the denominator (default true) */
    share: z.boolean().optional(),
    /** number and ratio (ratio as a percentage): the plausible range; numbers default to min 0 */
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    /** a change beyond this percentage from the last verified month needs a note; null = never */
    jumpPercent: z.number().positive().max(100_000).nullable().optional(),
  })
  .strict();

/**
 * Whether a commune may declare the indicator "not applicable" (no such households, no such
 * facility) and how the criterion then counts it: `met` — as a met indicator; `excluded` — it
 * leaves the denominator and the criterion is judged on its other indicators (a criterion whose
 * indicators are all excluded is met: nothing in it applies). Absent = not allowed.
 */
export const NotApplicableRule = z
  .object({
    allowed: z.literal(true),
    counts: z.enum(['met', 'excluded']),
    /** When it applies, in words (shown next to the choice). */
    note: z.string().max(2000).optional(),
    /** The text that allows it, when known. */
    source: z.string().max(1000).optional(),
    /** Confirmed from an official text (false = a reading of the rules, to be checked). */
    verified: z.boolean(),
  })
  .strict();
export type NotApplicableRule = z.infer<typeof NotApplicableRule>;

export const Indicator = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9.]{1,20}$/),
    text_vi: Text,
    text_en: Text.optional(),
    unit: z.string().max(40).optional(),
    type: z.enum(INDICATOR_TYPES),
    levels: z.array(z.string().min(1)).min(2).optional(),
    items: z
      .array(z.object({ code: z.string().min(1).max(20), text_vi: Text }).strict())
      .min(1)
      .optional(),
    thresholds: z.array(ThresholdRule),
    /** Plausibility at entry (see domain/criteria/plausibility.ts); absent = the defaults. */
    plausible: Plausible.optional(),
    notApplicable: NotApplicableRule.optional(),
    verified: z.boolean(),
    source: z.string().max(1000).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .superRefine((ind, ctx) => {
    const pl = ind.plausible;
    if (pl && pl.min !== undefined && pl.max !== undefined && pl.min > pl.max)
      ctx.addIssue({
        code: 'custom',
        path: ['plausible'],
        ...said('ngưỡng hợp lý: giá trị nhỏ nhất lớn hơn giá trị lớn nhất', 'plausible.min above plausible.max'),
      });
    if (ind.type === 'level' && !ind.levels)
      ctx.addIssue({
        code: 'custom',
        path: ['levels'],
        ...said('chỉ tiêu theo mức cần danh sách các mức', 'level indicators need levels'),
      });
    if (ind.type === 'k_of_n' && !ind.items)
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        ...said('chỉ tiêu “đạt k trong n” cần danh sách nội dung', 'k_of_n indicators need items'),
      });
    ind.thresholds.forEach((t, i) => {
      const path = ['thresholds', i];
      const bad = (vi: string, en: string) => ctx.addIssue({ code: 'custom', path, ...said(vi, en) });
      switch (ind.type) {
        case 'boolean':
          if (t.expect === undefined) bad('ngưỡng đúng/sai cần giá trị “expect”', 'boolean thresholds need "expect"');
          break;
        case 'number':
        case 'ratio':
          if (!t.op || t.value === undefined)
            bad('ngưỡng số hoặc tỷ lệ cần phép so sánh “op” và giá trị “value”', `${ind.type} thresholds need "op" and "value"`);
          break;
        case 'level':
          if (!t.level || !ind.levels?.includes(t.level))
            bad('ngưỡng theo mức cần một mức có trong “levels”', 'level thresholds need a "level" from "levels"');
          break;
        case 'k_of_n':
          if (!t.k || t.k > (ind.items?.length ?? 0))
            bad('ngưỡng “đạt k trong n” cần 1 ≤ k ≤ số nội dung', 'k_of_n thresholds need 1 ≤ k ≤ number of items');
          break;
      }
      if (t.fromYear && t.toYear && t.fromYear > t.toYear)
        bad('năm bắt đầu (fromYear) sau năm kết thúc (toYear)', 'fromYear after toYear');
    });
  });
export type Indicator = z.infer<typeof Indicator>;

export const Criterion = z
  .object({
    number: z.string().regex(/^[A-Za-z0-9.]{1,10}$/),
    name_vi: Text,
    name_en: Text.optional(),
    group: z.string().max(20),
    verified: z.boolean(),
    indicators: z.array(Indicator).min(1),
  })
  .strict();
export type Criterion = z.infer<typeof Criterion>;

export const CRITERIA_LEVELS = ['ntm', 'advanced', 'model', 'modern'] as const;

export const CriteriaSetDoc = z
  .object({
    schemaVersion: z.literal(1),
    code: z.string().regex(/^[A-Z0-9-]{3,60}$/),
    version: z.number().int().min(1),
    name_vi: Text,
    name_en: Text.optional(),
    phase: z.string().regex(/^\d{4}-\d{4}$/),
    level: z.enum(CRITERIA_LEVELS),
    legalBasis: z
      .object({
        document: Text,
        date: IsoDate.nullable(),
        issuer: z.string().max(200).optional(),
        sources: z.array(z.string().max(1000)).default([]),
      })
      .strict(),
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.nullable(),
    unitTypes: z.array(z.enum(['commune', 'ward', 'township', 'special_zone'])).min(1),
    classification: z
      .object({
        dimension: z.enum(['region7', 'group3']),
        classes: z.array(z.object({ code: z.string().min(1).max(20), name_vi: Text, name_en: Text.optional() }).strict()).min(1),
      })
      .strict(),
    derivation: z
      .object({ kind: z.enum(['advanced', 'model', 'overlay']), baseCode: z.string(), baseVersion: z.number().int().min(1) })
      .strict()
      .nullable()
      .default(null),
    groups: z.array(z.object({ code: z.string().max(20), name_vi: Text, name_en: Text.optional() }).strict()).min(1),
    criteria: z.array(Criterion).min(1),
    verified: z.boolean(),
    notes: z.array(z.string().max(3000)).default([]),
    /**
     * Which units and months the set governs besides its owner's territory, its unit types and its
     * effective dates: the precedence it takes (a national set; a provincial overlay of a national
     * set, which beats it; a provincial replacement, where the law lets a province issue its own
     * set, with that provision), and the classes (regions, commune groups) it is limited to.
     */
    applicability: z
      .object({
        precedence: z.enum(['national', 'overlay', 'replacement']).optional(),
        classes: z.array(z.string().min(1).max(20)).min(1).optional(),
        legalBasis: Text.optional(),
      })
      .strict()
      .optional(),
    /** Set-wide plausibility: a change beyond `jumpPercent` from the last verified month needs a note. */
    plausibility: z
      .object({ jumpPercent: z.number().positive().max(100_000).optional() })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const a = doc.applicability;
    if (a?.precedence === 'overlay' && doc.derivation?.kind !== 'overlay')
      ctx.addIssue({
        code: 'custom',
        path: ['applicability', 'precedence'],
        ...said(
          'bộ bổ sung phải ghi bộ tiêu chí được bổ sung ở mục derivation',
          'an overlay names the set it overlays in derivation',
        ),
      });
    if (doc.derivation?.kind === 'overlay' && a?.precedence && a.precedence !== 'overlay')
      ctx.addIssue({
        code: 'custom',
        path: ['applicability', 'precedence'],
        ...said(
          'bộ được dẫn xuất là bộ bổ sung thì có thứ tự ưu tiên của bộ bổ sung',
          'a set derived as an overlay takes the overlay precedence',
        ),
      });
    if (a?.precedence === 'replacement' && !a.legalBasis)
      ctx.addIssue({
        code: 'custom',
        path: ['applicability', 'legalBasis'],
        ...said(
          'bộ thay thế của tỉnh phải ghi căn cứ pháp lý cho phép',
          'a provincial replacement names the provision that allows it',
        ),
      });
    a?.classes?.forEach((cl, i) => {
      if (!doc.classification.classes.some((x) => x.code === cl))
        ctx.addIssue({
          code: 'custom',
          path: ['applicability', 'classes', i],
          ...said(`không có nhóm/vùng ${cl}`, `unknown class ${cl}`),
        });
    });
    const seen = new Set<string>();
    doc.criteria.forEach((c, ci) => {
      if (!doc.groups.some((g) => g.code === c.group)) {
        ctx.addIssue({
          code: 'custom',
          path: ['criteria', ci, 'group'],
          ...said(`không có nhóm tiêu chí ${c.group}`, `unknown group ${c.group}`),
        });
      }
      c.indicators.forEach((ind, ii) => {
        if (seen.has(ind.code))
          ctx.addIssue({
            code: 'custom',
            path: ['criteria', ci, 'indicators', ii, 'code'],
            ...said(`chỉ tiêu ${ind.code} bị trùng`, `duplicate indicator ${ind.code}`),
          });
        seen.add(ind.code);
        ind.thresholds.forEach((t, ti) =>
          t.classes?.forEach((cl) => {
            if (!doc.classification.classes.some((x) => x.code === cl)) {
              ctx.addIssue({
                code: 'custom',
                path: ['criteria', ci, 'indicators', ii, 'thresholds', ti, 'classes'],
                ...said(`không có nhóm/vùng ${cl}`, `unknown class ${cl}`),
              });
            }
          }),
        );
      });
    });
  });
export type CriteriaSetDoc = z.infer<typeof CriteriaSetDoc>;

/**
 * "Not applicable" as a value, with the reason the commune gives. Stored as the cell's value, so it
 * is distinct from an empty (missing) cell everywhere values travel. An empty reason parses here
 * and is refused by the save rule (`not_applicable_needs_reason`), so the person reads why.
 */
export const NotApplicableValue = z.object({ notApplicable: z.literal(true), reason: z.string().max(2000) }).strict();
export type NotApplicableValue = z.infer<typeof NotApplicableValue>;

/** Value of one indicator as entered: boolean, number, {num, den}, a level name, the items that hold, or "not applicable". */
/**
 * The largest magnitude a value may have: a thousand billion, beyond any count, area, income or amount
 * a commune reports (a typing slip such as 1e308 is refused, not stored and verified).
 */
export const VALUE_LIMIT = 1e12;
/** The smallest denominator that is not zero: a thousandth (of a hectare, a household share). */
export const SMALLEST_DENOMINATOR = 0.001;

export const IndicatorValue = z.union([
  z.boolean(),
  z.number().finite().min(-VALUE_LIMIT).max(VALUE_LIMIT),
  z
    .object({
      num: z.number().finite().min(0).max(VALUE_LIMIT),
      den: z.number().finite().min(SMALLEST_DENOMINATOR).max(VALUE_LIMIT),
    })
    .strict(),
  z.string().min(1).max(100),
  z.array(z.string().min(1).max(20)).max(100),
  NotApplicableValue,
]);
export type IndicatorValue = z.infer<typeof IndicatorValue>;

/** Whether a value is a numerator over a denominator (a ratio's value). */
export function isRatioValue(v: unknown): v is { num: number; den: number } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'den' in v && 'num' in v;
}

/** Whether a value (possibly unvalidated) is the "not applicable" mark. */
export function isNotApplicable(v: unknown): v is NotApplicableValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { notApplicable?: unknown }).notApplicable === true;
}

export function criteriaSetJsonSchema() {
  return z.toJSONSchema(CriteriaSetDoc, { target: 'draft-2020-12', io: 'input' });
}
