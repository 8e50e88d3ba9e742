/**
 * An OCOP scoring sheet as data: parts A/B/C with their criteria and point options, the criteria a
 * product must not fail to reach a star, the star bands and which level recognises which star.
 */
import { z } from 'zod';

const Option = z.object({ label: z.string().min(1).max(500), points: z.number().int().min(0).max(40) }).strict();
const Criterion = z
  .object({
    code: z.string().regex(/^[A-Z0-9.]{1,12}$/),
    name: z.string().min(1).max(300),
    options: z.array(Option).min(2),
    /** Scoring 0 here keeps the product below this star (a mandatory criterion from this star up). */
    mandatoryFromStar: z.number().int().min(1).max(5).optional(),
    /** Bonus points (e.g. a women-led or ethnic-minority-led subject) — still within the part maximum. */
    bonus: z.boolean().optional(),
    /**
     * False while the wording or points have not been checked against the official annex. Sheets
     * loaded before criteria carried the mark have none: they read as unverified unless the sheet is.
     */
    verified: z.boolean().optional(),
  })
  .strict();
const Group = z
  .object({ code: z.string().max(10), name: z.string().min(1).max(200), criteria: z.array(Criterion).min(1) })
  .strict();
const Part = z
  .object({
    code: z.enum(['A', 'B', 'C']),
    name: z.string().min(1).max(200),
    max: z.number().int().min(1).max(100),
    groups: z.array(Group).min(1),
  })
  .strict();

export const ScoringSheetDoc = z
  .object({
    schemaVersion: z.literal(1),
    code: z.string().regex(/^[A-Z0-9-]{3,60}$/),
    version: z.number().int().min(1),
    regime: z.string().min(3).max(40),
    legalBasis: z.object({ document: z.string().min(3), date: z.string().nullable() }).strict(),
    setNo: z.number().int().min(1).max(26),
    setName: z.string().min(1),
    group: z.string().min(1),
    parts: z.array(Part).length(3),
    starBands: z.array(z.object({ star: z.number().int().min(1).max(5), min: z.number().min(0).max(100) }).strict()).length(5),
    /** level → stars it may recognise (e.g. province: [3, 4], central: [5]) */
    recognition: z.partialRecord(z.enum(['district', 'province', 'central']), z.array(z.number().int().min(1).max(5))),
    /** Results at or above this are forwarded to the next level. */
    forwardAt: z.number().min(0).max(100),
    verified: z.boolean(),
    notes: z.array(z.string()).default([]),
  })
  .strict()
  .superRefine((doc, ctx) => {
    doc.parts.forEach((p, pi) => {
      const max = p.groups.flatMap((g) => g.criteria).reduce((s, c) => s + Math.max(...c.options.map((o) => o.points)), 0);
      if (max !== p.max)
        ctx.addIssue({
          code: 'custom',
          path: ['parts', pi, 'max'],
          message: `criteria of part ${p.code} add up to ${max}, not ${p.max}`,
        });
    });
    const total = doc.parts.reduce((s, p) => s + p.max, 0);
    if (total !== 100) ctx.addIssue({ code: 'custom', path: ['parts'], message: `parts add up to ${total}, not 100` });
    const mins = doc.starBands.map((b) => b.min);
    if (mins.some((m, i) => i > 0 && m <= mins[i - 1]!))
      ctx.addIssue({ code: 'custom', path: ['starBands'], message: 'star bands must rise' });
  });
export type ScoringSheetDoc = z.infer<typeof ScoringSheetDoc>;
