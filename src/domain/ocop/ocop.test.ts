import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedSheets } from '../../features/ocop/sheets';
import { checkTransition, TRANSITIONS } from './cycle';
import { ScoringSheetDoc } from './schema';
import { aggregate, criteriaOf, outcomeAt, scoreSheet, starCap, starFor } from './scoring';

const [v1, v2] = shippedSheets().filter((s) => s.setNo === 1) as [ScoringSheetDoc, ScoringSheetDoc];
const criteria = criteriaOf(v1);
const anyAnswers = fc
  .tuple(...criteria.map((c) => fc.integer({ min: 0, max: c.options.length - 1 })))
  .map((choices) => Object.fromEntries(criteria.map((c, i) => [c.code, choices[i]!])));

describe('OCOP scoring sheet data', () => {
  it('the shipped sheets are valid: parts 40/25/35 add up to 100, bands rise, recognition per regime', () => {
    expect(v1.parts.map((p) => p.max)).toEqual([40, 25, 35]);
    expect(v1.recognition).toEqual({ district: [3], province: [4], central: [5] });
    expect(v2.recognition).toEqual({ province: [3, 4], central: [5] });
    expect(v1.starBands.map((b) => b.min)).toEqual([0, 30, 50, 70, 90]);
    expect(v1.verified).toBe(false);
  });

  it('refuses a sheet whose parts do not add up or whose bands do not rise', () => {
    const broken = structuredClone(v1) as unknown as { parts: { max: number }[]; starBands: { min: number }[] };
    broken.parts[0]!.max = 41;
    expect(ScoringSheetDoc.safeParse(broken).success).toBe(false);
    const bands = structuredClone(v1) as unknown as { starBands: { min: number }[] };
    bands.starBands[2]!.min = 20;
    expect(ScoringSheetDoc.safeParse(bands).success).toBe(false);
  });
});

describe('OCOP scoring engine (properties)', () => {
  it('an answer to a criterion the sheet does not have is invalid, never ignored', () => {
    fc.assert(
      fc.property(anyAnswers, fc.stringMatching(/^[A-Z]{2}\.\d$/), (a, stray) => {
        fc.pre(!criteriaOf(v1).some((c) => c.code === stray));
        expect(scoreSheet(v1, { ...a, [stray]: 1 }).invalid).toEqual([stray]);
      }),
    );
  });

  it('a full sheet scores between 0 and 100 and its parts never exceed their maximum', () => {
    fc.assert(
      fc.property(anyAnswers, (a) => {
        const s = scoreSheet(v1, a);
        expect(s.missing).toEqual([]);
        expect(s.total).toBe(s.byPart.A + s.byPart.B + s.byPart.C);
        expect(s.byPart.A).toBeLessThanOrEqual(40);
        expect(s.byPart.B).toBeLessThanOrEqual(25);
        expect(s.byPart.C).toBeLessThanOrEqual(35);
      }),
    );
  });

  it('the star is monotone in the score for the same mandatory results', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 5 }),
        (a, b, cap) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(starFor(v1, lo, cap)).toBeLessThanOrEqual(starFor(v1, hi, cap));
          expect(starFor(v1, hi, cap)).toBeLessThanOrEqual(cap);
        },
      ),
    );
  });

  it('the bands are those of Decision 148: <30 1★, 30–49 2★, 50–69 3★, 70–89 4★, 90–100 5★', () => {
    expect([2999, 3000, 4999, 5000, 6999, 7000, 8999, 9000, 10000].map((x) => starFor(v1, x))).toEqual([
      1, 2, 2, 3, 3, 4, 4, 5, 5,
    ]);
  });

  it('the mean lies between the lowest and highest total, and rescoring follows the spread', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 15 }),
        fc.integer({ min: 1, max: 30 }),
        (totals, limit) => {
          const a = aggregate(totals, limit);
          expect(a.meanX100).toBeGreaterThanOrEqual(Math.min(...totals) * 100);
          expect(a.meanX100).toBeLessThanOrEqual(Math.max(...totals) * 100);
          expect(a.spread).toBe(Math.max(...totals) - Math.min(...totals));
          expect(a.needsRescore).toBe(a.spread > limit);
          // order of members does not matter
          expect(aggregate([...totals].reverse(), limit)).toEqual(a);
        },
      ),
    );
  });

  it('the mean is rounded half up to hundredths', () => {
    expect(aggregate([70, 71, 71], 10).meanX100).toBe(7067);
    expect(aggregate([70, 71], 10).meanX100).toBe(7050);
    expect(aggregate([1, 0, 0], 10).meanX100).toBe(33);
    expect(aggregate([2, 0, 0], 10).meanX100).toBe(67);
  });

  it('a mandatory criterion failed by most members caps the star below its level', () => {
    const m = criteria.find((c) => c.mandatoryFromStar)!;
    const zero = m.options.findIndex((o) => o.points === 0);
    const best = Object.fromEntries(criteria.map((c) => [c.code, c.options.length - 1]));
    const failing = { ...best, [m.code]: zero };
    const sFail = scoreSheet(v1, failing);
    const sBest = scoreSheet(v1, best);
    expect(starCap([sFail, sFail, sBest])).toBe(m.mandatoryFromStar! - 1);
    expect(starCap([sFail, sBest, sBest])).toBe(5);
  });

  it('incomplete and invalid sheets are reported, not scored silently', () => {
    const s = scoreSheet(v1, { [criteria[0]!.code]: 99 });
    expect(s.invalid).toEqual([criteria[0]!.code]);
    expect(s.missing.length).toBe(criteria.length - 1);
  });

  it('recognition follows the level: province 3–4★ and ≥90 forwarded after 1489/2025; district 3★ before', () => {
    expect(outcomeAt(v2, 'province', 7500)).toEqual({ star: 4, recognisedHere: true, forward: false });
    expect(outcomeAt(v2, 'province', 9200)).toEqual({ star: 5, recognisedHere: false, forward: true });
    expect(outcomeAt(v2, 'province', 4500)).toEqual({ star: 2, recognisedHere: false, forward: false });
    expect(outcomeAt(v1, 'district', 6000)).toEqual({ star: 3, recognisedHere: true, forward: false });
    expect(outcomeAt(v1, 'district', 7500)).toEqual({ star: 4, recognisedHere: false, forward: true });
    expect(outcomeAt(v2, 'central', 9500)).toEqual({ star: 5, recognisedHere: true, forward: false });
  });
});

describe('OCOP cycle', () => {
  it('every transition names who may take it; no transition starts and ends at the same stage', () => {
    for (const t of TRANSITIONS) {
      expect(t.by.length).toBeGreaterThan(0);
      expect(t.from).not.toContain(t.to);
    }
  });

  it('refuses with the reason: wrong stage, wrong actor, missing documents, missing note', () => {
    expect(checkTransition('awareness', 'approve_plan', 'office', [], null)).toMatchObject({
      ok: false,
      problem: 'not_from_this_stage',
    });
    expect(checkTransition('plan_submitted', 'approve_plan', 'producer', [], null)).toMatchObject({
      ok: false,
      problem: 'not_allowed_for_actor',
    });
    expect(checkTransition('awareness', 'register_idea', 'producer', [], null)).toEqual({
      ok: false,
      problem: 'documents_missing',
      missing: ['phieu_y_tuong'],
    });
    expect(checkTransition('idea_registered', 'return_idea', 'office', [], ' ')).toMatchObject({
      ok: false,
      problem: 'note_required',
    });
    expect(checkTransition('awareness', 'register_idea', 'producer', ['phieu_y_tuong'], null)).toEqual({
      ok: true,
      to: 'idea_registered',
    });
  });
});
