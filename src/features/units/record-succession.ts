import type { Actor, Deps, RequestMeta } from '../../context';
import { planSuccession, TimelineRuleError, type SuccessionCommand } from '../../domain/units/succession';
import { ruleViolation } from '../../lib/errors';
import { write } from '../access/write-path';
import { loadTimeline } from './queries';
import { rebuildUnitScope } from './scope';
import { lockUnitTree, writePlan } from './write';

export type RecordSuccessionInput = {
  command: SuccessionCommand;
  legalBasis: string;
  legalBasisDate?: string | null | undefined;
  note?: string | null | undefined;
};

/** Units the command touches; the actor must be allowed to manage every one of them. */
function touchedUnits(cmd: SuccessionCommand): number[] {
  switch (cmd.kind) {
    case 'merge':
      return [...cmd.from, ...(cmd.intoUnitId ? [cmd.intoUnitId] : []), ...(cmd.newUnit ? [cmd.newUnit.parentId] : [])];
    case 'rename':
    case 'reclassify':
      return [...cmd.from, cmd.newUnit.parentId];
    case 'split':
      return [...cmd.from, ...cmd.newUnits.map((n) => n.parentId)];
    case 'reassign':
      return [...cmd.unitIds, cmd.newParentId];
    case 'dissolve':
      return [...cmd.from, cmd.childrenTo];
  }
}

export async function recordSuccession(deps: Deps, actor: Actor, meta: RequestMeta, input: RecordSuccessionInput) {
  return write(
    { deps, actor, meta },
    {
      can: 'unit.manage',
      load: async () => input,
      units: (i) => [...new Set(touchedUnits(i.command))],
      lock: async (tx, i) => {
        await lockUnitTree(tx);
        return i;
      },
      apply: async (tx, i) => {
        const tl = await loadTimeline(tx);
        let plan;
        try {
          plan = planSuccession(tl, i.command);
        } catch (err) {
          if (err instanceof TimelineRuleError) throw ruleViolation(err.rule, err.info);
          throw err;
        }
        const { event, newUnitIds } = await writePlan(tx, plan, {
          legalBasis: i.legalBasis,
          legalBasisDate: i.legalBasisDate ?? null,
          note: i.note ?? null,
          now: meta.now,
        });
        await rebuildUnitScope(tx);
        return {
          result: { eventId: event.id, newUnitIds },
          audit: {
            action: `unit.${plan.kind}`,
            entityType: 'unit_event',
            entityId: event.id,
            unitId: newUnitIds[0] ?? plan.eventFrom[0] ?? null,
            after: { ...i, eventId: event.id, newUnitIds },
          },
        };
      },
    },
  );
}
