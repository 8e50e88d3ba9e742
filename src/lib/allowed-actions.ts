import { stepsFrom, type Lifecycle } from '../domain/lifecycles/machine';

/** Where a record's open steps come from: its lifecycle table, or a flow that lists them per state. */
export type OpenSteps<S extends string, A extends string> = Lifecycle<S, A> | ((state: S) => readonly A[]);

/**
 * The steps the caller may take on a record now: those its lifecycle opens from `state` (in the
 * table's order) for which `can` holds. `can` must decide as the write path does (the same
 * permission on the same unit), so a page offers exactly what the server then accepts.
 */
export async function allowedActions<S extends string, A extends string>(
  steps: OpenSteps<S, A>,
  state: S,
  can: (action: A) => boolean | Promise<boolean>,
): Promise<A[]> {
  const open = typeof steps === 'function' ? steps(state) : stepsFrom(steps, state);
  const out: A[] = [];
  for (const a of open) if (await can(a)) out.push(a);
  return out;
}
