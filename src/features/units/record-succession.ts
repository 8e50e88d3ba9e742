import type { Actor, Deps, RequestMeta } from '../../context';
import { planSuccession, TimelineRuleError, type SuccessionCommand } from '../../domain/units/succession';
import { ruleViolation } from '../../lib/errors';
import { authorize } from '../access/authorize';
import { writeAudit } from '../audit/write-audit';
import { loadTimeline } from './queries';
import { rebuildUnitScope } from './scope';
import { writePlan } from './write';

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
  for (const id of new Set(touchedUnits(input.command))) await authorize(deps.db, actor, 'unit.manage', id);
  return deps.db.transaction(async (tx) => {
    const tl = await loadTimeline(tx);
    let plan;
    try {
      plan = planSuccession(tl, input.command);
    } catch (err) {
      if (err instanceof TimelineRuleError) throw ruleViolation(err.rule, err.info);
      throw err;
    }
    const { event, newUnitIds } = await writePlan(tx, plan, {
      legalBasis: input.legalBasis,
      legalBasisDate: input.legalBasisDate ?? null,
      note: input.note ?? null,
      now: meta.now,
    });
    await rebuildUnitScope(tx);
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: `unit.succession.${plan.kind}`,
        entityType: 'unit_event',
        entityId: event.id,
        unitId: newUnitIds[0] ?? plan.eventFrom[0] ?? null,
        after: { ...input, eventId: event.id, newUnitIds },
      },
    );
    return { eventId: event.id, newUnitIds };
  });
}
