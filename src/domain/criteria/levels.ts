/**
 * A unit is assessed on levels: the standard (base) set, and on request the advanced and model sets
 * derived from it. Stored results (`features/assessments/results.ts`) and the "what if" comparison
 * evaluate the levels and decide attainment through these two functions, so both count alike.
 */
import { evaluateCompact, type CompactEvaluation, type CompiledSet, type PackedValues } from './engine';

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
 * set when it aims at model. `pack` gives the unit's values laid out for a set (callers may share
 * one packing between sets of the same layout).
 */
export function evaluateLevels(sets: LevelSets, target: TargetLevel, pack: (set: CompiledSet) => PackedValues): LevelResults {
  const base = evaluateCompact(sets.base, pack(sets.base));
  const advanced = target !== 'ntm' && sets.advanced ? evaluateCompact(sets.advanced, pack(sets.advanced)) : null;
  const model = target === 'model' && sets.model ? evaluateCompact(sets.model, pack(sets.model)) : null;
  return { base, advanced, model, target: model ?? advanced ?? base };
}

/** Each level requires the ones below it; a level not evaluated is null. */
export function levelAttainment(e: Pick<LevelResults, 'base' | 'advanced' | 'model'>) {
  const standard = e.base.standardMet;
  return {
    standard,
    advanced: e.advanced ? standard && e.advanced.standardMet : null,
    model: e.model ? standard && Boolean(e.advanced?.standardMet) && e.model.standardMet : null,
  };
}
