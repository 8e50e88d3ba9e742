/**
 * A unit is assessed on levels: the standard (base) set, and on request the advanced and model sets
 * derived from it. Stored results (`features/assessments/results.ts`) and the "what if" comparison
 * evaluate the levels and decide attainment through these two functions, so both count alike.
 */
import { evaluateCompact, packValues, type CompactEvaluation, type CompiledSet } from './engine';
import type { IndicatorValue } from './schema';

export type TargetLevel = 'ntm' | 'advanced' | 'model';
export type LevelSets = { base: CompiledSet; advanced: CompiledSet | null; model: CompiledSet | null };
export type LevelResults = {
  base: CompactEvaluation;
  advanced: CompactEvaluation | null;
  model: CompactEvaluation | null;
  /** The highest level evaluated: the set whose indicators the unit fills in. */
  target: CompactEvaluation;
};

/**
 * Evaluates the base set, the advanced set when the unit aims at advanced or model, and the model
 * set when it aims at model. `run` evaluates the unit's values against one set (callers may share
 * packing between sets of the same layout, or evaluate into reused buffers).
 */
export function evaluateLevels(sets: LevelSets, target: TargetLevel, run: (set: CompiledSet) => CompactEvaluation): LevelResults {
  const base = run(sets.base);
  const advanced = target !== 'ntm' && sets.advanced ? run(sets.advanced) : null;
  const model = target === 'model' && sets.model ? run(sets.model) : null;
  return { base, advanced, model, target: model ?? advanced ?? base };
}

/** Packs the values for the set and evaluates them into a fresh result. */
export const evaluateValues =
  (values: Readonly<Record<string, IndicatorValue | null | undefined>>) =>
  (set: CompiledSet): CompactEvaluation =>
    evaluateCompact(set, packValues(set, values));

/** Each level requires the ones below it; a level not evaluated is null. */
export function levelAttainment(e: Pick<LevelResults, 'base' | 'advanced' | 'model'>) {
  const standard = e.base.standardMet;
  return {
    standard,
    advanced: e.advanced ? standard && e.advanced.standardMet : null,
    model: e.model ? standard && Boolean(e.advanced?.standardMet) && e.model.standardMet : null,
  };
}
